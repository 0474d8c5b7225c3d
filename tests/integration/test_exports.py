"""Downloads: the data under each page, with its filters, in CSV, XLSX and PDF, behind the login."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from dashboard.cli import main
from tests.integration.conftest import login

AS_OF = "as_of=2024-03-31"


def _csv(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.data
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.data.decode())))


def _pdf_text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.data
    assert response.data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


def test_anonymous_downloads_go_to_the_login(client):
    response = client.get(f"/export/portfolio.csv?{AS_OF}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_portfolio_csv_has_every_customer_of_the_view_with_exact_money(client):
    login(client, "admin")
    response = client.get(f"/export/portfolio.csv?{AS_OF}")
    assert "cartera-portfolio-2024-03-31.csv" in response.headers["Content-Disposition"]
    rows = {row["customer_code"]: row for row in _csv(response)}
    # Hand-worked in tests/factories.py: C1 1,250.00; C2 10.01; C3 a 75.00 credit.
    assert {code: rows[code]["balance"] for code in rows} == {
        "C1": "1250.00",
        "C2": "10.01",
        "C3": "-75.00",
    }
    assert rows["C1"]["current"] == "250.00" and rows["C1"]["oldest_days_overdue"] == "60"
    assert sum(Decimal(row["balance"]) for row in rows.values()) == Decimal("1185.01")


def test_portfolio_csv_keeps_the_page_filters_and_the_collector_scope(client):
    login(client, "admin")
    rows = _csv(client.get(f"/export/portfolio.csv?{AS_OF}&seller=S1"))
    assert sorted(row["customer_code"] for row in rows) == ["C1", "C3"]
    client.get("/logout")
    login(client, "cobra2")
    rows = _csv(client.get(f"/export/portfolio.csv?{AS_OF}"))
    assert [row["customer_code"] for row in rows] == ["C2"]


def test_xlsx_keeps_numbers_as_numbers(client):
    login(client, "admin")
    response = client.get(f"/export/portfolio.xlsx?{AS_OF}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    values = {
        row[header.index("customer_code")]: row for row in sheet.iter_rows(2, values_only=True)
    }
    balance = values["C2"][header.index("balance")]
    assert isinstance(balance, int | float) and round(balance, 2) == 10.01


def test_invoice_aging_csv_is_the_cli_report(app, client):
    login(client, "admin")
    page = client.get(f"/export/aging.csv?{AS_OF}&by=invoice").data.decode()
    settings = app.server.extensions["cartera"].settings
    env = {
        "DATABASE_URL": settings.database_url,
        "CARTERA_INSTANCE": str(settings.instance_path),
        "SECRET_KEY": "x" * 32,
    }
    cli = CliRunner().invoke(
        main, ["report", "aging", "--as-of", "2024-03-31", "--by", "invoice"], env=env
    )
    assert cli.exit_code == 0 and page == cli.output


def test_statement_pdf_lists_the_open_invoices_and_the_balance(client):
    login(client, "admin")
    client.get("/language/en")
    text = _pdf_text(client.get(f"/export/statement.pdf?customer=C1&{AS_OF}"))
    for number in ("F-1", "F-2", "F-3"):
        assert number in text
    assert "Ferreter" in text and "$1,250.00" in text
    assert "Statement of account" in text


def test_aging_pdf_of_the_heat_map_has_totals_in_spanish(client):
    login(client, "admin")
    client.get("/language/es")
    text = _pdf_text(client.get(f"/export/portfolio.pdf?{AS_OF}"))
    assert "Antigüedad de cuentas por cobrar" in text
    assert "1185,01" in text.replace(".", "").replace("\xa0", "")


def test_a_statement_outside_the_scope_is_not_found(client):
    login(client, "cobra2")
    assert client.get(f"/export/statement.pdf?customer=C1&{AS_OF}").status_code == 404
    assert client.get(f"/export/statement.csv?customer=C2&{AS_OF}").status_code == 200


def test_bad_requests_name_the_parameter(client):
    login(client, "admin")
    response = client.get("/export/portfolio.csv?as_of=31/03/2024")
    assert response.status_code == 400 and b"as_of" in response.data
    response = client.get("/export/aging.csv?by=planet")
    assert response.status_code == 400 and b"by:" in response.data
    assert client.get("/export/statement.pdf").status_code == 400
    assert client.get("/export/nothing.csv").status_code == 404
    assert client.get("/export/customers.pdf").status_code == 404
