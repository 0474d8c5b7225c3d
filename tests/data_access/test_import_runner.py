"""Imports through a mapping (the page's and ``cartera import --mapping``'s path).

One bad row imports nothing and is reported with its row and column; re-importing
changes nothing; the preview keeps nothing; IBM's receivables sample imports as
customers, invoices and payments whose days late match its own DaysLate column.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.wall_metrics import days_late
from data_access import audit
from data_access.importers import ImportErrorReport, ImportResult, RowError
from data_access.importers.plan import ImportPlan, PlanError, plan_from_json
from data_access.importers.presets import PRESETS
from data_access.importers.runner import (
    ImportRefused,
    file_sha256,
    import_planned,
    preview_planned,
)
from data_access.importers.saved import get_plan, mapping_names, save_plan
from data_access.models import Allocation, Customer, Document, Payment

# A Spanish ERP export: ";" separated, decimal comma, day-first dates, one kind per
# row's columns: the customer (code and name) and its invoice.
SPANISH = [
    ["Nro. Factura", "Cód. Cliente", "Razón social", "Fecha de emisión", "Vence", "Importe"],
    ["F-001", "C-10", "Ferretería Uno", "05/01/2024", "04/02/2024", "1.234,56"],
    ["F-002", "C-10", "Ferretería Uno", "20/01/2024", "19/02/2024", "Bs. 99,90"],
    ["F-003", "C-11", "Bodega Dos", "13/02/2024", "14/03/2024", "2.000,00"],
]
PLAN = ImportPlan(
    {
        "customers": {"Cód. Cliente": ("code",), "Razón social": ("name",)},
        "invoices": {
            "Nro. Factura": ("number",),
            "Cód. Cliente": ("customer_code",),
            "Fecha de emisión": ("issue_date",),
            "Vence": ("due_date",),
            "Importe": ("amount",),
        },
    },
    decimal="comma",
    date_format="%d/%m/%Y",
    name="erp-es",
)


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def count(session: Session, model: object) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[arg-type]


def run(session: Session, path: Path, plan: ImportPlan = PLAN):  # type: ignore[no-untyped-def]
    return import_planned(session, path, plan, currency="USD", user_id=None, via="test")


def test_spanish_export_imports_customers_and_invoices(session, tmp_path):
    outcome = run(session, write_csv(tmp_path / "erp.csv", SPANISH))
    session.commit()
    assert outcome.results == {
        "customers": ImportResult("customers", 2, 0, 0),  # C-10 twice: one customer
        "invoices": ImportResult("invoices", 3, 0, 0),
    }
    amounts = dict(session.execute(select(Document.number, Document.amount)).all())
    assert amounts == {
        "F-001": Decimal("1234.56"),
        "F-002": Decimal("99.90"),
        "F-003": Decimal("2000.00"),
    }
    due = session.scalar(select(Document.due_date).where(Document.number == "F-003"))
    assert due == dt.date(2024, 3, 14)
    names = dict(session.execute(select(Customer.code, Customer.name)).all())
    assert names == {"C-10": "Ferretería Uno", "C-11": "Bodega Dos"}


def test_one_bad_row_imports_nothing_and_reports_that_row(session, tmp_path):
    rows = [*SPANISH, ["F-004", "C-12", "Tienda Tres", "31/02/2024", "01/03/2024", "10,00"]]
    path = write_csv(tmp_path / "erp.csv", rows)
    with pytest.raises(ImportRefused) as refused:
        run(session, path)
    session.rollback()
    assert refused.value.errors == [
        RowError(5, "Fecha de emisión", "invoices: bad date '31/02/2024' (expected DD/MM/YYYY)")
    ]
    assert refused.value.outcome.rejected == {"invoices": 1}
    assert count(session, Customer) == count(session, Document) == 0
    assert audit.entries(session, entity="import") == []


def test_every_problem_of_the_file_is_reported_even_across_kinds(session, tmp_path):
    rows = [
        *SPANISH,
        ["F-004", "C-12", "", "01/03/2024", "01/03/2024", "10,00"],  # customer without a name
        ["F-005", "C-10", "Ferretería Uno", "01/03/2024", "29/02/2024", "1,234.00"],
        ["F-006", "C-10", "Ferretería UNO", "01/03/2024", "30/03/2024", "5"],  # other name
    ]
    path = write_csv(tmp_path / "erp.csv", rows)
    outcome = preview_planned(session, path, PLAN, currency="USD")
    assert [(e.row, e.column) for e in outcome.errors] == [
        (5, "Razón social"),  # customers: missing name
        (5, "Cód. Cliente"),  # invoices: so its customer is unknown
        (6, "Importe"),  # 1,234.00 is not a decimal-comma number
        (6, "Vence"),  # due before issue
        (7, "Cód. Cliente"),  # customer C-10 with another name than in row 2
    ]
    assert outcome.errors[4].reason == ("customers: customer 'C-10' has other values than in row 2")
    assert outcome.rejected == {"customers": 2, "invoices": 2}
    assert count(session, Customer) == count(session, Document) == 0  # the preview keeps nothing


def test_reimport_is_idempotent_and_each_import_is_audited(session, tmp_path):
    path = write_csv(tmp_path / "erp.csv", SPANISH)
    run(session, path)
    session.commit()
    again = run(session, path)
    session.commit()
    assert again.results == {
        "customers": ImportResult("customers", 0, 0, 2),
        "invoices": ImportResult("invoices", 0, 0, 3),
    }
    entries = audit.entries(session, entity="import")
    assert len(entries) == 2
    details = audit.details_of(entries[0])
    assert details["file"] == "erp.csv" and details["sha256"] == file_sha256(path)
    assert entries[0].entity_id == file_sha256(path)
    assert details["mapping"] == "erp-es" and details["via"] == "test"
    assert details["kinds"]["invoices"] == {"created": 0, "updated": 0, "unchanged": 3}


def test_xlsx_with_date_cells_and_detected_formats(session, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["Customer ID", "Customer Name", "Invoice #", "Invoice Date", "Due Date", "Amount"]
    )
    sheet.append(["A1", "Acme", "INV-1", dt.date(2024, 1, 5), dt.date(2024, 2, 4), "$1,500.25"])
    sheet.append(["A1", "Acme", "INV-2", dt.date(2024, 1, 9), dt.date(2024, 2, 8), 20.5])
    book.save(tmp_path / "us.xlsx")
    plan = plan_from_json(
        {
            "kinds": {
                "customers": {"Customer ID": "code", "Customer Name": "name"},
                "invoices": {
                    "Invoice #": "number",
                    "Customer ID": "customer_code",
                    "Invoice Date": "issue_date",
                    "Due Date": "due_date",
                    "Amount": "amount",
                },
            }
        }
    )  # no formats: detected (the date cells are written as ISO)
    outcome = run(session, tmp_path / "us.xlsx", plan)
    assert outcome.results["invoices"] == ImportResult("invoices", 2, 0, 0)
    amount = session.scalar(select(Document.amount).where(Document.number == "INV-1"))
    assert amount == Decimal("1500.25")


def test_ambiguous_dates_are_refused_until_a_format_is_given(session, tmp_path):
    rows = [SPANISH[0], ["F-1", "C-1", "Uno", "01/02/2024", "03/04/2024", "10,00"]]
    path = write_csv(tmp_path / "amb.csv", rows)
    open_formats = ImportPlan(PLAN.kinds, decimal="comma")
    with pytest.raises(ImportRefused) as refused:
        run(session, path, open_formats)
    assert "%d/%m/%Y or %m/%d/%Y" in refused.value.errors[0].reason
    assert run(session, path, PLAN).results["invoices"].created == 1


def test_a_plan_that_does_not_fit_the_file_is_refused(session, tmp_path):
    path = write_csv(tmp_path / "erp.csv", [["Foo"], ["1"]])
    with pytest.raises(ImportErrorReport) as refused:
        run(session, path)
    assert "customers: the file has no column 'Cód. Cliente'" in str(refused.value)


def test_saved_mappings_by_name_and_presets(session):
    assert mapping_names(session) == ["ibm-receivables"]
    save_plan(session, " erp-es ", PLAN, user_id=None)
    assert get_plan(session, "erp-es") == PLAN
    changed = PLAN.with_formats("dot", "%Y-%m-%d")
    save_plan(session, "erp-es", changed, user_id=None)  # the same name replaces it
    assert get_plan(session, "erp-es") == changed
    assert mapping_names(session) == ["erp-es", "ibm-receivables"]
    assert get_plan(session, "ibm-receivables") == plan_from_json(PRESETS["ibm-receivables"])
    assert get_plan(session, "nope") is None
    with pytest.raises(PlanError):
        save_plan(session, "  ", PLAN, user_id=None)


def test_ibm_sample_days_late_match_its_own_column(session, ibm_sample):
    plan = plan_from_json(PRESETS["ibm-receivables"], name="ibm-receivables")
    outcome = run(session, ibm_sample, plan)
    session.commit()
    assert outcome.results == {
        "customers": ImportResult("customers", 100, 0, 0),
        "invoices": ImportResult("invoices", 2466, 0, 0),
        "payments": ImportResult("payments", 2466, 0, 0),
    }
    names = session.execute(select(Customer.code, Customer.name)).all()
    assert all(code == name for code, name in names)
    last_allocation = dict(
        session.execute(
            select(Document.number, func.max(Allocation.effective_date))
            .join(Allocation, Allocation.invoice_id == Document.id)
            .group_by(Document.number)
        ).all()
    )
    documents = {
        number: (due, settled, disputed)
        for number, due, settled, disputed in session.execute(
            select(Document.number, Document.due_date, Document.settled_on, Document.disputed)
        )
    }
    with ibm_sample.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(documents) == 2466
    for row in rows:
        due, settled, disputed = documents[row["invoiceNumber"]]
        assert settled == last_allocation[row["invoiceNumber"]]
        assert days_late(due, last_allocation[row["invoiceNumber"]]) == int(row["DaysLate"])
        assert disputed == (row["Disputed"] == "Yes")
    assert session.scalar(select(func.sum(Payment.unapplied))) == 0
    assert run(session, ibm_sample, plan).results["payments"] == ImportResult(
        "payments", 0, 0, 2466
    )


def test_presets_are_plain_json():
    assert json.loads(json.dumps(PRESETS)) == PRESETS
