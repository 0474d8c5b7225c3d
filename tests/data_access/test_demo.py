"""The demo generator: repeatable, believable, and consistent with the ledger rules."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from sqlalchemy import Engine, Table, func, select
from sqlalchemy.orm import Session

from data_access.db import make_engine
from data_access.demo import ARCHETYPES, CHANNELS, REASONS, assign_archetypes, generate_demo
from data_access.ledger_store import rebuild_ledger
from data_access.models import (
    Allocation,
    Base,
    Contact,
    Customer,
    Document,
    Note,
    Payment,
    Task,
    User,
    customer_tags,
    note_hashtags,
)
from data_access.schema import upgrade

TODAY = dt.date(2025, 6, 30)
SMALL = {"customers": 30, "years": 2, "today": TODAY}
DATA_TABLES = [
    "sellers",
    "tags",
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
]


@pytest.fixture
def fresh_engine(
    engine: Engine, request: pytest.FixtureRequest, tmp_path
) -> Iterator[Callable[[], Engine]]:  # type: ignore[no-untyped-def]
    """Makes more empty, migrated databases of the same kind as ``engine``."""
    made: list[Engine] = []

    def make() -> Engine:
        if engine.dialect.name == "sqlite":
            other = make_engine(f"sqlite:///{tmp_path / f'other{len(made)}.db'}")
        else:
            other = request.getfixturevalue("pg_schema_factory")()
        upgrade(other)
        made.append(other)
        return other

    yield make
    for other in made:
        other.dispose()


def _dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        tables: dict[str, Table] = Base.metadata.tables  # type: ignore[assignment]
        return {
            name: [
                tuple(row)
                for row in conn.execute(
                    select(tables[name]).order_by(*tables[name].primary_key.columns)
                )
            ]
            for name in DATA_TABLES
        }


def test_same_seed_gives_the_same_rows_and_another_seed_does_not(engine, fresh_engine):
    first = generate_demo(engine, seed=7, **SMALL)
    twin_engine, other_engine = fresh_engine(), fresh_engine()
    twin = generate_demo(twin_engine, seed=7, **SMALL)
    other = generate_demo(other_engine, seed=8, **SMALL)

    assert first == twin
    assert _dump(engine) == _dump(twin_engine)
    assert _dump(engine)["documents"] != _dump(other_engine)["documents"]
    assert _dump(engine)["payments"] != _dump(other_engine)["payments"]
    assert {user for user, _ in first.logins} == {user for user, _ in other.logins}


def test_summary_counts_staff_and_assignments(engine, capsys):
    messages: list[str] = []
    summary = generate_demo(engine, progress=messages.append, **SMALL)

    assert capsys.readouterr().out == ""
    assert messages and messages[-1].startswith("customers 30/30")
    with Session(engine) as session:

        def count(query) -> int:  # type: ignore[no-untyped-def]
            return session.scalar(select(func.count()).select_from(query)) or 0

        kinds = dict(
            session.execute(select(Document.kind, func.count()).group_by(Document.kind)).all()
        )
        assert kinds == {
            "invoice": summary.invoices,
            "credit_note": summary.credit_notes,
            "debit_note": summary.debit_notes,
        }
        assert count(Customer) == summary.customers == 30
        assert count(Payment) == summary.payments
        assert count(Allocation) == summary.allocations
        assert count(Note) == summary.notes
        assert count(Task) == summary.tasks
        assert count(Contact) == summary.contacts
        roles = dict(session.execute(select(User.username, User.role)).all())
        assert roles.pop("gerente") == "manager"
        assert "admin" not in roles
        assert set(roles.values()) == {"collector"} and len(roles) == summary.collectors == 4
        assert all(name.endswith(".collector") for name in roles)
        assert summary.sellers == 3
        collectors = set(session.scalars(select(User.id).where(User.role == "collector")))
        for customer in session.scalars(select(Customer)):
            assert customer.seller_id is not None and customer.collector_id in collectors
            names = sorted(tag.name for tag in customer.tags)
            assert len(names) == 2 and ({"wholesale", "retail"} & set(names))
    assert {user for user, _ in summary.logins} == set(roles) | {"gerente"}
    assert "logins" not in repr(summary)


def test_derived_columns_agree_with_a_full_rebuild(engine):
    generate_demo(engine, **SMALL)

    def snapshot(session: Session) -> tuple[object, ...]:
        docs = session.execute(
            select(Document.id, Document.open_amount, Document.settled_on).order_by(Document.id)
        ).all()
        pays = session.execute(
            select(Payment.id, Payment.unapplied, Payment.settled_on).order_by(Payment.id)
        ).all()
        allocations = session.execute(
            select(
                Allocation.invoice_id,
                Allocation.payment_id,
                Allocation.credit_note_id,
                Allocation.amount,
                Allocation.effective_date,
            )
        ).all()
        key = lambda row: tuple(-1 if v is None else v for v in row)  # noqa: E731
        return docs, pays, sorted(allocations, key=key)

    with Session(engine) as session:
        before = snapshot(session)
        rebuild_ledger(session, session.scalars(select(Customer.id)))
        session.commit()
        after = snapshot(session)
    assert before == after
    assert len(before[2]) > len(before[1])  # some payments were split over several invoices


def test_aging_looks_live_and_the_ledger_has_every_kind_of_event(engine):
    generate_demo(engine, customers=30, years=2)  # today defaults to the current date
    today = dt.date.today()
    with Session(engine) as session:
        charges = session.scalars(select(Document).where(Document.kind != "credit_note")).all()
        issued = [doc.issue_date for doc in charges]
        assert today - dt.timedelta(days=730) <= min(issued) <= today - dt.timedelta(days=700)
        assert today - dt.timedelta(days=7) <= max(issued) <= today
        assert any(doc.open_amount > 0 and doc.due_date > today for doc in charges)
        assert any(doc.open_amount > 0 and (today - doc.due_date).days > 120 for doc in charges)
        assert any(doc.disputed for doc in charges)
        assert any(doc.kind == "debit_note" for doc in charges)
        credit_notes = session.scalars(select(Document).where(Document.kind == "credit_note")).all()
        by_id = {doc.id: doc for doc in charges}
        assert all(by_id[note.applies_to_id].kind == "invoice" for note in credit_notes)
        assert 0.015 < len(credit_notes) / len(charges) < 0.06
        payments = session.scalars(select(Payment)).all()
        per_invoice = Counter(pay.invoice_id for pay in payments if pay.invoice_id is not None)
        assert any(n in (2, 3) for n in per_invoice.values())  # instalments
        assert any(pay.invoice_id is None for pay in payments)  # FIFO applies
        assert all(pay.date <= today for pay in payments)
        for amount in [doc.amount for doc in charges] + [pay.amount for pay in payments]:
            assert isinstance(amount, Decimal) and amount == amount.quantize(Decimal("0.01"))
    numbers = {doc.number[:3] for doc in charges + list(credit_notes)}
    assert numbers == {"F-0", "ND-", "NC-"}


def test_notes_have_hashtags_and_sensible_authors_reasons_and_dates(engine):
    generate_demo(engine, **SMALL)
    with Session(engine) as session:
        notes = session.scalars(select(Note)).all()
        tags: dict[int, set[str]] = defaultdict(set)
        for note_id, tag in session.execute(select(note_hashtags)).all():
            tags[note_id].add(tag)
        customers = {c.id: c for c in session.scalars(select(Customer))}
        contacts = {c.id: c.customer_id for c in session.scalars(select(Contact))}
    assert len(notes) > 50
    for note in notes:
        assert note.reason in REASONS and note.channel in CHANNELS
        assert note.author_id == customers[note.customer_id].collector_id
        assert contacts[note.contact_id] == note.customer_id
        assert TODAY - dt.timedelta(days=560) <= note.created_at.date() < TODAY
        assert tags[note.id], note.body
        assert all(f"#{tag}" in note.body.lower() and tag == tag.lower() for tag in tags[note.id])
    assert {note.reason for note in notes} >= {"forgot", "cannot_pay", "dispute", "other"}


def test_promises_are_kept_or_broken_as_the_payments_say(engine):
    generate_demo(engine, **SMALL)
    with Session(engine) as session:
        paid: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
        for customer_id, day, amount in session.execute(
            select(Payment.customer_id, Payment.date, Payment.amount)
        ):
            paid[customer_id].append((day, amount))
        promises = session.execute(
            select(Task, Note.created_at)
            .join(Note, Task.note_id == Note.id)
            .where(Task.promise_amount.is_not(None))
        ).all()
    outcomes = Counter()
    for task, noted_at in promises:
        assert task.promise_date == task.due_date and task.promise_amount > 0
        if task.promise_date >= TODAY:
            assert task.status == "open"
            continue
        covered = sum(
            (a for d, a in paid[task.customer_id] if noted_at.date() < d <= task.promise_date),
            Decimal("0.00"),
        )
        kept = covered >= task.promise_amount
        outcomes[kept] += 1
        if kept:
            assert task.status == "done" and task.completed_at is not None
        elif (TODAY - task.promise_date).days <= 30:
            assert task.status == "open"
    assert outcomes[True] >= 5 and outcomes[False] >= 5


def test_refuses_a_database_that_already_has_customers(engine):
    with Session(engine) as session:
        session.add(Customer(code="X1", name="Ya existe"))
        session.commit()
    with pytest.raises(ValueError, match="empty database"):
        generate_demo(engine, **SMALL)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(User)) == 0


def test_refuses_bad_sizes(engine):
    with pytest.raises(ValueError, match="at least 1"):
        generate_demo(engine, customers=0)


def test_new_rows_get_fresh_ids_after_the_demo(engine):
    summary = generate_demo(engine, **SMALL)
    with Session(engine) as session:
        customer = Customer(code="NEW", name="Cliente nuevo")
        session.add(customer)
        session.flush()
        note = Note(customer_id=customer.id, channel="call", reason="other", body="#nuevo")
        session.add(note)
        session.flush()
        session.execute(customer_tags.insert().values(customer_id=customer.id, tag_id=1))
        session.commit()
        assert customer.id == summary.customers + 1
        assert note.id == summary.notes + 1


def _lateness(session: Session) -> dict[str, dict[int, list[int]]]:
    """Days from due date to settlement, by archetype and by year back from TODAY."""
    archetypes = assign_archetypes(300, 42)
    code_to_archetype = {f"C{i + 1:05d}": a for i, a in enumerate(archetypes)}
    late: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    rows = session.execute(
        select(Customer.code, Document.issue_date, Document.due_date, Document.settled_on)
        .join(Customer, Customer.id == Document.customer_id)
        .where(Document.kind == "invoice", Document.settled_on.is_not(None))
    )
    for code, issued, due, settled in rows:
        years_back = min(2, (TODAY - issued).days // 365)
        late[code_to_archetype[code]][years_back].append((settled - due).days)
    return late


def test_default_portfolio_has_every_archetype_behaving_as_named(sqlite_engine):
    started = time.perf_counter()
    summary = generate_demo(sqlite_engine, today=TODAY)
    assert time.perf_counter() - started < 60
    assert summary.customers == 300 and 12 <= summary.sellers <= 18
    assert 35_000 < summary.invoices < 80_000
    counts = Counter(assign_archetypes(300, 42))
    assert set(counts) == set(ARCHETYPES) and min(counts.values()) >= 15
    with Session(sqlite_engine) as session:
        late = _lateness(session)
        median = {a: statistics.median(sum(by_year.values(), [])) for a, by_year in late.items()}
        assert median["pays_early"] < 0 <= median["pays_on_time"] <= 5 < 20 < median["slow"]
        deteriorating, improving = late["deteriorating"], late["improving"]
        assert statistics.mean(deteriorating[0]) > statistics.mean(deteriorating[2]) + 20
        assert statistics.mean(improving[2]) > statistics.mean(improving[0]) + 20
        _check_defaulters_and_disputes(session)
        _check_identities(session)


def _check_defaulters_and_disputes(session: Session) -> None:
    kind = dict(enumerate(assign_archetypes(300, 42), start=1))
    last_paid = dict(
        session.execute(
            select(Payment.customer_id, func.max(Payment.date)).group_by(Payment.customer_id)
        ).all()
    )
    owing = set(
        session.scalars(
            select(Document.customer_id).where(
                Document.open_amount > 0, Document.due_date < TODAY - dt.timedelta(days=60)
            )
        )
    )
    defaulters = [c for c, a in kind.items() if a == "defaulter"]
    assert all(last_paid.get(c, dt.date.min) < TODAY - dt.timedelta(days=74) for c in defaulters)
    assert sum(c in owing for c in defaulters) >= 0.8 * len(defaulters)
    disputed = set(session.scalars(select(Document.customer_id).where(Document.disputed)))
    disputers = [c for c, a in kind.items() if a == "disputes"]
    assert sum(c in disputed for c in disputers) >= 0.8 * len(disputers)


def _check_identities(session: Session) -> None:
    customers = session.scalars(select(Customer)).all()
    assert len({c.name for c in customers}) == len({c.tax_id for c in customers}) == 300
    assert any(c.name.endswith(("LLC", "Inc.", "Corp.", "Ltd.", "Co.")) for c in customers)
    assert any(c.name.endswith(("C.A.", "S.A.", "S.R.L.")) for c in customers)
    assert sum(c.latitude is not None for c in customers) > 240
    assert {c.payment_terms_days for c in customers} == {15, 30, 45, 60}
    contacts = session.scalars(select(Contact).where(Contact.customer_id.is_not(None))).all()
    per_customer = Counter(c.customer_id for c in contacts)
    assert set(per_customer.values()) <= {1, 2, 3} and len(per_customer) == 300
    assert sum(c.is_primary for c in contacts) == 300
    bad_phones = sum(c.phone is not None and "555" not in c.phone for c in contacts)
    bad_emails = sum(c.email is not None and "." not in c.email.split("@")[-1] for c in contacts)
    assert 0.01 < bad_phones / len(contacts) < 0.1 and 0.01 < bad_emails / len(contacts) < 0.1
