"""``POST /field/api/notes`` and ``/field/api/checkins``: where the phone's outbox sends.

Plain Flask routes rather than Dash callbacks, on purpose: the outbox
(``assets/field.js``) sends each waiting item on its own, maybe long after it was
written and maybe twice, and must tell "stored", "refused, here is why" (keep it
visible) and "no answer" (keep it waiting) apart. A JSON endpoint answers exactly
that with a status code; a Dash callback would need the renderer's state to be
intact when the connection returns and reports failures only to the renderer.

Protection, besides the sign-in guard in front of every path (an anonymous POST
gets 401): the role must be one that may open ``/field``; the request must be
same-origin (``Origin`` and ``Sec-Fetch-Site`` when the browser sends them) and
carry the session's field token in ``X-CSRF-Token`` (the page hands it to the
script); the body must be a JSON object. The customer is re-checked against the
user's scope (another collector's customer answers 404, like a missing one), the
phone's time is bounded and its position validated by :mod:`data_access.visits`,
and the distance to the customer is computed here, never taken from the phone.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, jsonify, request, session
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from dashboard.context import PageContext, db_session, page_context
from dashboard.field_presenters import error_text, verdict_text
from dashboard.field_service import check_in, field_note, visit_status
from dashboard.geo import visit_radius
from dashboard.pages import allowed, match
from data_access.activity import READ_ONLY_MESSAGE, AccessDenied, ValidationError
from data_access.visits import MAX_AGE

PREFIX = "/field/api"
TOKEN_KEY = "field_csrf"
TOKEN_HEADER = "X-CSRF-Token"
RADIUS_KEY = "CARTERA_VISIT_RADIUS_M"


def field_token() -> str:
    """This browser session's token for the field endpoints (made on first use)."""
    token = session.get(TOKEN_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        session[TOKEN_KEY] = token
    return str(token)


def _error(status: int, message: str, **extra: Any) -> ResponseReturnValue:
    return jsonify(error=message, **extra), status


def _same_origin() -> bool:
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != request.host:
        return False
    return request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")


def refusal(c: PageContext) -> ResponseReturnValue | None:
    """Why this request may not write, as an answer; None when it may."""
    found = match("/field")
    if found is None or not allowed(found[0], c.role):
        return _error(403, c.t("field.error.forbidden"))
    expected = session.get(TOKEN_KEY) or ""
    sent = request.headers.get(TOKEN_HEADER, "")
    if not _same_origin() or not expected or not secrets.compare_digest(sent, expected):
        return _error(403, c.t("field.error.csrf"))
    if not isinstance(request.get_json(silent=True), dict):
        return _error(400, c.t("field.error.bad_request"))
    return None


def _write(
    store: Callable[[Session, PageContext, dict[str, Any]], tuple[int, dict[str, Any], bool]],
) -> ResponseReturnValue:
    """Run ``store`` in a transaction and answer 201 (stored), 200 (repeat) or an error."""
    c = page_context()
    refused = refusal(c)
    if refused is not None:
        return refused
    payload: dict[str, Any] = request.get_json()
    try:
        with db_session() as sess:
            row_id, answer, created = store(sess, c, payload)
    except AccessDenied as exc:
        read_only = str(exc) == READ_ONLY_MESSAGE
        key = "field.error.read_only" if read_only else "field.error.not_found"
        return _error(403 if read_only else 404, c.t(key))
    except ValidationError as exc:
        message = error_text(exc.errors, t=c.t, max_age_days=MAX_AGE.days)
        return _error(400, message, fields=exc.errors)
    status = "stored" if created else "repeat"
    return jsonify(status=status, id=row_id, client_id=payload.get("client_id"), **answer), (
        201 if created else 200
    )


def notes_view() -> ResponseReturnValue:
    """Store a note from the phone's outbox (once per client id)."""

    def store(
        sess: Session, c: PageContext, payload: dict[str, Any]
    ) -> tuple[int, dict[str, Any], bool]:
        note, created = field_note(
            sess, scope=c.scope, user_id=int(c.scope.user_id or 0), payload=payload
        )
        message = c.t("field.saved.note" if created else "field.saved.repeat")
        return note.id, {"message": message}, created

    return _write(store)


def checkins_view() -> ResponseReturnValue:
    """Store a check-in from the phone's outbox, verified against the customer's address."""
    radius = int(current_app.config[RADIUS_KEY])

    def store(
        sess: Session, c: PageContext, payload: dict[str, Any]
    ) -> tuple[int, dict[str, Any], bool]:
        visit, created = check_in(
            sess, scope=c.scope, user_id=int(c.scope.user_id or 0), payload=payload, radius_m=radius
        )
        status = visit_status(visit)
        message = verdict_text(
            status,
            distance_m=visit.distance_m,
            accuracy_m=visit.accuracy_m,
            t=c.t,
            language=c.language,
        )
        answer = {
            "message": message[:1].upper() + message[1:],
            "verdict": status,
            "verified": visit.verified,
            "distance_m": None if visit.distance_m is None else round(visit.distance_m, 1),
        }
        return visit.id, answer, created

    return _write(store)


def register(server: Flask) -> None:
    """Add the endpoints and read ``CARTERA_VISIT_RADIUS_M`` (a bad value stops the app)."""
    server.config.setdefault(RADIUS_KEY, visit_radius(os.environ))
    server.add_url_rule(f"{PREFIX}/notes", "field_notes", notes_view, methods=["POST"])
    server.add_url_rule(f"{PREFIX}/checkins", "field_checkins", checkins_view, methods=["POST"])
