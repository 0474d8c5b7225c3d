"""The customer wall: render (access re-checked on the server), trends, timeline paging."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import plotly.graph_objects as go
from dash import Dash, Input, Output, Patch, State, ctx, no_update
from dash.development.base_component import Component

from callbacks import wall_actions, wall_notes
from dashboard import ids
from dashboard.aging import customer_aging, invoice_aging
from dashboard.context import PageContext, db_session, page_context
from dashboard.presenters import bucket_titles, customer_tiles, document_rows
from dashboard.wall_metrics import (
    CategoryRules,
    customer_category,
    monthly_trend,
    trend_verdict,
    twelve_months,
)
from dashboard.wall_presenters import (
    bucket_line,
    category_badge,
    contact_rows,
    customer_facts,
    trend_chart,
    verdict_text,
)
from dashboard.wall_presenters import timeline_events as format_events
from dashboard.wall_service import assignable_users, promise_state_map
from data_access.contacts import customer_contacts
from data_access.receivables import customer_directory, find_customer, open_items, unapplied_credit
from data_access.scope import Scope
from data_access.timeline import KINDS, timeline
from data_access.wall import customer_ledger, invoicing_by_customer, paid_invoices
from layouts import wall
from layouts.components import message_page
from layouts.wall_timeline import event_list

PAGE = 30


def _events(
    sess: Any, customer_id: int, c: PageContext, kinds: list[str], offset: int
) -> tuple[list[dict[str, object]], bool]:
    rows = timeline(sess, customer_id, kinds=kinds, limit=PAGE + 1, offset=offset)
    states = promise_state_map(
        sess, customer_id, as_of=c.today, scope=c.scope, grace_days=c.grace_days
    )
    events = format_events(
        rows[:PAGE], t=c.t, language=c.language, currency=c.currency, promise_states=states
    )
    return events, len(rows) > PAGE


def _category(sess: Any, customer_id: int, c: PageContext) -> Any:
    """The automatic category, sized against the whole portfolio (whoever looks)."""
    first, last = twelve_months(c.today)
    return customer_category(
        paid_invoices(sess, customer_id, first=first, last=last),
        invoicing_by_customer(sess, first=first, last=last, scope=Scope.everything()),
        customer_id,
        rules=CategoryRules(pays_well_max=c.payment_classes[0], regular_max=c.payment_classes[1]),
    )


def wants_note(search: str | None) -> bool:
    """Whether the URL asks for the note modal open and ready (``?note=new``)."""
    return parse_qs((search or "").lstrip("?")).get("note") == ["new"]


def render(params: dict[str, str], c: PageContext) -> Component:
    """The wall of the customer in the URL, or "not found" (same answer when not allowed)."""
    t = c.t
    with db_session() as sess:
        found = find_customer(sess, params["code"], scope=c.scope)
        if found is None:
            missing = t("error.customer_not_found", code=params["code"])
            return message_page(t("error.not_found"), missing)
        cid = [found.id]
        items = open_items(sess, as_of=c.today, scope=c.scope, customer_ids=cid)
        credit = unapplied_credit(sess, as_of=c.today, scope=c.scope, customer_ids=cid)
        directory = customer_directory(sess, scope=c.scope)
        category = _category(sess, found.id, c)
        contacts = customer_contacts(sess, scope=c.scope, customer_id=found.id)
        events, more = _events(sess, found.id, c, list(KINDS), 0)
        modal = wall_notes.modal_for(
            sess, found, contacts, items, c, is_open=wants_note(params.get("search"))
        )
        users = assignable_users(sess)
        tags = ", ".join(tag.name for tag in found.tags)
        mine = directory[directory["customer_id"] == found.id]
        aging = customer_aging(items, credit, mine, as_of=c.today, buckets=c.buckets)
        balance = aging.iloc[0]["balance"] if not aging.empty else 0
        facts = customer_facts(
            found, t=t, language=c.language, currency=c.currency, balance=balance
        )
    aged = invoice_aging(items, as_of=c.today, buckets=c.buckets)
    top = wall.header(
        t=t, name=found.name, code=found.code, facts=facts, category=category_badge(category, t=t)
    )
    return wall.layout(
        t=t,
        code=found.code,
        top=top,
        tiles=customer_tiles(aging, t=t, language=c.language, currency=c.currency),
        documents=document_rows(aged, c.buckets, t=t, language=c.language, currency=c.currency),
        contacts=contact_rows(contacts),
        events=events,
        has_more=more,
        modal=modal,
        tags=tags,
        customer_language=found.language,
        users=users,
        buckets=bucket_line(
            aging,
            bucket_titles(c.buckets, t),
            c.buckets.keys,
            language=c.language,
            currency=c.currency,
        ),
    )


def register(app: Dash) -> None:
    """Trends switch, timeline filter and paging; the note modal registers its own."""
    wall_notes.register(app)
    wall_actions.register(app)

    @app.callback(
        Output(ids.WALL_TRENDS, "figure"),
        Output(ids.WALL_VERDICT, "children"),
        Input(ids.WALL_MONTHS, "value"),
        State(ids.WALL_CUSTOMER, "data"),
    )
    def update_trends(months: int, code: str) -> tuple[go.Figure, str]:
        c = page_context()
        with db_session() as sess:
            found = find_customer(sess, code, scope=c.scope)
            if found is None:
                return go.Figure(), c.t("error.customer_not_found", code=code)
            ledger = customer_ledger(sess, found.id)
        trend = monthly_trend(ledger, as_of=c.today, months=int(months or 12))
        verdict = trend_verdict(trend)
        return (
            trend_chart(trend, t=c.t, language=c.language),
            verdict_text(verdict, t=c.t, language=c.language, currency=c.currency),
        )

    @app.callback(
        Output(ids.WALL_TIMELINE, "children"),
        Output(ids.WALL_MORE, "style"),
        Input(ids.WALL_KINDS, "value"),
        Input(ids.WALL_MORE, "n_clicks"),
        State(ids.WALL_TIMELINE, "children"),
        State(ids.WALL_CUSTOMER, "data"),
        prevent_initial_call=True,
    )
    def update_timeline(
        kinds: list[str], _more: int | None, shown: list[Any] | None, code: str
    ) -> tuple[Any, dict[str, str]]:
        c = page_context()
        more = ctx.triggered_id == ids.WALL_MORE
        offset = len(shown or []) if more else 0
        with db_session() as sess:
            found = find_customer(sess, code, scope=c.scope)
            if found is None:
                return no_update, {"display": "none"}
            events, has_more = _events(sess, found.id, c, kinds or [], offset)
            users = assignable_users(sess)
        style = {} if has_more else {"display": "none"}
        if not more:
            return event_list(events, c.t, users), style
        patch = Patch()
        patch.extend(event_list(events, c.t, users) if events else [])
        return patch, style
