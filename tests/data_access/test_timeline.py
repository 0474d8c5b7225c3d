"""A customer's timeline: every kind of event, newest first, paged in SQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from data_access.models import Note, Task
from data_access.timeline import timeline
from tests.factories import build_portfolio


def test_timeline_lists_documents_and_payments_newest_first(session):
    objects = build_portfolio(session)
    c1 = objects["customers"][0]
    session.add(
        Note(
            customer_id=c1.id,
            author_id=objects["cobra1"].id,
            contact_name="Ana",
            channel="call",
            reason="forgot",
            body="Se le olvidó <b>pagar</b>",
            created_at=dt.datetime(2024, 3, 21, 10, 0),
        )
    )
    session.add(
        Task(
            customer_id=c1.id,
            description="Llamar el viernes",
            due_date=dt.date(2024, 3, 29),
            promise_amount=Decimal("100.50"),
            promise_date=dt.date(2024, 3, 28),
            created_at=dt.datetime(2024, 3, 21, 10, 1),
        )
    )
    session.commit()
    events = timeline(session, c1.id)
    kinds = [(e["kind"], e["title"]) for e in events]
    assert kinds[:3] == [("task", "2024-03-29"), ("note", "Ana"), ("payment", "P-2")]
    assert [k for k, _ in kinds].count("invoice") == 3
    amounts = {e["title"]: e["amount"] for e in events}
    assert amounts["F-1"] == Decimal("1000.00") and amounts["P-1"] == Decimal("400.00")
    assert events[0]["amount"] == Decimal("100.50")
    assert events[1]["text"] == "Se le olvidó <b>pagar</b>"
    page = timeline(session, c1.id, limit=2, offset=2)
    assert [e["title"] for e in page] == ["P-2", "F-3"]
    only = timeline(session, c1.id, kinds=["payment"])
    assert [e["title"] for e in only] == ["P-2", "P-1"]
    work = timeline(session, c1.id, kinds=["note", "task"])
    assert [e["amount"] for e in work] == [Decimal("100.50"), None]
