"""Rows of a file read through a plan: the file's columns renamed to our fields,
numbers made plain, and, when one file holds several kinds, each record taken once.

Every file row yields one dict (blank when skipped), so the importers number rows as
the file does. Problems found here are added to ``errors`` with the file's header.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from data_access.importers.errors import RowError
from data_access.importers.formats import DOT, plain_number
from data_access.importers.mapping import DECIMAL_FIELDS
from data_access.importers.plan import Columns

KEYS: dict[str, tuple[str, ...]] = {
    "sellers": ("code",),
    "customers": ("code",),
    "contacts": ("customer_code", "seller_code", "name"),
    "invoices": ("kind", "number"),
    "payments": ("reference",),
}
NOUNS = {
    "sellers": "seller",
    "customers": "customer",
    "contacts": "contact",
    "invoices": "document",
    "payments": "payment",
}
PROGRESS_EVERY = 1000
EXAMPLES = {"dot": "1,234.56", "comma": "1.234,56"}


@dataclass
class MappedRows:
    """One kind's view of a file's rows.

    Attributes:
        kind: the kind imported from these rows.
        columns: ``header -> fields``.
        decimal: ``dot`` or ``comma``.
        once: take each record once (several kinds in one file): a repeated key
            with the same values is skipped, with other values it is an error.
        skip: row numbers to yield blank (rows already refused).
        errors: where problems are added.
        progress: called with the number of rows read, every 1,000 rows.
    """

    kind: str
    columns: Columns
    decimal: str = DOT
    once: bool = False
    skip: frozenset[int] = frozenset()
    errors: list[RowError] = field(default_factory=list)
    progress: Callable[[int], None] | None = None

    def __post_init__(self) -> None:
        self.pairs = [(h, name) for h, names in self.columns.items() for name in names]
        self.fields = list(dict.fromkeys(name for _h, name in self.pairs))
        self.numbers = [(h, name) for h, name in self.pairs if name in DECIMAL_FIELDS]
        self.key = [name for name in KEYS[self.kind] if name in self.fields]
        self._seen: dict[tuple[str, ...], tuple[int, int]] = {}

    def header_of(self, name: str) -> str:
        """The file's header feeding field ``name`` (the field itself if none)."""
        return next((h for h, field_name in self.pairs if field_name == name), name)

    def blank(self) -> dict[str, str]:
        """A row the importer skips (it still counts it)."""
        return dict.fromkeys(self.fields, "")

    def rows(
        self, raw_rows: Iterable[Mapping[str, str | None]], first_row: int = 2
    ) -> Iterator[dict[str, str]]:
        """The file's rows as ``{field: text}`` dicts, one per file row."""
        number = first_row - 1
        for number, raw in enumerate(raw_rows, first_row):  # noqa: B007 - used after the loop
            if self.progress is not None and (number - first_row) % PROGRESS_EVERY == 0:
                self.progress(number - first_row)
            if number in self.skip:
                yield self.blank()
                continue
            values = {name: (raw.get(h) or "").strip() for h, name in self.pairs}
            if self.decimal != DOT or self.numbers:
                self._numbers(number, values)
            if self.once and not self._first_time(number, values):
                yield self.blank()
                continue
            yield values
        if self.progress is not None:
            self.progress(number - first_row + 1)

    def _numbers(self, number: int, values: dict[str, str]) -> None:
        for header, name in self.numbers:
            text = values[name]
            if not text:
                continue
            plain = plain_number(text, self.decimal)
            if plain is None:
                reason = f"bad number '{text}' (expected a number like {EXAMPLES[self.decimal]})"
                self.errors.append(RowError(number, header, reason))
            else:
                values[name] = plain

    def _first_time(self, number: int, values: dict[str, str]) -> bool:
        """Whether this row's record is new; a same key with other values is an error."""
        if not self.key or not any(values.values()):
            return True
        key = tuple(values[name] for name in self.key)
        signature = hash(tuple(values.values()))
        first = self._seen.setdefault(key, (number, signature))
        if first[0] == number:
            return True
        if first[1] != signature:
            label = " / ".join(part for part in key if part)
            reason = f"{NOUNS[self.kind]} '{label}' has other values than in row {first[0]}"
            self.errors.append(RowError(number, self.header_of(self.key[-1]), reason))
        return False
