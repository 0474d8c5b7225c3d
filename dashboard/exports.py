"""What each page's "Export" menu downloads: the data under its grid or chart, as a table.

A dataset turns the page's URL query (the same filters the page shows) into a
DataFrame of machine-readable values: Decimal money, ISO dates, plain numbers,
column names in English snake_case (the CLI's names where the CLI has the same
report). :mod:`dashboard.export_views` serves them as CSV, XLSX or PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.aging import oldest_days, weighted_days
from dashboard.context import PageContext
from dashboard.heatmap import view_filter
from dashboard.pages import ALL_ROLES
from dashboard.portfolio_params import parse_query
from dashboard.reports import aging_report
from dashboard.sellers_view import ranking
from data_access.receivables import (
    customer_directory,
    find_customer,
    open_items,
    unapplied_credit,
)
from data_access.snapshots import ensure_snapshot, snapshot_positions, snapshot_top

ZERO = Decimal("0.00")


class ExportError(ValueError):
    """A bad export request: the message says which parameter and why."""


class NotVisible(LookupError):
    """The customer asked for does not exist or is outside the user's scope."""


@dataclass(frozen=True)
class ExportRequest:
    """One download: the page's query parameters and who asks."""

    params: dict[str, str]
    ctx: PageContext

    def as_of(self) -> dt.date:
        """``as_of`` from the query (ISO date, not after today), else today."""
        raw = self.params.get("as_of")
        if not raw:
            return self.ctx.today
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError as error:
            raise ExportError(f"as_of: {raw!r} is not a date (YYYY-MM-DD)") from error
        return min(day, self.ctx.today)

    def search(self) -> str:
        """The query as a URL search string (for the page's own parser)."""
        from urllib.parse import urlencode

        return "?" + urlencode(self.params)


Builder = Callable[[Session, ExportRequest], pd.DataFrame]


@dataclass(frozen=True)
class Dataset:
    """A downloadable table: how to build it, who may, and whether a PDF exists."""

    name: str
    build: Builder
    roles: tuple[str, ...] = ALL_ROLES
    pdf: bool = False


def portfolio_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """Every customer in the heat map's view (not only the drawn top N), largest first."""
    ctx = request.ctx
    query = parse_query(request.search(), buckets=len(ctx.buckets.keys))
    as_of = min(query.as_of or ctx.today, ctx.today)
    ensure_snapshot(session, as_of=as_of, boundaries=ctx.buckets.boundaries)
    bands = len(ctx.buckets.keys)
    frame = snapshot_top(
        session,
        as_of=as_of,
        scope=ctx.scope,
        view=view_filter(query),
        bands=bands,
        limit=None,
        owing_only=False,
    )
    out = pd.DataFrame(
        {
            "as_of": as_of,
            "customer_code": frame["code"],
            "customer_name": frame["name"],
            "seller_code": frame["seller_code"],
            "seller_name": frame["seller_name"],
            "collector_name": frame["collector_name"],
            "balance": frame["balance"],
            "open_total": frame["open_total"],
            "unapplied": frame["unapplied"],
        }
    )
    for i, key in enumerate(ctx.buckets.keys):
        out[key] = frame[f"b{i}"]
    out["weighted_days_overdue"] = [
        round(weighted_days(float(days), total), 1)
        for days, total in zip(frame["overdue_day_amount"], frame["open_total"], strict=True)
    ]
    out["oldest_days_overdue"] = [oldest_days(day, as_of) for day in frame["oldest_due"]]
    return out


