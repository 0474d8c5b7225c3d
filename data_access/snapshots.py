"""Per-customer aging snapshots: the portfolio page reads these, ledger writes refresh them.

A snapshot for a date is built once (server-side ``INSERT … SELECT`` of
:func:`data_access.portfolio.exposure_select`) and then read with filters, sorting and
totals in SQL, so the page never pulls a million invoices into Python. Any ledger
write refreshes the rows of the customers it touched for every stored date; a
write touching many customers drops the snapshots, which rebuild on the next read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import pandas as pd
from sqlalchemy import (
    Date,
    Table,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    true,
    type_coerce,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from data_access.models import (
    MONEY,
    SNAPSHOT_BUCKETS,
    AgingSnapshot,
    AgingSnapshotBuild,
    Customer,
    Seller,
    Tag,
    User,
    customer_tags,
)
from data_access.portfolio import (
    CustomerFilter,
    customer_ids,
    exposure_select,
    needs_rewind,
    unapplied_by_customer,
)
from data_access.scope import Scope
from data_access.versions import current_version

ZERO = Decimal("0.00")
KEEP_BUILDS = 40
REFRESH_LIMIT = 2000  # refresh customers one by one up to this many; above, rebuild lazily
SNAPSHOTS = cast(Table, AgingSnapshot.__table__)
BUCKET_COLUMNS = [f"b{i}" for i in range(SNAPSHOT_BUCKETS)]


# Bump when the way snapshot rows are computed changes: stored ones then rebuild.
SNAPSHOT_VERSION = 3


def _key(boundaries: Sequence[int]) -> str:
    return f"v{SNAPSHOT_VERSION}:" + ",".join(str(b) for b in boundaries)


def _boundaries(key: str) -> list[int]:
    return [int(part) for part in key.split(":")[-1].split(",") if part]


def ensure_snapshot(session: Session, *, as_of: dt.date, boundaries: Sequence[int]) -> None:
    """Build the snapshot for ``as_of`` unless a current one exists. Does not commit.

    Safe when two processes build the same date at once: the loser's insert fails
    on the primary key inside a savepoint and it uses the winner's rows.
    """
    if len(boundaries) + 2 > SNAPSHOT_BUCKETS:
        raise ValueError(f"at most {SNAPSHOT_BUCKETS - 2} aging boundaries are supported")
    build = session.get(AgingSnapshotBuild, as_of)
    if build is not None and build.boundaries == _key(boundaries):
        return
    try:
        with session.begin_nested():
            if build is not None:
                _drop_dates(session, [as_of])
            _insert_rows(session, as_of, boundaries, None)
            session.add(AgingSnapshotBuild(as_of=as_of, boundaries=_key(boundaries)))
    except IntegrityError:
        session.expire_all()
    _prune(session)


def missing_snapshots(
    session: Session, dates: Sequence[dt.date], *, boundaries: Sequence[int]
) -> list[dt.date]:
    """The dates among ``dates`` with no current snapshot (each once, in order)."""
    key = _key(boundaries)
    query = select(AgingSnapshotBuild.as_of, AgingSnapshotBuild.boundaries).where(
        AgingSnapshotBuild.as_of.in_(list(dates))
    )
    built = {day: key for day, key in session.execute(query)}
    return [day for day in dict.fromkeys(dates) if built.get(day) != key]


@dataclass(frozen=True)
class ComputedSnapshot:
    """A snapshot's rows read by :func:`compute_snapshot`, to be written by :func:`store_snapshot`.

    ``data_version`` is the data version read before the rows: if it moved by the time
    they are stored, they may be stale and are not stored.
    """

    as_of: dt.date
    key: str
    data_version: int
    rows: list[dict[str, Any]]


def compute_snapshot(
    session: Session, *, as_of: dt.date, boundaries: Sequence[int]
) -> ComputedSnapshot:
    """The snapshot rows for ``as_of``, read without writing anything.

    With :func:`store_snapshot` this splits :func:`ensure_snapshot` in two, so that
    several dates can be read at once on separate connections and written after.
    """
    version = current_version(session)
    rewind = needs_rewind(session, as_of)
    scope = Scope.everything()
    bands = len(boundaries) + 2
    query = exposure_select(as_of, scope=scope, boundaries=boundaries, rewind=rewind)
    rows: dict[int, dict[str, Any]] = {}
    for found in session.execute(query).mappings():
        rows[found["customer_id"]] = _snapshot_row(
            as_of,
            found["customer_id"],
            open_total=found["open_total"],
            buckets=[found[f"b{i}"] for i in range(bands)],
            overdue_day_amount=float(found["overdue_day_amount"] or 0),
            oldest_due=found["oldest_due"],
        )
    credit = unapplied_by_customer(session, as_of=as_of, scope=scope, rewind=rewind)
    for customer_id, amount in credit.items():
        row = rows.setdefault(customer_id, _snapshot_row(as_of, customer_id))
        row["unapplied"] = amount
        row["balance"] = row["open_total"] - amount
    return ComputedSnapshot(as_of, _key(boundaries), version, list(rows.values()))


def _snapshot_row(
    as_of: dt.date,
    customer_id: int,
    *,
    open_total: Decimal = ZERO,
    buckets: Sequence[Decimal] = (),
    overdue_day_amount: float = 0.0,
    oldest_due: dt.date | None = None,
) -> dict[str, Any]:
    padded = [*buckets, *([ZERO] * (SNAPSHOT_BUCKETS - len(buckets)))]
    return {
        "as_of": as_of,
        "customer_id": customer_id,
        "balance": open_total,
        "open_total": open_total,
        "unapplied": ZERO,
        **dict(zip(BUCKET_COLUMNS, padded, strict=True)),
        "overdue_day_amount": overdue_day_amount,
        "oldest_due": oldest_due,
    }


class _StaleSnapshot(Exception):
    """The data changed between reading a snapshot's rows and storing them."""


