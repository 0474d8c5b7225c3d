"""What every importer shares: cells read with errors collected per row, a plan made
against the database before anything is written, and bulk writes in chunks.

An importer sees the rows of a file once (:meth:`Importer.add`), keeping each good row
as a compact *record* ``(row number, *values)`` whose values follow
:attr:`Importer.fields` (key fields first). :meth:`Importer.check` then looks up what
needs the database or every row, and plans which records create, change or leave
alone a row. Only when no error was found is :meth:`Importer.write` called.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, ClassVar, TypeVar

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from data_access.importers.errors import ImportResult, RowError
from data_access.importers.fields import DateParser, FieldError, parse_email

T = TypeVar("T")
Record = tuple[Any, ...]
Key = tuple[Any, ...]
READ_CHUNK = 1000
WRITE_CHUNK = 5000
FIELDS_CHANGED = 1  # Plan.changed flags
EXTRAS_CHANGED = 2


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def code_map(session: Session, model: Any) -> dict[str, int]:
    """``code -> id`` of every row of a table with a ``code`` column."""
    return {code: id_ for code, id_ in session.execute(select(model.code, model.id))}


@dataclass
class Context:
    """One import run: the session, the options and the errors found so far."""

    session: Session
    dates: DateParser
    currency: str
    columns: frozenset[str]
    errors: list[RowError] = field(default_factory=list)


class Row:
    """One data row; reading a bad or missing cell records an error and gives None."""

    __slots__ = ("_errors", "number", "ok", "values")

    def __init__(self, ctx: Context, number: int, values: dict[str, str]) -> None:
        self._errors = ctx.errors
        self.number = number
        self.values = values
        self.ok = True

    def error(self, column: str, reason: str) -> None:
        """Record a problem with this row in ``column``."""
        self.ok = False
        self._errors.append(RowError(self.number, column, reason))

    def text(self, column: str, *, required: bool = False, limit: int | None = None) -> str | None:
        """The cell's text, or None when empty ("missing value" if ``required``)."""
        value = self.values.get(column, "")
        if not value:
            if required:
                self.error(column, "missing value")
            return None
        if limit is not None and len(value) > limit:
            self.error(column, f"too long ({len(value)} characters, at most {limit})")
            return None
        return value

    def parse(self, column: str, parser: Callable[[str], T], *, required: bool = False) -> T | None:
        """The cell read by ``parser``, or None when empty or unreadable."""
        value = self.text(column, required=required)
        if value is None:
            return None
        try:
            return parser(value)
        except FieldError as exc:
            self.error(column, exc.reason)
            return None


@dataclass
class Plan:
    """Per record: the id of its existing row (None: to create) and what changed."""

    ids: list[int | None] = field(default_factory=list)
    changed: bytearray = field(default_factory=bytearray)

    def result(self, kind: str) -> ImportResult:
        """Counts of created, updated and unchanged records."""
        created = sum(1 for id_ in self.ids if id_ is None)
        updated = sum(1 for flags in self.changed if flags)
        return ImportResult(kind, created, updated, len(self.ids) - created - updated)

    def touched(self) -> Iterator[int]:
        """Positions of records that create or change a row."""
        return (i for i, id_ in enumerate(self.ids) if id_ is None or self.changed[i])


