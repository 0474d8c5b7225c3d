"""Small reads the wall needs in several callbacks (data_access in, plain values out)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from dashboard.promises import states_frame
from data_access.promises import promise_states
from data_access.scope import Scope
from data_access.users import list_users


def promise_state_map(
    session: Session, customer_id: int, *, as_of: dt.date, scope: Scope, grace_days: int = 0
) -> dict[int, str]:
    """kept / broken / pending of each promise to pay of the customer, as of ``as_of``."""
    promises = promise_states(
        session, as_of=as_of, scope=scope, customer_ids=[customer_id], grace_days=grace_days
    )
    if promises.empty:
        return {}
    states = states_frame(promises, as_of=as_of)
    return {int(k): str(v) for k, v in zip(states["task_id"], states["status"], strict=True)}


def assignable_users(session: Session) -> list[tuple[str, str]]:
    """(id, name) of the active users who can be given a task (viewers cannot)."""
    return [
        (str(user.id), user.full_name or user.username)
        for user in list_users(session)
        if user.active and user.role != "viewer"
    ]