def store_snapshot(session: Session, computed: ComputedSnapshot) -> bool:
    """Write rows from :func:`compute_snapshot` unless the date was built meanwhile.

    Does not commit. The rows are written only if the data version is still the
    one they were read at (checked after writing, with the version row locked on
    PostgreSQL and the database write-locked on SQLite).

    Returns:
        True when the date now has a current snapshot, False when the rows were stale
        and nothing was written (:func:`ensure_snapshot` then builds it the usual way).
    """
    build = session.get(AgingSnapshotBuild, computed.as_of)
    if build is not None and build.boundaries == computed.key:
        return True
    try:
        with session.begin_nested():
            if build is not None:
                _drop_dates(session, [computed.as_of])
            if computed.rows:
                session.execute(insert(SNAPSHOTS), computed.rows)
            session.add(AgingSnapshotBuild(as_of=computed.as_of, boundaries=computed.key))
            session.flush()
            if current_version(session, lock=True) != computed.data_version:
                raise _StaleSnapshot
    except _StaleSnapshot:
        return False
    except IntegrityError:
        session.expire_all()
        return True
    _prune(session)
    return True


def _insert_rows(
    session: Session, as_of: dt.date, boundaries: Sequence[int], customers: Sequence[int] | None
) -> None:
    rewind = needs_rewind(session, as_of)
    scope = Scope.everything()
    aggregate = exposure_select(
        as_of, scope=scope, boundaries=boundaries, rewind=rewind, only_customers=customers
    ).subquery()
    bands = len(boundaries) + 2
    zero = type_coerce(literal(0), MONEY)
    buckets = [aggregate.c[f"b{i}"] if i < bands else zero for i in range(SNAPSHOT_BUCKETS)]
    rows = select(
        literal(as_of, Date),
        aggregate.c.customer_id,
        aggregate.c.open_total,
        aggregate.c.open_total,
        zero,
        *buckets,
        aggregate.c.overdue_day_amount,
        aggregate.c.oldest_due,
    )
    columns = [
        "as_of",
        "customer_id",
        "balance",
        "open_total",
        "unapplied",
        *BUCKET_COLUMNS,
        "overdue_day_amount",
        "oldest_due",
    ]
    session.execute(insert(SNAPSHOTS).from_select(columns, rows))
    credit = unapplied_by_customer(
        session, as_of=as_of, scope=scope, rewind=rewind, only_customers=customers
    )
    _apply_credit(session, as_of, credit)


def _apply_credit(session: Session, as_of: dt.date, credit: dict[int, Decimal]) -> None:
    if not credit:
        return
    present = set(
        session.scalars(
            select(AgingSnapshot.customer_id).where(
                AgingSnapshot.as_of == as_of, AgingSnapshot.customer_id.in_(list(credit))
            )
        )
    )
    for customer_id, amount in credit.items():
        if customer_id in present:
            session.execute(
                update(SNAPSHOTS)
                .where(SNAPSHOTS.c.as_of == as_of, SNAPSHOTS.c.customer_id == customer_id)
                .values(unapplied=amount, balance=SNAPSHOTS.c.open_total - amount)
            )
        else:
            session.execute(
                insert(SNAPSHOTS).values(
                    as_of=as_of,
                    customer_id=customer_id,
                    balance=-amount,
                    open_total=ZERO,
                    unapplied=amount,
                    overdue_day_amount=0.0,
                    oldest_due=None,
                    **dict.fromkeys(BUCKET_COLUMNS, ZERO),
                )
            )


