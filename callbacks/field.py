"""Field mode: the collector (in the URL), the day's cards, sorted by distance on request.

Writes do not go through Dash: ``assets/field.js`` keeps notes and check-ins on the
phone and sends them to the JSON endpoints of :mod:`dashboard.field_api` (see there
for why), which this module registers.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output
from dash.development.base_component import Component

from callbacks.worklist import pick_collector
from dashboard import field_api, ids
from dashboard import formatting as fmt
from dashboard.context import PageContext, cached, db_session, page_context
from dashboard.field_presenters import CardData, field_card
from dashboard.field_service import by_distance, load_day
from dashboard.geo import Point, format_distance, point_of
from dashboard.tasks_params import WorklistQuery, parse_worklist, worklist_search
from dashboard.texts.field import TEXTS
from data_access.worklist import collectors
from layouts import field

PICKERS = ("admin", "manager")
JS_PREFIX = "field.js."


def render(params: dict[str, str], c: PageContext) -> Component:
    """The page frame with the collector from the URL (managers may pick anyone)."""
    with db_session() as sess:
        people = collectors(sess, scope=c.scope)
    chosen = pick_collector(people, parse_worklist(params.get("search")).collector, c)
    texts = {key.removeprefix(JS_PREFIX): c.t(key) for key in TEXTS if key.startswith(JS_PREFIX)}
    return field.layout(
        t=c.t,
        token=field_api.field_token(),
        user_id=int(c.scope.user_id or 0),
        texts=texts,
        collectors=[(username, name) for _, username, name in people],
        collector=chosen[1] if chosen else None,
        can_pick=c.role in PICKERS,
    )


def day_for(search: str | None, c: PageContext) -> list[CardData] | None:
    """The day's cards for the URL's collector (None: nobody to show), cached until a write."""
    with db_session() as sess:
        people = collectors(sess, scope=c.scope)
        chosen = pick_collector(people, parse_worklist(search).collector, c)
        if chosen is None:
            return None
        key = ("field", c.today, c.scope, chosen[0], c.grace_days, c.buckets.boundaries)
        return cached(sess, key, lambda: load_day(sess, c, collector=chosen))


def _origin(position: Any) -> tuple[Point | None, float | None]:
    if not isinstance(position, dict):
        return None, None
    accuracy = position.get("accuracy")
    origin = point_of(position.get("lat"), position.get("lon"))
    return origin, float(accuracy) if isinstance(accuracy, int | float) else None


def register(app: Dash) -> None:
    """The picker writes the URL; the URL, the phone's position and the outbox draw the list."""
    field_api.register(app.server)

    @app.callback(
        Output(ids.FIELD_URL, "search"),
        Input(ids.FIELD_COLLECTOR, "value"),
        prevent_initial_call=True,
    )
    def update_search(collector: str | None) -> str:
        return worklist_search(WorklistQuery(collector or None))

    @app.callback(
        Output(ids.FIELD_SUMMARY, "children"),
        Output(ids.FIELD_LIST, "children"),
        Input(ids.FIELD_URL, "search"),
        Input(ids.FIELD_POSITION, "data"),
        Input(ids.FIELD_SYNC, "data"),
    )
    def update_cards(search: str | None, position: Any, _sync: Any) -> tuple[str, Component]:
        c = page_context()
        day = day_for(search, c)
        if day is None:
            return "", field.cards([], c.t, empty=c.t("field.no_collector"))
        origin, accuracy = _origin(position)
        day = by_distance(day, origin)
        rows = [field_card(card, t=c.t, language=c.language, currency=c.currency) for card in day]
        count = fmt.number(len(rows), c.language)
        summary = c.t("field.summary", count=count, date=fmt.date(c.today, c.language))
        order = c.t("field.order.priority")
        if origin is not None:
            shown = format_distance(accuracy or 0, c.language)
            order = c.t("field.order.distance", accuracy=shown)
        return f"{summary} · {order}", field.cards(rows, c.t, empty=c.t("field.empty"))
