"""Data quality ("clean your database"): five checks, each a tile, a list and a fix.

The tiles and grids start empty and are filled by one callback per check
(:mod:`callbacks.quality`), so the page appears at once and no answer has to carry
every check.
"""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from dashboard.presenters import Tile
from dashboard.quality_view import FixPanel
from layouts.components import kpi_tile, page_exports, page_header

Column = dict[str, Any]
HIDDEN = "d-none"
SUGGESTION_CLASS = "quality-suggestion"

# The fix form's properties that callbacks set, in the order of panel_props().
PANEL_PROPS = (
    (ids.QUALITY_FIX_TITLE, "children"),
    (ids.QUALITY_FIX_PHONE, "value"),
    (ids.QUALITY_FIX_PHONE, "disabled"),
    (ids.QUALITY_FIX_PHONE_HELP, "children"),
    (ids.QUALITY_FIX_PHONE_SUGGESTION, "children"),
    (ids.QUALITY_FIX_PHONE_SUGGESTION, "className"),
    (ids.QUALITY_FIX_EMAIL, "value"),
    (ids.QUALITY_FIX_EMAIL, "disabled"),
    (ids.QUALITY_FIX_EMAIL_HELP, "children"),
    (ids.QUALITY_FIX_EMAIL_SUGGESTION, "children"),
    (ids.QUALITY_FIX_EMAIL_SUGGESTION, "className"),
    (ids.QUALITY_FIX_SAVE, "disabled"),
    (ids.QUALITY_FIX_CONTACT, "data"),
)
# (tile id, section id, title key) in the order of the page.
CHECKS = (
    (ids.QUALITY_CONTACTS_TILE, ids.QUALITY_SECTION_CONTACTS, "quality.tile.contacts"),
    (ids.QUALITY_UNREACHABLE_TILE, ids.QUALITY_SECTION_UNREACHABLE, "quality.tile.unreachable"),
    (ids.QUALITY_DUPLICATES_TILE, ids.QUALITY_SECTION_DUPLICATES, "quality.tile.duplicates"),
    (ids.QUALITY_DATES_TILE, ids.QUALITY_SECTION_DATES, "quality.tile.dates"),
    (ids.QUALITY_UNAPPLIED_TILE, ids.QUALITY_SECTION_UNAPPLIED, "quality.tile.unapplied"),
)


def _link(field: str, header: str, *, code_field: str = "code", **extra: Any) -> Column:
    params: dict[str, str] = {"codeField": code_field}
    if "hash" in extra:
        params["hash"] = extra.pop("hash")
    return {
        "field": field,
        "headerName": header,
        "cellRenderer": "QualityCustomerLink",
        "cellRendererParams": params,
        **extra,
    }


def _text(field: str, header: str, **extra: Any) -> Column:
    return {"field": field, "headerName": header, **extra}


def _date(field: str, header: str) -> Column:
    formatter = {"function": f"params.data.{field}_text"}
    return {"field": field, "headerName": header, "valueFormatter": formatter, "width": 130}


def _money(field: str, header: str) -> Column:
    return {
        "field": field,
        "headerName": header,
        "type": "rightAligned",
        "filter": "agNumberColumnFilter",
        "valueFormatter": {"function": f"params.data.{field}_text"},
        "width": 140,
    }


def contact_columns(t: Translator) -> list[Column]:
    """Contacts with a bad phone or e-mail."""
    return [
        _link("code", t("quality.col.code"), width=110, pinned="left"),
        _text("customer", t("quality.col.customer"), minWidth=200, flex=2),
        _text("contact", t("quality.col.contact"), minWidth=160, flex=1),
        _text("phone", t("quality.col.phone"), width=160),
        _text("phone_problem", t("quality.col.phone_problem"), width=160),
        _text("phone_suggestion", t("quality.col.suggestion"), width=160),
        _text("email", t("quality.col.email"), minWidth=200, flex=1),
        _text("email_problem", t("quality.col.email_problem"), width=160),
        _text("email_suggestion", t("quality.col.suggestion"), minWidth=180),
        _text("role", t("quality.col.role"), width=150),
    ]


def unreachable_columns(t: Translator) -> list[Column]:
    """Customers nobody can reach."""
    return [
        _link("code", t("quality.col.code"), width=110, pinned="left"),
        _text("customer", t("quality.col.customer"), minWidth=220, flex=2),
        _text("why", t("quality.col.why"), minWidth=260, flex=2),
        _link("wall", t("quality.open_wall"), hash=ids.WALL_CONTACTS, width=140, sortable=False),
    ]


