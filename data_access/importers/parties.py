"""Importers of sellers and customers (with their tags)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from data_access.importers.base import (
    EXTRAS_CHANGED,
    READ_CHUNK,
    WRITE_CHUNK,
    Context,
    Importer,
    Key,
    Row,
    chunked,
    code_map,
)
from data_access.importers.fields import (
    DecimalRange,
    IntegerRange,
    parse_credit_limit,
    parse_language,
    parse_tags,
)
from data_access.models import Customer, Seller, Tag, customer_tags

TAG_LENGTH: int = getattr(Tag.__table__.c.name.type, "length", 60)
LATITUDE = DecimalRange(-90, 90)
LONGITUDE = DecimalRange(-180, 180)
PAYMENT_TERMS = IntegerRange(0, 3650)


class SellerImporter(Importer):
    """``code,name,email,phone``; the code identifies a seller."""

    kind = "sellers"
    model = Seller
    columns = ("code", "name", "email", "phone")
    required = ("code", "name")
    key = ("code",)
    base_fields = ("code", "name")
    optional = {"email": "email", "phone": "phone"}

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.seen: dict[Key, int] = {}

    def add(self, row: Row) -> None:
        """Validate one seller row."""
        code = self.text(row, "code", required=True)
        values = {
            "code": code,
            "name": self.text(row, "name", required=True),
            "email": self.email(row),
            "phone": self.text(row, "phone"),
        }
        if code is not None:
            self.unique(row, "code", (code,), self.seen, f"code '{code}'")
        self.keep(row, values)


class CustomerImporter(Importer):
    """Customers by code, with their seller, terms, location and ``;``-separated tags.

    When the file has a ``tags`` column, a customer's tags become exactly those of its
    row (new tag names are created); without it, tags are left alone.
    """

    kind = "customers"
    model = Customer
    columns = (
        "code", "name", "seller_code", "tags", "credit_limit", "payment_terms_days",
        "tax_id", "address", "city", "country", "latitude", "longitude", "language",
    )  # fmt: skip
    required = ("code", "name")
    key = ("code",)
    base_fields = ("code", "name")
    optional = {
        "seller_id": "seller_code",
        "credit_limit": "credit_limit",
        "payment_terms_days": "payment_terms_days",
        "tax_id": "tax_id",
        "address": "address",
        "city": "city",
        "country": "country",
        "latitude": "latitude",
        "longitude": "longitude",
        "language": "language",
    }

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.sellers = code_map(self.session, Seller)
        self.seen: dict[Key, int] = {}
        self.with_tags = "tags" in ctx.columns
        self.tags: list[frozenset[str]] = []  # follows self.records when with_tags

    def add(self, row: Row) -> None:
        """Validate one customer row."""
        code = self.text(row, "code", required=True)
        values = {
            "code": code,
            "name": self.text(row, "name", required=True),
            "seller_id": self._seller(row),
            "credit_limit": row.parse("credit_limit", parse_credit_limit),
            "payment_terms_days": row.parse("payment_terms_days", PAYMENT_TERMS),
            "latitude": row.parse("latitude", LATITUDE),
            "longitude": row.parse("longitude", LONGITUDE),
            "language": row.parse("language", parse_language),
            **{name: self.text(row, name) for name in ("tax_id", "address", "city", "country")},
        }
        tags = self._tags(row)
        if code is not None:
            self.unique(row, "code", (code,), self.seen, f"code '{code}'")
        if self.keep(row, values) and self.with_tags:
            self.tags.append(tags)

    def _seller(self, row: Row) -> int | None:
        code = row.text("seller_code")
        if code is None:
            return None
        seller_id = self.sellers.get(code)
        if seller_id is None:
            row.error("seller_code", f"unknown seller '{code}'")
        return seller_id

    def _tags(self, row: Row) -> frozenset[str]:
        tags = row.parse("tags", parse_tags) or frozenset()
        for tag in sorted(tags):
            if len(tag) > TAG_LENGTH:
                row.error("tags", f"tag '{tag}' is too long (at most {TAG_LENGTH} characters)")
        return tags

    def check(self) -> None:
        """Plan the customer rows, then mark customers whose tags differ."""
        super().check()
        if not self.with_tags:
            return
        existing = {id_: i for i, id_ in enumerate(self.plan.ids) if id_ is not None}
        current = tags_of(self.session, existing)
        for customer_id, i in existing.items():
            if current.get(customer_id, frozenset()) != self.tags[i]:
                self.plan.changed[i] |= EXTRAS_CHANGED

    def after_write(self) -> None:
        """Give new customers and those whose tags changed exactly the tags of their row."""
        if not self.with_tags:
            return
        touched = list(self.plan.touched())
        new_ids = self.ids_by_key(
            self.key_of(self.records[i]) for i in touched if self.plan.ids[i] is None
        )
        wanted: dict[int, frozenset[str]] = {}
        for i in touched:
            customer_id = self.plan.ids[i] or new_ids[self.key_of(self.records[i])]
            wanted[customer_id] = self.tags[i]
        replace_tags(self.session, wanted)


def tags_of(session: Session, customer_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """The tag names of each of these customers (customers without tags are absent)."""
    found: dict[int, set[str]] = defaultdict(set)
    for chunk in chunked(customer_ids, READ_CHUNK):
        query = (
            select(customer_tags.c.customer_id, Tag.name)
            .join(Tag, Tag.id == customer_tags.c.tag_id)
            .where(customer_tags.c.customer_id.in_(chunk))
        )
        for customer_id, name in session.execute(query):
            found[customer_id].add(name)
    return {customer_id: frozenset(names) for customer_id, names in found.items()}


def replace_tags(session: Session, wanted: dict[int, frozenset[str]]) -> None:
    """Set the tags of each customer to exactly ``wanted[customer_id]``."""
    tag_ids = ensure_tags(session, set().union(*wanted.values()) if wanted else set())
    for ids in chunked(wanted, READ_CHUNK):
        session.execute(delete(customer_tags).where(customer_tags.c.customer_id.in_(ids)))
    links = (
        {"customer_id": customer_id, "tag_id": tag_ids[name]}
        for customer_id, names in wanted.items()
        for name in names
    )
    for batch in chunked(links, WRITE_CHUNK):
        session.execute(insert(customer_tags), batch)


def ensure_tags(session: Session, names: set[str]) -> dict[str, int]:
    """``name -> id`` of these tags, creating the ones that do not exist yet."""
    found = _tag_ids(session, names)
    missing = sorted(names - found.keys())
    if missing:
        session.execute(insert(Tag), [{"name": name} for name in missing])
        found.update(_tag_ids(session, missing))
    return found


def _tag_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunked(sorted(names), READ_CHUNK):
        query = select(Tag.name, Tag.id).where(Tag.name.in_(chunk))
        found.update({name: id_ for name, id_ in session.execute(query)})
    return found
