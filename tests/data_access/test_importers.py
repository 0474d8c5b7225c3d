"""Importers: every kind from CSV and XLSX, all-or-nothing errors, idempotence."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_access.importers import (
    ImportErrorReport,
    ImportResult,
    RowError,
    import_file,
    import_rows,
)
from data_access.importers.fields import human_format
from data_access.importers.readers import excel_number, sniff_delimiter
from data_access.models import (
    Allocation,
    Contact,
    Customer,
    Document,
    Payment,
    Seller,
    Tag,
    customer_tags,
)

FORMATS = ["csv", "xlsx"]

SELLERS = [
    ["code", "name", "email", "phone"],
    ["S1", "Ana Seller", "ana@example.com", "+56 9 1111"],
    ["S2", "Beto Seller", "", ""],
]
CUSTOMERS = [
    ["code", "name", "seller_code", "tags", "credit_limit", "payment_terms_days",
     "tax_id", "address", "city", "country", "latitude", "longitude"],
    ["C1", "Uno Ltda", "S1", "Retail; WHOLESALE ;retail", "5000.00", "30",
     "76.123.456-7", "Av. Uno 1", "Santiago", "CL", "-33.4372", "-70.6506"],
    ["C2", "Dos SpA", "S2", "", "0", "", "", "", "", "", "", ""],
    ["C3", "Tres", "", "wholesale", "", "60", "", "", "", "", "", ""],
]  # fmt: skip
CONTACTS = [
    ["customer_code", "seller_code", "name", "role", "email", "phone", "is_primary"],
    ["C1", "", "Carla", "Payables", "carla@uno.cl", "", "sí"],
    ["C1", "", "Diego", "CFO", "", "", "no"],
    ["", "S1", "Eva", "Assistant", "", "", ""],
]
INVOICES = [
    ["number", "customer_code", "issue_date", "due_date", "amount", "currency", "kind",
     "disputed", "applies_to"],
    ["F-1", "C1", "2024-01-01", "2024-01-31", "100.00", "", "", "", ""],
    ["F-2", "C1", "2024-01-10", "2024-02-09", "250.50", "USD", "invoice", "yes", ""],
    ["NC-1", "C1", "2024-01-15", "", "20.00", "", "credit_note", "", "F-2"],
    ["F-3", "C2", "2024-02-01", "2024-03-02", "80", "usd", "", "0", ""],
    ["ND-1", "C2", "2024-02-05", "2024-03-05", "5.25", "", "debit_note", "", "F-3"],
]  # fmt: skip
PAYMENTS = [
    ["reference", "customer_code", "date", "amount", "method", "invoice_number"],
    ["P-1", "C1", "2024-01-20", "30.00", "transfer", "F-1"],
    ["P-2", "C2", "2024-02-10", "10", "cash", ""],
]
ALL = [
    ("sellers", SELLERS),
    ("customers", CUSTOMERS),
    ("contacts", CONTACTS),
    ("invoices", INVOICES),
    ("payments", PAYMENTS),
]


def invoice(number: str, customer: str = "C1", **cells: str) -> dict[str, str]:
    """An invoices row; ``cells`` override issue_date, due_date, amount, kind, applies_to."""
    row = {"number": number, "customer_code": customer, "issue_date": "2024-03-01",
           "due_date": "2024-03-01", "amount": "1", "kind": "", "applies_to": ""}  # fmt: skip
    return row | cells


def payment(reference: str, customer: str = "C1", **cells: str) -> dict[str, str]:
    """A payments row; ``cells`` override date, amount, method, invoice_number."""
    row = {"reference": reference, "customer_code": customer, "date": "2024-01-01",
           "amount": "5", "invoice_number": ""}  # fmt: skip
    return row | cells


def write_csv(
    path: Path, table: Sequence[Sequence[object]], *, delimiter: str = ",", bom: bool = False
) -> Path:
    """Write ``table`` (header first) as a CSV file."""
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(table)
    return path


def write_xlsx(path: Path, table: Sequence[Sequence[object]]) -> Path:
    """Write ``table`` (header first) on the first sheet of a new workbook."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for values in table:
        sheet.append(list(values))
    book.save(path)
    return path


