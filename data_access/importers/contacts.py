"""Importer of contacts: people to reach at a customer or at a seller."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select, update

from data_access.importers.base import WRITE_CHUNK, Context, Importer, Key, Row, chunked, code_map
from data_access.importers.errors import RowError
from data_access.importers.fields import parse_bool
from data_access.models import Contact, Customer, Seller

Owner = tuple[int | None, int | None]  # (customer_id, seller_id), exactly one set


class ContactImporter(Importer):
    """Contacts of one owner (``customer_code`` or ``seller_code``), keyed by name.

    A row naming an existing owner and name updates that contact. A primary contact
    makes every other contact of its owner non-primary.
    """

    kind = "contacts"
    model = Contact
    columns = ("customer_code", "seller_code", "name", "role", "email", "phone", "is_primary")
    required = ("name",)
    key = ("customer_id", "seller_id", "name")
    base_fields = key
    optional = {"role": "role", "email": "email", "phone": "phone", "is_primary": "is_primary"}

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.customers = code_map(self.session, Customer)
        self.sellers = code_map(self.session, Seller)
        self.seen: dict[Key, int] = {}
        self.primary: dict[Owner, tuple[str, int]] = {}  # owner -> (name, row)

    @classmethod
    def missing_columns(cls, columns: frozenset[str]) -> list[RowError]:
        """``name`` is required, and at least one of the two owner columns."""
        errors = super().missing_columns(columns)
        if not {"customer_code", "seller_code"} & columns:
            errors.append(RowError(1, "customer_code", "missing column (or seller_code)"))
        return errors

    def add(self, row: Row) -> None:
        """Validate one contact row."""
        owner = self._owner(row)
        name = self.text(row, "name", required=True)
        is_primary = bool(row.parse("is_primary", parse_bool))
        values = {
            "customer_id": owner[0] if owner else None,
            "seller_id": owner[1] if owner else None,
            "name": name,
            "role": self.text(row, "role"),
            "email": self.email(row),
            "phone": self.text(row, "phone"),
            "is_primary": is_primary,
        }
        if owner is not None and name is not None:
            what = f"contact '{name}' for {self._label(row)}"
            self.unique(row, "name", (*owner, name), self.seen, what)
            if is_primary:
                self._one_primary(row, owner, name)
        self.keep(row, values)

    def _owner(self, row: Row) -> Owner | None:
        customer, seller = row.text("customer_code"), row.text("seller_code")
        if customer and seller:
            row.error("seller_code", "give customer_code or seller_code, not both")
        elif customer:
            customer_id = self.customers.get(customer)
            if customer_id is not None:
                return (customer_id, None)
            row.error("customer_code", f"unknown customer '{customer}'")
        elif seller:
            seller_id = self.sellers.get(seller)
            if seller_id is not None:
                return (None, seller_id)
            row.error("seller_code", f"unknown seller '{seller}'")
        else:
            row.error("customer_code", "missing value (customer_code or seller_code)")
        return None

    @staticmethod
    def _label(row: Row) -> str:
        customer = row.values.get("customer_code")
        return f"customer {customer}" if customer else f"seller {row.values['seller_code']}"

    def _one_primary(self, row: Row, owner: Owner, name: str) -> None:
        first_name, first_row = self.primary.setdefault(owner, (name, row.number))
        if first_row != row.number:
            row.error(
                "is_primary",
                f"more than one primary contact for {self._label(row)} "
                f"(rows {first_row} and {row.number})",
            )

    def fetch(self, keys: list[Key]) -> Iterable[Any]:
        """Every contact of the owners named by ``keys``."""
        customer_ids = {key[0] for key in keys if key[0] is not None}
        seller_ids = {key[1] for key in keys if key[1] is not None}
        columns = [self.table.c[name] for name in self.fields]
        query = select(Contact.id, *columns).where(
            or_(Contact.customer_id.in_(customer_ids), Contact.seller_id.in_(seller_ids))
        )
        return self.session.execute(query.order_by(Contact.id))

    def after_write(self) -> None:
        """Make every other contact of an owner with a primary row non-primary."""
        keys = [(*owner, name) for owner, (name, _row) in self.primary.items()]
        primary_keys = set(keys)
        position = self.fields.index("is_primary") + 1 if self.primary else 0
        demoted = [
            {"id": row[0], "is_primary": False}
            for chunk in chunked(keys, 500)
            for row in self.fetch(chunk)
            if row[position] and self.key_of(row) not in primary_keys
        ]
        for chunk in chunked(demoted, WRITE_CHUNK):
            self.session.execute(update(Contact), chunk)
