"""Import a file through a plan, kind after kind, all or nothing, and audit it.

The ``cartera import`` command and the import page both call :func:`import_planned`
(or :func:`import_plain` for a file already in our column names); the page's preview
calls :func:`preview_planned`, the same run rolled back. Each kind goes through
:func:`data_access.importers.import_rows`, the one validation and write path.

Every problem of the whole file is reported, not only the first kind's: when a kind
has bad rows, the run keeps going with those rows left out, so the kinds after it
are checked against what the good rows would have written; then nothing is kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from data_access import audit
from data_access.importers.api import import_file, import_rows
from data_access.importers.errors import ImportErrorReport, ImportResult, RowError
from data_access.importers.formats import DOT, ISO, detect_date_format, detect_decimal
from data_access.importers.mapped import MappedRows
from data_access.importers.mapping import DATE_FIELDS, MONEY_FIELDS
from data_access.importers.plan import ImportPlan
from data_access.importers.readers import open_table

Progress = Callable[[str, str, int], None]  # (kind, "read" or "write", rows read)
SAMPLE_ROWS = 5000
RETRIES = 3


@dataclass(frozen=True)
class Outcome:
    """What an import did (or, refused, would have done) per kind.

    Attributes:
        results: created / updated / unchanged per kind (only kinds without errors).
        errors: every problem, ordered by row; columns are the file's headers.
        rejected: rows with a problem, per kind.
    """

    results: dict[str, ImportResult] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    rejected: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the file imports without a problem."""
        return not self.errors


