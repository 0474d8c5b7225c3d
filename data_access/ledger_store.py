"""Keep allocations, open amounts and unapplied credit current after ledger writes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from data_access.ledger import Charge, Credit, LedgerState, allocate
from data_access.models import CHARGE_KINDS, Allocation, Document, Payment

CHUNK = 500


def _chunks(ids: Iterable[int], size: int = CHUNK) -> Iterable[list[int]]:
    iterator = iter(ids)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ledger_inputs(
    documents: Iterable[Any], payments: Iterable[Any]
) -> tuple[list[Charge], list[Credit]]:
    """Turn document and payment rows of one customer into ledger charges and credits."""
    charges: list[Charge] = []
    credits: list[Credit] = []
    for doc in documents:
        if doc.kind in CHARGE_KINDS:
            charges.append(Charge(doc.id, doc.number, doc.issue_date, doc.due_date, doc.amount))
        else:
            credits.append(
                Credit(
                    "credit_note", doc.id, doc.issue_date, doc.amount, doc.applies_to_id, doc.number
                )
            )
    for pay in payments:
        credits.append(
            Credit("payment", pay.id, pay.date, pay.amount, pay.invoice_id, pay.reference)
        )
    return charges, credits


def allocation_rows(customer_id: int, state: LedgerState) -> list[dict[str, object]]:
    """Rows for the allocations table from one customer's ledger state."""
    return [
        {
            "customer_id": customer_id,
            "invoice_id": a.charge_id,
            "payment_id": a.source_id if a.source == "payment" else None,
            "credit_note_id": a.source_id if a.source == "credit_note" else None,
            "amount": a.amount,
            "effective_date": a.effective_date,
        }
        for a in state.allocations
    ]


def credit_settlements(
    state: LedgerState, credits: Sequence[Credit]
) -> dict[tuple[str, int], dt.date | None]:
    """Date on which each credit was fully applied (None while some is unapplied)."""
    last: dict[tuple[str, int], dt.date] = {}
    for a in state.allocations:
        last[(a.source, a.source_id)] = a.effective_date
    return {
        (c.source, c.id): (
            last.get((c.source, c.id)) if state.unapplied[(c.source, c.id)] == 0 else None
        )
        for c in credits
    }


def rebuild_ledger(session: Session, customer_ids: Iterable[int]) -> None:
    """Recompute allocations, open amounts and unapplied credit for these customers.

    The ledger of a customer is replayed from its documents and payments, so the
    result never depends on the order in which rows were imported. Stored aging
    snapshots of these customers are refreshed too. Does not commit.
    """
    from data_access.snapshots import refresh_customers

    ids = sorted(set(customer_ids))
    for chunk in _chunks(ids):
        docs = session.execute(
            select(
                Document.id,
                Document.customer_id,
                Document.kind,
                Document.number,
                Document.issue_date,
                Document.due_date,
                Document.amount,
                Document.applies_to_id,
                Document.open_amount,
                Document.settled_on,
            ).where(Document.customer_id.in_(chunk))
        ).all()
        pays = session.execute(
            select(
                Payment.id,
                Payment.customer_id,
                Payment.reference,
                Payment.date,
                Payment.amount,
                Payment.invoice_id,
                Payment.unapplied,
                Payment.settled_on,
            ).where(Payment.customer_id.in_(chunk))
        ).all()
        _rewrite_chunk(session, chunk, docs, pays)
    refresh_customers(session, ids)


_DOCUMENTS = cast(Table, Document.__table__)
_PAYMENTS = cast(Table, Payment.__table__)
_ALLOCATIONS = cast(Table, Allocation.__table__)
_UPDATE_DOCUMENT = (
    update(_DOCUMENTS)
    .where(_DOCUMENTS.c.id == bindparam("row_id"))
    .values(open_amount=bindparam("open_amount"), settled_on=bindparam("settled_on"))
)
_UPDATE_PAYMENT = (
    update(_PAYMENTS)
    .where(_PAYMENTS.c.id == bindparam("row_id"))
    .values(unapplied=bindparam("unapplied"), settled_on=bindparam("settled_on"))
)


def _rewrite_chunk(
    session: Session, chunk: list[int], docs: Sequence[Any], pays: Sequence[Any]
) -> None:
    docs_by: dict[int, list[Any]] = defaultdict(list)
    pays_by: dict[int, list[Any]] = defaultdict(list)
    for doc in docs:
        docs_by[doc.customer_id].append(doc)
    for pay in pays:
        pays_by[pay.customer_id].append(pay)
    stored_docs = {doc.id: (doc.open_amount, doc.settled_on) for doc in docs}
    stored_pays = {pay.id: (pay.unapplied, pay.settled_on) for pay in pays}
    allocations: list[dict[str, object]] = []
    doc_updates: list[dict[str, object]] = []
    pay_updates: list[dict[str, object]] = []
    for customer_id in chunk:
        charges, credits = ledger_inputs(docs_by[customer_id], pays_by[customer_id])
        state = allocate(charges, credits)
        allocations.extend(allocation_rows(customer_id, state))
        settled = credit_settlements(state, credits)
        for charge in charges:
            now = (state.open_amounts[charge.id], state.settled_on[charge.id])
            if stored_docs[charge.id] != now:
                doc_updates.append(
                    {"row_id": charge.id, "open_amount": now[0], "settled_on": now[1]}
                )
        for credit in credits:
            key = (credit.source, credit.id)
            now = (state.unapplied[key], settled[key])
            if credit.source == "payment":
                if stored_pays[credit.id] != now:
                    pay_updates.append(
                        {"row_id": credit.id, "unapplied": now[0], "settled_on": now[1]}
                    )
            elif stored_docs[credit.id] != now:
                doc_updates.append(
                    {"row_id": credit.id, "open_amount": now[0], "settled_on": now[1]}
                )
    session.execute(delete(Allocation).where(Allocation.customer_id.in_(chunk)))
    if allocations:
        session.execute(insert(_ALLOCATIONS), allocations)
    if doc_updates:
        session.execute(_UPDATE_DOCUMENT, doc_updates)
    if pay_updates:
        session.execute(_UPDATE_PAYMENT, pay_updates)