def refresh_customers(session: Session, customer_ids: Sequence[int]) -> None:
    """Recompute these customers' rows in every stored snapshot (after a ledger write)."""
    builds = session.execute(select(AgingSnapshotBuild.as_of, AgingSnapshotBuild.boundaries)).all()
    if not builds or not customer_ids:
        return
    if len(customer_ids) > REFRESH_LIMIT:
        _drop_dates(session, [as_of for as_of, _ in builds])
        return
    ids = sorted(set(customer_ids))
    for as_of, key in builds:
        boundaries = _boundaries(key)
        session.execute(
            delete(SNAPSHOTS).where(SNAPSHOTS.c.as_of == as_of, SNAPSHOTS.c.customer_id.in_(ids))
        )
        _insert_rows(session, as_of, boundaries, ids)


def _drop_dates(session: Session, dates: Sequence[dt.date]) -> None:
    session.execute(delete(SNAPSHOTS).where(SNAPSHOTS.c.as_of.in_(list(dates))))
    session.execute(delete(AgingSnapshotBuild).where(AgingSnapshotBuild.as_of.in_(list(dates))))


def _prune(session: Session) -> None:
    dates = session.scalars(
        select(AgingSnapshotBuild.as_of)
        .order_by(AgingSnapshotBuild.built_at.desc())
        .offset(KEEP_BUILDS)
    ).all()
    if dates:
        _drop_dates(session, list(dates))


def has_snapshot(session: Session, as_of: dt.date) -> bool:
    """Whether a snapshot for ``as_of`` is stored."""
    return bool(session.scalar(select(exists().where(AgingSnapshotBuild.as_of == as_of))))


@dataclass(frozen=True)
class ViewFilter:
    """What the portfolio view shows: customer filters plus balance and age thresholds.

    ``min_bucket`` keeps customers with something open in that bucket or an older one.
    """

    customers: CustomerFilter = CustomerFilter()
    min_balance: Decimal | None = None
    min_bucket: int | None = None


def _filtered(query: Any, scope: Scope, view: ViewFilter, bands: int) -> Any:
    if scope.restricted or view.customers.active:
        query = query.where(AgingSnapshot.customer_id.in_(customer_ids(scope, view.customers)))
    if view.min_balance is not None:
        query = query.where(AgingSnapshot.balance >= view.min_balance)
    if view.min_bucket is not None and view.min_bucket > 0:
        older = [getattr(AgingSnapshot, f"b{i}") for i in range(view.min_bucket, bands)]
        query = query.where(sum(older[1:], older[0]) > 0)
    return query


@dataclass(frozen=True)
class SnapshotTotals:
    """Sums over the customers of a view. Money is Decimal."""

    customers: int
    owing: int  # customers with a positive balance (the ones a treemap can draw)
    balance: Decimal
    open_total: Decimal
    unapplied: Decimal
    buckets: tuple[Decimal, ...]
    overdue_day_amount: float
    positive_balance: Decimal
    positive_open_total: Decimal
    positive_overdue_day_amount: float


def _money_sum(column: Any) -> Any:
    return type_coerce(func.coalesce(func.sum(column), 0), MONEY)


def snapshot_totals(
    session: Session, *, as_of: dt.date, scope: Scope, view: ViewFilter, bands: int
) -> SnapshotTotals:
    """Totals of the snapshot rows in the view (the snapshot must exist)."""
    positive = AgingSnapshot.balance > 0
    query = select(
        func.count(),
        func.coalesce(func.sum(case((positive, 1), else_=0)), 0),
        _money_sum(AgingSnapshot.balance),
        _money_sum(AgingSnapshot.open_total),
        _money_sum(AgingSnapshot.unapplied),
        *(_money_sum(getattr(AgingSnapshot, f"b{i}")) for i in range(bands)),
        func.coalesce(func.sum(AgingSnapshot.overdue_day_amount), 0),
        _money_sum(case((positive, AgingSnapshot.balance), else_=0)),
        _money_sum(case((positive, AgingSnapshot.open_total), else_=0)),
        func.coalesce(func.sum(case((positive, AgingSnapshot.overdue_day_amount), else_=0)), 0),
    ).where(AgingSnapshot.as_of == as_of)
    row = session.execute(_filtered(query, scope, view, bands)).one()
    return SnapshotTotals(
        customers=int(row[0]),
        owing=int(row[1]),
        balance=row[2],
        open_total=row[3],
        unapplied=row[4],
        buckets=tuple(row[5 : 5 + bands]),
        overdue_day_amount=float(row[5 + bands]),
        positive_balance=row[6 + bands],
        positive_open_total=row[7 + bands],
        positive_overdue_day_amount=float(row[8 + bands]),
    )


