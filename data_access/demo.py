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

import bisect
import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from data_access import demo_names as words
from data_access.db import session_factory
from data_access.ledger import ZERO, LedgerState, allocate
from data_access.ledger_store import allocation_rows, credit_settlements, ledger_inputs
from data_access.models import Base, Customer, Document, Note, Payment, Seller
from data_access.users import add_user, generate_password

Row = dict[str, Any]

BATCH = 500
CURRENCY = "USD"
ARCHETYPES = (
    "pays_early",
    "pays_on_time",
    "slow",
    "deteriorating",
    "improving",
    "disputes",
    "defaulter",
)
_ARCHETYPE_SHARES = (0.14, 0.30, 0.18, 0.10, 0.10, 0.10, 0.08)
REASONS = ("forgot", "cannot_pay", "dispute", "unaware", "fraud", "other")
CHANNELS = ("call", "visit", "email", "sms", "whatsapp")
_CHANNEL_WEIGHTS = (50, 8, 15, 7, 20)
# Reason weights (forgot, cannot_pay, dispute, unaware, fraud, other) by archetype group.
_REASON_WEIGHTS = {
    "good": (45, 5, 5, 30, 0, 15),
    "late": (20, 40, 10, 10, 0, 20),
    "disputes": (20, 20, 30, 15, 0, 15),
}
_HONESTY = {
    "pays_early": 0.9,
    "pays_on_time": 0.85,
    "slow": 0.55,
    "deteriorating": 0.6,
    "improving": 0.7,
    "disputes": 0.5,
    "defaulter": 0.5,
}
# Mean invoices per customer per active month is about 4.2 (10,000 customers over two
# years make about a million invoices); this is the median of the lognormal rate.
_MONTHLY_MEDIAN = 3.15
_MEAN_INTENSITY = 0.9 / 1.15  # mean of _intensity over the history
_PHONE_PREFIXES = {city[0]: city[2] for city in words.CITIES}
_NOTE_DAYS = 548  # collection notes cover the last ~18 months
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


@dataclass(frozen=True)
class _World:
    seed: int
    today: dt.date
    start: dt.date
    collectors: tuple[int, ...]
    manager_id: int
    sellers: tuple[int, ...]
    seller_weights: tuple[float, ...]
    tag_ids: dict[str, int]

    @property
    def span(self) -> int:
        return (self.today - self.start).days

    def progress(self, day: dt.date) -> float:
        """Where ``day`` falls in the history, 0 at the start and 1 today."""
        return (day - self.start).days / self.span


@dataclass(frozen=True, slots=True)
class _Plan:
    index: int
    id: int
    lang: str
    archetype: str
    terms: int
    rate: float  # candidate invoices per day, before seasonality thinning
    mean_amount: float
    joined: dt.date
    stop: dt.date
    default_on: dt.date | None
    method: str
    bank: str
    phone_prefix: str
    domain: str
    collector_id: int
    row: Row
    tags: tuple[int, ...]


class _Ids:
    """Primary keys and document numbers, handed out in generation order."""

    def __init__(self) -> None:
        self._last: dict[str, int] = defaultdict(int)

    def next(self, name: str) -> int:
        self._last[name] += 1
        return self._last[name]

    def last(self, name: str) -> int:
        return self._last[name]


class _View:
    """Attribute access to a row dict, as :func:`ledger_inputs` expects."""

    __slots__ = ("_row",)

    def __init__(self, row: Row) -> None:
        self._row = row

    def __getattr__(self, name: str) -> Any:
        try:
            return self._row[name]
        except KeyError:
            raise AttributeError(name) from None


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _cents(amount: Decimal) -> int:
    return int(amount.scaleb(2))


def _days(n: float) -> dt.timedelta:
    return dt.timedelta(days=round(n))


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
    ids = _Ids()
    with session_factory(engine)() as session:
        _ensure_empty(session)
        world, logins = _create_staff(session, seed, customers, years, today, ids)
        session.commit()
        say(f"staff: {len(world.collectors)} collectors, 1 manager, {len(world.sellers)} sellers")
        plans = _plan_customers(world, customers, ids)
        for first in range(0, customers, BATCH):
            _write_batch(session, plans[first : first + BATCH], world, ids)
            session.commit()
            say(
                f"customers {min(first + BATCH, customers)}/{customers}: "
                f"{ids.last('invoice_no'):,} invoices, {ids.last('payments'):,} payments, "
                f"{ids.last('notes'):,} notes"
            )
        _reset_sequences(session, ids)
        session.commit()
    return _summary(ids, world, logins)


