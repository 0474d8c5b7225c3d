"""Treemaps of "who to call first": golden figure data, exact Others, paging, groups, size.

The small portfolio below is worked by hand (USD):

    code  name       seller     tags              balance  overdue  weighted days
    A01   Acme & Co  S1 Ana     retail, north     1234.56  1000.00  45   (oldest 70)
    B02   Beta       S2 Beto    north              800.00     0.00   0
    C03   Gamma      (none)     -                  800.00   800.00 400   (ties B02: code order)
    D04   Delta      S1 Ana     retail               0.01     0.01  10
    E05   Epsilon    S2 Beto    north, retail        0.02     0.00   0
    F06   Zero       S1 Ana     -                    0.00  (no area: left out)
    G07   Credit     S2 Beto    -                  -75.00  (no area: left out)

With top_n=3 the rectangles are A01, B02, C03 and "Others (2 customers)" holding
0.03, of which 0.01 overdue; their weighted days are (0.01*10 + 0.02*0) / 0.03 = 3.33.
"""

from __future__ import annotations

import json
import math
import random
from decimal import Decimal

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.aging import dsum
from dashboard.i18n import translator
from dashboard.treemaps import (
    OVERDUE_COLORSCALE,
    UIREVISION,
    customer_treemap,
    figure_summary,
    overdue_score,
    seller_treemap,
    top_with_others,
)

D = Decimal
NO = D("0.00")
LABELS = ["Current", "1-30 days", "31-60 days", "61-90 days"]
COLUMNS = [
    "customer_id",
    "code",
    "name",
    "seller_code",
    "seller_name",
    "collector_name",
    "tags",
    "balance",
    "overdue",
    "current",
    "weighted_days",
    "oldest_days",
    "last_note",
    "next_promise",
    "buckets",
]


def customer(
    code: str,
    name: str,
    seller: tuple[str | None, str | None],
    tags: list[str],
    buckets: dict[str, Decimal],
    weighted_days: float,
    oldest_days: int,
    *,
    note: str | None = None,
    promise: str | None = None,
) -> dict[str, object]:
    """A customer row whose balance, overdue and current add up from its buckets."""
    current = buckets.get("Current", NO)
    balance = dsum(buckets.values())
    return {
        "customer_id": abs(hash(code)) % 10_000,
        "code": code,
        "name": name,
        "seller_code": seller[0],
        "seller_name": seller[1],
        "collector_name": "cobra1",
        "tags": tags,
        "balance": balance,
        "overdue": balance - current,
        "current": current,
        "weighted_days": weighted_days,
        "oldest_days": oldest_days,
        "last_note": note,
        "next_promise": promise,
        "buckets": buckets,
    }


ANA, BETO, NOBODY = ("S1", "Ana"), ("S2", "Beto"), (None, None)


def small_portfolio() -> pd.DataFrame:
    """The hand-worked portfolio of the module docstring."""
    rows = [
        customer(
            "A01",
            "Acme & Co",
            ANA,
            ["retail", "north"],
            {
                "Current": D("234.56"),
                "1-30 days": NO,
                "31-60 days": D("500.00"),
                "61-90 days": D("500.00"),
            },
            45.0,
            70,
            note="Promised Friday",
            promise="Mar 3, 2025",
        ),
        customer("B02", "Beta", BETO, ["north"], {"Current": D("800.00")}, 0.0, 0),
        customer("C03", "Gamma", NOBODY, [], {"90+ days": D("800.00")}, 400.0, 400),
        customer("D04", "Delta", ANA, ["retail"], {"1-30 days": D("0.01")}, 10.0, 10),
        customer("E05", "Epsilon", BETO, ["north", "retail"], {"Current": D("0.02")}, 0.0, 0),
        customer("F06", "Zero", ANA, [], {"Current": NO}, 0.0, 0),
        customer("G07", "Credit", BETO, [], {"Current": D("-75.00")}, 0.0, 0),
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def draw(frame: pd.DataFrame, language: str = "en", **options: object) -> go.Figure:
    return customer_treemap(
        frame, t=translator(language), language=language, currency="USD", **options
    )


def leaves(figure: go.Figure) -> list[str]:
    summary = figure_summary(figure)
    parents = set(summary["parents"])
    return [node for node in summary["ids"] if node not in parents]


# --- colour scale -------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "score"),
    [
        (0, 0.0),
        (45, 45.0),
        (90, 90.0),
        (400, 90.0),  # clipped: 90+ days is as red as it gets
        (-12, 0.0),
        (12.345, 12.3),
        (math.nan, 0.0),
    ],
)
def test_overdue_score_is_days_clipped_to_0_90(days, score):
    assert overdue_score(days) == score