def _snapshot_columns(bands: int) -> list[Any]:
    return [
        AgingSnapshot.customer_id,
        AgingSnapshot.balance,
        AgingSnapshot.open_total,
        AgingSnapshot.unapplied,
        *(getattr(AgingSnapshot, f"b{i}") for i in range(bands)),
        AgingSnapshot.overdue_day_amount,
        AgingSnapshot.oldest_due,
    ]


def snapshot_top(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    view: ViewFilter,
    bands: int,
    limit: int | None,
    offset: int = 0,
    owing_only: bool = True,
) -> pd.DataFrame:
    """The customers with the largest positive balances in the view, with names.

    Columns: customer_id, code, name, seller_code, seller_name, collector_name,
    balance, open_total, unapplied, b0 … bN, overdue_day_amount, oldest_due.
    Ordered by balance (largest first), then code. ``limit=None`` reads them all;
    ``owing_only=False`` keeps customers with a zero or credit balance too.
    """
    collector = aliased(User)
    query = (
        select(
            *_snapshot_columns(bands),
            Customer.code,
            Customer.name,
            Seller.code.label("seller_code"),
            Seller.name.label("seller_name"),
            collector.full_name.label("collector_name"),
        )
        .join(Customer, Customer.id == AgingSnapshot.customer_id)
        .outerjoin(Seller, Seller.id == Customer.seller_id)
        .outerjoin(collector, collector.id == Customer.collector_id)
        .where(AgingSnapshot.as_of == as_of, AgingSnapshot.balance > 0 if owing_only else true())
        .order_by(AgingSnapshot.balance.desc(), Customer.code)
        .limit(limit)
        .offset(offset)
    )
    rows = session.execute(_filtered(query, scope, view, bands)).mappings().all()
    columns = [
        "customer_id",
        "code",
        "name",
        "seller_code",
        "seller_name",
        "collector_name",
        "balance",
        "open_total",
        "unapplied",
        *(f"b{i}" for i in range(bands)),
        "overdue_day_amount",
        "oldest_due",
    ]
    return pd.DataFrame([dict(row) for row in rows], columns=columns)


