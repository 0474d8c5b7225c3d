"""Per-request access to settings, the database, the user's scope and language.

Only callbacks and Flask views use this module; layouts receive plain values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from flask import current_app, request, session
from flask_login import current_user
from sqlalchemy.orm import Session, sessionmaker

from dashboard.aging import AgingBuckets
from dashboard.cache import VersionedCache
from dashboard.config import Settings
from dashboard.i18n import LANGUAGES, Translator, best_language, translator
from data_access.db import session_scope
from data_access.scope import Scope
from data_access.versions import current_version

EXTENSION = "cartera"
T = TypeVar("T")


@dataclass(frozen=True)
class Services:
    """What create_app() wires once and every request reuses."""

    settings: Settings
    sessions: sessionmaker[Session]
    figures: VersionedCache = field(default_factory=lambda: VersionedCache(max_entries=128))


def services() -> Services:
    """The services of the running app."""
    found: Services = current_app.extensions[EXTENSION]
    return found


@contextmanager
def db_session() -> Iterator[Session]:
    """A session for one request (commits if the block succeeds)."""
    with session_scope(services().sessions) as sess:
        yield sess


def cached(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, reused until the next committed data write (see dashboard.cache)."""
    return services().figures.get_or_compute(key, current_version(session), compute)


def current_language() -> str:
    """The language chosen in this browser session, else the user's, else the browser's."""
    chosen = session.get("language")
    if chosen in LANGUAGES:
        return str(chosen)
    user_language = getattr(current_user, "locale", None)
    if user_language in LANGUAGES:
        return str(user_language)
    default = services().settings.default_locale or "es"
    return best_language(request.accept_languages, default=default)


def current_scope() -> Scope:
    """The data scope of the signed-in user."""
    return Scope(user_id=int(current_user.get_id()), role=current_user.role)


@dataclass(frozen=True)
class PageContext:
    """What a page needs to render for the current request."""

    language: str
    t: Translator
    currency: str
    company: str
    today: dt.date
    buckets: AgingBuckets
    scope: Scope
    role: str
    grace_days: int = 0
    payment_classes: tuple[int, int] = (5, 30)


def page_context() -> PageContext:
    """Build the PageContext of the current request (user must be signed in)."""
    settings = services().settings
    language = current_language()
    return PageContext(
        language=language,
        t=translator(language),
        currency=settings.currency,
        company=settings.company_name,
        today=dt.date.today(),
        buckets=AgingBuckets(settings.aging_boundaries),
        scope=current_scope(),
        role=current_user.role,
        grace_days=settings.promise_grace_days,
        payment_classes=(settings.pays_well_days, settings.pays_regular_days),
    )