def _write_batch(session: Session, plans: list[_Plan], world: _World, ids: _Ids) -> None:
    """Simulate a batch of customers in memory and bulk-insert their rows."""
    rows: dict[str, list[Row]] = {name: [] for name in _INSERT_ORDER}
    for plan in plans:
        _simulate(plan, world, ids, rows)
    for name in _INSERT_ORDER:
        if rows[name]:
            session.execute(insert(Base.metadata.tables[name]), rows[name])


def _ensure_empty(session: Session) -> None:
    for model in (Customer, Seller, Document, Payment, Note):
        if session.scalar(select(model.id).limit(1)) is not None:
            raise ValueError(
                f"the demo needs an empty database, but {model.__tablename__} has rows; "
                "create a fresh database and run it again"
            )


def _summary(ids: _Ids, world: _World, logins: tuple[tuple[str, str], ...]) -> DemoSummary:
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


def _reset_sequences(session: Session, ids: _Ids) -> None:
    """Move PostgreSQL id sequences past the ids assigned here (SQLite needs nothing)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in _ID_TABLES:
        if ids.last(name):
            session.execute(
                select(func.setval(func.pg_get_serial_sequence(name, "id"), ids.last(name)))
            )


# --- staff -----------------------------------------------------------------------------


def _create_staff(
    session: Session,
    seed: int,
    customers: int,
    years: int,
    today: dt.date | None,
    ids: _Ids,
) -> tuple[_World, tuple[tuple[str, str], ...]]:
    """Users, sellers (with a contact each) and tags; returns the world they make."""
    rng = random.Random(f"{seed}:staff")
    last_day = today or dt.date.today()
    start = last_day - dt.timedelta(days=365 * years)
    collectors = min(len(words.COLLECTORS), max(4, round(customers / 50)))
    collector_ids, logins = _create_users(session, collectors, start)
    sellers = _create_sellers(session, rng, customers, ids)
    tag_ids = _create_tags(session, ids)
    world = _World(
        seed=seed,
        today=last_day,
        start=start,
        collectors=tuple(collector_ids[:-1]),
        manager_id=collector_ids[-1],
        sellers=tuple(sellers),
        seller_weights=tuple(rng.lognormvariate(0, 0.5) for _ in sellers),
        tag_ids=tag_ids,
    )
    return world, tuple(logins)


def _create_users(
    session: Session, collectors: int, start: dt.date
) -> tuple[list[int], tuple[tuple[str, str], ...]]:
    """Collectors then the manager, with generated passwords; the manager's id is last."""
    staff = [(f"{first}.collector", name, "collector") for first, name in words.COLLECTORS]
    staff = staff[:collectors] + [(*words.MANAGER, "manager")]
    user_ids: list[int] = []
    logins: list[tuple[str, str]] = []
    for username, full_name, role in staff:
        password = generate_password()
        user = add_user(
            session,
            username,
            role=role,
            password=password,
            full_name=full_name,
            email=f"{username}@cartera.example",
        )
        user.locale = "es"
        user.created_at = dt.datetime.combine(start, dt.time(8))
        user_ids.append(user.id)
        logins.append((username, password))
    session.flush()
    return user_ids, tuple(logins)


def _create_sellers(session: Session, rng: random.Random, customers: int, ids: _Ids) -> list[int]:
    sellers: list[Row] = []
    contacts: list[Row] = []
    for _ in range(min(60, max(3, round(customers / 20)))):
        seller_id = ids.next("sellers")
        lang = "es" if rng.random() < 0.8 else "en"
        name = words.person_name(rng, lang)
        mail = words.email(name, "ventas.cartera.example")
        tel = words.phone(rng, rng.choice(words.CITIES)[2])
        sellers.append(
            {
                "id": seller_id,
                "code": f"S{seller_id:03d}",
                "name": name,
                "email": mail,
                "phone": tel,
            }
        )
        contacts.append(
            {
                "id": ids.next("contacts"),
                "customer_id": None,
                "seller_id": seller_id,
                "name": name,
                "role": "Vendedor" if lang == "es" else "Sales rep",
                "phone": tel,
                "email": mail,
                "is_primary": True,
            }
        )
    session.execute(insert(Base.metadata.tables["sellers"]), sellers)
    session.execute(insert(Base.metadata.tables["contacts"]), contacts)
    return [row["id"] for row in sellers]