def snapshot_rollup(
    session: Session, *, as_of: dt.date, scope: Scope, view: ViewFilter, bands: int, by: str
) -> pd.DataFrame:
    """Snapshot sums per seller, collector or first tag (alphabetically) of each customer.

    Columns: key, label, customers, owing, balance, positive_balance, open_total,
    unapplied, b0 … bN, overdue_day_amount, positive_overdue_day_amount, positive_open_total.
    A customer without a seller/collector/tag has key ''.
    """
    key, label, joins = _rollup_key(by)
    positive = AgingSnapshot.balance > 0
    query = select(
        key.label("key"),
        func.max(label).label("label"),
        func.count().label("customers"),
        func.coalesce(func.sum(case((positive, 1), else_=0)), 0).label("owing"),
        _money_sum(AgingSnapshot.balance).label("balance"),
        _money_sum(case((positive, AgingSnapshot.balance), else_=0)).label("positive_balance"),
        _money_sum(AgingSnapshot.open_total).label("open_total"),
        _money_sum(AgingSnapshot.unapplied).label("unapplied"),
        *(_money_sum(getattr(AgingSnapshot, f"b{i}")).label(f"b{i}") for i in range(bands)),
        func.coalesce(func.sum(AgingSnapshot.overdue_day_amount), 0).label("overdue_day_amount"),
        func.coalesce(
            func.sum(case((positive, AgingSnapshot.overdue_day_amount), else_=0)), 0
        ).label("positive_overdue_day_amount"),
        _money_sum(case((positive, AgingSnapshot.open_total), else_=0)).label(
            "positive_open_total"
        ),
    ).join(Customer, Customer.id == AgingSnapshot.customer_id)
    for target, condition in joins:
        query = query.outerjoin(target, condition)
    query = query.where(AgingSnapshot.as_of == as_of).group_by(key)
    rows = [dict(row) for row in session.execute(_filtered(query, scope, view, bands)).mappings()]
    for row in rows:
        row["key"], row["label"] = row["key"] or "", row["label"] or ""
    columns = [
        "key",
        "label",
        "customers",
        "owing",
        "balance",
        "positive_balance",
        "open_total",
        "unapplied",
        *(f"b{i}" for i in range(bands)),
        "overdue_day_amount",
        "positive_overdue_day_amount",
        "positive_open_total",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("key", kind="stable").reset_index(drop=True)


def _rollup_key(by: str) -> tuple[Any, Any, list[tuple[Any, Any]]]:
    if by == "seller":
        return Seller.code, Seller.name, [(Seller, Seller.id == Customer.seller_id)]
    if by == "collector":
        return User.username, User.full_name, [(User, User.id == Customer.collector_id)]
    if by == "tag":
        first = (
            select(customer_tags.c.customer_id, func.min(Tag.name).label("tag"))
            .join(Tag, Tag.id == customer_tags.c.tag_id)
            .group_by(customer_tags.c.customer_id)
            .subquery()
        )
        return first.c.tag, first.c.tag, [(first, first.c.customer_id == Customer.id)]
    raise ValueError(f"cannot group by {by!r}: use seller, collector or tag")


def snapshot_rest(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    view: ViewFilter,
    bands: int,
    skip: int,
    by: str | None = None,
) -> pd.DataFrame:
    """Totals of the owing customers ranked after ``skip`` (the "Others"), per group.

    Columns: key, label, customers, balance, open_total, b0 … bN,
    overdue_day_amount, oldest_due. ``key`` is '' when not grouped.
    """
    key, label, joins = _rollup_key(by) if by else (literal(""), literal(""), [])
    ranked = select(*_snapshot_columns(bands), key.label("key"), label.label("label")).join(
        Customer, Customer.id == AgingSnapshot.customer_id
    )
    for target, condition in joins:
        ranked = ranked.outerjoin(target, condition)
    ranked = ranked.where(AgingSnapshot.as_of == as_of, AgingSnapshot.balance > 0)
    ranked = _filtered(ranked, scope, view, bands)
    rest = ranked.order_by(AgingSnapshot.balance.desc(), Customer.code).offset(skip).subquery()
    query = select(
        rest.c.key,
        func.max(rest.c.label).label("label"),
        func.count().label("customers"),
        _money_sum(rest.c.balance).label("balance"),
        _money_sum(rest.c.open_total).label("open_total"),
        *(_money_sum(rest.c[f"b{i}"]).label(f"b{i}") for i in range(bands)),
        func.coalesce(func.sum(rest.c.overdue_day_amount), 0).label("overdue_day_amount"),
        func.min(rest.c.oldest_due).label("oldest_due"),
    ).group_by(rest.c.key)
    rows = [dict(row) for row in session.execute(query).mappings()]
    for row in rows:
        row["key"], row["label"] = row["key"] or "", row["label"] or ""
    columns = [
        "key",
        "label",
        "customers",
        "balance",
        "open_total",
        *(f"b{i}" for i in range(bands)),
        "overdue_day_amount",
        "oldest_due",
    ]
    return pd.DataFrame(rows, columns=columns)


def customer_tags_of(session: Session, customer_ids: Sequence[int]) -> dict[int, list[str]]:
    """Tag names per customer, sorted."""
    tags: dict[int, list[str]] = {}
    query = (
        select(customer_tags.c.customer_id, Tag.name)
        .join(Tag, Tag.id == customer_tags.c.tag_id)
        .where(customer_tags.c.customer_id.in_(list(customer_ids)))
        .order_by(Tag.name)
    )
    for customer_id, name in session.execute(query):
        tags.setdefault(customer_id, []).append(name)
    return tags


def snapshot_positions(
    session: Session, *, as_of: dt.date, scope: Scope, bands: int
) -> pd.DataFrame:
    """Every visible customer's row of the snapshot (credit balances included).

    Columns: customer_id, balance, overdue (buckets 1 … N summed in SQL), oldest_due.
    """
    overdue = type_coerce(
        sum((getattr(AgingSnapshot, f"b{i}") for i in range(2, bands)), AgingSnapshot.b1), MONEY
    )
    query = _filtered(
        select(
            AgingSnapshot.customer_id,
            AgingSnapshot.balance,
            overdue.label("overdue"),
            AgingSnapshot.oldest_due,
        ).where(AgingSnapshot.as_of == as_of),
        scope,
        ViewFilter(),
        bands,
    )
    rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=["customer_id", "balance", "overdue", "oldest_due"])