class Importer(ABC):
    """Base of the importer of one kind of file.

    Subclasses name their table, columns and fields; ``base_fields`` are always
    written (the first ``len(key)`` of them identify a row), ``optional`` maps the
    other fields to the column that feeds them and are written only when the file
    has that column, so a missing optional column leaves existing values alone.
    """

    kind: ClassVar[str]
    model: ClassVar[Any]
    columns: ClassVar[tuple[str, ...]]
    required: ClassVar[tuple[str, ...]]
    key: ClassVar[tuple[str, ...]]
    base_fields: ClassVar[tuple[str, ...]]
    optional: ClassVar[dict[str, str]] = {}

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session
        present = (name for name, column in self.optional.items() if column in ctx.columns)
        self.fields: tuple[str, ...] = (*self.base_fields, *present)
        self.records: list[Record] = []
        self.plan = Plan()

    @abstractmethod
    def add(self, row: Row) -> None:
        """Validate one row and keep its record when it has no error."""

    @classmethod
    def missing_columns(cls, columns: frozenset[str]) -> list[RowError]:
        """Errors for required columns the header lacks."""
        return [RowError(1, name, "missing column") for name in cls.required if name not in columns]

    def keep(self, row: Row, values: dict[str, Any]) -> bool:
        """Keep the record of ``row`` if it is good; ``values`` may hold extra fields."""
        if row.ok:
            self.records.append((row.number, *(values[name] for name in self.fields)))
        return row.ok

    def text(
        self, row: Row, column: str, *, field: str | None = None, required: bool = False
    ) -> str | None:
        """A text cell checked against the length of the table column it fills."""
        limit = getattr(self.table.c[field or column].type, "length", None)
        return row.text(column, required=required, limit=limit)

    def email(self, row: Row, column: str = "email") -> str | None:
        """An e-mail cell, checked for length and shape."""
        text = self.text(row, column)
        return text and row.parse(column, parse_email)

    @staticmethod
    def unique(row: Row, column: str, key: Key, seen: dict[Key, int], what: str) -> None:
        """Refuse a second row with the same ``key`` (``what`` names it for people)."""
        first = seen.setdefault(key, row.number)
        if first != row.number:
            row.error(column, f"duplicate {what} in rows {first} and {row.number}")

    @property
    def table(self) -> Table:
        """The table this importer writes."""
        table: Table = self.model.__table__
        return table

    def check(self) -> None:
        """Checks that need every row or the database, then plan the writes."""
        self.resolve()
        self.plan = self.plan_writes()

    def resolve(self) -> None:  # noqa: B027 - optional hook
        """Resolve references that need every row or the database (a hook)."""

    def key_of(self, record: Sequence[Any]) -> Key:
        """The key of a record or of a fetched ``(id, *fields)`` row."""
        return tuple(record[1 : 1 + len(self.key)])

    def fetch(self, keys: list[Key]) -> Iterable[Any]:
        """Existing ``(id, *fields)`` rows for ``keys`` (single-column keys here)."""
        columns = [self.table.c[name] for name in self.fields]
        query = select(self.table.c.id, *columns).where(
            self.table.c[self.key[0]].in_([key[0] for key in keys])
        )
        return self.session.execute(query.order_by(self.table.c.id))

    def guard(self, record: Record, existing: Any) -> None:  # noqa: B027 - optional hook
        """Refuse changes a re-import may not make (a hook)."""

    def plan_writes(self) -> Plan:
        """Compare every record with its existing row, one chunk of keys at a time."""
        plan = Plan()
        for chunk in chunked(self.records, READ_CHUNK):
            existing: dict[Key, Any] = {}
            for row in self.fetch([self.key_of(record) for record in chunk]):
                existing.setdefault(self.key_of(row), row)
            for record in chunk:
                row = existing.get(self.key_of(record))
                plan.ids.append(None if row is None else row[0])
                plan.changed.append(self._flags(record, row))
        return plan

    def _flags(self, record: Record, existing: Any) -> int:
        if existing is None:
            return 0
        self.guard(record, existing)
        return FIELDS_CHANGED if tuple(existing[1:]) != record[1:] else 0

    def ids_by_key(self, keys: Iterable[Key]) -> dict[Key, int]:
        """Ids of the rows with these keys, read after writing."""
        found: dict[Key, int] = {}
        for chunk in chunked(keys, READ_CHUNK):
            for row in self.fetch(chunk):
                found.setdefault(self.key_of(row), row[0])
        return found

    def write(self) -> ImportResult:
        """Insert new rows, update changed ones, then run :meth:`after_write`."""
        self.insert_new()
        self.update_changed()
        self.after_write()
        return self.plan.result(self.kind)

    def insert_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """Column values of a new row (a hook to add defaults)."""
        return values

    def update_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """Column values that change an existing row (a hook)."""
        return values

    def insert_new(self) -> None:
        """Insert the records that have no row yet, in chunks."""
        new = (
            self.insert_values(dict(zip(self.fields, record[1:], strict=True)))
            for record, id_ in zip(self.records, self.plan.ids, strict=True)
            if id_ is None
        )
        for chunk in chunked(new, WRITE_CHUNK):
            self.session.execute(insert(self.table), chunk)

    def update_changed(self) -> None:
        """Update the rows whose values differ from their record, in chunks."""
        width = len(self.key)
        changed = (
            self.update_values(
                {"id": id_, **dict(zip(self.fields[width:], record[1 + width :], strict=True))}
            )
            for record, id_, flags in zip(
                self.records, self.plan.ids, self.plan.changed, strict=True
            )
            if flags & FIELDS_CHANGED
        )
        for chunk in chunked(changed, WRITE_CHUNK):
            self.session.execute(update(self.model), chunk)

    def after_write(self) -> None:  # noqa: B027 - optional hook
        """Work that needs the written rows, such as tags or the ledger (a hook)."""