def test_colour_scale_is_fixed_green_to_deep_red():
    marker = draw(small_portfolio(), top_n=3).data[0].marker
    assert [list(stop) for stop in marker.colorscale] == [
        [0.0, "#2e7d32"],
        [0.25, "#fdd835"],
        [0.5, "#fb8c00"],
        [0.75, "#e53935"],
        [1.0, "#8e0000"],
    ]
    assert [list(stop) for stop in marker.colorscale] == OVERDUE_COLORSCALE
    assert (marker.cmin, marker.cmax, marker.showscale) == (0, 90, True)
    assert marker.colorbar.title.text == "Weighted days overdue (by amount)"


# --- top N and Others ------------------------------------------------------------


def test_top_with_others_ranks_by_balance_then_code_and_sums_the_rest():
    split = top_with_others(small_portfolio(), top_n=3)
    assert list(split.top["code"]) == ["A01", "B02", "C03"]
    assert list(split.others["code"]) == ["E05", "D04"]  # 0.02 before 0.01
    assert split.others_count == 2
    assert split.others_balance == D("0.03")
    assert split.others_overdue == D("0.01")
    assert split.others_weighted_days == pytest.approx(10 / 3)
    assert split.excluded_non_positive == 2


def test_others_sum_exactly_in_decimal_with_cent_residuals():
    rows = [
        customer(f"K{i:04d}", "k", ANA, [], {"Current": D("0.01")}, 0.0, 0) for i in range(1000)
    ]
    rows += [
        customer("BIG1", "big", ANA, [], {"Current": D("1000000000.07")}, 0.0, 0),
        customer("BIG2", "big", ANA, [], {"Current": D("0.10")}, 0.0, 0),
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    split = top_with_others(frame, top_n=1)
    assert split.others_balance == D("10.10")  # 1000 cents + 0.10, no float drift
    assert sum(0.01 for _ in range(1000)) != 10.0  # what floats would have said
    assert dsum(split.top["balance"]) + split.others_balance == dsum(frame["balance"])
    figure = draw(frame, top_n=1)
    others = figure_summary(figure)["ids"].index("others")
    assert figure.data[0].customdata[others][0] == "$10.10"


def test_offset_pages_into_others():
    rows = [
        customer(f"P{i:02d}", f"P{i}", ANA, [], {"Current": D(100 - i) + D("0.01")}, 0.0, 0)
        for i in range(10)
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    page2 = top_with_others(frame, top_n=3, offset=3)
    assert list(page2.top["code"]) == ["P03", "P04", "P05"]
    assert list(page2.others["code"]) == ["P06", "P07", "P08", "P09"]
    assert page2.others_balance == D("94.01") + D("93.01") + D("92.01") + D("91.01")
    ranked_before = D("100.01") + D("99.01") + D("98.01")
    everything = dsum(frame["balance"])
    assert ranked_before + dsum(page2.top["balance"]) + page2.others_balance == everything
    assert figure_summary(draw(frame, top_n=3, offset=3))["ids"] == [
        "c:P03",
        "c:P04",
        "c:P05",
        "others",
    ]
    past_the_end = top_with_others(frame, top_n=3, offset=20)
    assert (len(past_the_end.top), past_the_end.others_count) == (0, 0)


def test_non_positive_balances_are_left_out_and_counted():
    figure = draw(small_portfolio(), top_n=10)
    ids = figure_summary(figure)["ids"]
    assert "c:F06" not in ids and "c:G07" not in ids
    assert figure.layout.meta["excluded_non_positive"] == 2
    assert figure.layout.meta["others_count"] == 0
    assert "others" not in ids  # nobody left over: no empty Others rectangle


def test_negative_sizes_and_unknown_grouping_are_errors():
    with pytest.raises(ValueError):
        top_with_others(small_portfolio(), top_n=-1)
    with pytest.raises(ValueError):
        draw(small_portfolio(), group_by="collector")


# --- golden figure data -----------------------------------------------------------


def test_golden_customer_treemap():
    figure = draw(small_portfolio(), top_n=3)
    assert figure_summary(figure) == {
        "ids": ["c:A01", "c:B02", "c:C03", "others"],
        "labels": ["Acme &amp; Co", "Beta", "Gamma", "Others (2 customers)"],
        "parents": ["", "", "", ""],
        "values": [1234.56, 800.0, 800.0, 0.03],
        "colors": [45.0, 0.0, 90.0, 3.3],
    }
    trace = figure.data[0]
    assert trace.branchvalues == "total"
    assert [list(row) for row in trace.customdata] == [
        # balance, overdue, Current, 1-30, 31-60, 61-90, 90+, oldest, seller, note, promise
        ["$1,234.56", "$1,000.00", "$234.56", "$0.00", "$500.00", "$500.00", "$0.00", "70",
         "Ana", "Promised Friday", "Mar 3, 2025"],
        ["$800.00", "$0.00", "$800.00", "$0.00", "$0.00", "$0.00", "$0.00", "0",
         "Beto", "—", "—"],
        ["$800.00", "$800.00", "$0.00", "$0.00", "$0.00", "$0.00", "$800.00", "400",
         "No seller", "—", "—"],
        ["$0.03", "$0.01", "$0.02", "$0.01", "$0.00", "$0.00", "$0.00", "10",
         "—", "—", "—"],
    ]  # fmt: skip
    assert trace.hovertemplate == (
        "<b>%{label}</b><br>Balance: %{customdata[0]}<br>Overdue: %{customdata[1]}"
        "<br>Current: %{customdata[2]}<br>1-30 days: %{customdata[3]}"
        "<br>31-60 days: %{customdata[4]}<br>61-90 days: %{customdata[5]}"
        "<br>90+ days: %{customdata[6]}<br>Oldest days overdue: %{customdata[7]}"
        "<br>Seller: %{customdata[8]}<br>Last note: %{customdata[9]}"
        "<br>Next promise: %{customdata[10]}<extra></extra>"
    )
    assert trace.texttemplate == "<b>%{label}</b><br>%{customdata[0]}"


def test_golden_grouped_by_seller():
    figure = draw(small_portfolio(), top_n=3, group_by="seller")
    assert figure_summary(figure) == {
        "ids": ["g:S1", "c:A01", "others:S1", "g:S2", "c:B02", "others:S2", "g:", "c:C03"],
        "labels": ["Ana", "Acme &amp; Co", "Others (1 customer)", "Beto", "Beta",
                   "Others (1 customer)", "No seller", "Gamma"],
        "parents": ["", "g:S1", "g:S1", "", "g:S2", "g:S2", "", "g:"],
        "values": [1234.57, 1234.56, 0.01, 800.02, 800.0, 0.02, 800.0, 800.0],
        # Ana: (1234.56 * 45 + 0.01 * 10) / 1234.57 = 44.9996 -> 45.0
        "colors": [45.0, 45.0, 10.0, 0.0, 0.0, 0.0, 90.0, 90.0],
    }  # fmt: skip
    group = list(figure.data[0].customdata[0])
    assert group[:2] == ["$1,234.57", "$1,000.01"]  # exact sums of the children
    assert group[8] == "Ana"
    assert sorted(leaves(figure)) == ["c:A01", "c:B02", "c:C03", "others:S1", "others:S2"]


def test_golden_grouped_by_first_tag_counts_each_customer_once():
    frame = small_portfolio()
    figure = draw(frame, top_n=10, group_by="tag")
    summary = figure_summary(figure)
    assert summary == {
        "ids": ["g:north", "c:A01", "c:B02", "c:E05", "g:", "c:C03", "g:retail", "c:D04"],
        "labels": ["north", "Acme &amp; Co", "Beta", "Epsilon", "No tag", "Gamma", "retail",
                   "Delta"],
        "parents": ["", "g:north", "g:north", "g:north", "", "g:", "", "g:retail"],
        "values": [2034.58, 1234.56, 800.0, 0.02, 800.0, 800.0, 0.01, 0.01],
        # north: 1234.56 * 45 / 2034.58 = 27.305 -> 27.3
        "colors": [27.3, 45.0, 0.0, 0.0, 90.0, 90.0, 10.0, 10.0],
    }  # fmt: skip
    # A01 (retail, north) and E05 (north, retail) sit under "north" only.
    assert summary["ids"].count("c:A01") == summary["ids"].count("c:E05") == 1
    tops = [i for i, parent in enumerate(summary["parents"]) if parent == ""]
    assert [figure.data[0].customdata[i][0] for i in tops] == ["$2,034.58", "$800.00", "$0.01"]
    # 2034.58 + 800.00 + 0.01 = 2834.59: every positive balance exactly once.
    assert dsum(b for b in frame["balance"] if b > 0) == D("2834.59")


def sellers_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("S1", "Ana", D("1234.57"), D("1000.01"), 44.99, 2, D("0.81")),
            ("S2", "Beto", D("800.02"), NO, 0.0, 2, D("0")),
            ("", "", D("800.00"), D("800.00"), 400.0, 1, D("1")),
            ("S3", "Carla", NO, NO, 0.0, 1, None),
            ("S4", "Dora", D("-10.00"), NO, 0.0, 1, None),
        ],
        columns=[
            "seller_code",
            "seller_name",
            "balance",
            "overdue",
            "weighted_days",
            "customers",
            "overdue_pct",
        ],
    )


