"""Downloads of the collections, activity, tasks, worklist, performance and quality pages.

Each builder reads the page's URL query with the page's own parser and calls the
same service functions the page's callbacks call, so a download holds what the page
shows (with the user's scope). Values stay machine-readable: money as Decimal, dates
as dates, ratios and day averages as plain numbers. Merged into
:data:`dashboard.exports.DATASETS` by :mod:`dashboard.export_views`.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
from sqlalchemy.orm import Session

from dashboard import activity_charts, collections_service
from dashboard.activity_params import parse_query as parse_activity
from dashboard.collections_params import parse_query as parse_collections
from dashboard.context import services
from dashboard.coverage import coverage
from dashboard.exports import Dataset, ExportRequest
from dashboard.pages import ALL_ROLES
from dashboard.performance import OwnerPerformance, parse_period, trend_points
from dashboard.performance_service import performance
from dashboard.quality_service import contacts_result, duplicates_result, unapplied_result
from dashboard.tasks_params import parse_tasks, parse_worklist
from dashboard.worklist_presenters import worklist_table
from dashboard.worklist_service import choose_collector, load_worklist
from data_access import activity_feed as feed
from data_access.activity import MAX_PAGE
from data_access.quality import CLEANER_ROLES
from data_access.snapshots import ensure_snapshot
from data_access.tasks_board import TaskFilter, task_board
from data_access.worklist import collectors

MAX_NOTES = 50_000  # the most notes one download carries
WORKLIST_ROLES = ("admin", "manager", "collector")  # the worklist page's roles
SELLER_TABLE_ROLES = ("admin", "manager", "viewer")  # collectors see no seller table


def _number(value: Decimal | None, places: int = 4) -> float | None:
    """A ratio or an average (not money) as a plain number, None when undefined."""
    return None if value is None else round(float(value), places)


# --- collections ------------------------------------------------------------------


def collections_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The chart: collections per period of the range and the same period a year earlier."""
    ctx = request.ctx
    query = parse_collections(request.search())
    shown = query.range(ctx.today)
    series, earlier = collections_service.chart_series(
        session,
        first=shown.first,
        last=shown.last,
        by=query.by,
        scope=ctx.scope,
        filters=query.filters,
    )
    return pd.DataFrame(
        {
            "period_start": series["period_start"],
            "period_end": series["period_end"],
            "amount": series["amount"],
            "payments": series["payments"],
            "year_earlier_start": earlier["period_start"],
            "year_earlier_amount": earlier["amount"],
            "year_earlier_payments": earlier["payments"],
        }
    )


def breakdown_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The "who and how" charts: the range's collections by seller, collector, method, tag.

    A customer with several tags counts in full under each (as on the page).
    """
    ctx = request.ctx
    query = parse_collections(request.search())
    shown = query.range(ctx.today)
    parts = collections_service.breakdowns(
        session, first=shown.first, last=shown.last, scope=ctx.scope, filters=query.filters
    )
    frames = [
        frame.assign(by=by)[["by", "name", "amount", "payments"]] for by, frame in parts.items()
    ]
    return pd.concat(frames, ignore_index=True)


def payment_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The latest payments grid: the newest 200 payments of the range, as the page lists them."""
    ctx = request.ctx
    query = parse_collections(request.search())
    shown = query.range(ctx.today)
    frame = collections_service.latest_payments(
        session, first=shown.first, last=shown.last, scope=ctx.scope, filters=query.filters
    )
    return pd.DataFrame(
        {
            "date": frame["date"],
            "customer_code": frame["customer_code"],
            "customer_name": frame["customer_name"],
            "amount": frame["amount"],
            "unapplied": frame["unapplied"],
            "reference": frame["reference"],
            "method": frame["method"],
            "invoices": frame["invoices"],
            "days_late": [_number(days, 1) for days in frame["days_late"]],
        }
    )


def forecast_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The 13 forecast weeks from today: expected from invoices, from promises, in total."""
    ctx = request.ctx
    forecast = collections_service.cash_forecast(
        session,
        today=ctx.today,
        scope=ctx.scope,
        filters=parse_collections(request.search()).filters,
        grace_days=ctx.grace_days,
    )
    return forecast.weeks.copy()


def backtest_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The backtest: each of the last 8 complete weeks' forecast against what arrived."""
    ctx = request.ctx
    return collections_service.forecast_backtest(
        session,
        today=ctx.today,
        scope=ctx.scope,
        filters=parse_collections(request.search()).filters,
        grace_days=ctx.grace_days,
    )


# --- activity ---------------------------------------------------------------------

NOTE_COLUMNS = [
    "note_id",
    "created_at",
    "customer_code",
    "customer_name",
    "author_name",
    "channel",
    "reason",
    "contact_name",
    "body",
    "agreement",
    "hashtags",
]