def write_table(tmp_path: Path, name: str, fmt: str, table: Sequence[Sequence[object]]) -> Path:
    """Write ``table`` as ``name.fmt`` in ``tmp_path``."""
    path = tmp_path / f"{name}.{fmt}"
    return write_csv(path, table) if fmt == "csv" else write_xlsx(path, table)


def as_dicts(table: Sequence[Sequence[str]]) -> list[dict[str, str]]:
    """Rows of ``table`` as dicts keyed by its header."""
    header, *rows = table
    return [dict(zip(header, row, strict=True)) for row in rows]


def import_all(session: Session, tmp_path: Path, fmt: str) -> list[ImportResult]:
    """Import the five sample files in dependency order."""
    return [
        import_file(session, kind, write_table(tmp_path, kind, fmt, table)) for kind, table in ALL
    ]


def seed(session: Session, *kinds: str) -> None:
    """Import the sample rows of ``kinds`` through :func:`import_rows`."""
    tables = dict(ALL)
    for kind in kinds:
        import_rows(session, kind, as_dicts(tables[kind]))


def errors_of(excinfo: pytest.ExceptionInfo[ImportErrorReport]) -> list[RowError]:
    return excinfo.value.errors


def document(session: Session, number: str, kind: str = "invoice") -> Document:
    found = session.scalars(
        select(Document).where(Document.number == number, Document.kind == kind)
    ).one()
    session.refresh(found)
    return found


def count(session: Session, model: Any) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def snapshot(session: Session) -> dict[str, list[Any]]:
    """Every row of the tables the importers write, in id order."""
    tables = [Seller, Customer, Tag, Contact, Document, Payment, Allocation]
    rows = {
        m.__tablename__: session.execute(select(m.__table__).order_by(m.id)).all() for m in tables
    }
    link = customer_tags
    rows["customer_tags"] = session.execute(
        select(link).order_by(link.c.customer_id, link.c.tag_id)
    ).all()
    return rows


