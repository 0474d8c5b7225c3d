"""Data quality page: one callback per check, the contact fix and "not a duplicate".

The page is for admins and managers (``dashboard.pages``); every callback checks the
role again, since the callback endpoint only requires a signed-in user. Checks are
cached until the next committed write; a fix bumps a version store so its check runs
again.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, ctx, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask_login import current_user

from dashboard import ids
from dashboard import quality_view as view
from dashboard.context import PageContext, cached, db_session, page_context, services
from dashboard.presenters import Tile
from dashboard.quality import BadValue
from dashboard.quality_service import (
    apply_contact_fix,
    contacts_result,
    dates_result,
    duplicates_result,
    unapplied_result,
)
from data_access.activity import AccessDenied, ValidationError
from data_access.quality import CLEANER_ROLES, contact_to_fix, dismiss_pair
from layouts import quality
from layouts.components import kpi_tile

SUGGESTIONS = {
    ids.QUALITY_FIX_PHONE_SUGGESTION: "phone",
    ids.QUALITY_FIX_EMAIL_SUGGESTION: "email",
}
FIX_MESSAGE = [
    Output(ids.QUALITY_FIX_MESSAGE, "children"),
    Output(ids.QUALITY_FIX_MESSAGE, "color"),
    Output(ids.QUALITY_FIX_MESSAGE, "is_open"),
]


def _region() -> str:
    return services().settings.phone_region


def _page() -> PageContext:
    """The request's context; reads by anyone but admins and managers are ignored."""
    page = page_context()
    if page.role not in CLEANER_ROLES:
        raise PreventUpdate
    return page


def _answer(tile: Tile, rows: list[dict[str, Any]]) -> tuple[Any, ...]:
    """A check's tile, rows and list height."""
    return kpi_tile(tile), rows, quality.grid_style(len(rows))


def render(_params: dict[str, str], ctx: PageContext) -> Component:
    """The page; its checks fill in through the callbacks below."""
    return quality.layout(t=ctx.t, region=_region())


def _panel_outputs() -> list[Output]:
    return [Output(i, prop, allow_duplicate=True) for i, prop in quality.PANEL_PROPS]


def _fix_message(page: PageContext, error: Exception) -> str:
    t = page.t
    if isinstance(error, BadValue):
        key = "quality.fix.bad_phone" if error.field == "phone" else "quality.fix.bad_email"
        return t(key, value=error.value, region=_region())
    if isinstance(error, ValidationError):
        return " ".join(
            t(
                "quality.fix.refused_field",
                field=t(f"quality.fix.{field}") if field in ("phone", "email") else field,
                message=t(f"field.{key}"),
            )
            for field, key in sorted(error.errors.items())
        )
    return t("quality.fix.gone")


def _saved_message(page: PageContext, panel: view.FixPanel, contact: str) -> str:
    blank = page.t("quality.fix.blank")
    return page.t(
        "quality.fix.saved", contact=contact, phone=panel.phone or blank, email=panel.email or blank
    )


def register(app: Dash) -> None:
    """The checks, the contact fix form and the "not a duplicate" button."""
    _register_checks(app)
    _register_fixes(app)


def _register_checks(app: Dash) -> None:
    @app.callback(
        Output(ids.QUALITY_CONTACTS_TILE, "children"),
        Output(ids.QUALITY_CONTACTS_GRID, "rowData"),
        Output(ids.QUALITY_CONTACTS_GRID, "style"),
        Output(ids.QUALITY_UNREACHABLE_TILE, "children"),
        Output(ids.QUALITY_UNREACHABLE_GRID, "rowData"),
        Output(ids.QUALITY_UNREACHABLE_GRID, "style"),
        Input(ids.QUALITY_CONTACTS_VERSION, "data"),
    )
    def update_contacts(_version: int | None) -> tuple[Any, ...]:
        page, region = _page(), _region()
        with db_session() as sess:
            key = ("quality.contacts", page.scope, region)
            result = cached(
                sess, key, lambda: contacts_result(sess, scope=page.scope, region=region)
            )
        t, language = page.t, page.language
        problems = view.contact_rows(result.contacts, result.checks, t)
        unreachable = view.unreachable_rows(result.customers, result.unreachable, t)
        contacts_tile, unreachable_tile = view.contact_tiles(result, len(problems), t, language)
        return (*_answer(contacts_tile, problems), *_answer(unreachable_tile, unreachable))

    @app.callback(
        Output(ids.QUALITY_DUPLICATES_TILE, "children"),
        Output(ids.QUALITY_DUPLICATES_GRID, "rowData"),
        Output(ids.QUALITY_DUPLICATES_GRID, "style"),
        Input(ids.QUALITY_DUPLICATES_VERSION, "data"),
    )
    def update_duplicates(_version: int | None) -> tuple[Any, ...]:
        page = _page()
        with db_session() as sess:
            key = ("quality.duplicates", page.scope)
            pairs = cached(sess, key, lambda: duplicates_result(sess, scope=page.scope))
        t, language = page.t, page.language
        note = view.duplicates_note(pairs, t, language)
        tile = view.count_tile(t("quality.tile.duplicates"), len(pairs), note, language)
        return _answer(tile, view.duplicate_rows(pairs, t, language))

    @app.callback(
        Output(ids.QUALITY_DATES_TILE, "children"),
        Output(ids.QUALITY_DATES_GRID, "rowData"),
        Output(ids.QUALITY_DATES_GRID, "style"),
        Input(ids.QUALITY_LOAD, "data"),
    )
    def update_dates(_load: int | None) -> tuple[Any, ...]:
        page = _page()
        with db_session() as sess:
            key = ("quality.dates", page.scope, page.today)
            result = cached(
                sess, key, lambda: dates_result(sess, scope=page.scope, today=page.today)
            )
        t, language = page.t, page.language
        rows = view.date_rows(
            result.documents,
            result.payments,
            result.bounds,
            t=t,
            language=language,
            currency=page.currency,
        )
        total = result.document_total + result.payment_total
        note = view.dates_note(result, rows, t, language)
        return _answer(view.count_tile(t("quality.tile.dates"), total, note, language), rows)

    @app.callback(
        Output(ids.QUALITY_UNAPPLIED_TILE, "children"),
        Output(ids.QUALITY_UNAPPLIED_GRID, "rowData"),
        Output(ids.QUALITY_UNAPPLIED_GRID, "style"),
        Input(ids.QUALITY_LOAD, "data"),
    )
    def update_unapplied(_load: int | None) -> tuple[Any, ...]:
        page = _page()
        with db_session() as sess:
            key = ("quality.unapplied", page.scope)
            result = cached(sess, key, lambda: unapplied_result(sess, scope=page.scope))
        t, language = page.t, page.language
        rows = view.unapplied_rows(
            result.payments, today=page.today, language=language, currency=page.currency
        )
        note = view.unapplied_note(result, rows, t, language=language, currency=page.currency)
        tile = view.count_tile(t("quality.tile.unapplied"), result.total, note, language)
        return _answer(tile, rows)


