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
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
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


def _ranked(frame: pd.DataFrame, code: str = "code") -> tuple[pd.DataFrame, int]:
    """Rows with a positive balance, largest first (ties by code); and how many were dropped."""
    positive = frame.loc[np.array([b > 0 for b in frame["balance"]], dtype=bool)]
    balances = list(positive["balance"])
    codes = [_raw(value) for value in positive[code]]
    order = sorted(range(len(positive)), key=codes.__getitem__)
    order.sort(key=balances.__getitem__, reverse=True)  # stable: equal balances keep code order
    return positive.iloc[order].reset_index(drop=True), len(frame) - len(positive)


def _amounts(buckets: object) -> Mapping[str, Decimal]:
    """A customer's bucket amounts; empty when missing (None or NaN)."""
    return buckets if isinstance(buckets, Mapping) else {}


@dataclass
class _Sums:
    """Running totals of several customers: exact money, float only for the colour."""

    count: int = 0
    balance: Decimal = ZERO
    overdue: Decimal = ZERO
    buckets: dict[str, Decimal] = field(default_factory=dict)
    oldest: int = 0
    balance_days: float = 0.0

    def add(
        self,
        balance: Decimal,
        overdue: Decimal,
        buckets: dict[str, Decimal] | None,
        oldest: int,
        days: float,
    ) -> None:
        self.count += 1
        self.balance += balance
        self.overdue += overdue
        for label, amount in _amounts(buckets).items():
            self.buckets[label] = self.buckets.get(label, ZERO) + amount
        self.oldest = max(self.oldest, int(oldest))
        self.balance_days += float(balance) * float(days)

    def add_row(self, row: dict[str, Any]) -> None:
        self.add(
            row["balance"], row["overdue"], row["buckets"], row["oldest_days"], row["weighted_days"]
        )

    def merge(self, other: _Sums) -> None:
        self.count += other.count
        self.balance += other.balance
        self.overdue += other.overdue
        for label, amount in other.buckets.items():
            self.buckets[label] = self.buckets.get(label, ZERO) + amount
        self.oldest = max(self.oldest, other.oldest)
        self.balance_days += other.balance_days

    @property
    def weighted_days(self) -> float:
        """Balance-weighted average of the customers' weighted days (0.0 without balance)."""
        return self.balance_days / float(self.balance) if self.balance > 0 else 0.0


def _sums_of(
    balance: Sequence[Decimal],
    overdue: Sequence[Decimal],
    buckets: Sequence[dict[str, Decimal] | None],
    oldest: Sequence[int],
    days: Sequence[float],
) -> _Sums:
    """Totals of parallel columns with builtin sums (fast over thousands of customers)."""
    totals: dict[str, Decimal] = {}
    for amounts in buckets:
        for label, amount in _amounts(amounts).items():
            totals[label] = totals.get(label, ZERO) + amount
    return _Sums(
        count=len(balance),
        balance=dsum(balance),
        overdue=dsum(overdue),
        buckets=totals,
        oldest=max(map(int, oldest), default=0),
        balance_days=math.fsum(map(operator.mul, map(float, balance), map(float, days))),
    )


def _sums_by(rows: pd.DataFrame, keys: Sequence[str] | None = None) -> dict[str, _Sums]:
    """Totals of ``rows`` per key (a single key ``""`` when ``keys`` is None)."""
    names = ("balance", "overdue", "buckets", "oldest_days", "weighted_days")
    columns = [list(rows[name]) for name in names]
    if keys is None:
        return {"": _sums_of(*columns)}
    positions: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        positions.setdefault(key, []).append(i)
    return {
        key: _sums_of(*([column[i] for i in at] for column in columns))
        for key, at in positions.items()
    }


def _split(frame: pd.DataFrame, top_n: int, offset: int) -> tuple[TopN, _Sums]:
    """:func:`top_with_others` and the totals of the others (for their rectangle)."""
    if top_n < 0 or offset < 0:
        raise ValueError("top_n and offset must not be negative")
    ranked, excluded = _ranked(frame)
    top = ranked.iloc[offset : offset + top_n].reset_index(drop=True)
    rest = ranked.iloc[offset + top_n :].reset_index(drop=True)
    sums = _sums_by(rest)[""]
    split = TopN(
        top=top,
        others=rest,
        others_count=len(rest),
        others_balance=sums.balance,
        others_overdue=sums.overdue,
        others_weighted_days=sums.weighted_days,
        excluded_non_positive=excluded,
    )
    return split, sums


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
    return _split(frame, top_n, offset)[0]


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


