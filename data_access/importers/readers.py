"""Read CSV and XLSX files lazily as a header plus one ``{column: text}`` dict per row.

Rows are yielded one by one, blank rows included (as empty dicts), so the position of
a dict in the stream is its spreadsheet row number minus two.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import IO

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from data_access.importers.errors import ImportErrorReport, RowError, file_error
from data_access.importers.fields import ISO_DATE

EXCEL_DIGITS = 15  # Excel keeps 15 significant digits; anything past them is float noise


@dataclass
class Table:
    """The header (row 1, as written) and a lazy stream of the data rows."""

    header: list[str]
    rows: Iterator[dict[str, str]]


@contextmanager
def open_table(path: Path, *, date_format: str | None = None) -> Iterator[Table]:
    """Open a ``.csv`` or ``.xlsx`` file as a :class:`Table`; closes it on exit.

    Args:
        path: the file; its suffix decides how it is read.
        date_format: strftime pattern used to write XLSX date cells as text, so they
            read back with the same pattern as typed dates (ISO by default).

    Raises:
        ImportErrorReport: unsupported file type, empty or unreadable file.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield _csv_table(handle)
    elif suffix == ".xlsx":
        with _xlsx_table(path, date_format or ISO_DATE) as table:
            yield table
    else:
        raise file_error(
            f"unsupported file type '{suffix or path.name}': save it as .csv (UTF-8) or .xlsx"
        )


def _csv_table(handle: IO[str]) -> Table:
    try:
        first = handle.readline()
    except UnicodeDecodeError:
        raise _not_utf8(1) from None
    if not first.strip():
        raise file_error("the file is empty: row 1 must hold the column names")
    reader = csv.reader(chain([first], handle), delimiter=sniff_delimiter(first))
    header = next(reader)
    return Table(header, _csv_rows(reader, header))


def sniff_delimiter(header_line: str) -> str:
    """``,`` or ``;``, whichever separates the header's columns (``,`` when unsure)."""
    try:
        return csv.Sniffer().sniff(header_line, delimiters=",;").delimiter
    except csv.Error:
        return ","


def _csv_rows(reader: Iterator[list[str]], header: list[str]) -> Iterator[dict[str, str]]:
    row = 1
    try:
        for row, record in enumerate(reader, 2):  # noqa: B007 - row is used after the loop
            yield dict(zip(header, record, strict=False))
    except UnicodeDecodeError:
        raise _not_utf8(row + 1) from None
    except csv.Error as exc:
        raise ImportErrorReport([RowError(row + 1, "", f"unreadable CSV: {exc}")]) from None


def _not_utf8(row: int) -> ImportErrorReport:
    reason = "the file is not UTF-8 text: save it as 'CSV UTF-8' or as .xlsx"
    return ImportErrorReport([RowError(row, "", reason)])


@contextmanager
def _xlsx_table(path: Path, date_format: str) -> Iterator[Table]:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError) as exc:
        raise file_error(f"cannot read '{path.name}' as an Excel workbook: {exc}") from None
    try:
        cells = book.worksheets[0].iter_rows(values_only=True)
        first = next(cells, None)
        if first is None:
            raise file_error("the first sheet is empty: row 1 must hold the column names")
        header = [cell_text(value, date_format) for value in first]
        rows = (
            dict(zip(header, (cell_text(value, date_format) for value in values), strict=False))
            for values in cells
        )
        yield Table(header, rows)
    finally:
        book.close()


def cell_text(value: object, date_format: str = ISO_DATE) -> str:
    """The canonical text of a spreadsheet cell value.

    Dates are written with ``date_format``; floats keep Excel's 15 significant digits
    and are written in plain notation (``1234.56``, ``30``, ``0.00001``), so an amount
    typed as 1234.56 is read back exactly and one typed with three decimals is refused
    by the amount check instead of being rounded silently.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return excel_number(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime(date_format)
    return str(value)


def excel_number(value: float) -> str:
    """``value`` rounded to Excel's 15 significant digits, in plain decimal notation."""
    if not math.isfinite(value):
        return str(value)
    text = format(Decimal(format(value, f".{EXCEL_DIGITS}g")), "f")
    return "0" if text == "-0" else text