# --- every kind, from CSV and from XLSX ---------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_kind_imports_from_csv_and_xlsx(session: Session, tmp_path: Path, fmt: str) -> None:
    results = import_all(session, tmp_path, fmt)

    assert [(r.kind, r.created, r.updated, r.unchanged) for r in results] == [
        ("sellers", 2, 0, 0),
        ("customers", 3, 0, 0),
        ("contacts", 3, 0, 0),
        ("invoices", 5, 0, 0),
        ("payments", 2, 0, 0),
    ]
    ana = session.scalars(select(Seller).where(Seller.code == "S1")).one()
    assert (ana.name, ana.email, ana.phone) == ("Ana Seller", "ana@example.com", "+56 9 1111")
    uno = session.scalars(select(Customer).where(Customer.code == "C1")).one()
    assert uno.seller_id == ana.id
    assert uno.credit_limit == Decimal("5000.00")
    assert uno.payment_terms_days == 30
    assert (uno.latitude, uno.longitude) == (Decimal("-33.4372"), Decimal("-70.6506"))
    assert [t.name for t in uno.tags] == ["retail", "wholesale"]
    f2 = document(session, "F-2")
    assert (f2.amount, f2.disputed, f2.currency) == (Decimal("250.50"), True, "USD")
    assert f2.due_date == dt.date(2024, 2, 9)
    eva = session.scalars(select(Contact).where(Contact.name == "Eva")).one()
    assert (eva.seller_id, eva.customer_id, eva.is_primary) == (ana.id, None, False)
    assert session.scalars(select(Payment.method).order_by(Payment.reference)).all() == [
        "transfer",
        "cash",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_reimport_changes_nothing(session: Session, tmp_path: Path, fmt: str) -> None:
    import_all(session, tmp_path, fmt)
    session.commit()
    before = snapshot(session)

    results = import_all(session, tmp_path, fmt)

    assert [(r.created, r.updated, r.unchanged) for r in results] == [
        (0, 0, 2),
        (0, 0, 3),
        (0, 0, 3),
        (0, 0, 5),
        (0, 0, 2),
    ]
    assert snapshot(session) == before


def test_changed_rows_update_and_count_as_updated(session: Session) -> None:
    seed(session, "sellers", "customers", "invoices", "payments")
    customers = as_dicts(CUSTOMERS)
    customers[1] |= {"name": "Dos SpA (new)", "credit_limit": "900.00", "seller_code": ""}
    invoices = as_dicts(INVOICES)
    invoices[0]["amount"] = "130.00"

    assert import_rows(session, "customers", customers) == ImportResult("customers", 0, 1, 2)
    assert import_rows(session, "invoices", invoices) == ImportResult("invoices", 0, 1, 4)

    dos = session.scalars(select(Customer).where(Customer.code == "C2")).one()
    session.refresh(dos)
    assert (dos.name, dos.credit_limit, dos.seller_id) == ("Dos SpA (new)", Decimal("900.00"), None)
    f1 = document(session, "F-1")
    assert (f1.amount, f1.open_amount) == (Decimal("130.00"), Decimal("100.00"))


def test_a_missing_optional_column_leaves_values_alone(session: Session) -> None:
    seed(session, "sellers", "customers")
    rows = [{"CODE ": "C1", " Name": "Uno renamed", "notes": "ignored column"}]

    assert import_rows(session, "customers", rows) == ImportResult("customers", 0, 1, 0)

    uno = session.scalars(select(Customer).where(Customer.code == "C1")).one()
    session.refresh(uno)
    assert (uno.name, uno.credit_limit, uno.payment_terms_days) == (
        "Uno renamed",
        Decimal("5000.00"),
        30,
    )
    assert [t.name for t in uno.tags] == ["retail", "wholesale"]


# --- all or nothing -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_bad_row_among_good_ones_imports_nothing(
    session: Session, tmp_path: Path, fmt: str
) -> None:
    seed(session, "sellers", "customers")
    table = [row[:] for row in INVOICES]
    table[4][4] = "0"  # row 5: amount
    path = write_table(tmp_path, "invoices", fmt, table)

    with pytest.raises(ImportErrorReport) as excinfo:
        import_file(session, "invoices", path)

    assert errors_of(excinfo) == [RowError(5, "amount", "amount must be positive")]
    assert str(excinfo.value) == "row 5, amount: amount must be positive"
    assert count(session, Document) == 0
    assert not session.new and not session.dirty


def test_every_error_is_reported_with_its_row_and_column(session: Session) -> None:
    seed(session, "sellers", "customers")
    table = [
        INVOICES[0],
        ["F-1", "C1", "2024-01-01", "2024-01-31", "100.00", "", "", "", ""],
        ["F-2", "C99", "2024-13-01", "2024-01-31", "1,234.56", "", "", "", ""],
        ["F-3", "C1", "2024-02-01", "2024-01-31", "-5", "EUR", "", "maybe", ""],
        ["", "C1", "2024-02-01", "", "", "", "receipt", "", ""],
        ["F-5", "C1", "2024-02-01", "2024-03-01", "10.005", "", "", "", "F-1"],
        ["F-1", "C2", "2024-02-01", "2024-03-01", "1", "", "", "", ""],
    ]

    with pytest.raises(ImportErrorReport) as excinfo:
        import_rows(session, "invoices", as_dicts(table))

    currency = "currency EUR differs from the company currency USD; amounts in several currencies"
    assert errors_of(excinfo) == [
        RowError(3, "customer_code", "unknown customer 'C99'"),
        RowError(3, "issue_date", "bad date '2024-13-01' (expected YYYY-MM-DD)"),
        RowError(
            3,
            "amount",
            "bad amount '1,234.56': write it without thousands separators and with a dot "
            "for decimals, like 1234.56",
        ),
        RowError(4, "due_date", "due date before issue date"),
        RowError(4, "amount", "amount must be positive"),
        RowError(4, "currency", f"{currency} cannot be added up"),
        RowError(
            4, "disputed", "bad yes/no value 'maybe' (expected true/false, yes/no, sí/no or 1/0)"
        ),
        RowError(5, "number", "missing value"),
        RowError(5, "kind", "unknown kind 'receipt' (expected invoice, credit_note or debit_note)"),
        RowError(5, "due_date", "missing value"),
        RowError(5, "amount", "missing value"),
        RowError(6, "amount", "amount '10.005' has more than 2 decimals"),
        RowError(6, "applies_to", "only credit notes and debit notes apply to another document"),
        RowError(7, "number", "duplicate number 'F-1' in rows 2 and 7"),
    ]
    assert len(str(excinfo.value).splitlines()) == 14
    assert count(session, Document) == 0


