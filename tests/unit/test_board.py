"""The board's pure rules: settings from URLs and forms, tokens, link states, month sums."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from callbacks.board import board_outputs
from dashboard.board import (
    PANELS,
    BoardConfig,
    LinkError,
    board_search,
    bounded,
    expiry,
    figure_font_size,
    link_config,
    link_state,
    new_token,
    parse_board_query,
    parse_panels,
    signature_ok,
    token_hash,
    validate_link,
)
from dashboard.board_panels import (
    collections_numbers,
    dark_treemap,
    last_month_span,
    link_rows,
    month_chart,
    month_comparison,
    shorten,
)
from dashboard.i18n import translator
from dashboard.treemaps import UIREVISION as TREEMAP_UIREVISION
from dashboard.treemaps import seller_treemap

D = Decimal
T = translator("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kpis,notes", ("kpis", "notes")),
        ("notes, KPIS ,notes,unknown", ("notes", "kpis")),
        ("", PANELS),
        (None, PANELS),
        ("nothing,known", PANELS),
        (["sellers", "customers"], ("sellers", "customers")),
    ],
)
def test_parse_panels(text, expected):
    assert parse_panels(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("30", 30), (" 7 ", 7), ("1", 5), ("9999", 600), ("abc", 20), (None, 20), ("2.5", 20)],
)
def test_bounded(value, expected):
    assert bounded(value, (5, 600), 20) == expected


def test_board_query_round_trip():
    config = parse_board_query("?panels=notes,kpis&rotate=45&refresh=120")
    assert config == BoardConfig(panels=("notes", "kpis"), rotation_seconds=45, refresh_seconds=120)
    assert parse_board_query(board_search(config)) == config
    assert parse_board_query("") == BoardConfig()
    assert parse_board_query("?rotate=1&refresh=99999") == BoardConfig(
        rotation_seconds=5, refresh_seconds=3600
    )
    assert link_config("promises", 3, 60) == BoardConfig(("promises",), 5, 60)


def test_validate_link():
    spec = validate_link("  Sala  ", ["notes", "bogus", "kpis"], "30", 60, "")
    assert spec.name == "Sala" and spec.expires_in_days is None
    assert spec.config == BoardConfig(
        panels=("notes", "kpis"), rotation_seconds=30, refresh_seconds=60
    )
    assert validate_link("Sala", ["kpis"], 30, 60, 7).expires_in_days == 7


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("", ["kpis"], 20, 60), "board.error.name"),
        (("x" * 81, ["kpis"], 20, 60), "board.error.name"),
        (("Sala", [], 20, 60), "board.error.panels"),
        (("Sala", ["bogus"], 20, 60), "board.error.panels"),
        (("Sala", ["kpis"], 4, 60), "board.error.rotation"),
        (("Sala", ["kpis"], "x", 60), "board.error.rotation"),
        (("Sala", ["kpis"], 20, 3601), "board.error.refresh"),
        (("Sala", ["kpis"], 20, 60, 0), "board.error.expiry"),
        (("Sala", ["kpis"], 20, 60, "1.5"), "board.error.expiry"),
    ],
)
def test_validate_link_refuses(args, key):
    with pytest.raises(LinkError) as raised:
        validate_link(*args)
    assert raised.value.key == key


def test_tokens_are_random_signed_and_hashed():
    secret = "s" * 32
    first, second = new_token(secret), new_token(secret)
    assert first != second and len(first) < 80
    assert signature_ok(first, secret)
    assert not signature_ok(first, "another secret")
    body, signature = first.split(".")
    assert not signature_ok(f"{body}x.{signature}", secret)  # body changed
    assert not signature_ok(f"{body}.{signature[:-1]}", secret)
    for bad in (None, "", body, f".{signature}", f"{first}.x", "a" * 300):
        assert not signature_ok(bad, secret)
    assert token_hash(first) == token_hash(first) != token_hash(second)
    assert len(token_hash(first)) == 64 and first not in token_hash(first)


def test_link_state():
    noon = dt.datetime(2024, 3, 31, 12)
    assert link_state(revoked_at=None, expires_at=None, now=noon) == "active"
    assert link_state(revoked_at=None, expires_at=noon, now=noon) == "expired"
    later = noon + dt.timedelta(seconds=1)
    assert link_state(revoked_at=None, expires_at=later, now=noon) == "active"
    assert link_state(revoked_at=noon, expires_at=later, now=noon) == "revoked"
    assert expiry(noon, None) is None and expiry(noon, 2) == dt.datetime(2024, 4, 2, 12)


@pytest.mark.parametrize(
    ("height", "size"), [(1080, 20), (2160, 40), (300, 12), (9000, 56), (None, 20), ("x", 20)]
)
def test_figure_font_size(height, size):
    assert figure_font_size(height) == size


def test_last_month_span():
    assert last_month_span(dt.date(2024, 3, 31)) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert last_month_span(dt.date(2024, 1, 5)) == (dt.date(2023, 12, 1), dt.date(2023, 12, 31))


def _daily(rows):  # type: ignore[no-untyped-def]
    return pd.DataFrame(
        [(dt.date.fromisoformat(day), D(amount), count) for day, amount, count in rows],
        columns=["day", "amount", "payments"],
    )


def test_month_comparison_by_hand():
    # Today is March 31st; February 2024 had 29 days.
    daily = _daily(
        [
            ("2024-02-01", "100.00", 1),
            ("2024-02-29", "50.00", 2),
            ("2024-03-01", "30.00", 1),
            ("2024-03-30", "0.10", 1),
            ("2024-03-31", "200.00", 3),
        ]
    )
    month = month_comparison(daily, dt.date(2024, 3, 31))
    assert len(month.this_month) == 31 and len(month.last_month) == 29
    assert month.this_month[0] == D("30.00") and month.this_month[29] == D("30.10")
    assert month.this_total == D("230.10") and month.payments_this_month == 5
    assert month.last_month[0] == D("100.00") and month.last_month[27] == D("100.00")
    # March 31st is compared with February's last day.
    assert month.last_same_day == D("150.00") == month.last_total
    assert month.change == (D("230.10") - D("150.00")) / D("150.00")
    numbers = collections_numbers(month, t=T, language="en", currency="USD")
    assert numbers["this"] == "$230.10" and numbers["last"] == "$150.00"
    assert numbers["change"] == "▲ 53.4% against last month" and numbers["tone"] == "good"


def test_month_comparison_mid_month_and_empty():
    daily = _daily([("2024-02-10", "80.00", 1), ("2024-02-20", "20.00", 1)])
    month = month_comparison(daily, dt.date(2024, 3, 15))
    assert month.this_total == D("0.00") and month.last_same_day == D("80.00")
    assert month.last_total == D("100.00") and month.change == D("-1")
    empty = month_comparison(_daily([]), dt.date(2024, 3, 1))
    assert empty.this_month == (D("0.00"),) and empty.change is None
    text = collections_numbers(empty, t=translator("es"), language="es", currency="USD")["change"]
    assert text == "el mes pasado no se cobró nada con qué comparar"


def test_month_chart_and_dark_treemap_keep_their_uirevision():
    month = month_comparison(_daily([("2024-03-01", "10.00", 1)]), dt.date(2024, 3, 2))
    chart = month_chart(month, t=T, font_size=40)
    assert [list(trace.y) for trace in chart.data] == [[0.0] * 29, [10.0, 10.0]]
    assert chart.layout.uirevision == "cartera-board" and chart.layout.font.size == 40
    sellers = pd.DataFrame(
        [
            {
                "seller_code": "S1",
                "seller_name": "Ana",
                "customers": 2,
                "balance": D("10.00"),
                "overdue": D("5.00"),
                "overdue_pct": D("50.0"),
                "weighted_days": 12.0,
            }
        ]
    )
    figure = dark_treemap(seller_treemap(sellers, t=T, language="en", currency="USD"), font_size=40)
    assert figure.layout.uniformtext.minsize == 32 and figure.data[0].textfont.size == 40
    assert figure.layout.uirevision == "cartera-board" != TREEMAP_UIREVISION


def test_shorten():
    assert shorten("  a\nb  ") == "a b"
    assert shorten("x" * 300, 10) == "x" * 9 + "…"


def test_board_outputs_leave_hidden_panels_alone():
    from dash import no_update

    values = board_outputs(("notes", "collections"), {"notes": "N", "collections": ("C", "F")})
    assert values == [no_update, no_update, no_update, "C", "F", no_update, "N"]


def test_link_rows():
    now = dt.datetime(2024, 3, 31, 12)
    link = {
        "id": 3,
        "name": "Sala",
        "panels": "notes,kpis",
        "rotation_seconds": 20,
        "refresh_seconds": 60,
        "created_by": "Ada",
        "created_at": dt.datetime(2024, 3, 1, 9, 30),
        "expires_at": None,
        "revoked_at": None,
        "last_seen_at": None,
    }
    (row,) = link_rows([link], now=now, t=T, language="en")
    assert row["panels"] == "Notes, Key figures" and row["timing"] == "20 s / 60 s"
    assert row["created"] == "Mar 1, 2024 09:30 by Ada"
    assert (row["expires"], row["last_seen"], row["state"]) == ("never", "not yet", "active")
    (gone,) = link_rows([{**link, "revoked_at": now}], now=now, t=translator("es"), language="es")
    assert (gone["state"], gone["state_text"]) == ("revoked", "revocado")
