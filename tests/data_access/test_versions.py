"""The data version moves with every committed data write, and only then."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import insert, update
from sqlalchemy.orm import sessionmaker

from data_access.db import session_factory, session_scope
from data_access.ledger_store import rebuild_ledger
from data_access.models import Customer, Payment, Seller
from data_access.snapshots import ensure_snapshot
from data_access.versions import current_version
from tests.factories import AS_OF, build_portfolio


@pytest.fixture
def factory(engine) -> sessionmaker:  # type: ignore[no-untyped-def]
    return session_factory(engine)


def _version(factory: sessionmaker) -> int:
    with factory() as sess:
        return current_version(sess)


def test_a_new_database_starts_at_zero_and_a_read_changes_nothing(factory):
    assert _version(factory) == 0
    with session_scope(factory) as sess:
        sess.query(Customer).all()
    assert _version(factory) == 0


def test_each_committed_orm_write_adds_one(factory):
    with session_scope(factory) as sess:
        build_portfolio(sess)
    assert _version(factory) == 1
    with session_scope(factory) as sess:
        customer = sess.query(Customer).filter_by(code="C1").one()
        sess.add(
            Payment(
                reference="NEW-1",
                customer_id=customer.id,
                date=AS_OF,
                amount=Decimal("100.00"),
                unapplied=Decimal("100.00"),
                method="transfer",
            )
        )
        sess.flush()
        rebuild_ledger(sess, [customer.id])
    assert _version(factory) == 2


def test_core_insert_and_update_statements_count_too(factory):
    with session_scope(factory) as sess:
        sess.execute(insert(Seller).values(code="S9", name="Nueva"))
    assert _version(factory) == 1
    with session_scope(factory) as sess:
        sess.execute(update(Seller).where(Seller.code == "S9").values(name="Otra"))
    assert _version(factory) == 2


def test_a_rolled_back_write_leaves_the_version(factory):
    with pytest.raises(RuntimeError), session_scope(factory) as sess:
        sess.add(Seller(code="S8", name="Nadie"))
        sess.flush()
        raise RuntimeError("the import failed")
    assert _version(factory) == 0


def test_building_a_snapshot_is_not_a_data_write(factory):
    with session_scope(factory) as sess:
        build_portfolio(sess)
    before = _version(factory)
    with session_scope(factory) as sess:
        ensure_snapshot(sess, as_of=AS_OF - dt.timedelta(days=3), boundaries=(30, 60, 90))
    assert _version(factory) == before
