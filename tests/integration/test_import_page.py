"""The import page through the callback endpoint: upload -> preview errors -> import ->
summary, recorded in the audit trail; collectors and viewers are refused."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import pytest
from sqlalchemy import select

from data_access import audit
from data_access.db import session_scope
from data_access.models import Customer, Document, User
from data_access.users import add_user
from tests.factories import PASSWORD
from tests.integration.conftest import login

BAD = (
    "Nro. Factura;Cliente;Fecha de emisión;Fecha de vencimiento;Monto\n"
    "N-1;C1;05/01/2024;04/02/2024;1.234,56\n"
    "N-2;C1;20/01/2024;31/02/2024;99,90\n"
    "N-3;C2;13/02/2024;14/03/2024;2.000,00\n"
)
GOOD = BAD.replace("31/02/2024", "19/02/2024")
FILE_OUTPUTS = [
    ("import-file", "data"),
    ("import-file-info", "children"),
    ("import-base", "data"),
    ("import-kinds", "value"),
    ("import-decimal", "value"),
    ("import-date-format", "value"),
    ("import-date-format", "options"),
    ("import-format-note", "children"),
    ("import-upload", "contents"),
    ("import-plan", "data@dup"),
]
JOB_OUTPUTS = [
    ("import-job", "data"),
    ("import-poll", "disabled"),
    ("import-status", "children"),
    ("import-progress", "value"),
    ("import-summary", "children"),
]
POLL_OUTPUTS = [
    ("import-progress", "value@dup"),
    ("import-progress", "animated"),
    ("import-progress", "striped"),
    ("import-status", "children@dup"),
    ("import-preview", "children"),
    ("import-summary", "children@dup"),
    ("import-poll", "disabled@dup"),
    ("import-checked", "data"),
]


def _prop(pair: tuple[str, str]) -> dict[str, str]:
    return {"id": pair[0], "property": pair[1].split("@")[0]}


def registered_key(app, outputs) -> str:  # type: ignore[no-untyped-def]
    """The callback map key of these outputs (Dash hashes outputs with allow_duplicate)."""
    first, prop = outputs[0]
    start = f"..{first}.{prop.split('@')[0]}" + ("@" if "@" in prop else ".")
    return next(key for key in app.callback_map if key.startswith(start))


def post(app, client, outputs, inputs, state=()):  # type: ignore[no-untyped-def]
    body = {
        "output": registered_key(app, outputs),
        "outputs": [_prop(o) for o in outputs],
        "inputs": [{**_prop(i), "value": v} for i, v in inputs],
        "changedPropIds": [f"{inputs[0][0][0]}.{inputs[0][0][1]}"],
        "state": [{**_prop(s), "value": v} for s, v in state],
    }
    return client.post("/_dash-update-component", json=body)


def upload(app, client, text: str, name: str = "facturas.csv"):  # type: ignore[no-untyped-def]
    contents = "data:text/csv;base64," + base64.b64encode(text.encode()).decode()
    return post(
        app,
        client,
        FILE_OUTPUTS,
        [(("import-upload", "contents"), contents), (("import-saved", "value"), None)],
        [
            (("import-upload", "filename"), name),
            (("import-file", "data"), None),
            (("import-plan", "data"), None),
        ],
    )


def start(app, client, mode: str, file, plan, kinds, decimal, date_format):  # type: ignore[no-untyped-def]
    check, run = (1, None) if mode == "check" else (None, 1)
    body_inputs = [(("import-check", "n_clicks"), check), (("import-run", "n_clicks"), run)]
    state = [
        (("import-file", "data"), file),
        (("import-plan", "data"), plan),
        (("import-kinds", "value"), kinds),
        (("import-decimal", "value"), decimal),
        (("import-date-format", "value"), date_format),
    ]
    key = registered_key(app, JOB_OUTPUTS)
    body = {
        "output": key,
        "outputs": [_prop(o) for o in JOB_OUTPUTS],
        "inputs": [{**_prop(i), "value": v} for i, v in body_inputs],
        "changedPropIds": [f"import-{'check' if mode == 'check' else 'run'}.n_clicks"],
        "state": [{**_prop(s), "value": v} for s, v in state],
    }
    return client.post("/_dash-update-component", json=body)


def wait_for_job(app, client, job, file) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Poll until the job is over; the last answer's outputs."""
    for _ in range(120):
        response = post(
            app,
            client,
            POLL_OUTPUTS,
            [(("import-poll", "n_intervals"), 1)],
            [(("import-job", "data"), job), (("import-file", "data"), file)],
        )
        assert response.status_code == 200
        answer = response.get_json()["response"]
        if answer["import-poll"]["disabled"]:
            return answer
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def test_upload_preview_errors_then_import_and_summary(app, client):
    login(client, "admin")
    client.get("/language/en")
    page = client.post(
        "/_dash-update-component",
        json={
            "output": "shell-page.children",
            "outputs": {"id": "shell-page", "property": "children"},
            "inputs": [{"id": "shell-url", "property": "pathname", "value": "/admin/import"}],
            "changedPropIds": ["shell-url.pathname"],
            "state": [{"id": "shell-url", "property": "search", "value": ""}],
        },
    )
    assert "import-upload" in page.get_data(as_text=True)
    assert "ibm-receivables" in page.get_data(as_text=True)

    answer = upload(app, client, BAD).get_json()["response"]
    file = answer["import-file"]["data"]
    assert file["rows"] == 3 and len(file["token"]) == 64
    assert answer["import-kinds"]["value"] == ["invoices"]
    assert answer["import-decimal"]["value"] == "comma"
    assert answer["import-date-format"]["value"] == "%d/%m/%Y"
    guessed = answer["import-base"]["data"]["invoices"]
    assert guessed["Nro. Factura"] == ["number"] and guessed["Monto"] == ["amount"]

    # The file names customers C1 and C2 of the hand-worked portfolio: invoices only.
    plan = {"invoices": guessed}
    job = start(app, client, "check", file, plan, ["invoices"], "comma", "%d/%m/%Y").get_json()
    job = job["response"]["import-job"]["data"]
    done = wait_for_job(app, client, job, file)
    preview = json.dumps(done["import-preview"]["children"], ensure_ascii=False)
    assert "1 problem(s) in 1 row(s)" in preview
    assert "Row 3" in preview and "Fecha de vencimiento" in preview
    assert "bad date '31/02/2024'" in preview
    assert "table-danger" in preview  # the bad cell is marked in the first rows
    assert done["import-checked"]["data"] is None
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        assert sess.scalar(select(Document).where(Document.number == "N-1")) is None

    answer = upload(app, client, GOOD).get_json()["response"]
    file = answer["import-file"]["data"]
    job = start(app, client, "check", file, plan, ["invoices"], "comma", "%d/%m/%Y").get_json()
    done = wait_for_job(app, client, job["response"]["import-job"]["data"], file)
    assert done["import-checked"]["data"]  # a clean check enables Import
    assert "No problems" in json.dumps(done["import-preview"]["children"])

    job = start(app, client, "import", file, plan, ["invoices"], "comma", "%d/%m/%Y").get_json()
    done = wait_for_job(app, client, job["response"]["import-job"]["data"], file)
    summary = json.dumps(done["import-summary"]["children"], ensure_ascii=False)
    assert "Imported: facturas.csv" in summary and "import-summary-invoices" in summary
    assert done["import-progress"]["value"] == 100
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        amount = sess.scalar(select(Document.amount).where(Document.number == "N-1"))
        assert str(amount) == "1234.56"
        entry = audit.entries(sess, entity="import")[0]
        admin = sess.scalar(select(User.id).where(User.username == "admin"))
        assert entry.user_id == admin
        details = audit.details_of(entry)
        assert details["file"] == "facturas.csv" and details["sha256"] == file["token"]
        assert details["kinds"]["invoices"]["created"] == 3


