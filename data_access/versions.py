"""A data version that changes with every committed write, for caches of derived figures.

Readers that compute something expensive from the data (the KPI tiles, say) keep
the result with the version they read it at, and reuse it while
:func:`current_version` still returns that number. Writers do nothing special:
:func:`track_writes` watches a session factory, and any session that flushed ORM
changes or executed an INSERT, UPDATE or DELETE on a data table adds one to the
version in the same transaction, just before it commits. A rolled-back write changes
nothing. Writes to the aging snapshots are ignored: they are derived from the data,
not part of it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, event, select, update
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from data_access.models import AgingSnapshot, AgingSnapshotBuild, DataVersion

DERIVED_TABLES = frozenset(
    {
        AgingSnapshot.__tablename__,
        AgingSnapshotBuild.__tablename__,
        DataVersion.__tablename__,
    }
)
_CHANGED = "cartera_data_changed"


def current_version(session: Session, *, lock: bool = False) -> int:
    """The number of committed data writes so far (0 before the first).

    ``lock=True`` locks the version row until the transaction ends (PostgreSQL;
    SQLite has no row locks), so no write can commit in between.
    """
    query = select(DataVersion.version).where(DataVersion.id == 1)
    if lock:
        query = query.with_for_update()
    return int(session.scalar(query) or 0)


def track_writes(factory: sessionmaker[Session]) -> None:
    """Make every session of ``factory`` bump the data version when it commits a write."""
    event.listen(factory, "do_orm_execute", _note_statement)
    event.listen(factory, "after_flush", _note_flush)
    event.listen(factory, "before_commit", _bump_if_changed)
    event.listen(factory, "after_commit", _forget)
    event.listen(factory, "after_rollback", _forget)


def _note_statement(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = table.name if isinstance(table, Table) else None
    if name not in DERIVED_TABLES:
        state.session.info[_CHANGED] = True


def _note_flush(session: Session, _context: Any) -> None:
    touched = (*session.new, *session.dirty, *session.deleted)
    if any(getattr(obj, "__tablename__", None) not in DERIVED_TABLES for obj in touched):
        session.info[_CHANGED] = True


def _bump_if_changed(session: Session) -> None:
    session.flush()
    if session.info.pop(_CHANGED, False):
        session.execute(
            update(DataVersion).where(DataVersion.id == 1).values(version=DataVersion.version + 1)
        )


def _forget(session: Session) -> None:
    session.info.pop(_CHANGED, None)
