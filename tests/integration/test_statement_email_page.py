"""The wall's "Send statement" and the templates page through the real app (outbox mode:
the app fixture configures no SMTP server)."""

from __future__ import annotations

import email
from email.policy import default as default_policy
from typing import Any

from sqlalchemy import select

from data_access.db import session_scope
from data_access.models import Contact, Customer, Message, MessageTemplate
from tests.integration.conftest import callback_text, login, render_request


def _callback(app, first_output: str) -> tuple[str, list[dict[str, str]]]:  # type: ignore[no-untyped-def]
    """The output key Dash registered for the callback writing ``first_output``, and its
    outputs as the renderer sends them."""
    key = next(k for k in app.callback_map if k.lstrip(".").startswith(first_output))
    outputs = []
    for part in key.strip(".").split("..."):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": component, "property": prop})
    return key, outputs


def send_request(app, code: str, token: str, **form: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    key, outputs = _callback(app, "message-result.children")
    values = {"contacts": [], "other": "", "scope": "overdue", "tone": "auto", "language": "es"}
    values.update(form)
    ids = ["message-contacts", "message-other", "message-scope", "message-tone", "message-language"]
    return {
        "output": key,
        "outputs": outputs,
        "inputs": [{"id": "message-send", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["message-send.n_clicks"],
        "state": [
            {"id": "message-token", "property": "data", "value": token},
            *(
                {"id": i, "property": "value", "value": v}
                for i, v in zip(ids, values.values(), strict=True)
            ),
            {"id": "wall-customer", "property": "data", "value": code},
        ],
    }


def preview_request(app, subject: str, body: str, customer: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    key, outputs = _callback(app, "templates-problems.children")
    return {
        "output": key,
        "outputs": outputs,
        "inputs": [
            {"id": "templates-customer", "property": "value", "value": customer},
            {"id": "templates-subject", "property": "value", "value": subject},
            {"id": "templates-body", "property": "value", "value": body},
        ],
        "changedPropIds": ["templates-body.value"],
        "state": [
            {"id": "templates-tone", "property": "value", "value": "firm"},
            {"id": "templates-language", "property": "value", "value": "en"},
        ],
    }


def _sessions(app):  # type: ignore[no-untyped-def]
    return app.server.extensions["cartera"].sessions


def test_a_collector_sends_a_statement_to_the_outbox_once(app, client, tmp_path):
    with session_scope(_sessions(app)) as sess:
        c1 = sess.scalar(select(Customer).where(Customer.code == "C1"))
        contact = Contact(customer_id=c1.id, name="Ana Pérez", email="ana@tornillo.example.com")
        sess.add(contact)
        sess.flush()
        contact_id = contact.id
    login(client, "cobra1")
    client.get("/language/en")
    body = send_request(app, "C1", "tok-1", contacts=[str(contact_id)], scope="open")
    answer = callback_text(client.post("/_dash-update-component", json=body))
    assert "Saved to the outbox, not sent" in answer and "ana@tornillo.example.com" in answer
    assert "in the outbox, not sent" in answer  # the new timeline entry and its status
    again = callback_text(client.post("/_dash-update-component", json=body))
    assert "already used" in again
    with session_scope(_sessions(app)) as sess:
        messages = sess.scalars(select(Message)).all()
        assert [(m.status, m.recipient, m.customer_id) for m in messages] == [
            ("outbox", "ana@tornillo.example.com", c1.id)
        ]
        subject = messages[0].subject
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    parsed = email.message_from_bytes(files[0].read_bytes(), policy=default_policy)
    assert parsed["Subject"] == subject and subject.startswith("Aviso de cobro Cartera: 1.250,00")


def test_a_collector_cannot_send_for_a_customer_outside_their_scope(app, client, tmp_path):
    login(client, "cobra1")
    client.get("/language/en")
    body = send_request(app, "C2", "tok-2", other="ana@northwind.example.com", scope="open")
    answer = callback_text(client.post("/_dash-update-component", json=body))
    assert "You cannot send messages for this customer." in answer
    with session_scope(_sessions(app)) as sess:
        assert sess.scalars(select(Message)).all() == []
    assert not (tmp_path / "outbox").exists()


def test_a_bad_typed_address_is_refused_naming_the_field(app, client):
    login(client, "admin")
    client.get("/language/en")
    body = send_request(app, "C1", "tok-3", other="ana@@tornillo")
    answer = callback_text(client.post("/_dash-update-component", json=body))
    assert "Other addresses: ana@@tornillo is not a valid e-mail address." in answer


def test_the_templates_page_is_for_admins_and_refuses_unknown_placeholders(app, client):
    login(client, "admin")
    client.get("/language/en")
    page = callback_text(
        client.post("/_dash-update-component", json=render_request("/admin/templates"))
    )
    assert "Message templates" in page and "{customer_name}" in page
    assert "Ferretería El Tornillo (C1)" in page
    with session_scope(_sessions(app)) as sess:
        c1 = sess.scalar(select(Customer.id).where(Customer.code == "C1"))
    bad = preview_request(app, "Hi {cliente}", "Dear {customer_name}", str(c1))
    answer = callback_text(client.post("/_dash-update-component", json=bad))
    assert "Subject: {cliente} is not a placeholder (see the list)." in answer
    good = preview_request(
        app, "Notice {company}: {total}", "Dear {customer_name},\n\n{invoice_list}", str(c1)
    )
    answer = callback_text(client.post("/_dash-update-component", json=good))
    assert "Notice Cartera: $1,250.00" in answer and "Dear Ferretería El Tornillo," in answer
    with session_scope(_sessions(app)) as sess:
        assert sess.scalars(select(MessageTemplate)).all() == []  # previews never save
    client.get("/logout")
    login(client, "cobra1")
    page = callback_text(
        client.post("/_dash-update-component", json=render_request("/admin/templates"))
    )
    assert "Message templates" not in page


def test_the_wall_offers_send_statement(client):
    login(client, "cobra1")
    client.get("/language/es")
    page = callback_text(
        client.post("/_dash-update-component", json=render_request("/customers/C1"))
    )
    assert "wall-open-message" in page and "Enviar estado de cuenta" in page


def test_the_statement_pdf_sums_the_aging_buckets(client):
    import io

    from pypdf import PdfReader

    login(client, "admin")
    client.get("/language/en")
    pdf = client.get("/export/statement.pdf?customer=C1&as_of=2024-03-31").get_data()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Aging of the open documents" in text
    # F-3 current 250.00; F-2 29 days late 500.00; F-1 60 days late 500.00.
    for line in ("Current $250.00", "1-30 days $500.00", "31-60 days $500.00", "121+ days $0.00"):
        assert line in text
