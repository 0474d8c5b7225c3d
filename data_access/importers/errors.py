"""What an import reports: its counts when it worked, every row error when it did not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    """One problem in an import file.

    ``row`` is the spreadsheet row number: the header is row 1 and the first data row
    is row 2; row 0 means the file as a whole (unreadable, wrong type, empty).
    ``column`` is the header name, or ``""`` when the problem is not in one column.
    """

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = "file" if self.row == 0 else f"row {self.row}"
        if self.column:
            where = f"{where}, {self.column}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ImportResult:
    """How many rows of a file created, changed or left alone a database row."""

    kind: str
    created: int
    updated: int
    unchanged: int


class ImportErrorReport(Exception):
    """A file was refused; nothing of it was written.

    Attributes:
        errors: every problem found, ordered by row; ``str()`` lists one per line.
    """

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors: list[RowError] = sorted(errors, key=lambda error: error.row)
        super().__init__("\n".join(str(error) for error in self.errors))


def file_error(reason: str) -> ImportErrorReport:
    """A report with one error about the file as a whole (row 0)."""
    return ImportErrorReport([RowError(0, "", reason)])
