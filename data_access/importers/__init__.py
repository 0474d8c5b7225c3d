"""Import sellers, customers, contacts, invoices and payments from CSV or XLSX files.

A file is imported whole or not at all: every row is validated first (all errors are
collected, each with its spreadsheet row number and column), and only a file without
errors is written. Re-importing a file changes nothing; a row whose key exists with
other values updates that row. Nothing here commits: the caller's
``session_scope`` does.

Keys: sellers and customers by ``code``, contacts by owner and ``name``, documents by
``(kind, number)``, payments by ``reference``. Large files are read lazily, existing
rows are looked up in chunks and written with executemany in chunks, so ORM objects
the session already holds are not refreshed: expire or refresh them to see the import.
"""

from data_access.importers.api import KINDS, import_file, import_rows
from data_access.importers.errors import ImportErrorReport, ImportResult, RowError

__all__ = ["KINDS", "ImportErrorReport", "ImportResult", "RowError", "import_file", "import_rows"]
