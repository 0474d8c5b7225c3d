"""The home page's callbacks through the real endpoint: the same numbers as the CLI."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from dashboard import formatting as fmt
from dashboard.cli import main
from tests.integration.conftest import callback_text, login

OUTPUTS = [
    {"id": "portfolio-tiles", "property": "children"},
    {"id": "portfolio-treemap", "property": "figure"},
    {"id": "portfolio-note", "property": "children"},
]


def portfolio_request(search: str) -> dict[str, object]:
    """The body Dash posts when the heat map's URL changes."""
    return {
        "output": "...".join(f"{o['id']}.{o['property']}" for o in OUTPUTS).join(("..", "..")),
        "outputs": OUTPUTS,
        "inputs": [{"id": "portfolio-url", "property": "search", "value": search}],
        "changedPropIds": ["portfolio-url.search"],
        "state": [],
    }


def cli_kpis(app, *args: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    settings = app.server.extensions["cartera"].settings
    env = {
        "DATABASE_URL": settings.database_url,
        "CARTERA_INSTANCE": str(settings.instance_path),
        "SECRET_KEY": "x" * 32,
    }
    result = CliRunner().invoke(main, ["report", "kpis", "--format", "json", *args], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("search", "cli_args"),
    [
        ("?as_of=2024-03-31", ["--as-of", "2024-03-31"]),
        ("?as_of=2024-03-31&seller=S1", ["--as-of", "2024-03-31", "--seller", "S1"]),
        ("?as_of=2024-03-15&seller=S2", ["--as-of", "2024-03-15", "--seller", "S2"]),
    ],
)
def test_tiles_show_the_cli_figures(app, client, search, cli_args):
    login(client, "admin")
    client.get("/language/en")
    response = client.post("/_dash-update-component", json=portfolio_request(search))
    assert response.status_code == 200
    text = callback_text(response)
    expected = cli_kpis(app, *cli_args)
    for key in ("total_receivable", "overdue", "current", "collected_month"):
        assert fmt.money(Decimal(expected[key]), "USD", "en") in text, key
    if expected["dso_standard_90"]:
        assert f"{expected['dso_standard_90']} days" in text


def test_treemap_shows_top_customers_and_respects_collector_scope(client):
    login(client, "cobra2")
    text = callback_text(
        client.post("/_dash-update-component", json=portfolio_request("?as_of=2024-03-31"))
    )
    assert "c:C2" in text and "c:C1" not in text and "Ferreter" not in text


def test_anonymous_portfolio_callback_is_refused(client):
    response = client.post("/_dash-update-component", json=portfolio_request(""))
    assert response.status_code == 401