def _create_tags(session: Session, ids: _Ids) -> dict[str, int]:
    tag_ids = {name: ids.next("tags") for name in (*words.SEGMENTS, *words.INDUSTRIES)}
    rows = [{"id": tag_id, "name": name} for name, tag_id in tag_ids.items()]
    session.execute(insert(Base.metadata.tables["tags"]), rows)
    return tag_ids


# --- customers -------------------------------------------------------------------------


def assign_archetypes(customers: int, seed: int) -> list[str]:
    """The payment behaviour of each customer, by position (customer ``C00001`` first).

    Shares are fixed (largest remainder), so every archetype appears once there are a
    dozen customers or more; the order is shuffled by ``seed``.

    Args:
        customers: how many customers the portfolio has.
        seed: the seed given to :func:`generate_demo`.

    Returns:
        One of :data:`ARCHETYPES` per customer.
    """
    exact = [share * customers for share in _ARCHETYPE_SHARES]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])
    for i in by_remainder[: customers - sum(counts)]:
        counts[i] += 1
    labels = [name for name, n in zip(ARCHETYPES, counts, strict=True) for _ in range(n)]
    random.Random(f"{seed}:archetypes").shuffle(labels)
    return labels


def _plan_customers(world: _World, customers: int, ids: _Ids) -> list[_Plan]:
    rng = random.Random(f"{world.seed}:customers")
    used: set[str] = set()
    return [
        _plan_customer(index, archetype, rng, world, ids, used)
        for index, archetype in enumerate(assign_archetypes(customers, world.seed))
    ]


def _unique_name(rng: random.Random, lang: str, industry: str, city: str, used: set[str]) -> str:
    name = words.company_name(rng, lang, industry)
    for attempt in range(8):
        if name not in used:
            break
        name = words.company_name(rng, lang, industry)
        if attempt >= 4:
            name = f"{name} ({city})"
    suffix = 2
    base = name
    while name in used:
        name = f"{base} {suffix}"
        suffix += 1
    used.add(name)
    return name


def _identity(
    rng: random.Random, index: int, customer_id: int, lang: str, industry: str, used: set[str]
) -> Row:
    """Name, tax id and whereabouts of a customer (most have coordinates near their city)."""
    city, country, _prefix, lat, lon = rng.choice(words.CITIES)
    located = rng.random() < 0.9
    return {
        "id": customer_id,
        "code": f"C{customer_id:05d}",
        "name": _unique_name(rng, lang, industry, city, used),
        "tax_id": words.tax_id(index, country),
        "address": words.address(rng, lang),
        "city": city,
        "country": country,
        "latitude": Decimal(f"{lat + rng.gauss(0, 0.04):.6f}") if located else None,
        "longitude": Decimal(f"{lon + rng.gauss(0, 0.04):.6f}") if located else None,
    }


def _plan_customer(
    index: int,
    archetype: str,
    rng: random.Random,
    world: _World,
    ids: _Ids,
    used: set[str],
) -> _Plan:
    """Identity, size and behaviour of one customer; big accounts buy more and larger."""
    lang = "es" if rng.random() < 0.75 else "en"
    industry = rng.choice(words.INDUSTRIES)
    row = _identity(rng, index, ids.next("customers"), lang, industry, used)
    size = rng.gauss(0, 1)
    joined, stop, default_on = _lifetime(rng, world, archetype)
    monthly = min(80.0, max(0.25, _MONTHLY_MEDIAN * math.exp(0.9 * size)))
    mean_amount = 420 * math.exp(0.5 * size + rng.gauss(0, 0.4))
    terms = rng.choice((15, 30, 30, 30, 45, 60))
    segment = "wholesale" if size + rng.gauss(0, 0.7) > 0.4 else "retail"
    row["seller_id"] = rng.choices(world.sellers, world.seller_weights)[0]
    row["collector_id"] = rng.choice(world.collectors)
    row["credit_limit"] = _credit_limit(rng, monthly * mean_amount * 1.2, terms)
    row["payment_terms_days"] = terms
    row["created_at"] = dt.datetime.combine(joined, dt.time(9))
    return _Plan(
        index=index,
        id=row["id"],
        lang=lang,
        archetype=archetype,
        terms=terms,
        rate=monthly / 30.44 / _MEAN_INTENSITY,
        mean_amount=mean_amount,
        joined=joined,
        stop=stop,
        default_on=default_on,
        method=rng.choices(words.METHODS, (60, 20, 10, 5, 5))[0],
        bank=rng.choice(words.BANKS),
        phone_prefix=_PHONE_PREFIXES[row["city"]],
        domain=f"{words.ascii_slug(row['name'])[:40]}.example",
        collector_id=row["collector_id"],
        row=row,
        tags=(world.tag_ids[segment], world.tag_ids[industry]),
    )


