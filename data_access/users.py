"""Users: create, look up, verify passwords. Passwords are stored hashed (scrypt)."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from data_access.models import ROLES, User


class UserError(ValueError):
    """A user cannot be created or changed as asked."""


def generate_password(length: int = 16) -> str:
    """A random password that is easy to type (URL-safe characters)."""
    return secrets.token_urlsafe(length)[:length]


def add_user(
    session: Session,
    username: str,
    *,
    role: str,
    password: str,
    full_name: str = "",
    email: str | None = None,
) -> User:
    """Create a user with a hashed password. Does not commit.

    Raises:
        UserError: the username is empty or taken, the role unknown or the password short.
    """
    username = username.strip()
    if not username:
        raise UserError("username: must not be empty")
    if role not in ROLES:
        raise UserError(f"role: must be one of {', '.join(ROLES)}, not {role!r}")
    if len(password) < 8:
        raise UserError("password: must have at least 8 characters")
    if get_user_by_username(session, username) is not None:
        raise UserError(f"username: {username!r} already exists")
    user = User(
        username=username,
        role=role,
        password_hash=generate_password_hash(password),
        full_name=full_name or username,
        email=email,
    )
    session.add(user)
    session.flush()
    return user


def set_password(user: User, password: str) -> None:
    """Replace a user's password (hashed)."""
    if len(password) < 8:
        raise UserError("password: must have at least 8 characters")
    user.password_hash = generate_password_hash(password)


def get_user_by_username(session: Session, username: str) -> User | None:
    """The user with this username, or None."""
    return session.scalar(select(User).where(User.username == username))


def get_user(session: Session, user_id: int) -> User | None:
    """The user with this id, or None."""
    return session.get(User, user_id)


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user whose username and password match, or None."""
    user = get_user_by_username(session, username.strip())
    if user is None or not user.active or not check_password_hash(user.password_hash, password):
        return None
    return user


def list_users(session: Session, *, role: str | None = None) -> list[User]:
    """Users ordered by username, optionally of one role."""
    query = select(User).order_by(User.username)
    if role is not None:
        query = query.where(User.role == role)
    return list(session.scalars(query))


def users_overview(session: Session) -> list[tuple[User, int]]:
    """Every user with the number of customers assigned to them, by username."""
    from sqlalchemy import func

    from data_access.models import Customer

    counts = dict(
        session.execute(
            select(Customer.collector_id, func.count()).group_by(Customer.collector_id)
        ).all()
    )
    return [(user, int(counts.get(user.id, 0))) for user in list_users(session)]
