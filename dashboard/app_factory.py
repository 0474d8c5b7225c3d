"""create_app(): Flask + Dash + flask-login, wired once, nothing done at import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import flask_bootstrap
from dash import Dash
from flask import Flask, Response, send_from_directory

from dashboard import auth, export_views
from dashboard.config import Settings, load_settings
from dashboard.context import EXTENSION, Services
from data_access.db import make_engine, session_factory

ROOT = Path(__file__).resolve().parent.parent
BOOTSTRAP = Path(flask_bootstrap.__file__).parent / "static"
VENDOR_FILES = {
    "bootstrap.min.css": BOOTSTRAP / "bootstrap5" / "css",
    "bootstrap.min.css.map": BOOTSTRAP / "bootstrap5" / "css",
}


def _vendor(filename: str) -> Response:
    folder = VENDOR_FILES.get(filename)
    if folder is None:
        return Response("not found", 404)
    return send_from_directory(folder, filename, max_age=86400)


def _server(settings: Settings) -> Flask:
    server = Flask("cartera", instance_path=str(settings.instance_path.resolve()))
    server.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=12),
        TESTING=settings.testing,
        # Compress callback JSON; streamed static files are left alone (flask-compress
        # leaves their file handles open when it compresses streams).
        COMPRESS_STREAMS=False,
    )
    engine = make_engine(settings.database_url)
    server.extensions[EXTENSION] = Services(settings, session_factory(engine))
    server.add_url_rule("/vendor/<path:filename>", "vendor", _vendor)
    return server


def create_app(settings: Settings | None = None) -> Dash:
    """Build the Cartera web app.

    Args:
        settings: configuration; read from the environment when omitted.

    Returns:
        The Dash app; ``app.server`` is the Flask WSGI app (for gunicorn).
    """
    from callbacks import register_all
    from callbacks.navigation import serve_layout

    settings = settings or load_settings()
    server = _server(settings)
    auth.register(server)
    export_views.register(server)
    app = Dash(
        "cartera",
        server=server,  # type: ignore[arg-type]  # Dash types it as bool | Callable
        title="Cartera",
        update_title=None,  # type: ignore[arg-type]  # None turns "Updating..." off
        assets_folder=str(ROOT / "assets"),
        external_stylesheets=["/vendor/bootstrap.min.css"],
        suppress_callback_exceptions=True,
        compress=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = serve_layout
    register_all(app)
    return app
