"""Saved import mappings: list, read, save (by name) and the shipped presets.

Nothing here commits.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.importers.plan import ImportPlan, PlanError, plan_from_json
from data_access.importers.presets import PRESETS
from data_access.models import ImportMapping

NAME_LENGTH = 80


def mapping_names(session: Session) -> list[str]:
    """Names of the saved mappings, then of the presets not shadowed by one, sorted."""
    saved = list(session.scalars(select(ImportMapping.name).order_by(ImportMapping.name)))
    return saved + sorted(set(PRESETS) - set(saved))


def get_plan(session: Session, name: str) -> ImportPlan | None:
    """The saved mapping called ``name``, else the preset of that name, else None.

    Raises:
        PlanError: the stored mapping is no longer valid.
    """
    row = session.scalar(select(ImportMapping).where(ImportMapping.name == name))
    if row is not None:
        document = {
            "kinds": json.loads(row.columns),
            "decimal": row.decimal,
            "date_format": row.date_format,
        }
        return plan_from_json(document, name=row.name)
    preset = PRESETS.get(name)
    return plan_from_json(preset, name=name) if preset is not None else None


def save_plan(session: Session, name: str, plan: ImportPlan, *, user_id: int | None) -> None:
    """Save ``plan`` as ``name``, replacing a saved mapping of that name.

    Raises:
        PlanError: the name is empty or too long, or the plan lacks a kind.
    """
    name = name.strip()
    problems = [] if name else ["give the mapping a name"]
    if len(name) > NAME_LENGTH:
        problems.append(f"the name is too long (at most {NAME_LENGTH} characters)")
    if not plan.kinds:
        problems.append("choose at least one kind of data to import")
    if problems:
        raise PlanError(problems)
    document = plan.to_json()
    row = session.scalar(select(ImportMapping).where(ImportMapping.name == name))
    if row is None:
        row = ImportMapping(name=name, created_by_id=user_id)
        session.add(row)
    row.kinds = ",".join(document["kinds"])
    row.columns = json.dumps(document["kinds"], ensure_ascii=False)
    row.decimal = plan.decimal
    row.date_format = plan.date_format
    row.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    session.flush()
