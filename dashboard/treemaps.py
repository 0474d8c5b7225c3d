"""Treemaps of the portfolio, "who to call first". Pure: no Dash, no database.

Area is the balance a customer (or seller) owes; colour is how late it is, on a
fixed scale (:func:`overdue_score`) so that a colour means the same every day.
Only the largest ``top_n`` customers get a rectangle of their own and the rest
are rolled into one "Others" rectangle, which keeps the figure light enough to
send to a browser on every update.

Node ids are what click callbacks read:

* ``"c:<code>"`` a customer, ``"s:<seller_code>"`` a seller (``"s:"`` for none);
* ``"others"`` the customers after the top ``top_n`` (``"others:<key>"`` inside a group);
* ``"g:<key>"`` a group (seller code or tag; ``"g:"`` for no seller / no tag).

Money stays ``Decimal``: every amount shown is summed exactly and formatted with
:func:`dashboard.formatting.money`; floats are handed to Plotly for areas only.
User-entered texts (names, notes) are HTML-escaped, since Plotly renders a
subset of HTML in labels and hover boxes.
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.aging import ZERO, dsum
from dashboard.i18n import Translator

# Days overdue at which the colour is as deep red as it gets.
OVERDUE_MAX_DAYS = 90
# Green (nothing overdue) → yellow → orange → red → deep red (90+ days), as in figures.py.
OVERDUE_COLORSCALE: list[list[float | str]] = [
    [0.0, "#2e7d32"],
    [0.25, "#fdd835"],
    [0.5, "#fb8c00"],
    [0.75, "#e53935"],
    [1.0, "#8e0000"],
]
# Constant, so a user's zoom and drill-down survive figure updates.
UIREVISION = "cartera-treemap"
# Notes are cut to this many characters in hover boxes (the full note is on the customer page).
NOTE_CHARS = 80

GroupBy = Literal["seller", "tag"]


def overdue_score(weighted_days: float) -> float:
    """The colour value of a rectangle: days overdue clipped to 0..90, to 0.1 day.

    Args:
        weighted_days: amount-weighted average days overdue (0 when nothing is overdue).

    Returns:
        0.0 (green, nothing overdue) up to 90.0 (deep red, 90 days or more);
        negative or missing (NaN) values count as 0.
    """
    days = float(weighted_days)
    if math.isnan(days) or days <= 0:
        return 0.0
    return round(min(days, float(OVERDUE_MAX_DAYS)), 1)


@dataclass(frozen=True)
class TopN:
    """The customers ranked ``offset .. offset + top_n`` by balance, and the rest.

    Attributes:
        top: the ranked rows (balance descending, ties by code), index reset.
        others: the rows after ``top``, rolled into "Others", in rank order.
        others_count: how many customers are in ``others``.
        others_balance: exact sum of their balances.
        others_overdue: exact sum of their overdue amounts.
        others_weighted_days: their balance-weighted average of ``weighted_days``.
        excluded_non_positive: customers left out because their balance is <= 0.
    """

    top: pd.DataFrame
    others: pd.DataFrame
    others_count: int
    others_balance: Decimal
    others_overdue: Decimal
    others_weighted_days: float
    excluded_non_positive: int


def _ranked(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Rows with a positive balance, largest first (ties by code); and how many were dropped."""
    positive = frame.loc[np.array([b > 0 for b in frame["balance"]], dtype=bool)]
    balances = list(positive["balance"])
    codes = [str(code) for code in positive["code"]]
    order = sorted(range(len(positive)), key=lambda i: (-balances[i], codes[i]))
    return positive.iloc[order].reset_index(drop=True), len(frame) - len(positive)


def _weighted_days(balances: Iterable[Decimal], days: Iterable[float]) -> float:
    """Balance-weighted average of days (0.0 when there is no balance)."""
    pairs = [(float(b), float(d)) for b, d in zip(balances, days, strict=True)]
    total = math.fsum(b for b, _ in pairs)
    return math.fsum(b * d for b, d in pairs) / total if total > 0 else 0.0


def top_with_others(frame: pd.DataFrame, *, top_n: int = 300, offset: int = 0) -> TopN:
    """Split customers into the ranks ``offset .. offset + top_n`` and the rest.

    Customers ranked before ``offset`` belong to neither part (so page 2 of a
    drill into "Others" is ``offset=300``). With ``offset=0``,
    ``dsum(top.balance) + others_balance`` equals the sum of all positive balances exactly.

    Args:
        frame: one row per customer (see :func:`customer_treemap`).
        top_n: how many customers get a rectangle of their own (>= 0).
        offset: how many of the largest customers to skip (>= 0).

    Returns:
        The :class:`TopN` split; customers with a balance <= 0 are only counted.

    Raises:
        ValueError: when ``top_n`` or ``offset`` is negative.
    """
    if top_n < 0 or offset < 0:
        raise ValueError("top_n and offset must not be negative")
    ranked, excluded = _ranked(frame)
    top = ranked.iloc[offset : offset + top_n].reset_index(drop=True)
    rest = ranked.iloc[offset + top_n :].reset_index(drop=True)
    return TopN(
        top=top,
        others=rest,
        others_count=len(rest),
        others_balance=dsum(rest["balance"]),
        others_overdue=dsum(rest["overdue"]),
        others_weighted_days=_weighted_days(rest["balance"], rest["weighted_days"]),
        excluded_non_positive=excluded,
    )


