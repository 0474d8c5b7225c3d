"""A deterministic demo portfolio: staff, customers, years of ledger and collection work.

:func:`generate_demo` fills an empty, migrated database with a believable receivables
portfolio: collectors and a manager (real logins), sellers, customers of every size
and payment behaviour, invoices, credit and debit notes, payments, the allocations the
ledger rules give them, and the excuses (notes) and promises (tasks) collectors record.

How it stays fast and repeatable:

* Every random choice comes from a ``random.Random`` seeded from ``seed`` (one per
  purpose, one per customer), never the global generator, the clock or uuids; all
  dates are relative to ``today``. Same ``seed`` and ``today``, same rows.
* Customers are simulated in batches of :data:`BATCH`. Rows are built in memory with
  primary keys assigned here, the ledger is applied with
  :func:`data_access.ledger.allocate` (the rules :func:`~data_access.ledger_store.rebuild_ledger`
  uses, so the derived columns agree with a rebuild) and each batch is written with
  Core bulk inserts and committed. Memory stays bounded by the batch.
* Committing per batch means a run that fails half-way leaves a partial database.
  Start again on a fresh one: :func:`generate_demo` refuses a database with customers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from data_access.db import session_factory
from data_access.demo.collection_work import CHANNELS, REASONS
from data_access.demo.common import Ids, Row, World
from data_access.demo.customers import ARCHETYPES, assign_archetypes, plan_customers
from data_access.demo.ledger_sim import CURRENCY
from data_access.demo.staff import create_staff
from data_access.demo.writer import ensure_empty, reset_sequences, write_batch

__all__ = [
    "ARCHETYPES",
    "BATCH",
    "CHANNELS",
    "CURRENCY",
    "REASONS",
    "DemoSummary",
    "Row",
    "assign_archetypes",
    "generate_demo",
]

BATCH = 500


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate_demo` wrote; ``logins`` are (username, password) pairs."""

    sellers: int
    collectors: int
    customers: int
    invoices: int
    credit_notes: int
    debit_notes: int
    payments: int
    allocations: int
    notes: int
    tasks: int
    contacts: int
    logins: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)


def generate_demo(
    engine: Engine,
    *,
    customers: int = 300,
    years: int = 3,
    seed: int = 42,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with a deterministic demo portfolio.

    Creates collectors (``ana.collector``...) and the manager ``gerente`` with generated
    passwords (never ``admin``), sellers, ``customers`` customers and ``years`` years of
    invoices, payments, credit and debit notes, allocations, notes and tasks, all dated
    relative to ``today``. Commits once per batch of :data:`BATCH` customers, so a
    failed run leaves a partial database that must be replaced by a fresh one.

    Args:
        engine: a migrated database without customers.
        customers: how many customers to create (10,000 over 2 years is ~1M invoices).
        years: length of the history, in 365-day years, ending ``today``.
        seed: the same seed and ``today`` always give the same rows.
        today: the last day of the history; defaults to the current date.
        progress: called with a short message after each step; nothing is printed.

    Returns:
        The number of rows of each kind and the logins created.

    Raises:
        ValueError: the arguments are out of range or the database already has data.
    """
    if customers < 1 or years < 1:
        raise ValueError("customers and years must be at least 1")
    say = progress or (lambda _message: None)
    ids = Ids()
    with session_factory(engine)() as session:
        ensure_empty(session)
        world, logins = create_staff(session, seed, customers, years, today, ids)
        session.commit()
        say(f"staff: {len(world.collectors)} collectors, 1 manager, {len(world.sellers)} sellers")
        _write_customers(session, world, customers, ids, say)
        reset_sequences(session, ids)
        session.commit()
    return _summary(ids, world, logins)


def _write_customers(
    session: Session, world: World, customers: int, ids: Ids, say: Callable[[str], None]
) -> None:
    """Plan every customer, then simulate and commit them a batch at a time."""
    plans = plan_customers(world, customers, ids)
    for first in range(0, customers, BATCH):
        write_batch(session, plans[first : first + BATCH], world, ids)
        session.commit()
        say(
            f"customers {min(first + BATCH, customers)}/{customers}: "
            f"{ids.last('invoice_no'):,} invoices, {ids.last('payments'):,} payments, "
            f"{ids.last('notes'):,} notes"
        )


def _summary(ids: Ids, world: World, logins: tuple[tuple[str, str], ...]) -> DemoSummary:
    return DemoSummary(
        sellers=ids.last("sellers"),
        collectors=len(world.collectors),
        customers=ids.last("customers"),
        invoices=ids.last("invoice_no"),
        credit_notes=ids.last("credit_no"),
        debit_notes=ids.last("debit_no"),
        payments=ids.last("payments"),
        allocations=ids.last("allocations"),
        notes=ids.last("notes"),
        tasks=ids.last("tasks"),
        contacts=ids.last("contacts"),
        logins=logins,
    )
