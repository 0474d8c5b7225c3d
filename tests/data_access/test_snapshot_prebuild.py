"""Snapshots read in parallel and stored after equal the ones built in one statement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from dashboard.snapshot_service import prepare_snapshots
from data_access.db import session_factory, session_scope
from data_access.models import AgingSnapshot, AgingSnapshotBuild, Seller
from data_access.snapshots import (
    compute_snapshot,
    ensure_snapshot,
    has_snapshot,
    missing_snapshots,
    store_snapshot,
)
from tests.factories import AS_OF, build_portfolio

BOUNDARIES = (30, 60, 90, 120)
PAST = AS_OF - dt.timedelta(days=20)  # before some allocations: the ledger is rewound


@pytest.fixture
def sessions(engine) -> sessionmaker[Session]:  # type: ignore[no-untyped-def]
    factory = session_factory(engine)
    with session_scope(factory) as sess:
        build_portfolio(sess)
    return factory


def _rows(sess: Session, day: dt.date) -> list[tuple[object, ...]]:
    found = sess.execute(
        select(AgingSnapshot).where(AgingSnapshot.as_of == day).order_by(AgingSnapshot.customer_id)
    ).scalars()
    return [
        tuple(
            getattr(row, column.key)
            for column in AgingSnapshot.__table__.columns
            if column.key != "as_of"
        )
        for row in found
    ]


def _rebuilt_in_one_statement(sessions: sessionmaker[Session], day: dt.date) -> list[tuple]:
    """Drop ``day``'s snapshot and build it again with ensure_snapshot's INSERT … SELECT."""
    with session_scope(sessions) as sess:
        sess.execute(delete(AgingSnapshot).where(AgingSnapshot.as_of == day))
        sess.execute(delete(AgingSnapshotBuild).where(AgingSnapshotBuild.as_of == day))
    with session_scope(sessions) as sess:
        ensure_snapshot(sess, as_of=day, boundaries=BOUNDARIES)
    with sessions() as sess:
        return _rows(sess, day)


@pytest.mark.parametrize("day", [AS_OF, PAST])
def test_computed_then_stored_rows_equal_a_direct_build(sessions, day):
    with session_scope(sessions) as sess:
        computed = compute_snapshot(sess, as_of=day, boundaries=BOUNDARIES)
        assert store_snapshot(sess, computed) is True
    with sessions() as sess:
        stored = _rows(sess, day)
    assert stored  # the portfolio owes something on both dates
    assert stored == _rebuilt_in_one_statement(sessions, day)
    with sessions() as sess:
        assert missing_snapshots(
            sess, [day, AS_OF + dt.timedelta(days=1)], boundaries=BOUNDARIES
        ) == [AS_OF + dt.timedelta(days=1)]


def test_rows_read_before_a_write_are_not_stored(sessions):
    with sessions() as sess:
        computed = compute_snapshot(sess, as_of=AS_OF, boundaries=BOUNDARIES)
    with session_scope(sessions) as sess:
        sess.add(Seller(code="S9", name="Nuevo"))  # any committed data write
    with session_scope(sessions) as sess:
        assert store_snapshot(sess, computed) is False
    with sessions() as sess:
        assert not has_snapshot(sess, AS_OF)


def test_prepare_snapshots_builds_both_dates_like_one_at_a_time(sessions):
    assert sorted(prepare_snapshots(sessions, [AS_OF, PAST], boundaries=BOUNDARIES)) == [
        PAST,
        AS_OF,
    ]
    with sessions() as sess:
        stored = {day: _rows(sess, day) for day in (AS_OF, PAST)}
        balances = sess.scalars(select(AgingSnapshot.balance).where(AgingSnapshot.as_of == AS_OF))
        assert sum(balances, Decimal("0.00")) == Decimal("1185.01")  # hand-worked in factories
    assert prepare_snapshots(sessions, [AS_OF, PAST], boundaries=BOUNDARIES) == []
    assert stored == {day: _rebuilt_in_one_statement(sessions, day) for day in (AS_OF, PAST)}
