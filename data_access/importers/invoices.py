"""Importer of documents: invoices, credit notes and debit notes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update

from data_access.importers.base import WRITE_CHUNK, Key, Row, chunked
from data_access.importers.fields import (
    parse_amount,
    parse_bool,
    parse_currency,
    parse_document_kind,
)
from data_access.importers.ledger_base import LedgerImporter, PendingCharge
from data_access.models import CHARGE_KINDS, Document


class InvoiceImporter(LedgerImporter):
    """Documents keyed by ``(kind, number)``.

    ``kind`` defaults to invoice; a credit note without due date is due on issue;
    ``applies_to`` names an invoice or debit note of the same customer, already in the
    database or earlier in the file, and only credit and debit notes may have one.
    """

    kind = "invoices"
    model = Document
    noun = "document"
    columns = (
        "number", "customer_code", "issue_date", "due_date", "amount",
        "currency", "kind", "disputed", "applies_to",
    )  # fmt: skip
    required = ("number", "customer_code", "issue_date", "due_date", "amount")
    key = ("kind", "number")
    base_fields = (
        "kind", "number", "customer_id", "issue_date", "due_date", "amount", "currency",
    )  # fmt: skip
    optional = {"disputed": "disputed", "applies_to_id": "applies_to"}
    reference_column = "applies_to"
    reference_field = "applies_to_id"

    def add(self, row: Row) -> None:
        """Validate one document row."""
        number = self.text(row, "number", required=True)
        kind = row.parse("kind", parse_document_kind) or "invoice"
        customer_id = self.customer(row)
        issue_date, due_date = self._dates(row, kind)
        values = {
            "kind": kind,
            "number": number,
            "customer_id": customer_id,
            "issue_date": issue_date,
            "due_date": due_date,
            "amount": row.parse("amount", parse_amount, required=True),
            "currency": self._currency(row),
            "disputed": bool(row.parse("disputed", parse_bool)),
            "applies_to_id": None,
        }
        if number is None:
            self.keep(row, values)
            return
        target = self._applies_to(row, kind, number, customer_id)
        self.unique(row, "number", (kind, number), self.seen, f"number '{number}'")
        if self.keep(row, values) and target is not None:
            self.refer(row, *target)

    def _dates(self, row: Row, kind: str) -> tuple[dt.date | None, dt.date | None]:
        issue_date = row.parse("issue_date", self.ctx.dates, required=True)
        credit = kind == "credit_note"
        due_date = row.parse("due_date", self.ctx.dates, required=not credit)
        if credit and not row.values.get("due_date"):
            due_date = issue_date
        if issue_date and due_date and due_date < issue_date:
            row.error("due_date", "due date before issue date")
        return issue_date, due_date

    def _currency(self, row: Row) -> str:
        currency = row.parse("currency", parse_currency) or self.ctx.currency
        if currency != self.ctx.currency:
            row.error(
                "currency",
                f"currency {currency} differs from the company currency {self.ctx.currency}; "
                "amounts in several currencies cannot be added up",
            )
        return currency

    def _applies_to(
        self, row: Row, kind: str, number: str, customer_id: int | None
    ) -> tuple[str, tuple[str, str] | None] | None:
        target = self.text(row, "applies_to", field="number")
        if target is None:
            return None
        if kind == "invoice":
            row.error("applies_to", "only credit notes and debit notes apply to another document")
        elif target == number and kind in CHARGE_KINDS:
            row.error("applies_to", "a document cannot apply to itself")
        for charge_kind in CHARGE_KINDS:
            earlier = self.seen.get((charge_kind, target))
            if earlier is None:
                continue
            owner = self.customer_in_row(earlier)
            if customer_id is not None and owner is not None and owner != customer_id:
                row.error(
                    "applies_to",
                    f"invoice '{target}' belongs to customer {self.code_of(owner)}, "
                    f"not {self.code_of(customer_id)}",
                )
            return target, (charge_kind, target)
        return target, None

    def fetch(self, keys: list[Key]) -> Iterable[Any]:
        """Existing documents for ``(kind, number)`` keys, one query per kind."""
        numbers: dict[str, list[str]] = defaultdict(list)
        for kind, number in keys:
            numbers[kind].append(number)
        columns = [self.table.c[name] for name in self.fields]
        for kind, chunk in numbers.items():
            query = select(Document.id, *columns).where(
                Document.kind == kind, Document.number.in_(chunk)
            )
            yield from self.session.execute(query.order_by(Document.id)).all()

    def insert_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """A new document starts fully open; a pending ``applies_to`` is set later."""
        return {**self.update_values(values), "open_amount": values["amount"]}

    def update_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """Leave ``applies_to_id`` empty while it names a document not written yet."""
        if isinstance(values.get("applies_to_id"), PendingCharge):
            return {**values, "applies_to_id": None}
        return values

    def after_write(self) -> None:
        """Link notes to charges created by this import, then rebuild the ledger."""
        position = self.fields.index("applies_to_id") + 1 if "applies_to_id" in self.fields else 0
        pending = [
            (self.key_of(record), record[position].key)
            for record in self.records
            if position and isinstance(record[position], PendingCharge)
        ]
        if pending:
            ids = self.ids_by_key({key for pair in pending for key in pair})
            links = [{"id": ids[own], "applies_to_id": ids[target]} for own, target in pending]
            for chunk in chunked(links, WRITE_CHUNK):
                self.session.execute(update(Document), chunk)
        super().after_write()
