"""The collections page and `cartera report collections` on the hand-worked portfolio."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from tests.integration.conftest import callback_text, login, render_request

RANGE = "?from=2023-11-01&to=2024-04-30"
LATEST_OUTPUTS = [
    {"id": "collections-latest", "property": "rowData"},
    {"id": "collections-latest-note", "property": "children"},
]


def callback_request(outputs: list[dict[str, str]], search: str) -> dict[str, object]:
    """The body Dash posts when the page's URL query changes."""
    joined = "...".join(f"{o['id']}.{o['property']}" for o in outputs)
    return {
        "output": f"..{joined}.." if len(outputs) > 1 else joined,
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [{"id": "collections-url", "property": "search", "value": search}],
        "changedPropIds": ["collections-url.search"],
        "state": [],
    }


@pytest.fixture
def cli(app):  # type: ignore[no-untyped-def]
    settings = app.server.extensions["cartera"].settings
    env = {
        "DATABASE_URL": settings.database_url,
        "CARTERA_INSTANCE": str(settings.instance_path),
        "SECRET_KEY": "x" * 32,
    }

    def run(*args: str):  # type: ignore[no-untyped-def]
        result = CliRunner().invoke(main, ["report", "collections", *args], env=env)
        assert result.exit_code == 0, result.output
        return result.output

    return run


def test_cli_by_month_prints_every_month_with_zeros(cli):
    out = cli("--from", "2023-11-01", "--to", "2024-04-30", "--by", "month")
    assert out.splitlines() == [
        "period_start,amount,payments",
        "2023-11-01,300.00,1",
        "2023-12-01,0.00,0",
        "2024-01-01,0.00,0",
        "2024-02-01,400.00,1",
        "2024-03-01,175.00,2",
        "2024-04-01,999.00,1",
    ]


def test_cli_by_week_and_seller_in_json(cli):
    out = cli(
        "--from",
        "2024-03-14",
        "--to",
        "2024-03-31",
        "--by",
        "week",
        "--seller",
        "S1",
        "--format",
        "json",
    )
    assert json.loads(out) == [
        {"period_start": "2024-03-14", "amount": "0.00", "payments": 0},  # Thu: partial week
        {"period_start": "2024-03-18", "amount": "100.00", "payments": 1},
        {"period_start": "2024-03-25", "amount": "75.00", "payments": 1},
    ]


def test_cli_by_day_and_a_reversed_range(app, cli):
    out = cli("--from", "2024-02-28", "--to", "2024-03-01", "--by", "day")
    assert out.splitlines()[1:] == ["2024-02-28,0.00,0", "2024-02-29,0.00,0", "2024-03-01,0.00,0"]
    settings = app.server.extensions["cartera"].settings
    env = {"DATABASE_URL": settings.database_url, "CARTERA_INSTANCE": str(settings.instance_path)}
    bad = CliRunner().invoke(
        main, ["report", "collections", "--from", "2024-03-02", "--to", "2024-03-01"], env=env
    )
    assert bad.exit_code != 0 and "before" in bad.output


def test_page_renders_in_both_languages(client):
    login(client, "admin")
    for language, title in (("en", "Cash-in forecast"), ("es", "Pronóstico de cobros")):
        client.get(f"/language/{language}")
        response = client.post("/_dash-update-component", json=render_request("/collections"))
        assert response.status_code == 200
        assert title in callback_text(response)


def test_collector_only_sees_their_customers_payments(client):
    login(client, "cobra2")
    text = callback_text(
        client.post("/_dash-update-component", json=callback_request(LATEST_OUTPUTS, RANGE))
    )
    assert "P-3" in text and "P-4" in text and "Northwind" in text
    assert "P-1" not in text and "P-2" not in text and "P-5" not in text and "Tornillo" not in text


def test_collector_breakdowns_and_chart_follow_their_scope(client):
    login(client, "cobra1")
    client.get("/language/en")
    outputs = [
        {"id": f"collections-by-{name}", "property": "figure"}
        for name in ("seller", "collector", "method", "tag")
    ]
    text = callback_text(
        client.post("/_dash-update-component", json=callback_request(outputs, RANGE))
    )
    assert "Carla Cobra" in text and "Diego Cobra" not in text and "Sally Sells" not in text
    assert "$575.00" in text and "$999.00" not in text


def test_anonymous_collections_callback_is_refused(client):
    response = client.post("/_dash-update-component", json=callback_request(LATEST_OUTPUTS, ""))
    assert response.status_code == 401
