"""Portfolio filters round-trip through the URL; nonsense is ignored, not fatal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dashboard.portfolio_params import PortfolioQuery, parse_query, to_search


def test_round_trip():
    query = PortfolioQuery(
        as_of=dt.date(2024, 2, 29),
        seller="S 1&2",
        collector="ana",
        tag="retail",
        min_balance=Decimal("1000.50"),
        bucket=4,
        group="seller",
        offset=300,
    )
    assert parse_query(to_search(query), buckets=6) == query


def test_empty_query_has_no_search():
    assert to_search(PortfolioQuery()) == ""
    assert parse_query("", buckets=6) == PortfolioQuery()


@pytest.mark.parametrize(
    "search",
    [
        "?as_of=2024-02-30",
        "?min_balance=-5",
        "?min_balance=abc",
        "?bucket=9",
        "?bucket=0",
        "?group=planet",
        "?offset=-1",
        "?min_balance=NaN",
    ],
)
def test_bad_values_are_ignored(search):
    assert parse_query(search, buckets=6) == PortfolioQuery()


def test_changing_a_filter_resets_paging():
    query = PortfolioQuery(offset=300).with_changes(seller="S1")
    assert query.offset == 0 and query.seller == "S1"
