"""Who to call today: the collector (in the URL) and their ranked worklist."""

from __future__ import annotations

from dash import Dash, Input, Output
from dash.development.base_component import Component

from callbacks.export_links import register_export_links
from dashboard import formatting as fmt
from dashboard import ids
from dashboard.context import PageContext, cached, db_session, page_context
from dashboard.tasks_params import WorklistQuery, parse_worklist, worklist_search
from dashboard.worklist import Ranked
from dashboard.worklist_presenters import worklist_rows
from dashboard.worklist_service import choose_collector, load_worklist
from data_access.worklist import collectors
from layouts import worklist

SHOWN = 100
PICKERS = ("admin", "manager")


def pick_collector(
    people: list[tuple[int, str, str]], wanted: str | None, c: PageContext
) -> tuple[int, str] | None:
    """(id, username) of the worklist to show (see :func:`choose_collector`)."""
    return choose_collector(people, wanted, c.scope)


def render(params: dict[str, str], c: PageContext) -> Component:
    """The page frame with the collector from the URL (managers may pick anyone)."""
    with db_session() as sess:
        people = collectors(sess, scope=c.scope)
    chosen = pick_collector(people, parse_worklist(params.get("search")).collector, c)
    return worklist.layout(
        t=c.t,
        collectors=[(username, name) for _, username, name in people],
        collector=chosen[1] if chosen else None,
        can_pick=c.role in PICKERS,
        search=worklist_search(WorklistQuery(chosen[1] if chosen else None)),
    )


def ranked_for(search: str | None, c: PageContext) -> list[Ranked]:
    """The ranked worklist for the URL, cached until the next data write."""
    with db_session() as sess:
        people = collectors(sess, scope=c.scope)
        chosen = pick_collector(people, parse_worklist(search).collector, c)
        if chosen is None:
            return []
        key = ("worklist", c.today, c.scope, chosen[0], c.grace_days, c.buckets.boundaries)
        return cached(
            sess,
            key,
            lambda: load_worklist(
                sess,
                as_of=c.today,
                scope=c.scope,
                collector_id=chosen[0],
                buckets=c.buckets,
                grace_days=c.grace_days,
            ),
        )


def register(app: Dash) -> None:
    """The picker writes the URL; the URL draws the list."""
    register_export_links(app, "worklist", ids.WORKLIST_URL)

    @app.callback(
        Output(ids.WORKLIST_URL, "search"),
        Input(ids.WORKLIST_COLLECTOR, "value"),
        prevent_initial_call=True,
    )
    def update_search(collector: str | None) -> str:
        return worklist_search(WorklistQuery(collector or None))

    @app.callback(
        Output(ids.WORKLIST_SUMMARY, "children"),
        Output(ids.WORKLIST_LIST, "children"),
        Input(ids.WORKLIST_URL, "search"),
    )
    def update_worklist(search: str | None) -> tuple[str, Component]:
        c = page_context()
        ranked = ranked_for(search, c)
        rows = worklist_rows(ranked, t=c.t, language=c.language, currency=c.currency, limit=SHOWN)
        count = fmt.number(len(ranked), c.language)
        summary = c.t("worklist.summary", count=count, date=fmt.date(c.today, c.language))
        note = c.t("worklist.limited", shown=SHOWN) if len(ranked) > SHOWN else ""
        return summary, worklist.worklist(rows, c.t, empty=c.t("worklist.empty"), note=note)