def duplicate_columns(t: Translator) -> list[Column]:
    """Probable duplicate pairs: both customers side by side."""
    first, second = t("quality.col.first"), t("quality.col.second")
    return [
        _text("reason", t("quality.col.reason"), width=230),
        {
            "field": "similarity",
            "headerName": t("quality.col.similarity"),
            "valueFormatter": {"function": "params.data.similarity_text"},
            "type": "rightAligned",
            "filter": "agNumberColumnFilter",
            "width": 130,
        },
        _link("code", f"{first}: {t('quality.col.code')}", width=170),
        _text("name", f"{first}: {t('quality.col.name')}", minWidth=220, flex=1),
        _text("tax_id", f"{first}: {t('quality.col.tax_id')}", width=170),
        _link("code2", f"{second}: {t('quality.col.code')}", code_field="code2", width=170),
        _text("name2", f"{second}: {t('quality.col.name')}", minWidth=220, flex=1),
        _text("tax_id2", f"{second}: {t('quality.col.tax_id')}", width=170),
    ]


def date_columns(t: Translator) -> list[Column]:
    """Documents and payments with impossible dates."""
    return [
        _text("kind", t("quality.col.kind"), width=130),
        _text("number", t("quality.col.number"), width=150),
        _link("code", t("quality.col.code"), width=110),
        _text("customer", t("quality.col.customer"), minWidth=200, flex=1),
        _text("problem", t("quality.col.problem"), minWidth=240, flex=1),
        _date("date", t("quality.col.date")),
        _date("due", t("quality.col.due")),
        _text("invoice", t("quality.col.invoice"), width=140),
        _date("invoice_date", t("quality.col.invoice_date")),
        _money("amount", t("quality.col.amount")),
    ]


def unapplied_columns(t: Translator) -> list[Column]:
    """Payments with money not applied to any invoice."""
    return [
        _link("code", t("quality.col.code"), width=110, pinned="left"),
        _text("customer", t("quality.col.customer"), minWidth=200, flex=1),
        _text("reference", t("quality.col.reference"), width=150),
        _date("date", t("quality.col.paid_on")),
        _text("age", t("quality.col.age"), width=140, type="rightAligned", sort="desc"),
        _money("amount", t("quality.col.amount")),
        _money("unapplied", t("quality.col.unapplied")),
    ]


def grid(grid_id: str, columns: list[Column], empty: str, *, selectable: bool = False) -> Component:
    """A list of one check (rows come from its callback), with a spinner while loading."""
    options: dict[str, Any] = {
        "animateRows": False,
        "localeText": {"noRowsToShow": empty},
        "enableCellTextSelection": True,
    }
    if selectable:
        options["rowSelection"] = {
            "mode": "singleRow",
            "checkboxes": False,
            "enableClickSelection": True,
        }
    table = dag.AgGrid(
        id=grid_id,
        columnDefs=columns,
        rowData=[],
        defaultColDef={"sortable": True, "resizable": True, "filter": True},
        dashGridOptions=options,
        getRowId="params.data.id",
        style=grid_style(9),
        className="quality-grid",
    )
    return dcc.Loading(table, type="default", delay_show=200)


def grid_style(rows: int) -> dict[str, str]:
    """A list's height: its rows (three at least), up to about ten, then it scrolls."""
    height = 50 + 42 * min(max(rows, 3), 9) + 18
    return {"height": f"{height}px"}


def placeholder_tile(title: str) -> Component:
    """A tile before its check has answered."""
    return kpi_tile(Tile(title, "…"))


def summary(t: Translator) -> Component:
    """One tile per check, each a link to its list further down."""
    cols = [
        dbc.Col(
            html.A(
                html.Div(placeholder_tile(t(title)), id=tile_id),
                href=f"#{section}",
                className="text-reset text-decoration-none",
                title=t("quality.see_list"),
            ),
            xs=12,
            sm=6,
            lg=True,
            className="mb-2",
        )
        for tile_id, section, title in CHECKS
    ]
    return dbc.Row(cols, className="g-2 mb-3")


def _field(label: str, input_id: str, help_id: str, suggestion_id: str) -> Component:
    return dbc.Col(
        [
            dbc.Label(label, html_for=input_id, className="mb-1"),
            dbc.Input(id=input_id, type="text", disabled=True, autoComplete="off"),
            dbc.FormText(id=help_id),
            html.Div(
                dbc.Button(
                    "",
                    id=suggestion_id,
                    size="sm",
                    color="secondary",
                    outline=True,
                    className=HIDDEN,
                ),
                className="mt-1",
            ),
        ],
        md=6,
        className="mb-2",
    )


def panel_props(t: Translator, panel: FixPanel | None) -> list[Any]:
    """The fix form's properties in :data:`PANEL_PROPS` order (None: nothing picked)."""
    if panel is None:
        return [
            t("quality.fix.pick"),
            "",
            True,
            "",
            "",
            HIDDEN,
            "",
            True,
            "",
            "",
            HIDDEN,
            True,
            None,
        ]
    return [
        panel.title,
        panel.phone,
        False,
        panel.phone_help,
        panel.phone_suggestion or "",
        SUGGESTION_CLASS if panel.phone_suggestion else HIDDEN,
        panel.email,
        False,
        panel.email_help,
        panel.email_suggestion or "",
        SUGGESTION_CLASS if panel.email_suggestion else HIDDEN,
        False,
        panel.contact_id,
    ]


