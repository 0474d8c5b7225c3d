"""What the invoice and payment importers share: customers, charges, the ledger."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.importers.base import (
    READ_CHUNK,
    Context,
    Importer,
    Key,
    Record,
    Row,
    chunked,
    code_map,
)
from data_access.importers.errors import RowError
from data_access.ledger_store import rebuild_ledger
from data_access.models import CHARGE_KINDS, Customer, Document


@dataclass(frozen=True)
class Reference:
    """A row naming a charge by number; ``in_file`` is its key when found earlier."""

    index: int
    row: int
    number: str
    in_file: tuple[str, str] | None = None


@dataclass(frozen=True)
class PendingCharge:
    """A charge created by this same import, so its id is known only after writing."""

    key: tuple[str, str]


class LedgerImporter(Importer):
    """Base of the importers of documents and payments.

    Rows name their customer by code and may name a charge (invoice or debit note) by
    number; a re-import may not move a row to another customer. After writing, the
    ledger of every customer whose rows were created or changed is rebuilt once.
    """

    noun: ClassVar[str]
    reference_column: ClassVar[str]
    reference_field: ClassVar[str]

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.customers = code_map(self.session, Customer)
        self._codes: dict[int, str] = {}
        self.references: list[Reference] = []
        self.seen: dict[Key, int] = {}  # key -> row number of its first row
        self.customer_at = self.fields.index("customer_id") + 1

    def customer(self, row: Row) -> int | None:
        """The id of the row's ``customer_code`` (error when missing or unknown)."""
        code = row.text("customer_code", required=True)
        if code is None:
            return None
        customer_id = self.customers.get(code)
        if customer_id is None:
            row.error("customer_code", f"unknown customer '{code}'")
        return customer_id

    def customer_in_row(self, row_number: int) -> int | None:
        """The customer id of the record kept for a row (None if that row was refused)."""
        i = bisect_left(self.records, row_number, key=itemgetter(0))
        if i < len(self.records) and self.records[i][0] == row_number:
            customer_id: int = self.records[i][self.customer_at]
            return customer_id
        return None

    def code_of(self, customer_id: int) -> str:
        """The code of a customer id (for messages)."""
        if not self._codes:
            self._codes = {id_: code for code, id_ in self.customers.items()}
        return self._codes.get(customer_id, f"#{customer_id}")

    def label(self, record: Record) -> str:
        """How people name this record: ``document F-1``, ``payment P-9``."""
        return f"{self.noun} {record[len(self.key)]}"

    def guard(self, record: Record, existing: Any) -> None:
        """Refuse to move an existing document or payment to another customer."""
        before, after = existing[self.customer_at], record[self.customer_at]
        if before != after:
            reason = (
                f"{self.label(record)} belongs to customer {self.code_of(before)}, "
                f"not {self.code_of(after)}"
            )
            self.ctx.errors.append(RowError(record[0], "customer_code", reason))

    def refer(self, row: Row, number: str, in_file: tuple[str, str] | None = None) -> None:
        """Remember that the record just kept for ``row`` names charge ``number``."""
        self.references.append(Reference(len(self.records) - 1, row.number, number, in_file))

    def resolve(self) -> None:
        """Replace each named charge number by the id of a charge of the same customer."""
        if not self.references:
            return
        found = charges_by_number(self.session, {ref.number for ref in self.references})
        position = self.fields.index(self.reference_field) + 1
        for ref in self.references:
            record = self.records[ref.index]
            value = self._charge(ref, record[self.customer_at], found.get(ref.number, []))
            self.records[ref.index] = (*record[:position], value, *record[position + 1 :])

    def _charge(self, ref: Reference, customer_id: int, candidates: list[Any]) -> object:
        if ref.in_file is not None:
            same = [c.id for c in candidates if c.kind == ref.in_file[0]]
            return same[0] if same else PendingCharge(ref.in_file)
        mine = [c.id for c in candidates if c.customer_id == customer_id]
        if len(mine) == 1:
            return mine[0]
        if mine:
            reason = f"'{ref.number}' is both an invoice and a debit note of this customer"
        elif candidates:
            owner = self.code_of(candidates[0].customer_id)
            reason = (
                f"invoice '{ref.number}' belongs to customer {owner}, "
                f"not {self.code_of(customer_id)}"
            )
        else:
            reason = f"unknown invoice '{ref.number}'"
        self.ctx.errors.append(RowError(ref.row, self.reference_column, reason))
        return None

    def after_write(self) -> None:
        """Rebuild the ledger of every customer with created or changed rows."""
        affected = {self.records[i][self.customer_at] for i in self.plan.touched()}
        self.records, self.seen = [], {}  # written: give the memory to the ledger rebuild
        if affected:
            rebuild_ledger(self.session, affected)


def charges_by_number(session: Session, numbers: Iterable[str]) -> dict[str, list[Any]]:
    """Invoices and debit notes with these numbers: ``number -> [(id, kind, customer_id)]``."""
    found: dict[str, list[Any]] = defaultdict(list)
    for chunk in chunked(sorted(numbers), READ_CHUNK):
        for kind in CHARGE_KINDS:
            query = select(Document.id, Document.kind, Document.number, Document.customer_id).where(
                Document.kind == kind, Document.number.in_(chunk)
            )
            for row in session.execute(query):
                found[row.number].append(row)
    return found