def aging_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The aging report (``by`` = customer, seller or invoice), as the CLI prints it."""
    by = request.params.get("by", "customer")
    if by not in ("customer", "seller", "invoice"):
        raise ExportError(f"by: {by!r} must be customer, seller or invoice")
    return aging_report(
        session,
        as_of=request.as_of(),
        by=by,  # type: ignore[arg-type]
        buckets=request.ctx.buckets,
        scope=request.ctx.scope,
    )


def customer_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The customers page: directory, balance and overdue as of today."""
    ctx = request.ctx
    directory = customer_directory(session, scope=ctx.scope)
    ensure_snapshot(session, as_of=ctx.today, boundaries=ctx.buckets.boundaries)
    positions = snapshot_positions(
        session, as_of=ctx.today, scope=ctx.scope, bands=len(ctx.buckets.keys)
    )
    merged = directory.merge(positions, on="customer_id", how="left")
    return pd.DataFrame(
        {
            "customer_code": merged["code"],
            "customer_name": merged["name"],
            "tax_id": merged["tax_id"],
            "seller_code": merged["seller_code"],
            "collector_username": merged["collector_username"],
            "tags": [";".join(tags) for tags in merged["tags"]],
            "balance": merged["balance"].where(merged["balance"].notna(), None),
            "overdue": merged["overdue"].where(merged["overdue"].notna(), None),
            "oldest_days_overdue": [
                oldest_days(day, ctx.today) if isinstance(day, dt.date) else None
                for day in merged["oldest_due"]
            ],
        }
    )


def _ranking(by: str) -> Builder:
    def build(session: Session, request: ExportRequest) -> pd.DataFrame:
        ctx = request.ctx
        frame = ranking(
            session,
            as_of=request.as_of(),
            scope=ctx.scope,
            buckets=ctx.buckets,
            by=by,
            grace_days=ctx.grace_days,
        )
        return frame.rename(columns={"code": f"{by}_code", "name": f"{by}_name"})

    return build


@dataclass(frozen=True)
class Statement:
    """A customer's statement of account as of a date."""

    customer_code: str
    customer_name: str
    as_of: dt.date
    documents: pd.DataFrame  # number, kind, issue_date, due_date, amount, open_amount, days_overdue
    unapplied: Decimal  # credit received and not applied yet

    @property
    def balance(self) -> Decimal:
        """Open documents minus unapplied credit."""
        return sum(self.documents["open_amount"], ZERO) - self.unapplied


def statement(session: Session, request: ExportRequest) -> Statement:
    """The open documents and unapplied credit of ``?customer=CODE`` as of ``as_of``.

    Raises:
        ExportError: no customer code given.
        NotVisible: no such customer in the user's scope (the same answer either way).
    """
    code = request.params.get("customer", "").strip()
    if not code:
        raise ExportError("customer: a customer code is required")
    customer = find_customer(session, code, scope=request.ctx.scope)
    if customer is None:
        raise NotVisible(code)
    return customer_statement(session, customer, as_of=request.as_of(), scope=request.ctx.scope)


def customer_statement(session: Session, customer: Any, *, as_of: dt.date, scope: Any) -> Statement:
    """The statement of a customer the caller has already found in ``scope``."""
    items = open_items(session, as_of=as_of, scope=scope, customer_ids=[customer.id])
    items = items.sort_values(["due_date", "number"], kind="stable")
    documents = pd.DataFrame(
        {
            "number": items["number"],
            "kind": items["kind"],
            "issue_date": items["issue_date"],
            "due_date": items["due_date"],
            "amount": items["amount"],
            "open_amount": items["open_amount"],
            "days_overdue": [max((as_of - due).days, 0) for due in items["due_date"]],
        }
    ).reset_index(drop=True)
    credit = unapplied_credit(session, as_of=as_of, scope=scope, customer_ids=[customer.id])
    mine = credit.loc[credit["customer_id"] == customer.id, "unapplied"]
    return Statement(customer.code, customer.name, as_of, documents, sum(mine, ZERO))


def statement_rows(session: Session, request: ExportRequest) -> pd.DataFrame:
    """The statement's open documents as a table (CSV/XLSX)."""
    found = statement(session, request)
    frame = found.documents.copy()
    frame.insert(0, "customer_code", found.customer_code)
    frame.insert(1, "as_of", found.as_of)
    return frame


DATASETS: dict[str, Dataset] = {
    dataset.name: dataset
    for dataset in (
        Dataset("portfolio", portfolio_rows, pdf=True),
        Dataset("aging", aging_rows, pdf=True),
        Dataset("customers", customer_rows),
        Dataset("sellers", _ranking("seller")),
        Dataset("collectors", _ranking("collector")),
        Dataset("statement", statement_rows, pdf=True),
    )
}
