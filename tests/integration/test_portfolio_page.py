"""The home page's callbacks through the real endpoint: the same numbers as the CLI."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from dashboard import formatting as fmt
from dashboard.cli import main
from data_access.db import session_scope
from data_access.ledger_store import rebuild_ledger
from data_access.models import Customer, Payment
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


def test_tiles_and_heat_map_follow_a_new_payment_at_once(app, client):
    """Tiles and heat map are cached per data version: a new payment shows on the next read."""
    login(client, "admin")
    client.get("/language/en")
    search = "?as_of=2024-03-31"
    before = cli_kpis(app, "--as-of", "2024-03-31")["total_receivable"]
    first = callback_text(client.post("/_dash-update-component", json=portfolio_request(search)))
    assert fmt.money(Decimal(before), "USD", "en") in first
    sessions = app.server.extensions["cartera"].sessions
    with session_scope(sessions) as sess:
        customer = sess.query(Customer).filter_by(code="C1").one()
        sess.add(
            Payment(
                reference="LATE-1",
                customer_id=customer.id,
                date=dt.date(2024, 3, 30),
                amount=Decimal("100.00"),
                unapplied=Decimal("100.00"),
                method="transfer",
            )
        )
        sess.flush()
        rebuild_ledger(sess, [customer.id])
    after = Decimal(before) - Decimal("100.00")
    second = callback_text(client.post("/_dash-update-component", json=portfolio_request(search)))
    assert fmt.money(after, "USD", "en") in second
    assert fmt.money(Decimal(before), "USD", "en") not in second
    # C1's rectangle: 1,250.00 before, 1,150.00 after (the payment goes to its oldest invoice).
    assert "$1,250.00" in first and "$1,250.00" not in second and "$1,150.00" in second
