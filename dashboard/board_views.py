"""Board links at the HTTP level: signing a screen in, the board session's fence, the ping.

Visiting ``/board?token=…`` with a valid link signs the browser into a *board
session*: nobody is signed in (any user session is ended), and the Flask session
holds only the link's id (and the language). A board session may load the board
page, Dash's layout, dependencies and scripts, ``/board/ping``, and post to
``/_dash-update-component`` only for the board's own callbacks (their output keys
are recorded by :func:`callbacks.board.register`); everything else is refused. The
link is looked up on every request, so revoking or expiry stops a screen at its next
refresh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import (
    Flask,
    current_app,
    g,
    jsonify,
    render_template_string,
    request,
    session,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, logout_user

from dashboard.aging import AgingBuckets
from dashboard.board import BoardConfig, link_config, link_state, signature_ok, token_hash
from dashboard.context import PageContext, current_language, db_session, page_context, services
from dashboard.i18n import translator
from data_access.board_links import get_link, link_by_hash, touch_link
from data_access.models import BoardLink
from data_access.scope import Scope

SESSION_KEY = "board_link"
BOARD_PATH = "/board"
PING_PATH = "/board/ping"
CALLBACKS_KEY = "cartera.board_callbacks"
UPDATE_PATH = "/_dash-update-component"
DASH_PATHS = ("/_dash-layout", "/_dash-dependencies", "/_favicon.ico", "/logout")
DASH_PREFIXES = ("/_dash-component-suites/",)
# The board reads everything, like a viewer, and writes nothing.
BOARD_SCOPE = Scope(user_id=None, role="viewer")


@dataclass(frozen=True)
class ActiveLink:
    """The board link of this request's board session."""

    id: int
    name: str
    config: BoardConfig


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def in_board_session() -> bool:
    """Whether this browser is a screen signed in with a board link (and no user)."""
    return not current_user.is_authenticated and SESSION_KEY in session


def board_request() -> bool:
    """Whether the guard should hand this request to :func:`guard_board`."""
    opening = request.path == BOARD_PATH and "token" in request.args
    return opening or request.path == PING_PATH or in_board_session()


def current_link() -> ActiveLink | None:
    """The board session's link, as checked by the guard for this request."""
    found: ActiveLink | None = g.get("board_link")
    return found


def _check(link: BoardLink | None, now: dt.datetime) -> str:
    if link is None:
        return "revoked"  # deleted links read as revoked
    return link_state(revoked_at=link.revoked_at, expires_at=link.expires_at, now=now)


def _texts() -> dict[str, str]:
    t = translator(current_language())
    return {
        "title": t("board.invalid.title"),
        "body": t("board.invalid.body"),
        "revoked": t("board.revoked"),
        "expired": t("board.expired"),
        "hint": t("board.stopped_hint"),
    }


def _page(title: str, body: str) -> ResponseReturnValue:
    html = render_template_string(STOPPED_TEMPLATE, title=title, body=body, lang=current_language())
    return html, 403, {"Cache-Control": "no-store"}


def _refused(state: str) -> ResponseReturnValue:
    """403: a page for the board's address, JSON (with ``state``) for anything else."""
    texts = _texts()
    message = texts.get(state, texts["title"])
    if request.path == BOARD_PATH and request.method == "GET":
        return _page(message, texts["hint"])
    return jsonify(error=message, state=state), 403


def open_link(token: str) -> ResponseReturnValue | None:
    """Sign this browser into a board session with ``token``; a 403 page if it is not valid."""
    if not signature_ok(token, services().settings.secret_key):
        texts = _texts()
        return _page(texts["title"], texts["body"])
    now = _now()
    with db_session() as sess:
        link = link_by_hash(sess, token_hash(token))
        state = _check(link, now)
        link_id = link.id if link is not None else None
    if state != "active" or link_id is None:
        texts = _texts()
        return _page(texts.get(state, texts["title"]), texts["hint"])
    language = session.get("language")
    logout_user()
    session.clear()
    if language:
        session["language"] = language
    session[SESSION_KEY] = link_id
    return None


def _load_active(link_id: object) -> tuple[str, ActiveLink | None]:
    """Look the session's link up (and note that its screen was seen)."""
    now = _now()
    with db_session() as sess:
        link = get_link(sess, link_id) if isinstance(link_id, int) else None
        state = _check(link, now)
        if state != "active" or link is None:
            return state, None
        touch_link(sess, link, at=now)
        config = link_config(link.panels, link.rotation_seconds, link.refresh_seconds)
        return state, ActiveLink(link.id, link.name, config)


def _board_callback() -> bool:
    body = request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    allowed: frozenset[str] = current_app.extensions.get(CALLBACKS_KEY, frozenset())
    return isinstance(output, str) and output in allowed


def guard_board() -> ResponseReturnValue | None:
    """The guard for board requests (see :func:`board_request`): None lets one through."""
    path = request.path
    if path == BOARD_PATH and "token" in request.args and request.method == "GET":
        refused = open_link(request.args["token"])
        if refused is not None:
            return refused
    elif current_user.is_authenticated:
        return None  # a signed-in user's ping
    if not in_board_session():
        return jsonify(error="authentication required"), 401
    if path.startswith(DASH_PREFIXES):
        return None  # the renderer's scripts: no data, no need to ask the database
    state, link = _load_active(session.get(SESSION_KEY))
    if link is None:
        return _refused(state)
    g.board_link = link
    if path in (BOARD_PATH, PING_PATH, *DASH_PATHS):
        return None
    if path == UPDATE_PATH and request.method == "POST" and _board_callback():
        return None
    return _refused("forbidden")


def ping_view() -> ResponseReturnValue:
    """A cheap answer for the board's "can I reach the server?" check (the guard ran)."""
    response = jsonify(ok=True, time=dt.datetime.now().strftime("%H:%M"))
    response.headers["Cache-Control"] = "no-store"
    return response


def board_context() -> PageContext:
    """The page context of a board request: the user's, or the board session's."""
    if current_user.is_authenticated:
        return page_context()
    settings = services().settings
    language = current_language()
    return PageContext(
        language=language,
        t=translator(language),
        currency=settings.currency,
        company=settings.company_name,
        today=dt.date.today(),
        buckets=AgingBuckets(settings.aging_boundaries),
        scope=BOARD_SCOPE,
        role="board",
        grace_days=settings.promise_grace_days,
        payment_classes=(settings.pays_well_days, settings.pays_regular_days),
    )


def allow_callbacks(server: Flask, output_keys: set[str]) -> None:
    """Let board sessions post to the callbacks with these output keys."""
    known: frozenset[str] = server.extensions.get(CALLBACKS_KEY, frozenset())
    server.extensions[CALLBACKS_KEY] = known | frozenset(output_keys)


def register(server: Flask) -> None:
    """Add ``/board/ping`` (the guard fences it like the board)."""
    server.add_url_rule(PING_PATH, "board_ping", ping_view)


STOPPED_TEMPLATE = """<!doctype html>
<html lang="{{ lang }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Cartera · {{ title }}</title>
  <link rel="stylesheet" href="/assets/board.css">
</head>
<body class="board-stopped-page">
  <main class="board-stopped-card">
    <h1 id="board-stopped-title">{{ title }}</h1>
    <p>{{ body }}</p>
  </main>
</body>
</html>
"""
