"""An import plan: which kinds a file holds, which columns feed which fields, and how
its numbers and dates are written. Saved mappings and mapping files are plans as JSON.

One file may hold several kinds (a receivables export holds customers, invoices and
their payments): each kind is imported in turn, in the order of
:data:`~data_access.importers.mapping.KINDS`, from its own columns of the same rows.
A column may feed several fields (an invoice number can be both the reference of a
payment and the invoice it pays).

The JSON form::

    {"kinds": {"invoices": {"Nro. Factura": "number", "Vence": ["due_date"]}, ...},
     "decimal": "comma", "date_format": "%d/%m/%Y"}

``decimal`` and ``date_format`` may be left out (or null): they are then detected from
the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_access.importers.fields import check_date_format
from data_access.importers.formats import DECIMALS
from data_access.importers.mapping import FIELDS, KINDS, missing_required

Columns = dict[str, tuple[str, ...]]  # header -> fields it feeds


class PlanError(ValueError):
    """A mapping that cannot be used, with every problem listed in ``problems``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportPlan:
    """Kinds in import order, each with ``header -> fields``; formats (None: detect)."""

    kinds: dict[str, Columns]
    decimal: str | None = None
    date_format: str | None = None
    name: str | None = field(default=None, compare=False)

    def ordered(self) -> list[tuple[str, Columns]]:
        """The kinds with their columns, in the order they must be imported."""
        return [(kind, self.kinds[kind]) for kind in KINDS if kind in self.kinds]

    def headers(self) -> set[str]:
        """Every header any kind reads."""
        return {header for columns in self.kinds.values() for header in columns}

    def header_of(self, kind: str, field_name: str) -> str | None:
        """The header that feeds ``field_name`` of ``kind`` (None if none does)."""
        for header, fields in self.kinds.get(kind, {}).items():
            if field_name in fields:
                return header
        return None

    def problems(self, headers: Sequence[str] = ()) -> list[str]:
        """What keeps this plan from importing a file with ``headers`` (empty: none).

        With no ``headers``, only the plan itself is checked.
        """
        found: list[str] = []
        if not self.kinds:
            found.append("choose at least one kind of data to import")
        present = set(headers)
        for kind, columns in self.ordered():
            fed: list[str] = []
            for header, fields in columns.items():
                if headers and header not in present:
                    found.append(f"{kind}: the file has no column '{header}'")
                fed.extend(fields)
            for name in sorted({n for n in fed if fed.count(n) > 1}):
                found.append(f"{kind}: '{name}' is fed by more than one column")
            found.extend(
                f"{kind}: no column is mapped to the required field '{name}'"
                for name in missing_required(kind, fed)
            )
        return found

    def to_json(self) -> dict[str, Any]:
        """The JSON document of this plan (without its name)."""
        kinds = {
            kind: {header: list(fields) for header, fields in columns.items()}
            for kind, columns in self.ordered()
        }
        return {"kinds": kinds, "decimal": self.decimal, "date_format": self.date_format}

    def with_formats(self, decimal: str | None, date_format: str | None) -> ImportPlan:
        """The same mapping with these number and date formats."""
        return ImportPlan(self.kinds, decimal, date_format, self.name)


def plan_from_json(document: Mapping[str, Any], *, name: str | None = None) -> ImportPlan:
    """Read a plan from its JSON document, checking kinds, fields and formats.

    Raises:
        PlanError: an unknown kind, field, number or date format.
    """
    problems: list[str] = []
    kinds: dict[str, Columns] = {}
    raw_kinds = document.get("kinds")
    if not isinstance(raw_kinds, Mapping):
        raise PlanError(["'kinds' must map each kind to its columns"])
    for kind, columns in raw_kinds.items():
        if kind not in FIELDS:
            problems.append(f"unknown kind '{kind}' (expected {', '.join(KINDS)})")
            continue
        if not isinstance(columns, Mapping):
            problems.append(f"{kind}: the columns must map each header to its fields")
            continue
        kinds[kind] = {}
        for header, fields in columns.items():
            names = (fields,) if isinstance(fields, str) else tuple(fields or ())
            unknown = [n for n in names if n not in FIELDS[kind]]
            problems.extend(f"{kind}: unknown field '{n}' for column '{header}'" for n in unknown)
            if names:
                kinds[kind][str(header)] = names
    decimal = document.get("decimal") or None
    if decimal is not None and decimal not in DECIMALS:
        problems.append(f"unknown decimal mark '{decimal}' (expected dot or comma)")
    date_format = document.get("date_format") or None
    if date_format is not None:
        try:
            check_date_format(date_format)
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        raise PlanError(problems)
    return ImportPlan(kinds, decimal, date_format, name or document.get("name"))


def load_plan_file(path: Path) -> ImportPlan:
    """Read a mapping file (JSON); its ``name`` defaults to the file's stem.

    Raises:
        PlanError: the file is not JSON or not a valid plan.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanError([f"cannot read mapping file '{path}': {exc}"]) from None
    if not isinstance(document, Mapping):
        raise PlanError([f"mapping file '{path}' must hold a JSON object"])
    return plan_from_json(document, name=document.get("name") or path.stem)


def single_kind_plan(kind: str, headers: Sequence[str]) -> ImportPlan:
    """The plan of a file whose columns are already named as our fields (any case)."""
    known = set(FIELDS[kind])
    columns: Columns = {h: (h.strip().lower(),) for h in headers if h.strip().lower() in known}
    return ImportPlan({kind: columns})
