"""Sign-in, sign-out, language switch and the guard in front of every path."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    abort,
    jsonify,
    redirect,
    render_template_string,
    request,
    session,
)
from flask.typing import ResponseReturnValue
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from dashboard import board_views
from dashboard.context import current_language, current_scope, db_session
from dashboard.i18n import LANGUAGES, translator
from dashboard.pages import allowed, match
from data_access.receivables import find_customer
from data_access.users import authenticate, get_user

PUBLIC_PATHS = ("/login", "/favicon.ico")
PUBLIC_PREFIXES = ("/vendor/", "/assets/", "/language/")
API_PREFIX = "/_"  # Dash endpoints: /_dash-update-component, /_dash-layout, /_reload-hash...


class SignedInUser(UserMixin):
    """The part of a user that lives in the login session."""

    def __init__(self, user_id: int, username: str, full_name: str, role: str, locale: str | None):
        self.id = user_id
        self.username = username
        self.full_name = full_name
        self.role = role
        self.locale = locale


def _load_user(user_id: str) -> SignedInUser | None:
    with db_session() as sess:
        user = get_user(sess, int(user_id)) if user_id.isdigit() else None
        if user is None or not user.active:
            return None
        return SignedInUser(user.id, user.username, user.full_name, user.role, user.locale)


def safe_next(target: str | None) -> str:
    """Only same-site relative paths are followed after sign-in."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return str(token)


def guard() -> ResponseReturnValue | None:
    """Refuse anonymous requests and pages the user's role may not open."""
    path = request.path
    if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
        return None
    if board_views.board_request():  # a board link, a board session, or the board's ping
        return board_views.guard_board()
    if not current_user.is_authenticated:
        if path.startswith(API_PREFIX) or request.method != "GET":
            return Response(
                '{"error": "authentication required"}', 401, mimetype="application/json"
            )
        return redirect(f"/login?next={request.full_path.rstrip('?')}")
    found = match(path)
    if found is not None:
        page, params = found
        if not allowed(page, current_user.role):
            abort(403)
        if "code" in params:
            with db_session() as sess:
                if find_customer(sess, params["code"], scope=current_scope()) is None:
                    abort(404)
    return None


def login_view() -> ResponseReturnValue:
    """GET shows the form; POST checks the credentials and signs in."""
    t = translator(current_language())
    error = t("login.required") if request.args.get("next") else None
    if request.args.get("bye"):
        error = None
    status = 200
    if request.method == "POST":
        if not secrets.compare_digest(request.form.get("csrf", ""), session.get("csrf", "") or "-"):
            error, status = t("login.expired"), 400
        else:
            with db_session() as sess:
                user = authenticate(
                    sess, request.form.get("username", ""), request.form.get("password", "")
                )
                signed = user and SignedInUser(
                    user.id, user.username, user.full_name, user.role, user.locale
                )
            if signed:
                session.clear()
                login_user(signed)
                return redirect(safe_next(request.form.get("next")))
            error, status = t("login.failed"), 401
    page = render_template_string(
        LOGIN_TEMPLATE,
        t=t,
        error=error,
        csrf=_csrf_token(),
        lang=current_language(),
        next=safe_next(request.values.get("next")),
        bye=bool(request.args.get("bye")),
        username=request.form.get("username", ""),
    )
    return page, status


def logout_view() -> ResponseReturnValue:
    """Sign out and go back to the sign-in page."""
    language = session.get("language")
    logout_user()
    session.clear()
    if language:
        session["language"] = language
    return redirect("/login?bye=1")


def language_view(code: str) -> ResponseReturnValue:
    """Switch the interface language for this browser session and go back."""
    if code not in LANGUAGES:
        abort(404)
    session["language"] = code
    back = request.args.get("next")
    if back is None and request.referrer:
        parts = urlsplit(request.referrer)
        if parts.netloc == request.host:
            back = parts.path + (f"?{parts.query}" if parts.query else "")
    return redirect(safe_next(back))


def unauthorized() -> Any:
    """flask-login's answer for @login_required (the guard usually answers first)."""
    return jsonify(error="authentication required"), 401


def error_page(error: Exception) -> ResponseReturnValue:
    """A styled, translated page for 403 and 404 (no details that would leak ids)."""
    code = getattr(error, "code", 500)
    t = translator(current_language())
    title = t("error.forbidden") if code == 403 else t("error.not_found")
    body = "" if code == 403 else t("error.not_found_body", path=request.path)
    return render_template_string(
        ERROR_TEMPLATE, t=t, title=title, body=body, lang=current_language()
    ), code


def register(server: Flask) -> None:
    """Install flask-login, the guard and the sign-in/out and language routes."""
    manager = LoginManager()
    manager.user_loader(_load_user)
    manager.unauthorized_handler(unauthorized)
    manager.init_app(server)
    server.before_request(guard)
    board_views.register(server)
    server.add_url_rule("/login", "login", login_view, methods=["GET", "POST"])
    server.add_url_rule("/logout", "logout", logout_view)
    server.add_url_rule("/language/<code>", "language", language_view)
    server.add_url_rule("/favicon.ico", "favicon", lambda: Response(status=204))
    server.register_error_handler(403, error_page)
    server.register_error_handler(404, error_page)


LOGIN_TEMPLATE = """<!doctype html>
<html lang="{{ lang }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Cartera · {{ t('login.title') }}</title>
  <link rel="stylesheet" href="/vendor/bootstrap.min.css">
  <link rel="stylesheet" href="/assets/cartera.css">
</head>
<body class="login-page">
  <main class="login-card card shadow-sm">
    <div class="card-body">
      <h1 class="h3 mb-1 brand">Cartera</h1>
      <p class="text-muted mb-4">{{ t('app.tagline') }}</p>
      {% if bye %}<div class="alert alert-info py-2">{{ t('logout.done') }}</div>{% endif %}
      {% if error %}<div class="alert alert-warning py-2" id="login-error">{{ error }}</div>{% endif %}
      <form method="post" action="/login">
        <input type="hidden" name="csrf" value="{{ csrf }}">
        <input type="hidden" name="next" value="{{ next }}">
        <div class="mb-3">
          <label class="form-label" for="username">{{ t('login.username') }}</label>
          <input class="form-control" id="username" name="username" autocomplete="username"
                 value="{{ username }}" required autofocus>
        </div>
        <div class="mb-3">
          <label class="form-label" for="password">{{ t('login.password') }}</label>
          <input class="form-control" id="password" name="password" type="password"
                 autocomplete="current-password" required>
        </div>
        <button class="btn btn-primary w-100" id="login-submit" type="submit">{{ t('login.submit') }}</button>
      </form>
      <p class="mt-3 mb-0 small text-center">
        <a href="/language/es?next=/login">{{ t('lang.es') }}</a> ·
        <a href="/language/en?next=/login">{{ t('lang.en') }}</a>
      </p>
    </div>
  </main>
</body>
</html>
"""


ERROR_TEMPLATE = """<!doctype html>
<html lang="{{ lang }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Cartera · {{ title }}</title>
  <link rel="stylesheet" href="/vendor/bootstrap.min.css">
  <link rel="stylesheet" href="/assets/cartera.css">
</head>
<body class="login-page">
  <main class="login-card card shadow-sm"><div class="card-body">
    <h1 class="h4" id="error-title">{{ title }}</h1>
    <p>{{ body }}</p>
    <a href="/">Cartera</a>
  </div></main>
</body>
</html>
"""
