"""Turn one cell of an import file into a typed value, or say why it cannot be.

Every parser takes the stripped, non-empty text of a cell and returns a value or
raises :class:`FieldError` whose ``reason`` is meant for the person who made the file.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Decimal

from data_access.models import CENT, DOCUMENT_KINDS

ISO_DATE = "%Y-%m-%d"
MONEY_LIMIT = Decimal(10) ** 16  # NUMERIC(18, 2) holds 16 digits before the point
_PLAIN_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_SEPARATED_NUMBER = re.compile(r"-?[0-9.,' \u00a0\u202f]*[0-9][0-9.,' \u00a0\u202f]*")
_INTEGER = re.compile(r"-?[0-9]{1,9}")
_ISO_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_CURRENCY = re.compile(r"[A-Za-z]{3}")
_TRUE = frozenset({"true", "yes", "si", "sí", "1"})
_FALSE = frozenset({"false", "no", "0"})
_HUMAN_DIRECTIVES = {
    "%Y": "YYYY",
    "%y": "YY",
    "%m": "MM",
    "%d": "DD",
    "%b": "Mon",
    "%B": "Month",
    "%j": "DDD",
    "%H": "hh",
    "%M": "mm",
    "%S": "ss",
    "%%": "%",
}
_DATE_CACHE_SIZE = 20_000


class FieldError(ValueError):
    """A cell that cannot be read; ``reason`` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def human_format(pattern: str) -> str:
    """Show a strftime pattern the way people write it: ``%d/%m/%Y`` -> ``DD/MM/YYYY``."""
    return re.sub(r"%.", lambda m: _HUMAN_DIRECTIVES.get(m.group(0), m.group(0)), pattern)


def check_date_format(pattern: str) -> None:
    """Refuse a strftime pattern that cannot write and read back a full date.

    Raises:
        ValueError: ``pattern`` has an unknown directive or lacks a day, month or year.
    """
    sample = dt.date(2001, 2, 3)
    try:
        parsed = dt.datetime.strptime(sample.strftime(pattern), pattern).date()
    except ValueError as exc:
        raise ValueError(f"bad date format '{pattern}': {exc}") from exc
    if parsed != sample:
        raise ValueError(f"date format '{pattern}' does not hold a full day, month and year")


class DateParser:
    """Reads dates written with one strftime pattern (ISO ``YYYY-MM-DD`` by default).

    Import files repeat the same few hundred dates many times, so results are cached.
    """

    def __init__(self, pattern: str | None = None) -> None:
        self.pattern = pattern or ISO_DATE
        self.expected = human_format(self.pattern)
        self._cache: dict[str, dt.date] = {}

    def __call__(self, text: str) -> dt.date:
        """Parse ``text``; raises FieldError naming the expected format."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        try:
            value = self._parse(text)
        except ValueError:
            raise FieldError(f"bad date '{text}' (expected {self.expected})") from None
        if len(self._cache) < _DATE_CACHE_SIZE:
            self._cache[text] = value
        return value

    def _parse(self, text: str) -> dt.date:
        if self.pattern == ISO_DATE:
            if not _ISO_SHAPE.fullmatch(text):
                raise ValueError(text)
            return dt.date.fromisoformat(text)
        return dt.datetime.strptime(text, self.pattern).date()


def _plain_decimal(text: str, what: str, example: str) -> Decimal:
    if _PLAIN_NUMBER.fullmatch(text):
        return Decimal(text)
    if _SEPARATED_NUMBER.fullmatch(text):
        raise FieldError(
            f"bad {what} '{text}': write it without thousands separators and with a dot "
            f"for decimals, like {example}"
        )
    raise FieldError(f"bad {what} '{text}' (expected a plain number like {example})")


def parse_amount(text: str) -> Decimal:
    """A positive amount of money with at most two decimals, like ``1234.56``."""
    value = _money(text, "amount")
    if value <= 0:
        raise FieldError("amount must be positive")
    return value


def parse_credit_limit(text: str) -> Decimal:
    """A credit limit: money that may be zero but not negative."""
    value = _money(text, "credit limit")
    if value < 0:
        raise FieldError("credit limit must not be negative")
    return value


def _money(text: str, what: str) -> Decimal:
    value = _plain_decimal(text, what, "1234.56")
    if abs(value) >= MONEY_LIMIT:
        raise FieldError(f"{what} '{text}' is too large")
    if value != value.quantize(CENT, rounding=ROUND_HALF_EVEN):
        raise FieldError(f"{what} '{text}' has more than 2 decimals")
    return value.quantize(CENT)


class DecimalRange:
    """Parser of a bounded decimal such as a latitude."""

    def __init__(self, low: int, high: int, places: int = 6) -> None:
        self.low, self.high = low, high
        self.step = Decimal(1).scaleb(-places)

    def __call__(self, text: str) -> Decimal:
        """Parse ``text``; raises FieldError when malformed or out of range."""
        value = _plain_decimal(text, "number", "-33.4489")
        if not self.low <= value <= self.high:
            raise FieldError(f"'{text}' must be between {self.low} and {self.high}")
        return value.quantize(self.step, rounding=ROUND_HALF_EVEN)


class IntegerRange:
    """Parser of a whole number from ``low`` to ``high`` (payment terms in days)."""

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def __call__(self, text: str) -> int:
        """Parse ``text``; raises FieldError when not whole or out of range."""
        if not _INTEGER.fullmatch(text):
            if _PLAIN_NUMBER.fullmatch(text) and "." not in text:  # too many digits
                raise FieldError(f"'{text}' must be between {self.low} and {self.high}")
            raise FieldError(f"bad whole number '{text}'")
        value = int(text)
        if not self.low <= value <= self.high:
            raise FieldError(f"{value} must be between {self.low} and {self.high}")
        return value


def parse_bool(text: str) -> bool:
    """Yes or no: true/false, yes/no, sí/no, 1/0 in any case."""
    folded = text.casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise FieldError(f"bad yes/no value '{text}' (expected true/false, yes/no, sí/no or 1/0)")


def parse_email(text: str) -> str:
    """An e-mail address (only its shape is checked)."""
    if not _EMAIL.fullmatch(text):
        raise FieldError(f"bad e-mail address '{text}'")
    return text


def parse_currency(text: str) -> str:
    """A three-letter ISO 4217 code, upper-cased."""
    if not _CURRENCY.fullmatch(text):
        raise FieldError(f"bad currency '{text}' (expected a 3-letter code like USD)")
    return text.upper()


def parse_document_kind(text: str) -> str:
    """``invoice``, ``credit_note`` or ``debit_note`` (spaces and dashes allowed)."""
    kind = re.sub(r"[\s-]+", "_", text.strip().lower())
    if kind not in DOCUMENT_KINDS:
        raise FieldError(f"unknown kind '{text}' (expected invoice, credit_note or debit_note)")
    return kind


LANGUAGE_NAMES = {
    "es": "es", "spa": "es", "spanish": "es", "espanol": "es", "español": "es", "castellano": "es",
    "en": "en", "eng": "en", "english": "en", "ingles": "en", "inglés": "en",
}  # fmt: skip


def parse_language(text: str) -> str:
    """The language to write to a customer in: ``es`` or ``en`` (names in either language)."""
    found = LANGUAGE_NAMES.get(text.strip().lower())
    if found is None:
        raise FieldError(f"language must be es or en, not '{text}'")
    return found


def parse_tags(text: str) -> frozenset[str]:
    """Tags separated by ``;``, trimmed and lower-cased; empty pieces are dropped."""
    return frozenset(tag for piece in text.split(";") if (tag := piece.strip().lower()))