def _raw(value: object) -> str:
    """A text cell as ``str``; ``''`` when missing (pandas 3 string columns hold None as NaN)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _text(value: object, limit: int | None = None) -> str:
    """A user-entered text made safe for Plotly's HTML subset (``''`` when missing)."""
    text = _raw(value)
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
    seen = None
    for buckets in map(_amounts, frame["buckets"]):
        if buckets and buckets.keys() != seen:
            labels.update(dict.fromkeys(buckets))
            seen = buckets.keys()
    return list(labels)


def _customer_node(row: dict[str, Any], parent: str, labels: Sequence[str], texts: _Texts) -> _Node:
    """A customer's rectangle: label = name, hover = amounts, buckets, seller, note, promise."""
    none = texts.t("common.none")
    buckets = _amounts(row["buckets"])
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
        id=f"c:{_raw(row['code'])}",
        label=_text(row["name"]) or _text(row["code"]),
        parent=parent,
        value=row["balance"],
        score=overdue_score(row["weighted_days"]),
        customdata=data,
    )


def _rollup_node(
    sums: _Sums,
    *,
    id: str,
    label: str,
    parent: str,
    labels: Sequence[str],
    texts: _Texts,
    seller: str = "",
) -> _Node:
    """A rectangle for several customers: exact sums, max oldest days, weighted colour."""
    none = texts.t("common.none")
    data = [
        texts.money(sums.balance),
        texts.money(sums.overdue),
        *(texts.money(sums.buckets.get(label_, ZERO)) for label_ in labels),
        texts.count(sums.oldest),
        seller or none,
        none,
        none,
    ]
    return _Node(id, label, parent, sums.balance, overdue_score(sums.weighted_days), data)


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
        root={"color": "rgba(0,0,0,0)"},
        marker={
            # No header band above a flat map; groups keep theirs for the seller/tag name.
            "pad": {"t": 18 if nested else 0, "l": 2, "r": 2, "b": 2},
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


KeyOf = Callable[[str | None, str | None, Sequence[str] | None], tuple[str, str]]


def _group_key(group_by: GroupBy, texts: _Texts) -> KeyOf:
    """``(seller_code, seller_name, tags) -> (key, label)``: the seller, or the first tag.

    A customer with several tags goes under the first of them in sorted order
    only, so that no balance is counted twice.
    """

    def seller(code: str | None, name: str | None, _tags: Sequence[str] | None) -> tuple[str, str]:
        label = _text(name) or _text(code) or texts.t("treemap.no_seller")
        return _raw(code), label

    def first_tag(
        _code: str | None, _name: str | None, tags: Sequence[str] | None
    ) -> tuple[str, str]:
        ordered = sorted(map(str, tags)) if isinstance(tags, list | tuple | np.ndarray) else []
        return (ordered[0], _text(ordered[0])) if ordered else ("", texts.t("treemap.no_tag"))

    return seller if group_by == "seller" else first_tag


def _weighted_score(nodes: Sequence[_Node]) -> float:
    """Balance-weighted average of the nodes' colour values, to 0.1 (0.0 without balance)."""
    weights = [float(node.value) for node in nodes]
    total = math.fsum(weights)
    if total <= 0:
        return 0.0
    return round(
        math.fsum(w * node.score for w, node in zip(weights, nodes, strict=True)) / total, 1
    )


def _group_nodes(
    key: str,
    label: str,
    rows: Sequence[dict[str, Any]],
    rest: _Sums | None,
    texts: _Texts,
    *,
    labels: Sequence[str],
    seller_line: bool,
) -> list[_Node]:
    """A group's rectangle, its top customers and its own "others" rectangle.

    The group's colour is the balance-weighted average of its children's colours.
    """
    gid = f"g:{key}"
    children = [_customer_node(row, gid, labels, texts) for row in rows]
    total = _Sums()
    for row in rows:
        total.add_row(row)
    if rest is not None:
        others = texts.others(rest.count)
        children.append(
            _rollup_node(
                rest, id=f"others:{key}", label=others, parent=gid, labels=labels, texts=texts
            )
        )
        total.merge(rest)
    seller = label if seller_line else ""
    group = _rollup_node(
        total, id=gid, label=label, parent="", labels=labels, texts=texts, seller=seller
    )
    return [replace(group, score=_weighted_score(children)), *children]


def _grouped_nodes(
    split: TopN,
    group_by: GroupBy,
    labels: Sequence[str],
    texts: _Texts,
    rest: Mapping[str, tuple[str, _Sums]] | None = None,
) -> list[_Node]:
    """Two levels: groups largest first (ties by key), each followed by its children.

    ``rest`` gives, per group key, its label and the totals of its customers that
    did not make the top; when omitted they are summed from ``split.others``.
    """
    key_of = _group_key(group_by, texts)
    names: dict[str, str] = {}
    rows_of: dict[str, list[dict[str, Any]]] = {}
    for row in split.top.to_dict("records"):
        key, names[key] = key_of(row["seller_code"], row["seller_name"], row["tags"])
        rows_of.setdefault(key, []).append(row)
    if rest is None:
        others = split.others
        rest_keys = []
        for code, name, tags in zip(
            others["seller_code"], others["seller_name"], others["tags"], strict=True
        ):
            key, names[key] = key_of(code, name, tags)
            rest_keys.append(key)
        rest_sums = _sums_by(others, rest_keys)
    else:
        rest_sums = {}
        for key, (label, sums) in rest.items():
            names.setdefault(key, label or _group_key(group_by, texts)(None, None, None)[1])
            rest_sums[key] = sums
    groups = [
        _group_nodes(
            key,
            label,
            rows_of.get(key, []),
            rest_sums.get(key),
            texts,
            labels=labels,
            seller_line=group_by == "seller",
        )
        for key, label in names.items()
    ]
    groups.sort(key=lambda nodes: (-nodes[0].value, nodes[0].id))
    return [node for nodes in groups for node in nodes]


def _flat_nodes(split: TopN, sums: _Sums, labels: Sequence[str], texts: _Texts) -> list[_Node]:
    """One level: the top customers, then "others" when there are any."""
    nodes = [_customer_node(row, "", labels, texts) for row in split.top.to_dict("records")]
    if split.others_count:
        label = texts.others(split.others_count)
        nodes.append(
            _rollup_node(sums, id="others", label=label, parent="", labels=labels, texts=texts)
        )
    return nodes


def customer_treemap(
    frame: pd.DataFrame,
    *,
    t: Translator,
    language: str,
    currency: str,
    top_n: int = 300,
    offset: int = 0,
    group_by: GroupBy | None = None,
) -> go.Figure:
    """One rectangle per customer: area = balance, colour = :func:`overdue_score`.

    Customers ranked ``offset .. offset + top_n`` by balance get a rectangle;
    the rest share one "Others" rectangle (id ``"others"``); customers with a
    balance <= 0 are left out. ``layout.meta`` reports ``excluded_non_positive``,
    ``others_count``, ``top_n`` and ``offset`` for the page to show.

    With ``group_by="seller"`` each seller is a parent (``"g:<seller_code>"``)
    of its customers and of its own others (``"others:<seller_code>"``);
    ``top_n`` still counts customers over all sellers. ``group_by="tag"`` does
    the same by tag, a customer with several tags appearing under its first tag
    (sorted) only, so areas are never counted twice.

    Args:
        frame: one row per customer with columns customer_id, code, name,
            seller_code, seller_name, collector_name, tags, balance, overdue,
            current, weighted_days, oldest_days, last_note, next_promise and
            buckets (label → Decimal; labels are shown as given, already in
            the user's language). Money as ``Decimal``.
        t: translator for the user's language.
        language: ``"es"`` or ``"en"``, for number and money formats.
        currency: ISO code of the amounts, e.g. ``"USD"``.
        top_n: customers with a rectangle of their own.
        offset: largest customers to skip (paging into "Others").
        group_by: None, ``"seller"`` or ``"tag"``.

    Returns:
        A figure with a single ``go.Treemap`` trace.

    Raises:
        ValueError: on an unknown ``group_by`` or a negative ``top_n``/``offset``.
    """
    if group_by not in (None, "seller", "tag"):
        raise ValueError(f"unknown group_by: {group_by!r}")
    texts = _Texts(t, language, currency)
    split, sums = _split(frame, top_n, offset)
    labels = _bucket_labels(frame)
    if group_by is None:
        nodes = _flat_nodes(split, sums, labels, texts)
    else:
        nodes = _grouped_nodes(split, group_by, labels, texts)
    meta = {
        "excluded_non_positive": split.excluded_non_positive,
        "others_count": split.others_count,
        "top_n": top_n,
        "offset": offset,
    }
    return _figure(nodes, hovertemplate=_hovertemplate(_customer_titles(labels, t)), t=t, meta=meta)


def _seller_node(row: dict[str, Any], texts: _Texts) -> _Node:
    """A seller's rectangle: hover shows balance, overdue, % overdue and customers."""
    code = _raw(row["seller_code"])
    pct = row["overdue_pct"]
    data = [
        texts.money(row["balance"]),
        texts.money(row["overdue"]),
        fmt.percent(None if pd.isna(pct) else pct, texts.language),
        texts.count(int(row["customers"])),
    ]
    label = _text(row["seller_name"]) or _text(code) or texts.t("treemap.no_seller")
    score = overdue_score(row["weighted_days"])
    return _Node(f"s:{code}", label, "", row["balance"], score, data)


def seller_treemap(
    sellers: pd.DataFrame, *, t: Translator, language: str, currency: str
) -> go.Figure:
    """One rectangle per seller: area = balance, colour = :func:`overdue_score`.

    Sellers with a balance <= 0 are left out (``layout.meta["excluded_non_positive"]``).
    Ids are ``"s:<seller_code>"``; code ``''`` (customers without a seller) is
    ``"s:"``, labelled "No seller".

    Args:
        sellers: columns seller_code, seller_name, balance, overdue (Decimal),
            weighted_days (float), customers (int), overdue_pct (Decimal or None).
        t: translator for the user's language.
        language: ``"es"`` or ``"en"``.
        currency: ISO code of the amounts.

    Returns:
        A figure with a single ``go.Treemap`` trace, largest seller first.
    """
    texts = _Texts(t, language, currency)
    ranked, excluded = _ranked(sellers, code="seller_code")
    nodes = [_seller_node(row, texts) for row in ranked.to_dict("records")]
    titles = [
        t("treemap.balance"),
        t("treemap.overdue"),
        t("treemap.overdue_pct"),
        t("treemap.customers"),
    ]
    meta = {"excluded_non_positive": excluded}
    return _figure(nodes, hovertemplate=_hovertemplate(titles), t=t, meta=meta)


def _plain(values: Any) -> list[Any]:
    """A trace array as a Python list: tuples, numpy arrays and base64 typed arrays."""
    if values is None:
        return []
    if isinstance(values, dict) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        shape = values.get("shape")
        if shape:
            array = array.reshape([int(n) for n in str(shape).split(",")])
        return list(array.tolist())
    if isinstance(values, np.ndarray):
        return list(values.tolist())
    return list(values)


def figure_summary(figure: go.Figure) -> dict[str, list[Any]]:
    """The first trace's ids, labels, parents, values and marker colours as plain lists.

    For golden tests: Plotly 6+ encodes numeric arrays as base64 in ``to_dict()``,
    so this reads the trace objects and decodes whatever is typed.

    Args:
        figure: a figure whose first trace is hierarchical (treemap, sunburst, icicle).

    Returns:
        ``{"ids", "labels", "parents", "values", "colors"}`` → lists.
    """
    trace = figure.data[0]
    return {
        "ids": _plain(trace.ids),
        "labels": _plain(trace.labels),
        "parents": _plain(trace.parents),
        "values": [float(v) for v in _plain(trace.values)],
        "colors": _plain(trace.marker.colors),
    }


GroupTotals = _Sums


def customer_treemap_from_parts(
    top: pd.DataFrame,
    rest: Mapping[str, tuple[str, GroupTotals]],
    *,
    t: Translator,
    language: str,
    currency: str,
    bucket_labels: Sequence[str],
    group_by: GroupBy | None = None,
    excluded_non_positive: int = 0,
    top_n: int = 300,
    offset: int = 0,
) -> go.Figure:
    """The customer treemap when the ranking and the totals were done elsewhere (in SQL).

    Args:
        top: the ranked customers that get a rectangle (columns as in
            :func:`customer_treemap`), already ordered.
        rest: the customers ranked after ``top``: per group key (``""`` when not
            grouped) its label and :class:`GroupTotals` (count, exact sums).
        t: translator; language, currency: how to format.
        bucket_labels: the hover's bucket lines, in order.
        group_by: None, "seller" or "tag" (keys of ``rest`` follow it).
        excluded_non_positive, top_n, offset: reported in ``layout.meta``.

    Returns:
        The same figure :func:`customer_treemap` draws for the full frame.
    """
    texts = _Texts(t, language, currency)
    others_count = sum(sums.count for _label, sums in rest.values())
    empty = top.iloc[0:0]
    split = TopN(top, empty, others_count, ZERO, ZERO, 0.0, excluded_non_positive)
    if group_by is None:
        sums = rest[""][1] if "" in rest else _Sums()
        nodes = _flat_nodes(split, sums, bucket_labels, texts)
    else:
        nodes = _grouped_nodes(split, group_by, bucket_labels, texts, rest)
    meta = {
        "excluded_non_positive": excluded_non_positive,
        "others_count": others_count,
        "top_n": top_n,
        "offset": offset,
    }
    titles = _customer_titles(bucket_labels, t)
    return _figure(nodes, hovertemplate=_hovertemplate(titles), t=t, meta=meta)