@pytest.mark.parametrize(
    ("language", "no_seller", "ana"),
    [
        ("en", "No seller", ["$1,234.57", "$1,000.01", "81.0%", "2"]),
        ("es", "Sin vendedor", ["1.234,57\xa0US$", "1.000,01\xa0US$", "81,0%", "2"]),
    ],
)
def test_golden_seller_treemap(language, no_seller, ana):
    figure = seller_treemap(
        sellers_frame(), t=translator(language), language=language, currency="USD"
    )
    assert figure_summary(figure) == {
        "ids": ["s:S1", "s:S2", "s:"],
        "labels": ["Ana", "Beto", no_seller],
        "parents": ["", "", ""],
        "values": [1234.57, 800.02, 800.0],
        "colors": [45.0, 0.0, 90.0],
    }
    assert list(figure.data[0].customdata[0]) == ana
    assert figure.layout.meta["excluded_non_positive"] == 2


# --- languages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "balance", "others", "colorbar", "first_line"),
    [
        ("en", "$1,234.56", "Others (2 customers)", "Weighted days overdue (by amount)",
         "Balance: "),
        ("es", "1.234,56\xa0US$", "Otros (2 clientes)", "Días de vencido ponderados por monto",
         "Saldo: "),
    ],
)  # fmt: skip
def test_labels_and_money_in_the_users_language(language, balance, others, colorbar, first_line):
    figure = draw(small_portfolio(), language, top_n=3)
    trace = figure.data[0]
    assert trace.customdata[0][0] == balance
    assert trace.labels[-1] == others
    assert trace.marker.colorbar.title.text == colorbar
    assert trace.hovertemplate.startswith("<b>%{label}</b><br>" + first_line)


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Others (1,234 customers)"), ("es", "Otros (1.234 clientes)")],
)
def test_others_count_is_grouped_for_the_locale(language, label):
    rows = [
        customer(f"N{i:05d}", "n", ANA, [], {"Current": D("1.00")}, 0.0, 0) for i in range(1235)
    ]
    figure = draw(pd.DataFrame(rows, columns=COLUMNS), language, top_n=1)
    assert figure_summary(figure)["labels"] == ["n", label]


