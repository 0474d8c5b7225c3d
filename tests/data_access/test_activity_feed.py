"""The activity page's reads: feed filters, paging, aggregates, scope and coverage.

Runs on SQLite and PostgreSQL. On top of tests.factories.build_portfolio (as of
2024-03-31: C1 and C3 belong to cobra1, C2 to cobra2; overdue as of that day are
C1, 1000.00 from F-1 and F-2, and C2, 0.01 from F-4) these notes are written:

    id  customer  author  when              channel   reason      hashtags
    n1  C1        cobra1  2024-03-04 10:00  call      forgot      olvido
    n2  C1        cobra1  2024-03-20 09:00  visit     dispute     reclamo, promesa
    n3  C2        cobra2  2024-03-20 09:00  email     cannot_pay  promesa
    n4  C2        cobra2  2024-03-05 16:00  call      cannot_pay  (none)
    n5  C3        admin   2024-03-31 23:30  whatsapp  other       promesa
    n6  C1        cobra1  2024-04-02 08:00  call      forgot      (after the as-of day)

Coverage rows as of 2024-03-31: C1 last contacted 2024-03-20 (n2, excuse dispute),
C2 on 2024-03-20 too (n3, cannot_pay); C3 has a credit balance and C4 nothing, so
neither is overdue. Without n2, C1's last contact is n1 (n6 is after the day).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from data_access.activity import add_note
from data_access.activity_feed import (
    FeedFilter,
    contacts_by_author_day,
    count_notes,
    coverage_rows,
    feed_page,
    hashtag_options,
    note_authors,
    reasons_by_day,
    top_hashtags,
)
from data_access.models import Note
from data_access.scope import Scope
from data_access.snapshots import ensure_snapshot
from tests.factories import AS_OF, build_portfolio

NOTES = [
    ("n1", 0, "cobra1", "2024-03-04 10:00", "call", "forgot", "Se les olvidó #olvido"),
    ("n2", 0, "cobra1", "2024-03-20 09:00", "visit", "dispute", "Reclaman F-2 #reclamo #promesa"),
    ("n3", 1, "cobra2", "2024-03-20 09:00", "email", "cannot_pay", "Sin caja #promesa"),
    ("n4", 1, "cobra2", "2024-03-05 16:00", "call", "cannot_pay", "No hay pago esta semana"),
    ("n5", 2, "admin", "2024-03-31 23:30", "whatsapp", "other", "Saldo a favor #Promesa"),
    ("n6", 0, "cobra1", "2024-04-02 08:00", "call", "forgot", "Otra vez #olvido"),
]


@pytest.fixture
def book(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = build_portfolio(session)
    customers = data["customers"]
    everyone = Scope.everything()
    notes = {}
    for key, customer, author, when, channel, reason, body in NOTES:
        notes[key] = add_note(
            session, scope=everyone, user_id=data[author].id, customer_id=customers[customer].id,
            channel=channel, reason=reason, body=body, contact_name="Marisol",
            now=dt.datetime.fromisoformat(when),
        ).id  # fmt: skip
    session.commit()
    scopes = {name: Scope(user_id=data[name].id, role=data[name].role) for name in data
              if name in ("admin", "cobra1", "cobra2", "viewer")}  # fmt: skip
    return data | {"notes": notes, "scopes": scopes}


def _keys(book: dict[str, Any], rows: list[dict[str, Any]]) -> list[str]:
    names = {note_id: key for key, note_id in book["notes"].items()}
    return [names[row["id"]] for row in rows]


MARCH = {"start": dt.date(2024, 3, 1), "end": AS_OF}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (FeedFilter(), ["n6", "n5", "n3", "n2", "n4", "n1"]),  # n3 and n2 tie: higher id first
        (FeedFilter(**MARCH), ["n5", "n3", "n2", "n4", "n1"]),
        (FeedFilter(start=dt.date(2024, 3, 20), end=dt.date(2024, 3, 20)), ["n3", "n2"]),
        (FeedFilter(collector="cobra2"), ["n3", "n4"]),
        (FeedFilter(channel="call"), ["n6", "n4", "n1"]),
        (FeedFilter(reason="cannot_pay"), ["n3", "n4"]),
        (FeedFilter(hashtag="#PROMESA"), ["n5", "n3", "n2"]),
        (FeedFilter(hashtag="promesa", collector="cobra1"), ["n2"]),
        (FeedFilter(hashtag="nadie"), []),
        (FeedFilter(hashtag="#123"), []),  # not a hashtag: matches nothing, not everything
        (FeedFilter(collector="nobody"), []),
    ],
)
def test_feed_filters(session, book, filters, expected):
    rows = feed_page(session, scope=book["scopes"]["admin"], filters=filters, limit=50)
    assert _keys(book, rows) == expected
    assert count_notes(session, scope=book["scopes"]["admin"], filters=filters) == len(expected)


def test_feed_rows_carry_what_the_page_shows(session, book):
    (row,) = feed_page(
        session, scope=book["scopes"]["admin"], filters=FeedFilter(reason="dispute"), limit=5
    )
    assert row["customer_code"] == "C1"
    assert row["customer_name"] == "Ferretería El Tornillo"
    assert row["author_name"] == "Carla Cobra"
    assert (row["channel"], row["contact_name"]) == ("visit", "Marisol")
    assert row["hashtags"] == ["promesa", "reclamo"]
    assert row["created_at"] == dt.datetime(2024, 3, 20, 9, 0)


def test_feed_pages_by_keyset(session, book):
    scope = book["scopes"]["admin"]
    first = feed_page(session, scope=scope, filters=FeedFilter(), limit=2)
    second = feed_page(session, scope=scope, filters=FeedFilter(), limit=2, before=first[-1]["id"])
    third = feed_page(session, scope=scope, filters=FeedFilter(), limit=2, before=second[-1]["id"])
    assert [_keys(book, page) for page in (first, second, third)] == [
        ["n6", "n5"], ["n3", "n2"], ["n4", "n1"],
    ]  # fmt: skip
    # A cursor outside the filters (or the scope) gives nothing rather than a hint.
    outside = feed_page(
        session, scope=book["scopes"]["cobra2"], filters=FeedFilter(), limit=2,
        before=book["notes"]["n5"],
    )  # fmt: skip
    assert outside == []


def test_a_collector_sees_only_their_customers_notes(session, book):
    cobra2 = book["scopes"]["cobra2"]
    assert _keys(book, feed_page(session, scope=cobra2, filters=FeedFilter(), limit=50)) == [
        "n3", "n4",
    ]  # fmt: skip
    # Filtering by another author does not widen the scope.
    assert feed_page(session, scope=cobra2, filters=FeedFilter(collector="cobra1"), limit=50) == []
    assert note_authors(session, scope=cobra2) == [("cobra2", "Diego Cobra")]
    assert hashtag_options(session, scope=cobra2) == ["promesa"]
    viewer = book["scopes"]["viewer"]
    assert count_notes(session, scope=viewer, filters=FeedFilter()) == 6


def test_reasons_by_day(session, book):
    frame = reasons_by_day(session, scope=book["scopes"]["admin"], filters=FeedFilter(**MARCH))
    assert [tuple(row) for row in frame.itertuples(index=False)] == [
        (dt.date(2024, 3, 4), "forgot", 1),
        (dt.date(2024, 3, 5), "cannot_pay", 1),
        (dt.date(2024, 3, 20), "cannot_pay", 1),
        (dt.date(2024, 3, 20), "dispute", 1),
        (dt.date(2024, 3, 31), "other", 1),
    ]
    mine = reasons_by_day(session, scope=book["scopes"]["cobra1"], filters=FeedFilter())
    assert list(mine["notes"]) == [1, 1, 1, 1]  # n1, n2, n5 (C3 is cobra1's), n6


def test_top_hashtags(session, book):
    admin = book["scopes"]["admin"]
    frame = top_hashtags(session, scope=admin, filters=FeedFilter(**MARCH))
    assert [tuple(row) for row in frame.itertuples(index=False)] == [
        ("promesa", 3), ("olvido", 1), ("reclamo", 1),
    ]  # fmt: skip
    everything = top_hashtags(session, scope=admin, filters=FeedFilter(), limit=2)
    assert [tuple(row) for row in everything.itertuples(index=False)] == [
        ("promesa", 3), ("olvido", 2),
    ]  # fmt: skip


def test_contacts_by_author_day(session, book):
    frame = contacts_by_author_day(
        session, scope=book["scopes"]["admin"], filters=FeedFilter(**MARCH)
    )
    assert [tuple(row) for row in frame.itertuples(index=False)] == [
        ("admin", "Ada Admin", dt.date(2024, 3, 31), 1),
        ("cobra1", "Carla Cobra", dt.date(2024, 3, 4), 1),
        ("cobra1", "Carla Cobra", dt.date(2024, 3, 20), 1),
        ("cobra2", "Diego Cobra", dt.date(2024, 3, 5), 1),
        ("cobra2", "Diego Cobra", dt.date(2024, 3, 20), 1),
    ]


def _coverage(session: Session, scope: Scope, collector: str | None = None) -> list[tuple]:
    ensure_snapshot(session, as_of=AS_OF, boundaries=(30, 60, 90, 120))
    frame = coverage_rows(session, scope=scope, as_of=AS_OF, bands=6, collector=collector)
    frame = frame.sort_values("code")
    return [
        (row.code, row.collector_name, row.overdue, row.oldest_due, row.last_contact,
         row.last_reason)
        for row in frame.itertuples(index=False)
    ]  # fmt: skip


def test_coverage_rows(session, book):
    assert _coverage(session, book["scopes"]["admin"]) == [
        ("C1", "Carla Cobra", Decimal("1000.00"), dt.date(2024, 1, 31),
         dt.datetime(2024, 3, 20, 9, 0), "dispute"),
        ("C2", "Diego Cobra", Decimal("0.01"), dt.date(2023, 10, 31),
         dt.datetime(2024, 3, 20, 9, 0), "cannot_pay"),
    ]  # fmt: skip
    assert [row[0] for row in _coverage(session, book["scopes"]["admin"], "cobra2")] == ["C2"]


def test_coverage_rows_follow_the_scope_and_ignore_later_notes(session, book):
    session.execute(delete(Note).where(Note.id == book["notes"]["n2"]))
    assert _coverage(session, book["scopes"]["cobra1"]) == [
        # n6 (April 2) is after the day: the last contact is n1.
        ("C1", "Carla Cobra", Decimal("1000.00"), dt.date(2024, 1, 31),
         dt.datetime(2024, 3, 4, 10, 0), "forgot"),
    ]  # fmt: skip