def note_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """Every note the feed's filters match (newest first, at most :data:`MAX_NOTES`)."""
    ctx = request.ctx
    filters = parse_activity(request.search()).feed_filter(ctx.today)
    rows: list[dict[str, object]] = []
    before: int | None = None
    while len(rows) < MAX_NOTES:
        page = feed.feed_page(
            session,
            scope=ctx.scope,
            filters=filters,
            limit=min(MAX_PAGE, MAX_NOTES - len(rows)),
            before=before,
        )
        rows += page
        if len(page) < MAX_PAGE:
            break
        before = int(page[-1]["id"])
    frame = pd.DataFrame(rows, columns=[*NOTE_COLUMNS[1:], "id"])
    frame["hashtags"] = [";".join(tags) for tags in frame["hashtags"]]
    return frame.rename(columns={"id": "note_id"})[NOTE_COLUMNS]


def excuse_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The "excuses over time" chart: notes per period and excuse category, zeros included."""
    ctx = request.ctx
    query = parse_activity(request.search())
    filters = query.feed_filter(ctx.today)
    start, end = filters.start or ctx.today, filters.end or ctx.today
    by_day = feed.reasons_by_day(session, scope=ctx.scope, filters=filters)
    table = activity_charts.reasons_table(by_day, start=start, end=end, period=query.period)
    long = table.rename_axis(index="period_start", columns="reason").stack()
    return long.rename("notes").reset_index()


def hashtag_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The "top hashtags" chart: the most used hashtags of the matching notes."""
    ctx = request.ctx
    filters = parse_activity(request.search()).feed_filter(ctx.today)
    return feed.top_hashtags(session, scope=ctx.scope, filters=filters).reset_index(drop=True)


def contacts_per_day_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The "contacts per collector per day" chart: notes per author and day, zeros included."""
    ctx = request.ctx
    query = parse_activity(request.search())
    filters = query.feed_filter(ctx.today)
    start, end = filters.start or ctx.today, filters.end or ctx.today
    authors = [] if query.collector else feed.note_authors(session, scope=ctx.scope)
    per_day = feed.contacts_by_author_day(session, scope=ctx.scope, filters=filters)
    grid = activity_charts.contacts_grid(per_day, start=start, end=end, authors=authors)
    long = grid.rename_axis(index="author_name", columns="day").stack()
    return long.rename("notes").reset_index()


def coverage_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The two follow-up lists: overdue customers not contacted for 16+ days, then 8-15."""
    ctx = request.ctx
    collector = parse_activity(request.search()).collector
    ensure_snapshot(session, as_of=ctx.today, boundaries=ctx.buckets.boundaries)
    rows = feed.coverage_rows(
        session, scope=ctx.scope, as_of=ctx.today, bands=len(ctx.buckets.keys), collector=collector
    )
    result = coverage(rows, today=ctx.today)
    lists = [
        frame.drop(columns=["customer_id"]).assign(list=name)
        for name, frame in (("uncovered", result.uncovered), ("due_soon", result.due_soon))
    ]
    joined = pd.concat(lists, ignore_index=True)
    joined.insert(0, "as_of", ctx.today)
    joined = joined.rename(columns={"code": "customer_code", "name": "customer_name"})
    first = ["as_of", "list", "customer_code", "customer_name"]
    return joined[first + [c for c in joined.columns if c not in first]]


# --- tasks and worklist ------------------------------------------------------------


def task_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The tasks of the board's current tab (``view``) with its assignee/supervisor filters."""
    ctx = request.ctx
    query = parse_tasks(request.search())
    filters = TaskFilter(assignee=query.assignee, supervisor=query.supervisor)
    frame = task_board(session, scope=ctx.scope, today=ctx.today, view=query.view, filters=filters)
    out = frame.drop(columns=["customer_id", "assignee_id", "supervisor_id", "can_act"])
    out.insert(1, "view", query.view)
    return out


def worklist_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The ranked worklist of the page's collector: the columns of ``cartera report worklist``."""
    ctx = request.ctx
    people = collectors(session, scope=ctx.scope)
    chosen = choose_collector(people, parse_worklist(request.search()).collector, ctx.scope)
    ranked = []
    if chosen is not None:
        ranked = load_worklist(
            session,
            as_of=ctx.today,
            scope=ctx.scope,
            collector_id=chosen[0],
            buckets=ctx.buckets,
            grace_days=ctx.grace_days,
        )
    return worklist_table(ranked)


# --- performance --------------------------------------------------------------------


PERFORMANCE = [
    "name",
    "contacts",
    "customers_covered",
    "promises_made",
    "promises_kept",
    "promises_broken",
    "kept_rate",
    "collected",
    "overdue_share",
    "dso",
    "goal",
    "goal_collected",
    "goal_expected",
    "goal_progress",
    "goal_pace",
]


def _performance_row(row: OwnerPerformance) -> dict[str, object]:
    goal = row.goal
    return {
        "name": row.name,
        "contacts": row.contacts,
        "customers_covered": row.customers_covered,
        "promises_made": row.promises_made,
        "promises_kept": row.kept.kept,
        "promises_broken": row.kept.broken,
        "kept_rate": _number(row.kept.rate),
        "collected": row.collected,
        "overdue_share": _number(row.overdue_share),
        "dso": _number(row.dso[-1] if row.dso else None, 1),
        "goal": goal.goal if goal else None,
        "goal_collected": goal.collected if goal else None,
        "goal_expected": goal.expected if goal else None,
        "goal_progress": _number(goal.progress) if goal else None,
        "goal_pace": _number(goal.pace) if goal else None,
    }


