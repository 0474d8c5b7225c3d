"""Reports shared by the CLI and the pages: the aging report in its three shapes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Literal

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.aging import AgingBuckets, customer_aging, invoice_aging, seller_aging
from data_access.receivables import customer_directory, open_items, unapplied_credit
from data_access.scope import Scope

AgingLevel = Literal["customer", "seller", "invoice"]
INVOICE_COLUMNS = [
    "number",
    "customer_code",
    "issue_date",
    "due_date",
    "amount",
    "open_amount",
    "days_overdue",
    "bucket",
]


def aging_report(
    session: Session,
    *,
    as_of: dt.date,
    by: AgingLevel = "customer",
    buckets: AgingBuckets | None = None,
    scope: Scope | None = None,
) -> pd.DataFrame:
    """The aging report as of a date, per customer, seller or invoice.

    Customer columns: customer_code, customer_name, seller_code, balance, bucket
    keys, unapplied, oldest_days_overdue. Seller columns: the same summed per seller
    (seller_code, seller_name, customers, ...). Invoice columns: INVOICE_COLUMNS.
    """
    buckets = buckets or AgingBuckets()
    scope = scope or Scope.everything()
    items = open_items(session, as_of=as_of, scope=scope)
    directory = customer_directory(session, scope=scope)
    if by == "invoice":
        aged = invoice_aging(items, as_of=as_of, buckets=buckets)
        codes = dict(zip(directory["customer_id"], directory["code"], strict=True))
        aged["customer_code"] = [codes[cid] for cid in aged["customer_id"]]
        aged = aged.sort_values(["customer_code", "due_date", "number"], kind="stable")
        return aged[INVOICE_COLUMNS].reset_index(drop=True)
    credit = unapplied_credit(session, as_of=as_of, scope=scope)
    per_customer = customer_aging(items, credit, directory, as_of=as_of, buckets=buckets)
    if by == "customer":
        keep = [
            "customer_code",
            "customer_name",
            "seller_code",
            "balance",
            *buckets.keys,
            "unapplied",
            "oldest_days_overdue",
        ]
        return per_customer[keep]
    sellers = directory[["seller_code", "seller_name"]].dropna().drop_duplicates()
    per_seller = seller_aging(per_customer, sellers, buckets=buckets)
    return per_seller.drop(columns=["overdue"])


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def render_table(frame: pd.DataFrame, fmt: Literal["csv", "json"]) -> str:
    """CSV or JSON text of a report: money with two decimals and a dot, ISO dates.

    In JSON, money is a string (``"1234.50"``) so no reader turns it into a float.
    """
    records = [
        {column: _plain(value) for column, value in zip(frame.columns, row, strict=True)}
        for row in frame.itertuples(index=False)
    ]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(frame.columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()
