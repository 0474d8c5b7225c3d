"""Who the demo's customers are: payment behaviour, identity, size, lifetime and contacts."""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from data_access.demo import names
from data_access.demo.common import Ids, Plan, Row, World, round_days

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
# Mean invoices per customer per active month is about 4.2 (10,000 customers over two
# years make about a million invoices); this is the median of the lognormal rate.
_MONTHLY_MEDIAN = 3.15
_MEAN_INTENSITY = 0.9 / 1.15  # mean of ledger_sim._intensity over the history
_PHONE_PREFIXES = {city[0]: city[2] for city in names.CITIES}


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


def plan_customers(world: World, customers: int, ids: Ids) -> list[Plan]:
    rng = random.Random(f"{world.seed}:customers")
    used: set[str] = set()
    return [
        _plan_customer(index, archetype, rng, world, ids, used)
        for index, archetype in enumerate(assign_archetypes(customers, world.seed))
    ]


def _unique_name(rng: random.Random, lang: str, industry: str, city: str, used: set[str]) -> str:
    name = names.company_name(rng, lang, industry)
    for attempt in range(8):
        if name not in used:
            break
        name = names.company_name(rng, lang, industry)
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
    city, country, _prefix, lat, lon = rng.choice(names.CITIES)
    located = rng.random() < 0.9
    return {
        "id": customer_id,
        "code": f"C{customer_id:05d}",
        "name": _unique_name(rng, lang, industry, city, used),
        "tax_id": names.tax_id(index, country),
        "address": names.address(rng, lang),
        "city": city,
        "country": country,
        "latitude": Decimal(f"{lat + rng.gauss(0, 0.04):.6f}") if located else None,
        "longitude": Decimal(f"{lon + rng.gauss(0, 0.04):.6f}") if located else None,
    }


def _plan_customer(
    index: int,
    archetype: str,
    rng: random.Random,
    world: World,
    ids: Ids,
    used: set[str],
) -> Plan:
    """Identity, size and behaviour of one customer; big accounts buy more and larger."""
    lang = "es" if rng.random() < 0.75 else "en"
    industry = rng.choice(names.INDUSTRIES)
    row = _identity(rng, index, ids.next("customers"), lang, industry, used)
    size = rng.gauss(0, 1)
    joined, stop, default_on = _lifetime(rng, world, archetype)
    monthly = min(80.0, max(0.25, _MONTHLY_MEDIAN * math.exp(0.9 * size)))
    mean_amount = 420 * math.exp(0.5 * size + rng.gauss(0, 0.4))
    terms = rng.choice((15, 30, 30, 30, 45, 60))
    segment = "wholesale" if size + rng.gauss(0, 0.7) > 0.4 else "retail"
    _open_account(rng, world, row, monthly * mean_amount * 1.2, terms, joined)
    return Plan(
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
        method=rng.choices(names.METHODS, (60, 20, 10, 5, 5))[0],
        bank=rng.choice(names.BANKS),
        phone_prefix=_PHONE_PREFIXES[row["city"]],
        domain=f"{names.ascii_slug(row['name'])[:40]}.example",
        collector_id=row["collector_id"],
        row=row,
        tags=(world.tag_ids[segment], world.tag_ids[industry]),
    )


def _open_account(
    rng: random.Random, world: World, row: Row, monthly_sales: float, terms: int, joined: dt.date
) -> None:
    """Give a customer's ``row`` its seller, collector, credit limit, terms and start."""
    row["seller_id"] = rng.choices(world.sellers, world.seller_weights)[0]
    row["collector_id"] = rng.choice(world.collectors)
    row["credit_limit"] = _credit_limit(rng, monthly_sales, terms)
    row["payment_terms_days"] = terms
    row["created_at"] = dt.datetime.combine(joined, dt.time(9))


def _lifetime(
    rng: random.Random, world: World, archetype: str
) -> tuple[dt.date, dt.date, dt.date | None]:
    """When a customer starts buying, stops buying and (defaulters) stops paying."""
    span = world.span
    joined = world.start
    if rng.random() < 0.2:
        joined += round_days(rng.uniform(0, 0.85) * span)
    stop, default_on = world.today, None
    if archetype == "defaulter":
        default_on = world.today - round_days(rng.uniform(75, 330))
        joined = max(world.start, min(joined, default_on - dt.timedelta(days=180)))
        stop = min(world.today, default_on + round_days(rng.uniform(15, 60)))
    elif rng.random() < 0.06:
        stop = world.start + round_days(rng.uniform(0.4, 0.9) * span)
        if stop <= joined + dt.timedelta(days=60):
            stop = world.today
    return joined, stop, default_on


def _credit_limit(rng: random.Random, monthly_sales: float, terms: int) -> Decimal:
    limit = monthly_sales * (terms / 30 + 0.5) * rng.uniform(0.8, 1.6)
    return Decimal(max(1, math.ceil(limit / 1000)) * 1000).quantize(Decimal("0.01"))


def make_contacts(plan: Plan, rng: random.Random, ids: Ids) -> list[Row]:
    """One to three contacts, the first primary; about 5% have a bad phone or e-mail."""
    rows: list[Row] = []
    for position in range(rng.choice((1, 1, 2, 2, 2, 3))):
        lang = plan.lang if rng.random() < 0.7 else rng.choice(("es", "en"))
        name = names.person_name(rng, lang)
        rows.append(
            {
                "id": ids.next("contacts"),
                "customer_id": plan.id,
                "seller_id": None,
                "name": name,
                "role": rng.choice(names.CONTACT_ROLES[plan.lang]),
                "phone": _flawed(rng, names.phone(rng, plan.phone_prefix), names.BAD_PHONES),
                "email": _flawed(rng, names.email(name, plan.domain), names.BAD_EMAILS),
                "is_primary": position == 0,
            }
        )
    return rows


def _flawed(rng: random.Random, good: str, bad: tuple[str, ...]) -> str | None:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(bad)
    return None if roll < 0.09 else good