def _lifetime(
    rng: random.Random, world: _World, archetype: str
) -> tuple[dt.date, dt.date, dt.date | None]:
    """When a customer starts buying, stops buying and (defaulters) stops paying."""
    span = world.span
    joined = world.start
    if rng.random() < 0.2:
        joined += _days(rng.uniform(0, 0.85) * span)
    stop, default_on = world.today, None
    if archetype == "defaulter":
        default_on = world.today - _days(rng.uniform(75, 330))
        joined = max(world.start, min(joined, default_on - dt.timedelta(days=180)))
        stop = min(world.today, default_on + _days(rng.uniform(15, 60)))
    elif rng.random() < 0.06:
        stop = world.start + _days(rng.uniform(0.4, 0.9) * span)
        if stop <= joined + dt.timedelta(days=60):
            stop = world.today
    return joined, stop, default_on


def _credit_limit(rng: random.Random, monthly_sales: float, terms: int) -> Decimal:
    limit = monthly_sales * (terms / 30 + 0.5) * rng.uniform(0.8, 1.6)
    return Decimal(max(1, math.ceil(limit / 1000)) * 1000).quantize(Decimal("0.01"))


def _contacts(plan: _Plan, rng: random.Random, ids: _Ids) -> list[Row]:
    """One to three contacts, the first primary; about 5% have a bad phone or e-mail."""
    rows: list[Row] = []
    for position in range(rng.choice((1, 1, 2, 2, 2, 3))):
        lang = plan.lang if rng.random() < 0.7 else rng.choice(("es", "en"))
        name = words.person_name(rng, lang)
        rows.append(
            {
                "id": ids.next("contacts"),
                "customer_id": plan.id,
                "seller_id": None,
                "name": name,
                "role": rng.choice(words.CONTACT_ROLES[plan.lang]),
                "phone": _flawed(rng, words.phone(rng, plan.phone_prefix), words.BAD_PHONES),
                "email": _flawed(rng, words.email(name, plan.domain), words.BAD_EMAILS),
                "is_primary": position == 0,
            }
        )
    return rows


def _flawed(rng: random.Random, good: str, bad: tuple[str, ...]) -> str | None:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(bad)
    return None if roll < 0.09 else good


def _simulate(plan: _Plan, world: _World, ids: _Ids, rows: dict[str, list[Row]]) -> None:
    """Build every row of one customer and add them to the batch ``rows``."""
    rng = random.Random(f"{world.seed}:customer:{plan.index}")
    rows["customers"].append(plan.row)
    rows["customer_tags"].extend({"customer_id": plan.id, "tag_id": tag} for tag in plan.tags)
    contacts = _contacts(plan, rng, ids)
    rows["contacts"].extend(contacts)
    ledger = _Ledger(plan, world, ids, rng)
    ledger.build()
    state = ledger.settle()
    rows["documents"].extend(ledger.charges)
    rows["documents"].extend(ledger.credit_notes)
    rows["payments"].extend(ledger.payments)
    for row in allocation_rows(plan.id, state):
        row["id"] = ids.next("allocations")
        rows["allocations"].append(row)
    _Collections(ledger, state, contacts, rows).run()


# --- ledger ----------------------------------------------------------------------------


def _intensity(world: _World, day: dt.date) -> float:
    """Share of candidate invoices kept on ``day``: a December peak, a growing business."""
    season = 1 + 0.15 * math.cos(2 * math.pi * (day.month - 12) / 12)
    growth = 0.8 + 0.2 * world.progress(day)
    return season * growth / 1.15


def _delay(archetype: str, t: float, rng: random.Random) -> float:
    """Days after its due date an invoice issued at history fraction ``t`` gets paid."""
    if archetype == "pays_early":
        return rng.gauss(-7, 4)
    if archetype == "pays_on_time":
        return rng.gauss(0.5, 3)
    if archetype == "slow":
        return rng.gauss(32, 14)
    if archetype == "deteriorating":
        return rng.gauss(2 + 75 * t * t, 6 + 12 * t)
    if archetype == "improving":
        return rng.gauss(2 + 60 * (1 - t) ** 2, 6 + 12 * (1 - t))
    if archetype == "disputes":
        return rng.gauss(10, 8)
    return rng.gauss(15, 10)  # a defaulter, before it stops paying