def _register_fixes(app: Dash) -> None:
    @app.callback(
        *_panel_outputs(),
        *[Output(o.component_id, o.component_property, allow_duplicate=True) for o in FIX_MESSAGE],
        Input(ids.QUALITY_CONTACTS_GRID, "selectedRows"),
        prevent_initial_call=True,
    )
    def pick_contact(selected: list[dict[str, Any]] | None) -> list[Any]:
        page = _page()
        if not selected:
            raise PreventUpdate
        picked: Any = selected[0].get("contact_id")  # re-checked: an id of a contact in scope
        try:
            with db_session() as sess:
                contact, customer = contact_to_fix(sess, scope=page.scope, contact_id=picked)
                panel = view.fix_panel(
                    page.t,
                    contact_id=contact.id,
                    contact=contact.name,
                    customer=customer.name,
                    phone=contact.phone,
                    email=contact.email,
                    region=_region(),
                )
        except AccessDenied:
            return [*quality.panel_props(page.t, None), page.t("quality.fix.gone"), "warning", True]
        return [*quality.panel_props(page.t, panel), "", "secondary", False]

    @app.callback(
        *_panel_outputs(),
        *FIX_MESSAGE,
        Output(ids.QUALITY_CONTACTS_VERSION, "data"),
        Input(ids.QUALITY_FIX_SAVE, "n_clicks"),
        Input(ids.QUALITY_FIX_PHONE_SUGGESTION, "n_clicks"),
        Input(ids.QUALITY_FIX_EMAIL_SUGGESTION, "n_clicks"),
        State(ids.QUALITY_FIX_CONTACT, "data"),
        State(ids.QUALITY_FIX_PHONE, "value"),
        State(ids.QUALITY_FIX_EMAIL, "value"),
        State(ids.QUALITY_CONTACTS_VERSION, "data"),
        prevent_initial_call=True,
    )
    def save_contact_fix(
        _save: int | None,
        _phone_suggestion: int | None,
        _email_suggestion: int | None,
        contact_id: int | None,
        phone: str | None,
        email: str | None,
        version: int | None,
    ) -> list[Any]:
        page = page_context()
        keep = [no_update] * len(quality.PANEL_PROPS)
        if page.role not in CLEANER_ROLES:
            return [*keep, page.t("quality.refused"), "danger", True, no_update]
        region, trigger = _region(), ctx.triggered_id
        try:
            with db_session() as sess:
                changes, contact, customer = apply_contact_fix(
                    sess,
                    scope=page.scope,
                    user_id=int(current_user.get_id()),
                    contact_id=contact_id,  # type: ignore[arg-type]
                    region=region,
                    suggestion=SUGGESTIONS.get(trigger),
                    typed=(phone, email),
                )
                panel = view.fix_panel(
                    page.t,
                    contact_id=contact.id,
                    contact=contact.name,
                    customer=customer.name,
                    phone=contact.phone,
                    email=contact.email,
                    region=region,
                )
        except (BadValue, ValidationError, AccessDenied) as error:
            return [*keep, _fix_message(page, error), "danger", True, no_update]
        if not changes:
            return [*keep, page.t("quality.fix.unchanged"), "warning", True, no_update]
        message = _saved_message(page, panel, contact.name)
        return [*quality.panel_props(page.t, panel), message, "success", True, (version or 0) + 1]

    @app.callback(
        Output(ids.QUALITY_DISMISS_MESSAGE, "children"),
        Output(ids.QUALITY_DUPLICATES_VERSION, "data"),
        Input(ids.QUALITY_DISMISS, "n_clicks"),
        State(ids.QUALITY_DUPLICATES_GRID, "selectedRows"),
        State(ids.QUALITY_DUPLICATES_VERSION, "data"),
        prevent_initial_call=True,
    )
    def dismiss_duplicate(
        _clicks: int | None, selected: list[dict[str, Any]] | None, version: int | None
    ) -> tuple[str, Any]:
        page = page_context()
        if page.role not in CLEANER_ROLES:
            return page.t("quality.refused"), no_update
        if not selected:
            return page.t("quality.dismiss.pick"), no_update
        try:
            with db_session() as sess:
                first, second = dismiss_pair(
                    sess,
                    scope=page.scope,
                    user_id=int(current_user.get_id()),
                    customer_ids=selected[0].get("ids") or [],
                )
        except AccessDenied:
            return page.t("quality.fix.gone"), no_update
        return page.t("quality.dismissed", first=first, second=second), (version or 0) + 1