# (kind, rows as dicts, expected error); the first dict is spreadsheet row 2.
ROW_ERRORS = [
    pytest.param(
        "sellers",
        [{"code": "S9", "name": "X", "email": "not-an-email"}],
        RowError(2, "email", "bad e-mail address 'not-an-email'"),
        id="bad-email",
    ),
    pytest.param(
        "sellers",
        [{"code": "S" * 41, "name": "X"}],
        RowError(2, "code", "too long (41 characters, at most 40)"),
        id="too-long",
    ),
    pytest.param(
        "sellers",
        [{"code": "S9", "name": "X"}, {"code": "S8", "name": "Y"}, {"code": "S9", "name": "Z"}],
        RowError(4, "code", "duplicate code 'S9' in rows 2 and 4"),
        id="duplicate-seller",
    ),
    pytest.param(
        "customers",
        [{"code": "C9", "name": "X", "seller_code": "S9"}],
        RowError(2, "seller_code", "unknown seller 'S9'"),
        id="unknown-seller",
    ),
    pytest.param(
        "customers",
        [{"code": "C9", "name": "X", "latitude": "91"}],
        RowError(2, "latitude", "'91' must be between -90 and 90"),
        id="latitude",
    ),
    pytest.param(
        "customers",
        [{"code": "C9", "name": "X", "longitude": "-180.5"}],
        RowError(2, "longitude", "'-180.5' must be between -180 and 180"),
        id="longitude",
    ),
    pytest.param(
        "customers",
        [{"code": "C9", "name": "X", "credit_limit": "-1"}],
        RowError(2, "credit_limit", "credit limit must not be negative"),
        id="credit-limit",
    ),
    pytest.param(
        "customers",
        [{"code": "C9", "name": "X", "payment_terms_days": "3651"}],
        RowError(2, "payment_terms_days", "3651 must be between 0 and 3650"),
        id="terms-range",
    ),
    pytest.param(
        "customers",
        [{"code": "C9", "name": "X", "payment_terms_days": "30.5"}],
        RowError(2, "payment_terms_days", "bad whole number '30.5'"),
        id="terms-integer",
    ),
    pytest.param(
        "customers",
        [{"code": "C9", "name": ""}],
        RowError(2, "name", "missing value"),
        id="missing-name",
    ),
    pytest.param(
        "contacts",
        [{"customer_code": "C1", "seller_code": "S1", "name": "X"}],
        RowError(2, "seller_code", "give customer_code or seller_code, not both"),
        id="two-owners",
    ),
    pytest.param(
        "contacts",
        [{"customer_code": "", "seller_code": "", "name": "X"}],
        RowError(2, "customer_code", "missing value (customer_code or seller_code)"),
        id="no-owner",
    ),
    pytest.param(
        "contacts",
        [{"customer_code": "C99", "name": "X"}],
        RowError(2, "customer_code", "unknown customer 'C99'"),
        id="contact-unknown-customer",
    ),
    pytest.param(
        "contacts",
        [{"customer_code": "C1", "name": "X"}, {"customer_code": "C1", "name": "X"}],
        RowError(3, "name", "duplicate contact 'X' for customer C1 in rows 2 and 3"),
        id="duplicate-contact",
    ),
    pytest.param(
        "contacts",
        [
            {"customer_code": "C1", "name": "X", "is_primary": "1"},
            {"customer_code": "C1", "name": "Y", "is_primary": "true"},
        ],
        RowError(3, "is_primary", "more than one primary contact for customer C1 (rows 2 and 3)"),
        id="two-primaries",
    ),
    pytest.param(
        "invoices",
        [invoice("NC-9", due_date="", kind="credit_note", applies_to="F-404")],
        RowError(2, "applies_to", "unknown invoice 'F-404'"),
        id="applies-to-unknown",
    ),
    pytest.param(
        "invoices",
        [invoice("NC-9", due_date="", kind="credit_note", applies_to="F-3")],
        RowError(2, "applies_to", "invoice 'F-3' belongs to customer C2, not C1"),
        id="applies-to-other-customer-in-db",
    ),
    pytest.param(
        "invoices",
        [invoice("F-8", "C2"), invoice("NC-9", kind="credit_note", applies_to="F-8")],
        RowError(3, "applies_to", "invoice 'F-8' belongs to customer C2, not C1"),
        id="applies-to-other-customer-in-file",
    ),
    pytest.param(
        "invoices",
        [invoice("NC-9", kind="credit_note", applies_to="F-9"), invoice("F-9")],
        RowError(2, "applies_to", "unknown invoice 'F-9'"),
        id="applies-to-later-row",
    ),
    pytest.param(
        "invoices",
        [invoice("F-1", "C2", issue_date="2024-01-01", due_date="2024-01-31", amount="100.00")],
        RowError(2, "customer_code", "document F-1 belongs to customer C1, not C2"),
        id="document-moves-customer",
    ),
    pytest.param(
        "payments",
        [payment("P-9", invoice_number="F-404")],
        RowError(2, "invoice_number", "unknown invoice 'F-404'"),
        id="payment-unknown-invoice",
    ),
    pytest.param(
        "payments",
        [payment("P-9", invoice_number="F-3")],
        RowError(2, "invoice_number", "invoice 'F-3' belongs to customer C2, not C1"),
        id="payment-other-customers-invoice",
    ),
    pytest.param(
        "payments",
        [payment("P-1", "C2", date="2024-01-20", amount="30.00")],
        RowError(2, "customer_code", "payment P-1 belongs to customer C1, not C2"),
        id="payment-moves-customer",
    ),
    pytest.param(
        "payments",
        [payment("P-9"), payment("P-8", date="01/02/2024")],
        RowError(3, "date", "bad date '01/02/2024' (expected YYYY-MM-DD)"),
        id="payment-bad-date",
    ),
    pytest.param(
        "payments",
        [payment("P-9"), payment("P-9", date="2024-01-02")],
        RowError(3, "reference", "duplicate reference 'P-9' in rows 2 and 3"),
        id="duplicate-reference",
    ),
    pytest.param(
        "payments",
        [payment("P-9", amount="1 000")],
        RowError(
            2,
            "amount",
            "bad amount '1 000': write it without thousands separators and with a dot for "
            "decimals, like 1234.56",
        ),
        id="space-separator",
    ),
    pytest.param(
        "payments",
        [payment("P-9", amount="$5")],
        RowError(2, "amount", "bad amount '$5' (expected a plain number like 1234.56)"),
        id="not-a-number",
    ),
]