class ImportRefused(ImportErrorReport):
    """The file was refused; ``outcome`` says what was found. Nothing must be kept."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.errors)
        self.outcome = outcome


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def column_values(
    path: Path, headers: Iterable[str], *, limit: int = SAMPLE_ROWS
) -> dict[str, list[str]]:
    """Non-empty values of some columns in the first ``limit`` rows (for detection)."""
    wanted = list(dict.fromkeys(headers))
    found: dict[str, list[str]] = {h: [] for h in wanted}
    with open_table(path) as table:
        for number, row in enumerate(table.rows):
            if number >= limit:
                break
            for header in wanted:
                value = (row.get(header) or "").strip()
                if value:
                    found[header].append(value)
    return found


def resolve_formats(path: Path, plan: ImportPlan) -> ImportPlan:
    """The plan with the formats it leaves open detected from the file's values.

    Raises:
        ImportErrorReport: the dates fit several formats (or none): choose one.
    """
    if plan.decimal and plan.date_format:
        return plan
    money = _headers(plan, MONEY_FIELDS)
    dates = _headers(plan, DATE_FIELDS)
    values = column_values(path, money | dates)
    decimal = plan.decimal or detect_decimal(v for h in money for v in values[h]).decimal
    date_format = plan.date_format
    if date_format is None and dates:
        guess = detect_date_format(v for h in dates for v in values[h])
        if guess.pattern is None:
            fits = " or ".join(guess.choices) or "no known format"
            raise ImportErrorReport(
                [RowError(0, "", f"the dates fit {fits}: give the date format")]
            )
        date_format = guess.pattern
    return plan.with_formats(decimal, date_format or ISO)


def _headers(plan: ImportPlan, wanted: frozenset[str]) -> set[str]:
    return {
        header
        for columns in plan.kinds.values()
        for header, fields in columns.items()
        if wanted & set(fields)
    }


def import_planned(
    session: Session,
    path: Path,
    plan: ImportPlan,
    *,
    currency: str,
    user_id: int | None,
    via: str,
    file_name: str | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """Import ``path`` through ``plan`` whole, and record it in the audit trail.

    Does not commit; raises before anything may be kept.

    Args:
        session: where to write; the caller commits, or rolls back on an exception.
        path: the CSV or XLSX file.
        plan: kinds and columns; formats it leaves open are detected.
        currency: the company currency.
        user_id: who imports (None: the command line).
        via: ``web`` or ``cli``, for the audit trail.
        file_name: the name people know the file by (default: the path's name).
        progress: told which kind is read or written, and how many rows so far.

    Raises:
        ImportRefused: some row or the file is wrong; the caller must roll back.
        ImportErrorReport: the plan does not fit the file.
    """
    outcome = _run(session, path, plan, currency=currency, progress=progress)
    if not outcome.ok:
        raise ImportRefused(outcome)
    record_import(
        session,
        path,
        outcome,
        user_id=user_id,
        via=via,
        file_name=file_name,
        mapping=plan.name,
    )
    return outcome


def preview_planned(
    session: Session,
    path: Path,
    plan: ImportPlan,
    *,
    currency: str,
    progress: Progress | None = None,
) -> Outcome:
    """What importing ``path`` would do and every problem it would meet; keeps nothing.

    Runs the import and rolls ``session`` back, so give it a session of its own.

    Raises:
        ImportErrorReport: the plan does not fit the file, or the file is unreadable.
    """
    try:
        return _run(session, path, plan, currency=currency, progress=progress)
    finally:
        session.rollback()


def import_plain(
    session: Session,
    kind: str,
    path: Path,
    *,
    currency: str,
    date_format: str | None,
    user_id: int | None,
    via: str,
) -> Outcome:
    """Import a file whose columns carry our field names (the documented layout), audited.

    Raises:
        ImportErrorReport: some row or the file is wrong; nothing was written.
    """
    result = import_file(session, kind, path, date_format=date_format, currency=currency)
    outcome = Outcome({kind: result})
    record_import(session, path, outcome, user_id=user_id, via=via, file_name=None, mapping=None)
    return outcome


def record_import(
    session: Session,
    path: Path,
    outcome: Outcome,
    *,
    user_id: int | None,
    via: str,
    file_name: str | None,
    mapping: str | None,
) -> None:
    """Add the audit entry of an import: who, the file's name and SHA-256, the counts."""
    sha = file_sha256(path)
    counts = {
        kind: {"created": r.created, "updated": r.updated, "unchanged": r.unchanged}
        for kind, r in outcome.results.items()
    }
    audit.record(
        session,
        user_id=user_id,
        action="import.file",
        entity="import",
        entity_id=sha,
        details={
            "file": file_name or path.name,
            "sha256": sha,
            "via": via,
            "mapping": mapping,
            "kinds": counts,
        },
    )


def _run(
    session: Session,
    path: Path,
    plan: ImportPlan,
    *,
    currency: str,
    progress: Progress | None,
) -> Outcome:
    """Import every kind of the plan in order, collecting every problem."""
    with open_table(path) as table:
        header = table.header
    problems = plan.problems(header)
    if problems:
        raise ImportErrorReport([RowError(1, "", problem) for problem in problems])
    try:
        plan = resolve_formats(path, plan)
    except ImportErrorReport as exc:
        return Outcome(errors=exc.errors)
    once = len(plan.kinds) > 1
    results: dict[str, ImportResult] = {}
    errors: list[RowError] = []
    rejected: dict[str, int] = {}
    for kind, columns in plan.ordered():
        found, result = _run_kind(session, path, plan, kind, columns, once, currency, progress)
        if result is not None:
            results[kind] = result
        if found:
            errors.extend(_labelled(found, kind) if once else found)
            rejected[kind] = len({error.row for error in found if error.row > 1})
    return Outcome(results, sorted(errors, key=lambda e: e.row), rejected)


def _run_kind(
    session: Session,
    path: Path,
    plan: ImportPlan,
    kind: str,
    columns: dict[str, tuple[str, ...]],
    once: bool,
    currency: str,
    progress: Progress | None,
) -> tuple[list[RowError], ImportResult | None]:
    """Import one kind; on errors, retry without the bad rows so later kinds can be checked."""
    errors: list[RowError] = []
    skip: set[int] = set()
    for attempt in range(RETRIES):
        rows = MappedRows(
            kind,
            columns,
            decimal=plan.decimal or DOT,
            once=once,
            skip=frozenset(skip),
            progress=_rows_progress(progress, kind) if attempt == 0 else None,
        )
        try:
            result = _import_kind(session, path, plan, rows, currency, progress, attempt == 0)
        except ImportErrorReport as exc:
            found = _merge(rows.errors, [_in_file(rows, e) for e in exc.errors])
        else:
            found, result = rows.errors, result
            if not found:
                return errors, result if attempt == 0 else None
        if attempt == 0:
            errors = found
        new = {error.row for error in found if error.row > 1} - skip
        if not new:
            break
        skip |= new
    return errors, None


def _import_kind(
    session: Session,
    path: Path,
    plan: ImportPlan,
    rows: MappedRows,
    currency: str,
    progress: Progress | None,
    report: bool,
) -> ImportResult:
    with open_table(path, date_format=plan.date_format) as table:
        mapped = rows.rows(table.rows)
        if progress is not None and report:
            mapped = _then(mapped, lambda: progress(rows.kind, "write", 0))
        result = import_rows(
            session, rows.kind, mapped, date_format=plan.date_format, currency=currency
        )
    if rows.errors:  # bad numbers or repeated records: refuse (the caller rolls back)
        raise ImportErrorReport([])
    return result


def _then(rows: Iterator[dict[str, str]], done: Callable[[], None]) -> Iterator[dict[str, str]]:
    """The rows, then a call to ``done`` once the last one was read."""
    yield from rows
    done()


def _rows_progress(progress: Progress | None, kind: str) -> Callable[[int], None] | None:
    if progress is None:
        return None
    return lambda done: progress(kind, "read", done)


def _in_file(rows: MappedRows, error: RowError) -> RowError:
    """An importer's error named by the file's header instead of our field."""
    if not error.column:
        return error
    return RowError(error.row, rows.header_of(error.column), error.reason)


def _merge(first: list[RowError], second: list[RowError]) -> list[RowError]:
    """Both lists, without a second problem for a cell the first already reports."""
    cells = {(error.row, error.column) for error in first}
    return [*first, *(e for e in second if (e.row, e.column) not in cells)]


def _labelled(errors: list[RowError], kind: str) -> list[RowError]:
    return [RowError(e.row, e.column, f"{kind}: {e.reason}") for e in errors]


def count_rows(path: Path) -> int:
    """Data rows in the file (blank rows included)."""
    with open_table(path) as table:
        return sum(1 for _ in table.rows)
