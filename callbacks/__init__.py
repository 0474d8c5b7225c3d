"""Callbacks: one module per page, each with ``register(app)``; glue only."""

from __future__ import annotations

from dash import Dash


def register_all(app: Dash) -> None:
    """Register every page's callbacks on ``app``."""
    from callbacks import (
        activity,
        board,
        campaigns,
        collections,
        customer,
        customers,
        field,
        import_page,
        navigation,
        performance,
        portfolio,
        quality,
        reminders,
        sellers,
        tasks,
        templates,
        wall_messages,
        wall_sms,
        worklist,
    )

    navigation.register(app)
    customers.register(app)
    customer.register(app)
    portfolio.register(app)
    sellers.register(app)
    collections.register(app)
    activity.register(app)
    tasks.register(app)
    worklist.register(app)
    performance.register(app)
    import_page.register(app)
    quality.register(app)
    templates.register(app)
    campaigns.register(app)
    reminders.register(app)
    board.register(app)
    field.register(app)
    wall_sms.register(app)
    wall_messages.register(app)