def fix_panel(t: Translator) -> Component:
    """Edit the phone and e-mail of the contact picked in the list."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    t("quality.fix.pick"), id=ids.QUALITY_FIX_TITLE, className="fw-semibold mb-2"
                ),
                dbc.Row(
                    [
                        _field(
                            t("quality.fix.phone"),
                            ids.QUALITY_FIX_PHONE,
                            ids.QUALITY_FIX_PHONE_HELP,
                            ids.QUALITY_FIX_PHONE_SUGGESTION,
                        ),
                        _field(
                            t("quality.fix.email"),
                            ids.QUALITY_FIX_EMAIL,
                            ids.QUALITY_FIX_EMAIL_HELP,
                            ids.QUALITY_FIX_EMAIL_SUGGESTION,
                        ),
                    ]
                ),
                html.Div(
                    [
                        dbc.Button(
                            t("quality.fix.save"),
                            id=ids.QUALITY_FIX_SAVE,
                            color="primary",
                            disabled=True,
                            className="me-2",
                        ),
                        html.Small(t("quality.fix.stored_as"), className="text-muted"),
                    ],
                    className="d-flex flex-wrap align-items-center gap-1",
                ),
                dbc.Alert(id=ids.QUALITY_FIX_MESSAGE, is_open=False, className="mt-2 mb-0"),
                dcc.Store(id=ids.QUALITY_FIX_CONTACT),
            ]
        ),
        className="mb-2 quality-fix",
    )


def section(section_id: str, title: str, help_text: str, *body: Component) -> Component:
    """A check's part of the page: title, what it means and how to fix it, its list."""
    return html.Section(
        [html.H2(title, className="h5 mt-4"), html.P(help_text, className="text-muted"), *body],
        id=section_id,
    )


def dismiss_bar(t: Translator) -> Component:
    """The "not a duplicate" button for the pair picked in the list, and its message."""
    return html.Div(
        [
            dbc.Button(
                t("quality.dismiss"),
                id=ids.QUALITY_DISMISS,
                color="secondary",
                outline=True,
                size="sm",
                className="me-2",
            ),
            html.Span(id=ids.QUALITY_DISMISS_MESSAGE, className="small", role="status"),
        ],
        className="mb-2",
    )


def layout(*, t: Translator, region: str) -> Component:
    """The data-quality page; ``region`` is where numbers without a country code are read."""
    return html.Div(
        [
            page_header(
                t("quality.title"),
                t("quality.subtitle"),
                page_exports(
                    "quality",
                    t=t,
                    items=[
                        (f"quality_{name}", ext, t(f"quality.export_{name}"))
                        for name in ("contacts", "unreachable", "duplicates", "unapplied")
                        for ext in ("csv", "xlsx")
                    ],
                ),
            ),
            dcc.Store(id=ids.QUALITY_LOAD, data=0),
            dcc.Store(id=ids.QUALITY_CONTACTS_VERSION, data=0),
            dcc.Store(id=ids.QUALITY_DUPLICATES_VERSION, data=0),
            summary(t),
            section(
                ids.QUALITY_SECTION_CONTACTS,
                t("quality.contacts.title"),
                t("quality.contacts.help", region=region),
                fix_panel(t),
                grid(
                    ids.QUALITY_CONTACTS_GRID,
                    contact_columns(t),
                    t("quality.contacts.empty"),
                    selectable=True,
                ),
            ),
            section(
                ids.QUALITY_SECTION_UNREACHABLE,
                t("quality.unreachable.title"),
                t("quality.unreachable.help"),
                grid(
                    ids.QUALITY_UNREACHABLE_GRID,
                    unreachable_columns(t),
                    t("quality.unreachable.empty"),
                ),
            ),
            section(
                ids.QUALITY_SECTION_DUPLICATES,
                t("quality.duplicates.title"),
                t("quality.duplicates.help"),
                dismiss_bar(t),
                grid(
                    ids.QUALITY_DUPLICATES_GRID,
                    duplicate_columns(t),
                    t("quality.duplicates.empty"),
                    selectable=True,
                ),
            ),
            section(
                ids.QUALITY_SECTION_DATES,
                t("quality.dates.title"),
                t("quality.dates.help"),
                grid(ids.QUALITY_DATES_GRID, date_columns(t), t("quality.dates.empty")),
            ),
            section(
                ids.QUALITY_SECTION_UNAPPLIED,
                t("quality.unapplied.title"),
                t("quality.unapplied.help"),
                grid(
                    ids.QUALITY_UNAPPLIED_GRID, unapplied_columns(t), t("quality.unapplied.empty")
                ),
            ),
        ]
    )
