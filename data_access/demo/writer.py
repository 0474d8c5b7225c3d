"""Writing the demo: simulate a batch of customers in memory, then bulk-insert its rows."""

from __future__ import annotations

import random

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from data_access.demo.collection_work import Collections
from data_access.demo.common import Ids, Plan, Row, World
from data_access.demo.customers import make_contacts
from data_access.demo.ledger_sim import Ledger
from data_access.ledger_store import allocation_rows
from data_access.models import Base, Customer, Document, Note, Payment, Seller

_INSERT_ORDER = (
    "customers",
    "customer_tags",
    "contacts",
    "documents",
    "payments",
    "allocations",
    "notes",
    "note_hashtags",
    "tasks",
    "task_documents",
)
_ID_TABLES = (
    "sellers",
    "tags",
    "customers",
    "contacts",
    "documents",
    "payments",
    "allocations",
    "notes",
    "tasks",
)


def write_batch(session: Session, plans: list[Plan], world: World, ids: Ids) -> None:
    """Simulate a batch of customers in memory and bulk-insert their rows."""
    rows: dict[str, list[Row]] = {name: [] for name in _INSERT_ORDER}
    for plan in plans:
        _simulate(plan, world, ids, rows)
    for name in _INSERT_ORDER:
        if rows[name]:
            session.execute(insert(Base.metadata.tables[name]), rows[name])


def ensure_empty(session: Session) -> None:
    """Refuse a database that already has customers, sellers, documents, payments or notes."""
    for model in (Customer, Seller, Document, Payment, Note):
        if session.scalar(select(model.id).limit(1)) is not None:
            raise ValueError(
                f"the demo needs an empty database, but {model.__tablename__} has rows; "
                "create a fresh database and run it again"
            )


def reset_sequences(session: Session, ids: Ids) -> None:
    """Move PostgreSQL id sequences past the ids assigned here (SQLite needs nothing)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in _ID_TABLES:
        if ids.last(name):
            session.execute(
                select(func.setval(func.pg_get_serial_sequence(name, "id"), ids.last(name)))
            )


def _simulate(plan: Plan, world: World, ids: Ids, rows: dict[str, list[Row]]) -> None:
    """Build every row of one customer and add them to the batch ``rows``."""
    rng = random.Random(f"{world.seed}:customer:{plan.index}")
    rows["customers"].append(plan.row)
    rows["customer_tags"].extend({"customer_id": plan.id, "tag_id": tag} for tag in plan.tags)
    contacts = make_contacts(plan, rng, ids)
    rows["contacts"].extend(contacts)
    ledger = Ledger(plan, world, ids, rng)
    ledger.build()
    state = ledger.settle()
    rows["documents"].extend(ledger.charges)
    rows["documents"].extend(ledger.credit_notes)
    rows["payments"].extend(ledger.payments)
    for row in allocation_rows(plan.id, state):
        row["id"] = ids.next("allocations")
        rows["allocations"].append(row)
    Collections(ledger, state, contacts, rows).run()
