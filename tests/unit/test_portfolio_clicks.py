"""Where a click on the heat map leads."""

from __future__ import annotations

import pytest

from callbacks.portfolio import clicked_target
from dashboard.portfolio_params import PortfolioQuery


@pytest.mark.parametrize(
    ("node", "query", "expected"),
    [
        ("c:C 1/2", PortfolioQuery(), ("/customers/C%201/2", None)),
        ("others", PortfolioQuery(), (None, "?offset=300")),
        ("others", PortfolioQuery(offset=300, tag="retail"), (None, "?tag=retail&offset=600")),
        ("g:S7", PortfolioQuery(group="seller"), (None, "?seller=S7")),
        ("g:food", PortfolioQuery(group="tag", bucket=4), (None, "?tag=food&bucket=4")),
        ("others:S7", PortfolioQuery(group="seller"), (None, "?seller=S7")),
        ("g:S7", PortfolioQuery(), (None, None)),
        ("", PortfolioQuery(), (None, None)),
    ],
)
def test_clicked_target(node, query, expected):
    assert clicked_target({"id": node}, query) == expected
