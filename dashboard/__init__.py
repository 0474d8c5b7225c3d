"""Cartera's core: the app factory, configuration, auth, i18n, metrics, figures, formatting, CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dash import Dash

    from dashboard.config import Settings


def create_app(settings: Settings | None = None) -> Dash:
    """Build the Cartera web app (see :func:`dashboard.app_factory.create_app`)."""
    from dashboard.app_factory import create_app as factory

    return factory(settings)
