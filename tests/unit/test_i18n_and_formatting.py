"""Both languages complete; money, numbers and dates formatted for the locale."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from dashboard import formatting as fmt
from dashboard.i18n import CATALOG, best_language, translate

PLACEHOLDER = re.compile(r"{(\w+)}")


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_text_exists_in_both_languages_with_same_placeholders(key):
    english, spanish = CATALOG[key]
    assert english.strip() and spanish.strip()
    assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(spanish))


def test_unknown_key_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        translate("no.such.key", "es")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ([("es-VE", 1.0), ("en", 0.5)], "es"),
        ([("en-US", 1.0), ("es", 0.8)], "en"),
        ([("fr", 1.0), ("en", 0.3)], "en"),
        ([("de", 1.0)], "es"),
        ([("en", 0.2), ("es-MX", 0.9)], "es"),
    ],
)
def test_best_language_from_accept_language(header, expected):
    assert best_language(header) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("en", Decimal("1234567.5"), "$1,234,567.50"),
        ("es", Decimal("1234567.5"), "1.234.567,50\xa0US$"),
        ("en", Decimal("-988.99"), "-$988.99"),
        ("es", Decimal("0.01"), "0,01\xa0US$"),
    ],
)
def test_money(language, value, expected):
    assert fmt.money(value, "USD", language) == expected


def test_dates_numbers_percent():
    leap = dt.date(2024, 2, 29)
    assert fmt.date(leap, "en") == "Feb 29, 2024"
    assert fmt.date(leap, "es") == "29 feb 2024"
    assert fmt.number(12345, "en") == "12,345"
    assert fmt.number(12345, "es") == "12.345"
    assert fmt.percent(Decimal("0.256"), "en") == "25.6%"
    assert fmt.percent(None, "es") == "—"