class _Ledger:
    """One customer's charges, credit notes and payments, settled by the ledger rules."""

    def __init__(self, plan: _Plan, world: _World, ids: _Ids, rng: random.Random) -> None:
        self.plan, self.world, self.ids, self.rng = plan, world, ids, rng
        self.charges: list[Row] = []
        self.credit_notes: list[Row] = []
        self.payments: list[Row] = []

    def build(self) -> None:
        for day in self._invoice_dates():
            self.charges.append(self._invoice(day))
        for charge in list(self.charges):
            self._settle_invoice(charge)
        self._number()

    def settle(self) -> LedgerState:
        """Apply the ledger rules and set the derived columns of every row."""
        documents = map(_View, [*self.charges, *self.credit_notes])
        charges, credits = ledger_inputs(documents, map(_View, self.payments))
        state = allocate(charges, credits)
        settled = credit_settlements(state, credits)
        for row in self.charges:
            row["open_amount"] = state.open_amounts[row["id"]]
            row["settled_on"] = state.settled_on[row["id"]]
        for row in self.credit_notes:
            key = ("credit_note", row["id"])
            row["open_amount"], row["settled_on"] = state.unapplied[key], settled[key]
        for row in self.payments:
            key = ("payment", row["id"])
            row["unapplied"], row["settled_on"] = state.unapplied[key], settled[key]
        return state

    def _invoice_dates(self) -> list[dt.date]:
        """A thinned Poisson process between joining and the last purchase."""
        plan, world, rng = self.plan, self.world, self.rng
        first = max(world.start, plan.joined)
        length = (plan.stop - first).days
        dates: list[dt.date] = []
        offset = rng.expovariate(plan.rate)
        while offset <= length:
            day = first + dt.timedelta(days=int(offset))
            if rng.random() < _intensity(world, day):
                dates.append(day)
            offset += rng.expovariate(plan.rate)
        return dates

    def _invoice(self, day: dt.date) -> Row:
        cents = max(500, round(self.plan.mean_amount * self.rng.lognormvariate(0, 0.6) * 100))
        disputed = self.rng.random() < (0.2 if self.plan.archetype == "disputes" else 0.005)
        number = f"F-{self.ids.next('invoice_no'):07d}"
        return self._document("invoice", number, day, _money(cents), disputed, None)

    def _document(
        self, kind: str, number: str, day: dt.date, amount: Decimal, disputed: bool, to: int | None
    ) -> Row:
        terms = 0 if kind == "credit_note" else self.plan.terms
        return {
            "id": self.ids.next("documents") if kind != "credit_note" else 0,
            "number": number,
            "kind": kind,
            "customer_id": self.plan.id,
            "issue_date": day,
            "due_date": day + dt.timedelta(days=terms),
            "amount": amount,
            "currency": CURRENCY,
            "disputed": disputed,
            "applies_to_id": to,
            "open_amount": amount,
            "settled_on": None,
        }

    def _pay_date(self, charge: Row) -> dt.date:
        late = _delay(self.plan.archetype, self.world.progress(charge["issue_date"]), self.rng)
        return max(charge["issue_date"], charge["due_date"] + _days(late))

    def _settle_invoice(self, charge: Row) -> None:
        """Plan how an invoice gets paid: late, in parts, credited, or not at all."""
        pay_on = self._pay_date(charge)
        if charge["disputed"]:
            pay_on += _days(abs(self.rng.gauss(55, 25)))
        credited = self._credit_note(charge, pay_on)
        total = charge["amount"] - credited
        if charge["disputed"] and not credited and self.rng.random() < 0.3:
            total = _money(int(_cents(total) * self.rng.uniform(0.7, 0.95)))
        if total > 0:
            self._pay(charge, pay_on, total)
        self._debit_note(charge, pay_on)

    def _credit_note(self, charge: Row, pay_on: dt.date) -> Decimal:
        """Maybe credit part of ``charge``; returns what is credited before ``pay_on``."""
        rng = self.rng
        if charge["disputed"]:
            if rng.random() >= 0.45:
                return ZERO
            day = charge["due_date"] + _days(rng.uniform(10, 50))
        else:
            if rng.random() >= 0.02:
                return ZERO
            day = charge["issue_date"] + _days(rng.uniform(2, 40))
        if day > self.world.today:
            return ZERO
        cents = _cents(charge["amount"])
        share = 1.0 if rng.random() < 0.1 else rng.uniform(0.05, 0.45)
        amount = _money(min(cents, max(100, round(cents * share))))
        self.credit_notes.append(
            self._document("credit_note", "", day, amount, False, charge["id"])
        )
        return amount if day <= pay_on else ZERO

    def _debit_note(self, charge: Row, pay_on: dt.date) -> None:
        """Now and then bill interest on an invoice paid (or owed) long after its due date."""
        today, due = self.world.today, charge["due_date"]
        if charge["kind"] != "invoice" or (pay_on - due).days <= 45 or self.rng.random() >= 0.04:
            return
        if pay_on <= today:
            day = pay_on + _days(self.rng.uniform(1, 10))
        else:
            day = due + _days(self.rng.uniform(46, 75))
        if day > today:
            return
        cents = max(500, round(_cents(charge["amount"]) * 0.015 * (day - due).days / 30))
        note = self._document("debit_note", "", day, _money(cents), False, charge["id"])
        self.charges.append(note)
        self._pay(note, self._pay_date(note), note["amount"])

    def _pay(self, charge: Row, pay_on: dt.date, total: Decimal) -> None:
        """Payments (one, or two or three instalments) of ``total`` ending on ``pay_on``."""
        plan, rng = self.plan, self.rng
        parts = self._instalments(_cents(total))
        gap = rng.randint(7, 25)
        for position, part in enumerate(parts):
            back = dt.timedelta(days=gap * (len(parts) - 1 - position))
            day = max(charge["issue_date"], pay_on - back)
            cents = self._adjust(part) if position == len(parts) - 1 else part
            named = rng.random() >= 0.12
            method = plan.method if rng.random() < 0.85 else rng.choice(words.METHODS)
            if day > self.world.today or (plan.default_on is not None and day >= plan.default_on):
                continue
            self.payments.append(
                {
                    "id": 0,
                    "reference": "",
                    "customer_id": plan.id,
                    "date": day,
                    "amount": _money(cents),
                    "method": method,
                    "bank": plan.bank,
                    "invoice_id": charge["id"] if named else None,
                    "unapplied": ZERO,
                    "settled_on": None,
                }
            )

    def _instalments(self, cents: int) -> list[int]:
        busy = self.plan.archetype in ("slow", "disputes", "deteriorating")
        if cents < 2000 or self.rng.random() >= (0.18 if busy else 0.08):
            return [cents]
        parts: list[int] = []
        for _ in range(1 if self.rng.random() < 0.7 else 2):
            parts.append(round(cents * self.rng.uniform(0.3, 0.6)))
            cents -= parts[-1]
        return [*parts, cents]

    def _adjust(self, cents: int) -> int:
        """Now and then round a payment up to the next 50 or withhold a bank fee."""
        roll = self.rng.random()
        if roll < 0.01:
            return cents + 5000 - cents % 5000
        if roll < 0.02 and cents > 1000:
            return cents - self.rng.randint(50, 800)
        return cents

    def _number(self) -> None:
        """Number debit and credit notes and payments in date order; give them ids."""
        debit_notes = [row for row in self.charges if row["kind"] == "debit_note"]
        for row in sorted(debit_notes, key=lambda row: row["issue_date"]):
            row["number"] = f"ND-{self.ids.next('debit_no'):06d}"
        self.credit_notes.sort(key=lambda row: row["issue_date"])
        for row in self.credit_notes:
            row["id"] = self.ids.next("documents")
            row["number"] = f"NC-{self.ids.next('credit_no'):06d}"
        self.payments.sort(key=lambda row: row["date"])
        for row in self.payments:
            row["id"] = self.ids.next("payments")
            row["reference"] = f"P-{row['id']:07d}"