@pytest.mark.parametrize(("kind", "rows", "expected"), ROW_ERRORS)
def test_row_errors(
    session: Session, kind: str, rows: list[dict[str, str]], expected: RowError
) -> None:
    seed(session, "sellers", "customers", "invoices", "payments")
    before = snapshot(session)

    with pytest.raises(ImportErrorReport) as excinfo:
        import_rows(session, kind, rows)

    assert expected in errors_of(excinfo), errors_of(excinfo)
    assert snapshot(session) == before


@pytest.mark.parametrize(
    ("kind", "header", "expected"),
    [
        ("invoices", ["number", "customer_code", "issue_date", "amount"],
         [RowError(1, "due_date", "missing column")]),
        ("sellers", ["Code"], [RowError(1, "name", "missing column")]),
        ("contacts", ["name", "role"],
         [RowError(1, "customer_code", "missing column (or seller_code)")]),
        ("payments", ["reference", "customer_code", "date", "amount", "AMOUNT"],
         [RowError(1, "amount", "duplicate column")]),
    ],
)  # fmt: skip
def test_header_problems_are_one_error_on_row_1(
    session: Session, tmp_path: Path, kind: str, header: list[str], expected: list[RowError]
) -> None:
    path = write_csv(tmp_path / "data.csv", [header, ["x"] * len(header)])

    with pytest.raises(ImportErrorReport) as excinfo:
        import_file(session, kind, path)

    assert errors_of(excinfo) == expected


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("data.xls", b"whatever", "unsupported file type '.xls': save it as .csv (UTF-8) or .xlsx"),
        ("data.csv", b"", "the file is empty: row 1 must hold the column names"),
        ("data.xlsx", b"not a zip", "cannot read 'data.xlsx' as an Excel workbook"),
    ],
)
def test_unreadable_files_are_refused_clearly(
    session: Session, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(ImportErrorReport) as excinfo:
        import_file(session, "sellers", path)

    [error] = errors_of(excinfo)
    assert (error.row, error.column) == (0, "")
    assert error.reason.startswith(reason)


def test_a_csv_that_is_not_utf8_names_the_row(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "sellers.csv"
    path.write_bytes("code,name\nS1,Ana\nS2,Peña\n".encode("latin-1"))

    with pytest.raises(ImportErrorReport) as excinfo:
        import_file(session, "sellers", path)

    assert errors_of(excinfo)[0].reason.startswith("the file is not UTF-8 text")
    assert count(session, Seller) == 0


def test_unknown_kind_is_a_programming_error(session: Session) -> None:
    with pytest.raises(ValueError, match="unknown import kind 'bananas'"):
        import_rows(session, "bananas", [])


# --- formats and options --------------------------------------------------------------------


def test_semicolon_csv_with_bom(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "sellers.csv", SELLERS, delimiter=";", bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfcode;name")

    assert import_file(session, "sellers", path) == ImportResult("sellers", 2, 0, 0)
    assert session.scalars(select(Seller.code).order_by(Seller.code)).all() == ["S1", "S2"]


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [("code;name;email", ";"), ("code,name,email", ","), ("code", ","), ('"a;b",c', ",")],
)
def test_delimiter_is_sniffed_from_the_header(line: str, delimiter: str) -> None:
    assert sniff_delimiter(line) == delimiter


@pytest.mark.parametrize("fmt", FORMATS)
def test_date_format_option(session: Session, tmp_path: Path, fmt: str) -> None:
    seed(session, "sellers", "customers")
    header = ["number", "customer_code", "issue_date", "due_date", "amount"]
    if fmt == "csv":
        rows: list[list[object]] = [["F-1", "C1", "05/02/2024", "06/03/2024", "10"]]
    else:  # real date cells are written with the same pattern before parsing
        rows = [["F-1", "C1", dt.datetime(2024, 2, 5), dt.date(2024, 3, 6), 10]]
    path = write_table(tmp_path, "invoices", fmt, [header, *rows])

    import_file(session, "invoices", path, date_format="%d/%m/%Y")

    f1 = document(session, "F-1")
    assert (f1.issue_date, f1.due_date) == (dt.date(2024, 2, 5), dt.date(2024, 3, 6))


def test_date_format_is_named_in_errors(session: Session) -> None:
    seed(session, "sellers", "customers")
    rows = [payment("P-9", date="2024-02-05")]

    with pytest.raises(ImportErrorReport) as excinfo:
        import_rows(session, "payments", rows, date_format="%d/%m/%Y")

    assert errors_of(excinfo) == [
        RowError(2, "date", "bad date '2024-02-05' (expected DD/MM/YYYY)")
    ]


def test_a_date_format_without_a_year_is_refused(session: Session) -> None:
    with pytest.raises(ImportErrorReport, match="does not hold a full day, month and year"):
        import_rows(session, "payments", [], date_format="%d/%m")


@pytest.mark.parametrize(
    ("pattern", "shown"),
    [("%Y-%m-%d", "YYYY-MM-DD"), ("%d/%m/%Y", "DD/MM/YYYY"), ("%d.%m.%y", "DD.MM.YY")],
)
def test_human_format(pattern: str, shown: str) -> None:
    assert human_format(pattern) == shown


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234.56, "1234.56"),
        (30.0, "30"),
        (119.00000000000001, "119"),  # =100*1.19 in Excel
        (0.1 + 0.2, "0.3"),
        (1e-05, "0.00001"),
        (10.005, "10.005"),  # kept, so the amount check refuses it rather than rounding
        (-33.437212, "-33.437212"),
        (1e16, "10000000000000000"),
    ],
)
def test_excel_numbers_keep_what_was_typed(value: float, text: str) -> None:
    assert excel_number(value) == text


