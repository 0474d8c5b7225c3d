"""What the import page's controls say, as plain values: the plan, its fingerprint,
first guesses for an uploaded file and the format choices. No Dash, no SQL.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data_access.importers.fields import human_format
from data_access.importers.formats import DOT, ISO, detect_date_format, detect_decimal
from data_access.importers.mapping import (
    DATE_FIELDS,
    FIELDS,
    KINDS,
    MONEY_FIELDS,
    guess_fields,
    guess_kind,
    missing_required,
)
from data_access.importers.plan import ImportPlan
from data_access.importers.runner import column_values

DATE_FORMATS = (
    "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y", "%m-%d-%Y", "%d.%m.%Y",
    "%Y/%m/%d", "%d/%m/%y", "%m/%d/%y",
)  # fmt: skip
EXAMPLE_DAY = dt.date(2024, 1, 31)
PlanJson = dict[str, dict[str, list[str]]]  # kind -> header -> fields


def date_options(extra: Sequence[str] = ()) -> list[dict[str, str]]:
    """Date formats as ``DD/MM/YYYY (31/01/2024)``; ``extra`` ones first if not listed."""
    patterns = [*(p for p in extra if p and p not in DATE_FORMATS), *DATE_FORMATS]
    return [
        {"label": f"{human_format(p)} ({EXAMPLE_DAY.strftime(p)})", "value": p} for p in patterns
    ]


def guessed_columns(kind: str, headers: Sequence[str]) -> dict[str, list[str]]:
    """``header -> [field]`` of the headers the guess maps for ``kind``."""
    return {h: [field] for h, field in guess_fields(kind, headers).items() if field}


def first_guess(headers: Sequence[str]) -> PlanJson:
    """The kind the headers look like, with its guessed columns (empty if none fits)."""
    kind = guess_kind(headers)
    return {kind: guessed_columns(kind, headers)} if kind else {}


@dataclass(frozen=True)
class Formats:
    """Number and date formats for the page: chosen values and what to say about them."""

    decimal: str
    date_format: str
    notes: tuple[str, ...]  # text keys: import.detected, import.date_ambiguous, ...
    date_choices: tuple[str, ...] = ()


def detect_formats(
    path: Path, columns: PlanJson, *, decimal: str | None = None, date_format: str | None = None
) -> Formats:
    """The formats of the file's mapped amount and date columns (given ones are kept)."""
    money = _headers(columns, MONEY_FIELDS)
    dates = _headers(columns, DATE_FIELDS)
    values = column_values(path, money | dates)
    notes: list[str] = []
    if decimal is None:
        guess = detect_decimal(v for h in money for v in values[h])
        decimal = guess.decimal
        if not guess.sure and money:
            notes.append("import.decimal_assumed")
    choices: tuple[str, ...] = ()
    if date_format is None:
        found = detect_date_format(v for h in dates for v in values[h])
        choices = found.choices
        if found.pattern:
            date_format = found.pattern
        elif dates:
            notes.append("import.date_ambiguous" if found.ambiguous else "import.date_unknown")
    if not notes:
        notes.append("import.detected")
    return Formats(
        decimal or DOT, date_format or (choices[0] if choices else ISO), tuple(notes), choices
    )


def redetect(
    path: Path,
    before: PlanJson,
    after: PlanJson,
    *,
    decimal: str | None,
    date_format: str | None,
) -> Formats | None:
    """Formats detected again when a mapping change adds amount or date columns.

    Only the format whose columns changed is detected again; None when neither did.
    """
    new_money = _headers(after, MONEY_FIELDS) - _headers(before, MONEY_FIELDS)
    new_dates = _headers(after, DATE_FIELDS) - _headers(before, DATE_FIELDS)
    if not new_money and not new_dates:
        return None
    return detect_formats(
        path,
        after,
        decimal=None if new_money else decimal,
        date_format=None if new_dates else date_format,
    )


def _headers(columns: PlanJson, wanted: frozenset[str]) -> set[str]:
    return {h for fields in columns.values() for h, names in fields.items() if wanted & set(names)}


def columns_for(
    kinds: Sequence[str],
    headers: Sequence[str],
    *,
    current: Mapping[str, Mapping[str, Sequence[str]]],
    base: Mapping[str, Mapping[str, Sequence[str]]],
    prefer_base: bool,
) -> PlanJson:
    """The columns to draw for each kind: the base (new file or saved mapping) when it
    just changed, else what the selects say; a kind new to both gets a guess."""
    first, second = (base, current) if prefer_base else (current, base)
    drawn: PlanJson = {}
    for kind in kinds:
        source = first.get(kind) or second.get(kind)
        if source is None:
            drawn[kind] = guessed_columns(kind, headers)
        else:
            drawn[kind] = {h: list(fields) for h, fields in source.items() if h in headers}
    return drawn


def collected(
    values: Sequence[Sequence[str] | None],
    keys: Sequence[Mapping[str, Any]],
    headers: Sequence[str],
) -> PlanJson:
    """The plan the selects say: ``keys`` are their ids (kind, column position)."""
    plan: PlanJson = {}
    for chosen, key in zip(values, keys, strict=True):
        kind, position = str(key["kind"]), int(key["column"])
        columns = plan.setdefault(kind, {})
        fields = [name for name in (chosen or []) if name in FIELDS.get(kind, ())]
        if fields and 0 <= position < len(headers):
            columns[headers[position]] = fields
    return plan


def mapping_problems(plan: PlanJson) -> list[tuple[str, str, list[str]]]:
    """``("missing" | "twice", kind, fields)`` for each kind, in import order."""
    found: list[tuple[str, str, list[str]]] = []
    for kind in (k for k in KINDS if k in plan):
        fed = [name for names in plan[kind].values() for name in names]
        missing = missing_required(kind, fed)
        if missing:
            found.append(("missing", kind, missing))
        twice = sorted({name for name in fed if fed.count(name) > 1})
        if twice:
            found.append(("twice", kind, twice))
    return found


def build_plan(
    plan: Mapping[str, Mapping[str, Sequence[str]]] | None,
    kinds: Sequence[str] | None,
    decimal: str | None,
    date_format: str | None,
    name: str | None = None,
) -> ImportPlan:
    """The :class:`ImportPlan` of the page's controls (only the kinds ticked)."""
    chosen = {
        kind: {h: tuple(str(f) for f in fields) for h, fields in (plan or {}).get(kind, {}).items()}
        for kind in KINDS
        if kind in (kinds or [])
    }
    return ImportPlan(chosen, decimal or DOT, date_format or ISO, name)


def fingerprint(token: str | None, plan: ImportPlan) -> str:
    """A string that changes whenever the file or any setting of the plan does."""
    return json.dumps({"file": token, **plan.to_json()}, sort_keys=True)