def test_empty_portfolio_draws_an_empty_treemap():
    figure = draw(small_portfolio().iloc[0:0], top_n=3)
    assert figure_summary(figure) == dict.fromkeys(
        ["ids", "labels", "parents", "values", "colors"], []
    )
    only_credit = draw(small_portfolio().iloc[5:], top_n=3, group_by="seller")
    assert figure_summary(only_credit)["ids"] == []
    assert only_credit.layout.meta["excluded_non_positive"] == 2


def test_user_texts_are_escaped_and_long_notes_cut():
    frame = small_portfolio()
    frame.at[0, "name"] = "<b>Evil</b>"
    frame.at[0, "last_note"] = "x" * 200
    trace = draw(frame, top_n=1).data[0]
    assert trace.labels[0] == "&lt;b&gt;Evil&lt;/b&gt;"
    assert trace.customdata[0][9] == "x" * 79 + "…"


def test_layout_is_light_and_keeps_the_users_zoom():
    layout = draw(small_portfolio(), top_n=3).layout
    assert layout.uirevision == UIREVISION
    assert layout.title.text is None
    assert max(layout.margin.l, layout.margin.r, layout.margin.t, layout.margin.b) <= 8


def test_figure_summary_decodes_typed_arrays():
    figure = go.Figure(
        go.Treemap(
            ids=["a", "b"],
            labels=["A", "B"],
            parents=["", ""],
            values=np.array([1.5, 2.0]),
            marker={"colors": np.array([0.0, 90.0])},
        )
    )
    encoded = go.Figure(json.loads(figure.to_json()))  # {"dtype": "f8", "bdata": "..."}
    expected = {
        "ids": ["a", "b"],
        "labels": ["A", "B"],
        "parents": ["", ""],
        "values": [1.5, 2.0],
        "colors": [0.0, 90.0],
    }
    assert figure_summary(figure) == figure_summary(encoded) == expected