def test_xlsx_cells_of_every_type(session: Session, tmp_path: Path) -> None:
    seed(session, "sellers")
    customers = [
        ["code", "name", "credit_limit", "payment_terms_days", "latitude", "longitude"],
        [1001, "Numeric code", 1234.56, 30.0, -33.437212, -70.65],
        ["C2", "Text", 100000 * 1.1, None, None, None],
    ]
    invoices = [
        ["number", "customer_code", "issue_date", "due_date", "amount", "disputed"],
        ["F-1", 1001, dt.datetime(2024, 1, 5, 0, 0), dt.date(2024, 2, 4), 0.1 + 0.2, True],
        ["F-2", "C2", "2024-01-05", "2024-02-04", 10.005, False],
    ]
    import_file(session, "customers", write_xlsx(tmp_path / "customers.xlsx", customers))

    with pytest.raises(ImportErrorReport) as excinfo:
        import_file(session, "invoices", write_xlsx(tmp_path / "invoices.xlsx", invoices))
    assert errors_of(excinfo) == [RowError(3, "amount", "amount '10.005' has more than 2 decimals")]
    del invoices[2]
    import_file(session, "invoices", write_xlsx(tmp_path / "invoices.xlsx", invoices))

    c1001 = session.scalars(select(Customer).where(Customer.code == "1001")).one()
    assert (c1001.credit_limit, c1001.payment_terms_days) == (Decimal("1234.56"), 30)
    assert (c1001.latitude, c1001.longitude) == (Decimal("-33.437212"), Decimal("-70.65"))
    c2 = session.scalars(select(Customer).where(Customer.code == "C2")).one()
    assert c2.credit_limit == Decimal("110000.00")
    f1 = document(session, "F-1")
    assert (f1.amount, f1.issue_date, f1.disputed) == (Decimal("0.30"), dt.date(2024, 1, 5), True)