def test_saved_mapping_applies_to_the_uploaded_file(app, client):
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        add_user(sess, "gerente", role="manager", password=PASSWORD)
    login(client, "gerente")
    answer = upload(app, client, "customerID,invoiceNumber\nX1,1\n").get_json()["response"]
    file = answer["import-file"]["data"]
    key = registered_key(app, FILE_OUTPUTS)
    body = {
        "output": key,
        "outputs": [_prop(o) for o in FILE_OUTPUTS],
        "inputs": [
            {"id": "import-upload", "property": "contents", "value": None},
            {"id": "import-saved", "property": "value", "value": "ibm-receivables"},
        ],
        "changedPropIds": ["import-saved.value"],
        "state": [
            {"id": "import-upload", "property": "filename", "value": None},
            {"id": "import-file", "property": "data", "value": file},
            {"id": "import-plan", "property": "data", "value": None},
        ],
    }
    response = client.post("/_dash-update-component", json=body)
    answer = response.get_json()["response"]
    assert answer["import-kinds"]["value"] == ["customers", "invoices", "payments"]
    assert answer["import-date-format"]["value"] == "%m/%d/%Y"
    assert answer["import-base"]["data"]["payments"]["invoiceNumber"] == [
        "reference",
        "invoice_number",
    ]


@pytest.mark.parametrize("username", ["cobra1", "mira"])
def test_collectors_and_viewers_are_refused(app, client, username):
    login(client, username)
    page = client.post(
        "/_dash-update-component",
        json={
            "output": "shell-page.children",
            "outputs": {"id": "shell-page", "property": "children"},
            "inputs": [{"id": "shell-url", "property": "pathname", "value": "/admin/import"}],
            "changedPropIds": ["shell-url.pathname"],
            "state": [{"id": "shell-url", "property": "search", "value": ""}],
        },
    )
    assert "import-upload" not in page.get_data(as_text=True)
    assert client.get("/admin/import").status_code == 403
    assert upload(app, client, GOOD).status_code == 204  # refused: nothing kept
    response = start(app, client, "import", {"token": "0" * 64, "name": "x.csv"}, {}, [], "", "")
    assert response.status_code == 204
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        assert sess.scalar(select(Customer).where(Customer.code == "C9")) is None