@dataclass
class _Texts:
    """Locale-bound formatting with a memo (many amounts repeat, e.g. zero buckets)."""

    t: Translator
    language: str
    currency: str
    memo: dict[Decimal, str] = field(default_factory=dict)

    def money(self, value: Decimal) -> str:
        if value not in self.memo:
            self.memo[value] = fmt.money(value, self.currency, self.language)
        return self.memo[value]

    def count(self, value: int) -> str:
        return fmt.number(value, self.language)

    def others(self, count: int) -> str:
        if count == 1:
            return self.t("treemap.others_one")
        return self.t("treemap.others", count=self.count(count))


def _text(value: object, limit: int | None = None) -> str:
    """A user-entered text made safe for Plotly's HTML subset ('' for None/NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class _Node:
    """One rectangle: Decimal value for totals, float score for colour, texts for hover."""

    id: str
    label: str
    parent: str
    value: Decimal
    score: float
    customdata: list[str]


def _bucket_labels(frame: pd.DataFrame) -> list[str]:
    """Bucket labels in first-seen order over all rows (normally the same on every row)."""
    labels: dict[str, None] = {}
    for buckets in frame["buckets"]:
        labels.update(dict.fromkeys(buckets or {}))
    return list(labels)


def _customer_node(
    row: dict[str, Any], parent: str, labels: Sequence[str], texts: _Texts
) -> _Node:
    """A customer's rectangle: label = name, hover = amounts, buckets, seller, note, promise."""
    none = texts.t("common.none")
    buckets = row["buckets"] or {}
    data = [
        texts.money(row["balance"]),
        texts.money(row["overdue"]),
        *(texts.money(buckets.get(label, ZERO)) for label in labels),
        texts.count(int(row["oldest_days"])),
        _text(row["seller_name"]) or texts.t("treemap.no_seller"),
        _text(row["last_note"], NOTE_CHARS) or none,
        _text(row["next_promise"]) or none,
    ]
    return _Node(
        id=f"c:{row['code']}",
        label=_text(row["name"]) or _text(row["code"]),
        parent=parent,
        value=row["balance"],
        score=overdue_score(row["weighted_days"]),
        customdata=data,
    )


def _rollup_node(
    rows: pd.DataFrame, *, id: str, label: str, parent: str, labels: Sequence[str], texts: _Texts
) -> _Node:
    """A rectangle for several customers: exact sums, max oldest days, weighted colour."""
    none = texts.t("common.none")
    bucket_sums = [dsum((b or {}).get(label_, ZERO) for b in rows["buckets"]) for label_ in labels]
    oldest = int(rows["oldest_days"].max()) if len(rows) else 0
    data = [
        texts.money(dsum(rows["balance"])),
        texts.money(dsum(rows["overdue"])),
        *(texts.money(amount) for amount in bucket_sums),
        texts.count(oldest),
        none,
        none,
        none,
    ]
    days = _weighted_days(rows["balance"], rows["weighted_days"])
    return _Node(id, label, parent, dsum(rows["balance"]), overdue_score(days), data)


def _hovertemplate(titles: Sequence[str]) -> str:
    """``<b>label</b>`` then one ``title: value`` line per customdata column."""
    lines = [f"{_text(title)}: %{{customdata[{i}]}}" for i, title in enumerate(titles)]
    return "<b>%{label}</b><br>" + "<br>".join(lines) + "<extra></extra>"


def _customer_titles(labels: Sequence[str], t: Translator) -> list[str]:
    """Hover line titles matching :func:`_customer_node`'s customdata."""
    return [
        t("treemap.balance"),
        t("treemap.overdue"),
        *labels,
        t("treemap.oldest"),
        t("treemap.seller"),
        t("treemap.last_note"),
        t("treemap.next_promise"),
    ]


def _figure(
    nodes: Sequence[_Node], *, hovertemplate: str, t: Translator, meta: dict[str, int]
) -> go.Figure:
    """The treemap trace and a light layout from a list of nodes."""
    nested = any(node.parent for node in nodes)
    trace = go.Treemap(
        ids=[node.id for node in nodes],
        labels=[node.label for node in nodes],
        parents=[node.parent for node in nodes],
        values=[float(node.value) for node in nodes],
        customdata=[node.customdata for node in nodes],
        branchvalues="total",
        texttemplate="<b>%{label}</b><br>%{customdata[0]}",
        hovertemplate=hovertemplate,
        pathbar={"visible": nested},
        marker={
            "colors": [node.score for node in nodes],
            "colorscale": OVERDUE_COLORSCALE,
            "cmin": 0,
            "cmax": OVERDUE_MAX_DAYS,
            "showscale": True,
            "colorbar": {
                "title": {"text": t("treemap.colorbar"), "side": "right"},
                "tickvals": [0, 30, 60, 90],
                "ticktext": ["0", "30", "60", f"{OVERDUE_MAX_DAYS}+"],
                "thickness": 12,
            },
        },
    )
    figure = go.Figure(trace)
    figure.update_layout(
        margin={"l": 4, "r": 4, "t": 4, "b": 4},
        uirevision=UIREVISION,
        clickmode="event",
        meta=meta,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return figure


def _group_key(group_by: GroupBy, texts: _Texts) -> Callable[[dict[str, Any]], tuple[str, str]]:
    """``row -> (key, label)``: the seller, or the first tag in sorted order."""
    if group_by == "seller":
        return lambda row: (
            str(row["seller_code"] or ""),
            _text(row["seller_name"]) or _text(row["seller_code"]) or texts.t("treemap.no_seller"),
        )

    def first_tag(row: dict[str, Any]) -> tuple[str, str]:
        tags = sorted(str(tag) for tag in (row["tags"] or []))
        return (tags[0], _text(tags[0])) if tags else ("", texts.t("treemap.no_tag"))

    return first_tag