# --- a big portfolio stays light ---------------------------------------------------

BIG_LABELS = ["Current", "1-30 days", "31-60 days", "61-90 days", "91-120 days", "121+ days"]


@pytest.fixture(scope="module")
def big_portfolio() -> pd.DataFrame:
    """10,000 customers with realistic names, notes and six buckets (a few with no balance)."""
    rng = random.Random(20240331)
    rows = []
    for i in range(10_000):
        amounts = {
            label: D(rng.randint(1, 2_500_000)) / 100 if rng.random() < 0.4 else NO
            for label in BIG_LABELS
        }
        seller = (f"S{i % 40:02d}", f"Vendedor Número {i % 40:02d}")
        note = (
            "Llamé al cliente; dice que el pago sale la próxima semana por transferencia bancaria"
        )
        row = customer(
            f"C{i:06d}",
            f"Comercializadora del Centro {i:05d}, C.A.",
            seller,
            ["mayorista", "zona-norte", "crédito"][: i % 4],
            amounts,
            rng.uniform(0, 150),
            rng.randint(0, 400),
            note=note if i % 2 else None,
            promise="12 mar 2025" if i % 3 == 0 else None,
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.mark.parametrize("language", ["es", "en"])
def test_ten_thousand_customers_make_a_light_figure(big_portfolio, language):
    figure = draw(big_portfolio, language, top_n=300)
    size = len(figure.to_json())
    assert size < 150_000, size
    assert len(leaves(figure)) == 300 + 1
    split = top_with_others(big_portfolio, top_n=300)
    positive = dsum(b for b in big_portfolio["balance"] if b > 0)
    assert dsum(split.top["balance"]) + split.others_balance == positive


def test_ten_thousand_customers_grouped_by_seller(big_portfolio):
    figure = draw(big_portfolio, top_n=300, group_by="seller")
    summary = figure_summary(figure)
    groups = [
        node for node, parent in zip(summary["ids"], summary["parents"], strict=True) if not parent
    ]
    assert len(groups) == 40
    customers = [node for node in leaves(figure) if node.startswith("c:")]
    assert len(customers) == 300
    assert len(set(summary["ids"])) == len(summary["ids"])
    assert len(figure.to_json()) < 150_000
