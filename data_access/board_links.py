"""Board links: the revocable links that sign a meeting-room screen into the board.

The raw token never reaches this module: callers pass its hash
(:func:`dashboard.board.token_hash`). Creating and revoking write an audit entry;
nothing here commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from data_access import audit
from data_access.models import BoardLink, User

# A screen's "last seen" time is written at most this often.
TOUCH_EVERY = dt.timedelta(seconds=60)


def create_link(
    session: Session,
    *,
    name: str,
    token_hash: str,
    panels: Sequence[str],
    rotation_seconds: int,
    refresh_seconds: int,
    created_by_id: int | None,
    expires_at: dt.datetime | None = None,
) -> BoardLink:
    """Add a board link (flushed, so it has an id) and its audit entry."""
    link = BoardLink(
        name=name,
        token_hash=token_hash,
        panels=",".join(panels),
        rotation_seconds=rotation_seconds,
        refresh_seconds=refresh_seconds,
        created_by_id=created_by_id,
        expires_at=expires_at,
    )
    session.add(link)
    session.flush()
    audit.record(
        session,
        user_id=created_by_id,
        action="board_link.create",
        entity="board_link",
        entity_id=link.id,
        details={"name": name, "panels": list(panels), "expires_at": expires_at},
    )
    return link


def link_by_hash(session: Session, token_hash: str) -> BoardLink | None:
    """The link whose token has this hash, revoked or not."""
    return session.scalar(select(BoardLink).where(BoardLink.token_hash == token_hash))


def get_link(session: Session, link_id: int) -> BoardLink | None:
    """The link with this id, or None."""
    return session.get(BoardLink, link_id)


def list_links(session: Session) -> list[dict[str, Any]]:
    """Every link, newest first, with its creator's name (``created_by``, '' if gone).

    Dicts with id, name, panels, rotation_seconds, refresh_seconds, created_by,
    created_at, expires_at, revoked_at and last_seen_at.
    """
    creator = func.coalesce(func.nullif(User.full_name, ""), User.username, "")
    query = (
        select(
            BoardLink.id,
            BoardLink.name,
            BoardLink.panels,
            BoardLink.rotation_seconds,
            BoardLink.refresh_seconds,
            creator.label("created_by"),
            BoardLink.created_at,
            BoardLink.expires_at,
            BoardLink.revoked_at,
            BoardLink.last_seen_at,
        )
        .outerjoin(User, User.id == BoardLink.created_by_id)
        .order_by(BoardLink.created_at.desc(), BoardLink.id.desc())
    )
    return [dict(row) for row in session.execute(query).mappings()]


def revoke_link(session: Session, link_id: int, *, user_id: int | None, at: dt.datetime) -> bool:
    """Revoke a link from ``at`` on; False when there is no such link or it was revoked."""
    link = session.get(BoardLink, link_id)
    if link is None or link.revoked_at is not None:
        return False
    link.revoked_at = at
    audit.record(
        session,
        user_id=user_id,
        action="board_link.revoke",
        entity="board_link",
        entity_id=link_id,
        details={"name": link.name},
        at=at,
    )
    session.flush()
    return True


def touch_link(session: Session, link: BoardLink, *, at: dt.datetime) -> bool:
    """Record that the link's screen was seen at ``at``, unless it was in the last minute.

    Written on the session's connection, not through the ORM: a screen checking in is
    not a data change, so it must not invalidate the figure caches (see
    :mod:`data_access.versions`).

    Returns:
        Whether the time was written.
    """
    if link.last_seen_at is not None and at - link.last_seen_at < TOUCH_EVERY:
        return False
    session.connection().execute(
        update(BoardLink).where(BoardLink.id == link.id).values(last_seen_at=at)
    )
    return True
