"""Import a file, or rows from anywhere, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path

from sqlalchemy.orm import Session

from data_access.importers.base import Context, Importer, Row
from data_access.importers.contacts import ContactImporter
from data_access.importers.errors import ImportErrorReport, ImportResult, RowError, file_error
from data_access.importers.fields import DateParser, FieldError, check_date_format, parse_currency
from data_access.importers.invoices import InvoiceImporter
from data_access.importers.parties import CustomerImporter, SellerImporter
from data_access.importers.payments import PaymentImporter
from data_access.importers.readers import open_table

IMPORTERS: dict[str, type[Importer]] = {
    cls.kind: cls
    for cls in (SellerImporter, CustomerImporter, ContactImporter, InvoiceImporter, PaymentImporter)
}
KINDS = tuple(IMPORTERS)


def import_file(
    session: Session,
    kind: str,
    path: Path,
    *,
    date_format: str | None = None,
    currency: str = "USD",
) -> ImportResult:
    """Import a ``.csv`` or ``.xlsx`` file of ``kind``, whole or not at all.

    CSV files are UTF-8 (a BOM is fine) separated by ``,`` or ``;``; of a workbook
    the first sheet is read. Row 1 holds the column names. Does not commit.

    Args:
        session: where to write; the caller commits or rolls back.
        kind: sellers, customers, contacts, invoices or payments.
        path: the file.
        date_format: strftime pattern of the dates (ISO ``YYYY-MM-DD`` by default).
        currency: the company currency; documents in another currency are refused.

    Returns:
        How many rows were created, updated and left unchanged.

    Raises:
        ImportErrorReport: the file or some row is wrong; nothing was written.
        ValueError: ``kind`` or ``currency`` is not a known value.
    """
    importer = _importer(kind)
    dates = _dates(date_format)
    with open_table(Path(path), date_format=date_format) as table:
        return _run(session, importer, table.header, table.rows, dates, currency, 2)


def import_rows(
    session: Session,
    kind: str,
    rows: Iterable[Mapping[str, str]],
    *,
    date_format: str | None = None,
    currency: str = "USD",
    first_row: int = 2,
) -> ImportResult:
    """Import rows given as ``{column: text}`` dicts, whole or not at all.

    The columns are the keys of the first row; blank rows are skipped but still
    counted, so errors carry spreadsheet row numbers from ``first_row`` on. This is
    the code path of :func:`import_file`. Does not commit.

    Args:
        session: where to write; the caller commits or rolls back.
        kind: sellers, customers, contacts, invoices or payments.
        rows: the data rows, read lazily.
        date_format: strftime pattern of the dates (ISO ``YYYY-MM-DD`` by default).
        currency: the company currency; documents in another currency are refused.
        first_row: the row number of the first dict (2 when row 1 is the header).

    Returns:
        How many rows were created, updated and left unchanged.

    Raises:
        ImportErrorReport: some row is wrong; nothing was written.
        ValueError: ``kind`` or ``currency`` is not a known value.
    """
    importer = _importer(kind)
    dates = _dates(date_format)
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return ImportResult(kind, 0, 0, 0)
    header = [str(name) for name in first]
    return _run(session, importer, header, chain([first], iterator), dates, currency, first_row)


def _importer(kind: str) -> type[Importer]:
    try:
        return IMPORTERS[kind]
    except KeyError:
        raise ValueError(f"unknown import kind '{kind}' (expected {', '.join(KINDS)})") from None


def _dates(date_format: str | None) -> DateParser:
    if date_format:
        try:
            check_date_format(date_format)
        except ValueError as exc:
            raise file_error(str(exc)) from None
    return DateParser(date_format)


def _run(
    session: Session,
    importer_class: type[Importer],
    header: list[str],
    rows: Iterable[Mapping[str, str]],
    dates: DateParser,
    currency: str,
    first_row: int,
) -> ImportResult:
    """Validate every row, then write only if no row had an error."""
    try:
        company_currency = parse_currency(currency.strip())
    except FieldError as exc:
        raise ValueError(f"company {exc.reason}") from None
    columns = _check_header(importer_class, header)
    ctx = Context(session, dates, company_currency, columns)
    importer = importer_class(ctx)
    for number, values in enumerate(_normalised(rows, importer_class.columns), first_row):
        if any(values.values()):
            row = Row(ctx, number, values)
            for name in sorted(values.keys() - columns):
                if values[name]:
                    row.error(name, "this column is not in the header (the first row's keys)")
            importer.add(row)
    importer.check()
    if ctx.errors:
        raise ImportErrorReport(ctx.errors)
    return importer.write()


def _column_name(name: object) -> str:
    return str(name).strip().lower() if name is not None else ""


def _check_header(importer_class: type[Importer], header: list[str]) -> frozenset[str]:
    """The known columns of the header; a missing or repeated one is an error."""
    seen: set[str] = set()
    errors: list[RowError] = []
    for name in map(_column_name, header):
        if name in seen and name in importer_class.columns:
            errors.append(RowError(1, name, "duplicate column"))
        seen.add(name)
    columns = frozenset(seen & set(importer_class.columns))
    errors.extend(importer_class.missing_columns(columns))
    if errors:
        raise ImportErrorReport(errors)
    return columns


def _normalised(
    rows: Iterable[Mapping[str, str]], known: tuple[str, ...]
) -> Iterator[dict[str, str]]:
    """Rows keyed by lower-case column names, known columns only, values stripped."""
    names: dict[object, str] = {}
    for row in rows:
        values: dict[str, str] = {}
        for raw_name, value in row.items():
            name = names.get(raw_name)
            if name is None:
                name = names[raw_name] = _column_name(raw_name)
            if name in known:
                values[name] = _cell(value)
        yield values


def _cell(value: object) -> str:
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else str(value).strip()
