"""The import page as a person uses it: upload, fix the mapping, read the preview's
problems, upload the corrected file, import, and find the customers on the heat map."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

HEADER = "Código cliente;Razón social;Factura;Fecha;Vence;Saldo\n"
ROWS = (
    "N100;Nuevo Uno;B-1;13/01/2024;12/02/2024;1.500,00\n"
    "N101;Nuevo Dos;B-2;15/01/2024;14/02/2024;2.750,50\n"
)
BAD_ROW = "N101;Nuevo Dos;B-3;20/01/2024;19/13/2024;80,00\n"
GOOD_ROW = "N101;Nuevo Dos;B-3;20/01/2024;19/02/2024;80,00\n"


def _click(dash_duo, element) -> None:  # type: ignore[no-untyped-def]
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    dash_duo.driver.execute_script("arguments[0].click()", element)


def _field_select(kind: str, column: int) -> str:
    """The CSS selector of a mapping select (Dash writes dict ids as sorted JSON)."""
    key = json.dumps(
        {"column": column, "kind": kind, "type": "import-field"}, separators=(",", ":")
    )
    return f"[id='{key}']"


def _upload(dash_duo, path) -> None:  # type: ignore[no-untyped-def]
    dash_duo.find_element("#import-upload input[type=file]").send_keys(str(path))


def test_upload_fix_mapping_preview_import_and_heat_map(dash_duo, cartera_app, tmp_path):
    bad = tmp_path / "bad" / "saldos.csv"
    good = tmp_path / "good" / "saldos.csv"
    for path, last in ((bad, BAD_ROW), (good, GOOD_ROW)):
        path.parent.mkdir()
        path.write_text(HEADER + ROWS + last, encoding="utf-8")
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "admin")
    dash_duo.driver.get(dash_duo.server.url + "/language/en")
    dash_duo.driver.get(dash_duo.server.url + "/admin/import")
    _upload(dash_duo, bad)
    dash_duo.wait_for_contains_text("#import-file-info", "saldos.csv: 3 rows")
    dash_duo.wait_for_element(_field_select("invoices", 5))
    # The guess found invoices; "Saldo" is not a name it knows, so Amount is missing.
    dash_duo.wait_for_contains_text("#import-mapping-note", "choose a column for Amount")

    # Customers come from the same rows: tick the kind (its columns are guessed).
    _click(
        dash_duo,
        dash_duo.find_element("label[for='_dbcprivate_checklist_import-kinds_input_customers']"),
    )
    dash_duo.wait_for_element(_field_select("customers", 1))
    # Fix the mapping: "Saldo" goes to the invoice amount.
    _click(dash_duo, dash_duo.find_element(_field_select("invoices", 5)))
    option = WebDriverWait(dash_duo.driver, 10).until(
        lambda d: next(
            (o for o in d.find_elements(By.CSS_SELECTOR, "[role=option]") if o.text == "Amount *"),
            None,
        )
    )
    _click(dash_duo, option)
    dash_duo.driver.find_element(By.TAG_NAME, "body").send_keys("\ue00c")  # Escape
    dash_duo.wait_for_contains_text("#import-mapping-note", "Every required field has a column")
    assert dash_duo.find_element("#import-decimal").get_attribute("value") == "comma"
    assert dash_duo.find_element("#import-date-format").get_attribute("value") == "%d/%m/%Y"

    _click(dash_duo, dash_duo.find_element("#import-check"))
    dash_duo.wait_for_contains_text("#import-preview", "1 problem(s) in 1 row(s)", timeout=30)
    preview = dash_duo.find_element("#import-preview").text
    assert "Row 4 · Vence" in preview and "bad date '19/13/2024'" in preview
    bad_cell = dash_duo.find_element("#import-preview td.table-danger")
    assert bad_cell.text == "19/13/2024"
    assert dash_duo.find_element("#import-run").get_attribute("disabled")

    # The corrected export has the same columns: the fixed mapping is kept.
    _upload(dash_duo, good)
    dash_duo.wait_for_contains_text("#import-mapping-note", "Every required field has a column")
    _click(dash_duo, dash_duo.find_element("#import-check"))
    dash_duo.wait_for_contains_text("#import-preview", "No problems", timeout=30)
    WebDriverWait(dash_duo.driver, 10).until(
        lambda _: not dash_duo.find_element("#import-run").get_attribute("disabled")
    )
    _click(dash_duo, dash_duo.find_element("#import-run"))
    dash_duo.wait_for_contains_text("#import-summary", "Imported: saldos.csv", timeout=30)
    assert dash_duo.find_element("#import-summary-customers").text.split()[-4:] == [
        "2",
        "0",
        "0",
        "0",
    ]
    assert dash_duo.find_element("#import-summary-invoices").text.endswith("3 0 0 0")

    dash_duo.driver.get(dash_duo.server.url + "/")
    ids = "return document.querySelector('#portfolio-treemap .js-plotly-plot').data[0].ids"
    WebDriverWait(dash_duo.driver, 20).until(
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, "#portfolio-treemap .js-plotly-plot")
            and d.execute_script(ids)
        )
    )
    shown = dash_duo.driver.execute_script(ids)
    assert "c:N100" in shown and "c:N101" in shown
    assert dash_duo.get_logs() == []
