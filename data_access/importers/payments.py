"""Importer of payments received from customers."""

from __future__ import annotations

from typing import Any

from data_access.importers.base import Row
from data_access.importers.fields import parse_amount
from data_access.importers.ledger_base import LedgerImporter
from data_access.models import Payment


class PaymentImporter(LedgerImporter):
    """Payments keyed by ``reference``.

    ``invoice_number`` optionally names the invoice or debit note the payment is for;
    it must already be in the database and belong to the same customer.
    """

    kind = "payments"
    model = Payment
    noun = "payment"
    columns = ("reference", "customer_code", "date", "amount", "method", "invoice_number")
    required = ("reference", "customer_code", "date", "amount")
    key = ("reference",)
    base_fields = ("reference", "customer_id", "date", "amount")
    optional = {"method": "method", "invoice_id": "invoice_number"}
    reference_column = "invoice_number"
    reference_field = "invoice_id"

    def add(self, row: Row) -> None:
        """Validate one payment row."""
        reference = self.text(row, "reference", required=True)
        values = {
            "reference": reference,
            "customer_id": self.customer(row),
            "date": row.parse("date", self.ctx.dates, required=True),
            "amount": row.parse("amount", parse_amount, required=True),
            "method": self.text(row, "method"),
            "invoice_id": None,
        }
        invoice = row.text("invoice_number")
        if reference is not None:
            self.unique(row, "reference", (reference,), self.seen, f"reference '{reference}'")
        if self.keep(row, values) and invoice is not None:
            self.refer(row, invoice)

    def insert_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """A new payment starts fully unapplied until the ledger is rebuilt."""
        return {**values, "unapplied": values["amount"]}
