"""Number and date conventions of a file: detected from its values, applied to its cells.

Numbers are written ``1,234.56`` (decimal *dot*) or ``1.234,56`` (decimal *comma*),
with or without thousands separators, optionally with a currency symbol or code
(``$``, ``US$``, ``Bs.``, ``€``, ``USD``). :func:`plain_number` turns them into the
plain ``1234.56`` the importers read.

Dates are ISO (``2024-01-31``), day first (``31/01/2024``) or month first
(``1/31/2024``), with ``/``, ``-`` or ``.``. A day above 12 decides between the last
two; when no value decides, :func:`detect_date_format` says so and people choose.

Pure functions: no database, no Dash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

DOT, COMMA = "dot", "comma"
DECIMALS = (DOT, COMMA)
ISO = "%Y-%m-%d"
DAY_FIRST = "%d/%m/%Y"
MONTH_FIRST = "%m/%d/%Y"

_CORE = re.compile(r"\d(?:[\d.,' \u00a0\u202f]*\d)?")
_AFFIX = re.compile(
    r"[\s()+\-]*(?:[A-Za-z]{1,3}\.?)?\s*[^\w\s.,()+\-]?\s*(?:[A-Za-z]{1,3}\.?)?[\s()]*"
)
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
_DATE = re.compile(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})")
_GROUPED = re.compile(r"\d{1,3}(?:X\d{3})+")


def plain_number(text: str, decimal: str) -> str | None:
    """``text`` as a plain number (``-1234.56``), or None when it is not one in ``decimal``.

    >>> plain_number("US$ 1.234,56", "comma")
    '1234.56'
    >>> plain_number("(1,234.5)", "dot")
    '-1234.5'
    """
    if decimal == DOT and _PLAIN.fullmatch(text):
        return text
    cores = list(_CORE.finditer(text))
    if len(cores) != 1:
        return None
    core = cores[0]
    prefix, suffix = text[: core.start()], text[core.end() :]
    if not (_AFFIX.fullmatch(prefix) and _AFFIX.fullmatch(suffix)):
        return None
    digits = _digits(core.group(), decimal)
    if digits is None:
        return None
    negative = "-" in prefix or "-" in suffix or ("(" in prefix and ")" in suffix)
    return f"-{digits}" if negative else digits


def _digits(core: str, decimal: str) -> str | None:
    point, thousands = (".", ",") if decimal == DOT else (",", ".")
    core = re.sub(r"[' \u00a0\u202f]", thousands, core)
    whole, _, fraction = core.partition(point)
    if point in fraction or thousands in fraction:
        return None
    if thousands in whole:
        if not _GROUPED.fullmatch(whole.replace(thousands, "X")):
            return None
        whole = whole.replace(thousands, "")
    return f"{whole}.{fraction}" if fraction else whole


def _vote(core: str) -> tuple[str, bool] | None:
    """The decimal mark a number shows, and whether it shows it for sure."""
    last_dot, last_comma = core.rfind("."), core.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        return (DOT if last_dot > last_comma else COMMA), True
    mark = "." if last_dot >= 0 else "," if last_comma >= 0 else ""
    if not mark:
        return None
    here, other = (DOT, COMMA) if mark == "." else (COMMA, DOT)
    if core.count(mark) > 1:
        return other, True  # only thousands separators repeat
    if len(core) - core.rfind(mark) - 1 == 3:
        return other, False  # 1,234 is a thousand (money has two decimals), but unsure
    return here, True


@dataclass(frozen=True)
class DecimalGuess:
    """The decimal mark of a column of numbers: ``decimal`` and whether values decided it."""

    decimal: str
    sure: bool


def detect_decimal(values: Iterable[str]) -> DecimalGuess:
    """The decimal mark of amounts: ``1.234,56`` -> comma, ``1,234.56`` or ``1234.56`` -> dot.

    Values with both marks, a repeated mark or one to two decimals decide; a lone mark
    followed by three digits is read as a thousands separator only when nothing
    decides. Without any mark, the dot is assumed (``sure`` is False).
    """
    sure = {DOT: 0, COMMA: 0}
    weak = {DOT: 0, COMMA: 0}
    for text in values:
        cores = _CORE.findall(text)
        found = _vote(cores[0]) if len(cores) == 1 else None
        if found is not None:
            (sure if found[1] else weak)[found[0]] += 1
    for votes in (sure, weak):
        if votes[DOT] != votes[COMMA]:
            return DecimalGuess(DOT if votes[DOT] > votes[COMMA] else COMMA, votes is sure)
    return DecimalGuess(DOT, False)


@dataclass(frozen=True)
class DateGuess:
    """The date format of a file's date values.

    ``pattern`` is the strftime pattern when the values decide it; ``choices`` are
    the patterns that fit every value (several when day and month never exceed 12).
    """

    pattern: str | None
    choices: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ambiguous(self) -> bool:
        """Several formats fit every value: people must choose."""
        return self.pattern is None and len(self.choices) > 1


def detect_date_format(values: Iterable[str]) -> DateGuess:
    """The strftime pattern of dates such as ``2024-01-31``, ``31/01/2024`` or ``1/31/2024``.

    Every value must have the same shape (separator, year position and width). A
    first part above 12 votes for day first, a second part above 12 for month first
    (a value with both is not a date and is left to the import to report). With votes
    for one order only, or more for one, that order is the pattern; with none, or as
    many for each, both fit and the guess is ambiguous. Values that are not dates at
    all are ignored here.
    """
    votes = {"dmy": 0, "mdy": 0}
    shapes: set[tuple[str, str, int]] = set()
    for text in values:
        found = _DATE.fullmatch(text.strip())
        if not found:
            continue
        first, sep, second, last = found.groups()
        if len(first) == 4:
            shapes.add(("ymd", sep, 4))
            continue
        shapes.add(("xy", sep, 4 if len(last) > 2 else 2))
        day_first, month_first = int(first) > 12, int(second) > 12
        if day_first != month_first:
            votes["dmy" if day_first else "mdy"] += 1
    if len(shapes) != 1:
        return DateGuess(None)
    order, sep, width = shapes.pop()
    if order == "ymd":
        return DateGuess(f"%Y{sep}%m{sep}%d", (f"%Y{sep}%m{sep}%d",))
    year = "%Y" if width == 4 else "%y"
    patterns = {"dmy": f"%d{sep}%m{sep}{year}", "mdy": f"%m{sep}%d{sep}{year}"}
    if votes["dmy"] == votes["mdy"]:
        return DateGuess(None, (patterns["dmy"], patterns["mdy"]))
    winner = "dmy" if votes["dmy"] > votes["mdy"] else "mdy"
    loser = "mdy" if winner == "dmy" else "dmy"
    choices = (patterns[winner],) if not votes[loser] else (patterns[winner], patterns[loser])
    return DateGuess(patterns[winner], choices)
