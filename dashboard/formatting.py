"""Locale-aware money, numbers, percentages and dates (Babel). Pure functions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date as babel_format_date
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_symbol,
)

# The UI languages map to the CLDR locales used for numbers and dates.
FORMAT_LOCALES = {"es": "es", "en": "en_US"}


def _locale(language: str) -> str:
    return FORMAT_LOCALES.get(language, language)


def money(value: Decimal | int | None, currency: str, language: str) -> str:
    """``1234.5`` → ``$1,234.50`` (en) or ``1234,50 US$`` (es); empty text for None."""
    if value is None:
        return ""
    return format_currency(Decimal(value), currency, locale=_locale(language))


def money_compact(value: Decimal | int, currency: str, language: str) -> str:
    """Short money for labels: ``$1.2M`` (en) / ``1,2 M US$`` (es)."""
    locale = _locale(language)
    amount = format_compact_decimal(Decimal(value), locale=locale, fraction_digits=1)
    symbol = get_currency_symbol(currency, locale=locale)
    return f"{amount} {symbol}" if language == "es" else f"{symbol}{amount}"


def number(value: Decimal | int | float, language: str, *, digits: int = 0) -> str:
    """A plain number with grouping and ``digits`` decimals."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(language))


def percent(ratio: Decimal | float | None, language: str, *, digits: int = 1) -> str:
    """``0.256`` → ``25.6%`` (en) / ``25,6 %`` (es); ``—`` when there is no ratio."""
    if ratio is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(ratio, format=pattern, locale=_locale(language))


def date(value: dt.date | None, language: str, *, style: str = "medium") -> str:
    """``2024-02-29`` → ``Feb 29, 2024`` (en) / ``29 feb 2024`` (es)."""
    if value is None:
        return ""
    return babel_format_date(value, format=style, locale=_locale(language))