def _performance(by: str, key: str) -> Dataset:
    def build(session: Session, request: ExportRequest) -> pd.DataFrame:
        ctx = request.ctx
        query = parse_period(request.search(), today=ctx.today)
        rows = performance(
            session,
            query=query,
            scope=ctx.scope,
            by=by,
            boundaries=ctx.buckets.boundaries,
            grace_days=ctx.grace_days,
        )
        points = trend_points(query.last)
        trend = [f"dso_{day.isoformat()}" for day in points]
        records = [
            {"period_first": query.first, "period_last": query.last, key: row.key}
            | _performance_row(row)
            | {name: _number(value, 1) for name, value in zip(trend, row.dso, strict=False)}
            for row in rows
        ]
        columns = ["period_first", "period_last", key, *PERFORMANCE, *trend]
        return pd.DataFrame(records, columns=columns)

    return Dataset(
        f"performance_{by}s", build, roles=SELLER_TABLE_ROLES if by == "seller" else ALL_ROLES
    )


# --- data quality -------------------------------------------------------------------


QUALITY_CONTACT_COLUMNS = [
    "contact_id",
    "customer_code",
    "customer_name",
    "contact_name",
    "role",
    "phone",
    "phone_problem",
    "phone_suggestion",
    "email",
    "email_problem",
    "email_suggestion",
]


def quality_contact_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """Every contact with a missing, invalid or badly written phone or e-mail (no cap)."""
    result = contacts_result(
        session, scope=request.ctx.scope, region=services().settings.phone_region
    )
    rows = [
        {
            "contact_id": int(contact.contact_id),
            "customer_code": contact.customer_code,
            "customer_name": contact.customer_name,
            "contact_name": contact.name,
            "role": contact.role or "",
            "phone": contact.phone or "",
            "phone_problem": check.phone.problem or "",
            "phone_suggestion": check.phone.suggestion or "",
            "email": contact.email or "",
            "email_problem": check.email.problem or "",
            "email_suggestion": check.email.suggestion or "",
        }
        for contact, check in zip(
            result.contacts.itertuples(index=False), result.checks, strict=True
        )
        if check.has_problem
    ]
    return pd.DataFrame(rows, columns=QUALITY_CONTACT_COLUMNS)


def quality_duplicate_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """Probable duplicate customers (pairs marked "not a duplicate" left out)."""
    pairs = duplicates_result(session, scope=request.ctx.scope)
    return pd.DataFrame(
        [
            {
                "reason": pair.reason,
                "similarity": round(pair.similarity, 4),
                "first_code": pair.first.code,
                "first_name": pair.first.name,
                "first_tax_id": pair.first.tax_id or "",
                "second_code": pair.second.code,
                "second_name": pair.second.name,
                "second_tax_id": pair.second.tax_id or "",
            }
            for pair in pairs
        ],
        columns=[
            "reason",
            "similarity",
            "first_code",
            "first_name",
            "first_tax_id",
            "second_code",
            "second_name",
            "second_tax_id",
        ],
    )


def quality_unreachable_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """Customers none of whose contacts has a usable phone or a valid e-mail."""
    result = contacts_result(
        session, scope=request.ctx.scope, region=services().settings.phone_region
    )
    customers = result.customers
    unreachable = customers[customers["customer_id"].isin(result.unreachable)]
    return (
        unreachable[["code", "name"]]
        .rename(columns={"code": "customer_code", "name": "customer_name"})
        .reset_index(drop=True)
    )


def quality_unapplied_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """Payments with money not applied to any invoice (the ledger as it stands), with age."""
    today = request.ctx.today
    frame = unapplied_result(session, scope=request.ctx.scope).payments
    out = frame.drop(columns=["payment_id"]).copy()
    out["age_days"] = [(today - day).days for day in frame["date"]]
    return out


PAGE_DATASETS: dict[str, Dataset] = {
    dataset.name: dataset
    for dataset in (
        Dataset("collections", collections_rows),
        Dataset("payments", payment_rows),
        Dataset("breakdowns", breakdown_rows),
        Dataset("forecast", forecast_rows),
        Dataset("forecast_backtest", backtest_rows),
        Dataset("notes", note_rows),
        Dataset("coverage", coverage_rows),
        Dataset("excuses", excuse_rows),
        Dataset("hashtags", hashtag_rows),
        Dataset("contacts_per_day", contacts_per_day_rows),
        Dataset("tasks", task_rows),
        Dataset("worklist", worklist_rows, roles=WORKLIST_ROLES),
        _performance("collector", "collector_username"),
        _performance("seller", "seller_code"),
        Dataset("quality_contacts", quality_contact_rows, roles=CLEANER_ROLES),
        Dataset("quality_unapplied", quality_unapplied_rows, roles=CLEANER_ROLES),
        Dataset("quality_duplicates", quality_duplicate_rows, roles=CLEANER_ROLES),
        Dataset("quality_unreachable", quality_unreachable_rows, roles=CLEANER_ROLES),
    )
}