def test_blank_rows_are_skipped_but_counted(session: Session, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "sellers.csv", [["code", "name"], ["S1", "Ana"], [], ["", ""], ["S2", ""]]
    )

    with pytest.raises(ImportErrorReport) as excinfo:
        import_file(session, "sellers", path)

    assert errors_of(excinfo) == [RowError(5, "name", "missing value")]


def test_import_rows_numbers_rows_from_first_row(session: Session) -> None:
    rows = [{"code": "S1", "name": "Ana"}, {"code": "S2", "name": ""}]

    with pytest.raises(ImportErrorReport) as excinfo:
        import_rows(session, "sellers", rows, first_row=10)

    assert errors_of(excinfo) == [RowError(11, "name", "missing value")]


def test_import_rows_refuses_columns_missing_from_the_first_row(session: Session) -> None:
    rows = [{"code": "S1", "name": "Ana"}, {"code": "S2", "name": "Beto", "email": "b@x.co"}]

    with pytest.raises(ImportErrorReport) as excinfo:
        import_rows(session, "sellers", rows)

    assert errors_of(excinfo) == [
        RowError(3, "email", "this column is not in the header (the first row's keys)")
    ]


# --- what the rows mean -----------------------------------------------------------------------


def test_tags_are_created_linked_and_replaced(session: Session) -> None:
    seed(session, "sellers", "customers")
    assert session.scalars(select(Tag.name).order_by(Tag.name)).all() == ["retail", "wholesale"]

    rows = [
        {"code": "C1", "name": "Uno Ltda", "tags": " Retail ;VIP"},
        {"code": "C3", "name": "Tres", "tags": ""},
    ]
    assert import_rows(session, "customers", rows) == ImportResult("customers", 0, 2, 0)

    tags = session.execute(
        select(Customer.code, Tag.name)
        .join(customer_tags, customer_tags.c.customer_id == Customer.id)
        .join(Tag, Tag.id == customer_tags.c.tag_id)
        .order_by(Customer.code, Tag.name)
    ).all()
    assert [tuple(t) for t in tags] == [("C1", "retail"), ("C1", "vip")]
    assert session.scalars(select(Tag.name).order_by(Tag.name)).all() == [
        "retail",
        "vip",
        "wholesale",
    ]


