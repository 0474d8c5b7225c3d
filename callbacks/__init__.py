"""Callbacks: one module per page, each with ``register(app)``; glue only."""

from __future__ import annotations

from dash import Dash


def register_all(app: Dash) -> None:
    """Register every page's callbacks on ``app``."""
    from callbacks import customer, customers, navigation, portfolio, sellers

    navigation.register(app)
    customers.register(app)
    customer.register(app)
    portfolio.register(app)
    sellers.register(app)
