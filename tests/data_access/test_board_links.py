"""Board links on SQLite and PostgreSQL: only hashes stored, revoke once, "seen" is not data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from dashboard.board import new_token, token_hash
from data_access.audit import details_of, entries
from data_access.board_links import (
    create_link,
    get_link,
    link_by_hash,
    list_links,
    revoke_link,
    touch_link,
)
from data_access.models import BoardLink
from data_access.users import add_user
from data_access.versions import current_version

NOON = dt.datetime(2024, 3, 31, 12, 0)


def _link(session, token: str, name: str = "Sala", by: int | None = None) -> BoardLink:  # type: ignore[no-untyped-def]
    return create_link(
        session,
        name=name,
        token_hash=token_hash(token),
        panels=["kpis", "notes"],
        rotation_seconds=20,
        refresh_seconds=60,
        created_by_id=by,
        expires_at=NOON + dt.timedelta(days=30),
    )


def test_only_the_hash_is_stored_and_found_again(session):
    token = new_token("k" * 32)
    admin = add_user(
        session, "boss", role="admin", password="a-long-password", full_name="Bea Boss"
    )
    link = _link(session, token, by=admin.id)
    session.commit()
    assert link_by_hash(session, token_hash(token)).id == link.id
    assert link_by_hash(session, token_hash(token + "x")) is None
    stored = session.execute(text("SELECT * FROM board_links")).one()
    assert token not in [str(value) for value in stored]
    assert stored.token_hash == token_hash(token) and len(stored.token_hash) == 64
    (row,) = list_links(session)
    assert (row["name"], row["panels"], row["created_by"]) == ("Sala", "kpis,notes", "Bea Boss")
    assert row["expires_at"] == NOON + dt.timedelta(days=30) and row["revoked_at"] is None
    (entry,) = entries(session, entity="board_link")
    assert entry.action == "board_link.create" and entry.user_id == admin.id
    assert details_of(entry)["panels"] == ["kpis", "notes"]


def test_revoke_once(session):
    link = _link(session, new_token("k" * 32))
    session.commit()
    assert revoke_link(session, link.id, user_id=None, at=NOON) is True
    assert revoke_link(session, link.id, user_id=None, at=NOON) is False
    assert revoke_link(session, 999, user_id=None, at=NOON) is False
    session.commit()
    assert get_link(session, link.id).revoked_at == NOON
    actions = [e.action for e in entries(session, entity="board_link")]
    assert sorted(actions) == ["board_link.create", "board_link.revoke"]


def test_seen_is_written_once_a_minute_and_is_not_a_data_change(session):
    link = _link(session, new_token("k" * 32))
    session.commit()
    version = current_version(session)
    assert touch_link(session, link, at=NOON) is True
    session.commit()
    session.expire_all()
    link = get_link(session, link.id)
    assert link.last_seen_at == NOON
    assert touch_link(session, link, at=NOON + dt.timedelta(seconds=59)) is False
    assert touch_link(session, link, at=NOON + dt.timedelta(seconds=60)) is True
    session.commit()
    assert current_version(session) == version
    newest = session.scalar(select(BoardLink.last_seen_at))
    assert newest == NOON + dt.timedelta(seconds=60)