def test_a_customers_language_is_read_in_either_language(session: Session) -> None:
    seed(session, "sellers", "customers")
    rows = [
        {"code": "C1", "name": "Uno Ltda", "language": "English"},
        {"code": "C3", "name": "Tres", "language": " ES "},
    ]
    import_rows(session, "customers", rows)
    found = {code: lang for code, lang in session.execute(select(Customer.code, Customer.language))}
    assert found["C1"] == "en" and found["C3"] == "es"
    with pytest.raises(ImportErrorReport) as excinfo:
        import_rows(session, "customers", [{"code": "C1", "name": "Uno", "language": "fr"}])
    assert errors_of(excinfo) == [RowError(2, "language", "language must be es or en, not 'fr'")]


def test_a_primary_contact_demotes_the_others(session: Session) -> None:
    seed(session, "sellers", "customers", "contacts")
    primary = select(Contact.name).where(Contact.is_primary).order_by(Contact.name)
    assert session.scalars(primary).all() == ["Carla"]

    rows = [{"customer_code": "C1", "name": "Diego", "is_primary": "Sí"}]
    assert import_rows(session, "contacts", rows) == ImportResult("contacts", 0, 1, 0)
    session.expire_all()
    assert session.scalars(primary).all() == ["Diego"]

    rows = [{"customer_code": "C1", "name": "Fran", "is_primary": "YES"}]
    assert import_rows(session, "contacts", rows) == ImportResult("contacts", 1, 0, 0)
    session.expire_all()
    assert session.scalars(primary).all() == ["Fran"]
    assert count(session, Contact) == 4


def test_a_payment_naming_an_invoice_pays_it_first(session: Session) -> None:
    seed(session, "sellers", "customers", "invoices", "payments")

    f1 = document(session, "F-1")
    assert (f1.amount, f1.open_amount) == (Decimal("100.00"), Decimal("70.00"))
    f3 = document(session, "F-3")
    assert f3.open_amount == Decimal("70.00")  # P-2 names none: oldest due first
    p1 = session.scalars(select(Payment).where(Payment.reference == "P-1")).one()
    session.refresh(p1)
    assert (p1.invoice_id, p1.unapplied) == (f1.id, Decimal("0.00"))


def test_credit_notes_apply_to_invoices_in_the_file_or_the_database(session: Session) -> None:
    seed(session, "sellers", "customers", "invoices")
    f2, nc1 = document(session, "F-2"), document(session, "NC-1", "credit_note")
    assert nc1.applies_to_id == f2.id
    assert nc1.due_date == nc1.issue_date
    assert (f2.open_amount, nc1.open_amount) == (Decimal("230.50"), Decimal("0.00"))
    assert document(session, "ND-1", "debit_note").applies_to_id == document(session, "F-3").id

    later = [invoice("NC-2", due_date="", amount="30.50", kind="Credit Note", applies_to="F-2")]
    assert import_rows(session, "invoices", later) == ImportResult("invoices", 1, 0, 0)
    nc2 = document(session, "NC-2", "credit_note")
    assert nc2.applies_to_id == f2.id
    assert document(session, "F-2").open_amount == Decimal("200.00")


def test_company_currency_option(session: Session) -> None:
    seed(session, "sellers", "customers")
    rows = [invoice("F-1", currency="clp"), invoice("F-2", currency="")]

    with pytest.raises(ImportErrorReport) as excinfo:
        import_rows(session, "invoices", rows)
    assert errors_of(excinfo) == [
        RowError(
            2,
            "currency",
            "currency CLP differs from the company currency USD; "
            "amounts in several currencies cannot be added up",
        )
    ]

    assert import_rows(session, "invoices", rows, currency="CLP").created == 2
    assert session.scalars(select(Document.currency)).all() == ["CLP", "CLP"]