# --- collection work -------------------------------------------------------------------


def _outcome(reason: str, rng: random.Random) -> str | None:
    """What a contact ends with: a promise to pay, another action, or nothing."""
    if reason == "fraud":
        return "legal"
    roll = rng.random()
    if roll < 0.15:
        return None
    if reason == "unaware" and roll < 0.55:
        return "copy"
    if reason == "dispute" and roll < 0.6:
        return "dispute"
    if roll < 0.8:
        return "pay"
    return rng.choice(("call", "pickup"))


def _group_calls(calls: Iterable[tuple[dt.date, int, Row]]) -> list[tuple[dt.date, list[Row]]]:
    """One contact per week at most: overdue charges of the same week share a note."""
    groups: list[tuple[dt.date, list[Row]]] = []
    for day, charge_id, charge in calls:
        if groups:
            first, members = groups[-1]
            if (
                (day - first).days <= 7
                and charge["due_date"] < first
                and all(member["id"] != charge_id for member in members)
            ):
                members.append(charge)
                continue
        groups.append((day, [charge]))
    return groups


def _numbers(group: list[Row]) -> str:
    text = ", ".join(charge["number"] for charge in group[:3])
    return text + (f" (+{len(group) - 3})" if len(group) > 3 else "")


class _Collections:
    """The notes (excuses) and tasks (promises) recorded about one customer.

    Contacts happen on overdue charges in the last ~18 months; promises to pay are
    checked against the customer's real payments: kept when the payments dated after
    the note and on or before the promised date cover the promised amount.
    """

    def __init__(
        self,
        ledger: _Ledger,
        state: LedgerState,
        contacts: list[Row],
        rows: dict[str, list[Row]],
    ) -> None:
        self.plan, self.world, self.ids, self.rng = (
            ledger.plan,
            ledger.world,
            ledger.ids,
            ledger.rng,
        )
        self.charges = ledger.charges
        self.state, self.contacts, self.rows = state, contacts, rows
        self.applied: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
        for allocation in state.allocations:
            self.applied[allocation.charge_id].append(
                (allocation.effective_date, allocation.amount)
            )
        self.pay_dates = [row["date"] for row in ledger.payments]
        self.paid_before = [ZERO]
        for row in ledger.payments:
            self.paid_before.append(self.paid_before[-1] + row["amount"])
        self.last_promise: tuple[dt.date, bool] | None = None

    def run(self) -> None:
        for day, group in self._visits():
            self._note(day, group)

    def _visits(self) -> list[tuple[dt.date, list[Row]]]:
        """Contact days: a few days after a charge falls due, then follow-ups while owed."""
        first = self.world.today - dt.timedelta(days=_NOTE_DAYS)
        last = self.world.today - dt.timedelta(days=1)
        calls: list[tuple[dt.date, int, Row]] = []
        for charge in self.charges:
            end = self.state.settled_on[charge["id"]] or self.world.today
            if end < first or (end - charge["due_date"]).days < 8 or self.rng.random() >= 0.35:
                continue
            day = charge["due_date"] + _days(self.rng.uniform(5, 25))
            for _ in range(6):
                if day >= end or day > last:
                    break
                if day >= first:
                    calls.append((day, charge["id"], charge))
                day += _days(self.rng.uniform(15, 40))
        calls.sort(key=lambda call: call[:2])
        return _group_calls(calls)

    def _open_at(self, charge: Row, day: dt.date) -> Decimal:
        applied = (amount for effective, amount in self.applied[charge["id"]] if effective <= day)
        return charge["amount"] - sum(applied, ZERO)

    def _paid_between(self, after: dt.date, until: dt.date) -> Decimal:
        """Payments dated after ``after`` and on or before ``until``."""
        low = bisect.bisect_right(self.pay_dates, after)
        high = bisect.bisect_right(self.pay_dates, until)
        return self.paid_before[high] - self.paid_before[low]

    def _reason(self, day: dt.date, group: list[Row]) -> str:
        plan, rng = self.plan, self.rng
        if any(charge["disputed"] for charge in group) and rng.random() < 0.85:
            return "dispute"
        if plan.default_on is not None and day >= plan.default_on:
            if (day - plan.default_on).days > 60 and rng.random() < 0.3:
                return "fraud"
            return rng.choices(("cannot_pay", "other", "unaware"), (70, 20, 10))[0]
        if plan.archetype in ("pays_early", "pays_on_time"):
            return rng.choices(REASONS, _REASON_WEIGHTS["good"])[0]
        key = "disputes" if plan.archetype == "disputes" else "late"
        return rng.choices(REASONS, _REASON_WEIGHTS[key])[0]

    def _promise(self, day: dt.date, owed: Decimal) -> tuple[dt.date, Decimal, bool]:
        """A promise to pay: honest ones match the payment that really came."""
        plan, rng = self.plan, self.rng
        honesty = _HONESTY[plan.archetype]
        if plan.default_on is not None and day >= plan.default_on:
            honesty = 0.0
        index = bisect.bisect_right(self.pay_dates, day)
        paid_on = self.pay_dates[index] if index < len(self.pay_dates) else None
        if rng.random() < honesty and paid_on is not None and (paid_on - day).days <= 30:
            promised = paid_on + _days(rng.uniform(0, 2))
            amount = min(owed, self._paid_between(day, promised))
        else:
            promised, amount = day + _days(rng.uniform(2, 10)), owed
        kept = self._paid_between(day, promised) >= amount
        return promised, amount, kept

    def _note(self, day: dt.date, group: list[Row]) -> None:
        rng, lang = self.rng, self.plan.lang
        owed = sum((self._open_at(charge, day) for charge in group), ZERO)
        if owed <= 0:
            return
        reason = self._reason(day, group)
        contact = self.contacts[0] if rng.random() < 0.6 else rng.choice(self.contacts)
        channel = rng.choices(CHANNELS, _CHANNEL_WEIGHTS)[0]
        facts = {
            "contact": contact["name"].split()[0],
            "invoices": _numbers(group),
            "amount": words.money_text(owed, lang),
            "days": (day - min(charge["due_date"] for charge in group)).days,
        }
        outcome = _outcome(reason, rng)
        promise = self._promise(day, owed) if outcome == "pay" else None
        note_id = self.ids.next("notes")
        created = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.choice((0, 15, 30))))
        body = self._body(day, channel, reason, promise is not None, facts)
        agreement = self._task(note_id, created, group, outcome, promise, facts)
        self.rows["notes"].append(
            {
                "id": note_id,
                "customer_id": self.plan.id,
                "author_id": self.plan.collector_id,
                "contact_id": contact["id"],
                "contact_name": contact["name"],
                "channel": channel,
                "reason": reason,
                "body": body,
                "agreement": agreement,
                "created_at": created,
            }
        )
        self.rows["note_hashtags"].extend(
            {"note_id": note_id, "hashtag": tag} for tag in words.hashtags(body)
        )
        if promise is not None:
            self.last_promise = (promise[0], promise[2])

    def _body(
        self, day: dt.date, channel: str, reason: str, promised: bool, facts: dict[str, Any]
    ) -> str:
        """Who was contacted, why they have not paid, and hashtags."""
        lang = self.plan.lang
        parts = [
            words.OPENERS[lang][channel].format(**facts),
            self.rng.choice(words.REASON_TEXTS[lang][reason]).format(**facts),
        ]
        if self.last_promise is not None and self.last_promise[0] < day:
            if not self.last_promise[1]:
                parts.append(words.BROKEN_PROMISE[lang])
            self.last_promise = None
        if promised:
            method = words.ascii_slug(words.METHOD_WORDS[lang][self.plan.method], "")
            parts.append(f"{words.PROMISE_TAG[lang]} #{method}")
        return " ".join(parts)

    def _task(
        self,
        note_id: int,
        created: dt.datetime,
        group: list[Row],
        outcome: str | None,
        promise: tuple[dt.date, Decimal, bool] | None,
        facts: dict[str, Any],
    ) -> str:
        """Record the task a contact ends with; returns the note's agreement text."""
        if outcome is None:
            return ""
        lang, today = self.plan.lang, self.world.today
        if promise is not None:
            due, amount, kept = promise
            texts = words.promise_texts(lang, facts, amount, due, self.plan.method)
            status, completed = _promise_status(today, due, kept)
        else:
            due = created.date() + _days(self.rng.uniform(1, 7))
            texts = words.action_texts(lang, outcome, facts, due)
            status, completed = _action_status(today, due, self.rng)
        agreement, description = texts
        task_id = self.ids.next("tasks")
        self.rows["tasks"].append(
            {
                "id": task_id,
                "customer_id": self.plan.id,
                "note_id": note_id,
                "description": description,
                "assignee_id": self.plan.collector_id,
                "supervisor_id": self.world.manager_id if self.rng.random() < 0.25 else None,
                "created_by_id": self.plan.collector_id,
                "created_at": created,
                "due_date": due,
                "status": status,
                "completed_at": completed,
                "promise_amount": promise[1] if promise is not None else None,
                "promise_date": due if promise is not None else None,
            }
        )
        self.rows["task_documents"].extend(
            {"task_id": task_id, "document_id": charge["id"]} for charge in group
        )
        return agreement


def _promise_status(today: dt.date, due: dt.date, kept: bool) -> tuple[str, dt.datetime | None]:
    """Open while the date is ahead or recently broken; done once checked."""
    if due >= today:
        return "open", None
    if kept:
        return "done", dt.datetime.combine(due + dt.timedelta(days=1), dt.time(10))
    if (today - due).days > 30:
        return "done", dt.datetime.combine(due + dt.timedelta(days=2), dt.time(11))
    return "open", None


def _action_status(
    today: dt.date, due: dt.date, rng: random.Random
) -> tuple[str, dt.datetime | None]:
    if due >= today - dt.timedelta(days=2):
        return "open", None
    if rng.random() < 0.08:
        return "cancelled", None
    return "done", dt.datetime.combine(due, dt.time(16))
