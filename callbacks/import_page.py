"""Import page (admins and managers): upload, map, check, import with progress.

Every callback re-checks the role; the file is kept on the server and named by its
SHA-256 in the browser. Checks and imports run as background jobs (see
:mod:`dashboard.import_jobs`) through the same functions as ``cartera import``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard import ids, import_jobs
from dashboard import import_settings as settings_of
from dashboard.context import PageContext, db_session, page_context, services
from data_access.importers import ImportErrorReport
from data_access.importers.mapping import FIELDS, KINDS, REQUIRED
from data_access.importers.plan import ImportPlan, PlanError
from data_access.importers.saved import get_plan, mapping_names, save_plan
from layouts import import_page as view

MANAGERS = ("admin", "manager")
FIELD = {"type": ids.IMPORT_FIELD, "kind": ALL, "column": ALL}


def render(_params: dict[str, str], page: PageContext) -> Component:
    """The page: upload, mapping, check and import."""
    with db_session() as sess:
        saved = mapping_names(sess)
    return view.layout(t=page.t, saved=saved, kinds=KINDS, dates=settings_of.date_options())


def _manager() -> PageContext:
    """The request's context; anyone but an admin or manager is refused."""
    page = page_context()
    if page.role not in MANAGERS:
        raise PreventUpdate
    return page


def _instance() -> Path:
    return services().settings.instance_path


def _upload(file: dict[str, Any] | None) -> import_jobs.Upload | None:
    if not file:
        return None
    return import_jobs.find_upload(_instance(), file.get("token", ""), file.get("name", ""))


def _new_file(
    page: PageContext, name: str, contents: str, previous: dict[str, Any] | None, plan: Any
) -> tuple[Any, ...]:
    """Keep an upload and guess its mapping: (file store, info, base plan, formats).

    A file with the same columns as the previous one (a corrected export) keeps the
    mapping the selects show.
    """
    try:
        upload = import_jobs.save_upload(_instance(), name, contents)
        summary = import_jobs.summarise(upload)
    except ValueError:
        return None, view.message(page.t("import.file_type")), {}, None
    except ImportErrorReport as exc:
        reason = str(exc.errors[0].reason if exc.errors else exc)
        return None, view.message(page.t("import.file_bad", reason=reason)), {}, None
    file = {
        "token": upload.token,
        "name": upload.name,
        "rows": summary.rows,
        "headers": summary.headers,
        "samples": summary.samples,
    }
    info = view.file_info(
        page.t,
        name=upload.name,
        rows=summary.rows,
        columns=len(summary.headers),
        language=page.language,
    )
    same = previous and previous.get("headers") == summary.headers and plan
    base = plan if same else settings_of.first_guess(summary.headers)
    return file, info, base, settings_of.detect_formats(upload.path, base)


def _saved(name: str, upload: import_jobs.Upload) -> tuple[dict[str, Any], Any]:
    """A saved mapping as a base plan, with its formats (detected where it leaves them open)."""
    with db_session() as sess:
        plan = get_plan(sess, name)
    if plan is None:
        raise PreventUpdate
    base = plan.to_json()["kinds"]
    formats = settings_of.detect_formats(
        upload.path, base, decimal=plan.decimal, date_format=plan.date_format
    )
    return base, formats


def _format_outputs(page: PageContext, formats: Any) -> tuple[Any, ...]:
    if formats is None:
        return no_update, no_update, no_update, no_update
    note = " ".join(page.t(key) for key in formats.notes)
    return (
        formats.decimal,
        formats.date_format,
        settings_of.date_options(formats.date_choices),
        view.format_note(note, sure=formats.notes == ("import.detected",)),
    )


def register(app: Dash) -> None:
    """This page's callbacks."""

    @app.callback(
        Output(ids.IMPORT_FILE, "data"),
        Output(ids.IMPORT_FILE_INFO, "children"),
        Output(ids.IMPORT_BASE, "data"),
        Output(ids.IMPORT_KINDS, "value"),
        Output(ids.IMPORT_DECIMAL, "value"),
        Output(ids.IMPORT_DATE_FORMAT, "value"),
        Output(ids.IMPORT_DATE_FORMAT, "options"),
        Output(ids.IMPORT_FORMAT_NOTE, "children"),
        Output(ids.IMPORT_UPLOAD, "contents"),
        Output(ids.IMPORT_PLAN, "data", allow_duplicate=True),
        Input(ids.IMPORT_UPLOAD, "contents"),
        Input(ids.IMPORT_SAVED, "value"),
        State(ids.IMPORT_UPLOAD, "filename"),
        State(ids.IMPORT_FILE, "data"),
        State(ids.IMPORT_PLAN, "data"),
        prevent_initial_call=True,
    )
    def update_file(contents, saved, filename, file, plan):  # type: ignore[no-untyped-def]
        page = _manager()
        if ctx.triggered_id == ids.IMPORT_UPLOAD:
            if not contents:
                raise PreventUpdate
            file, info, base, formats = _new_file(page, filename or "", contents, file, plan)
        else:
            upload = _upload(file)
            if not saved or upload is None:
                raise PreventUpdate
            info = no_update
            base, formats = _saved(saved, upload)
        return (file, info, base, list(base), *_format_outputs(page, formats), None, base)

    @app.callback(
        Output(ids.IMPORT_MAPPING, "children"),
        Input(ids.IMPORT_BASE, "data"),
        Input(ids.IMPORT_KINDS, "value"),
        State(ids.IMPORT_PLAN, "data"),
        State(ids.IMPORT_FILE, "data"),
        prevent_initial_call=True,
    )
    def update_mapping(base, kinds, plan, file):  # type: ignore[no-untyped-def]
        page = _manager()
        if not file:
            return []
        headers = file["headers"]
        ordered = [kind for kind in KINDS if kind in (kinds or [])]
        columns = settings_of.columns_for(
            ordered,
            headers,
            current=plan or {},
            base=base or {},
            prefer_base=ctx.triggered_id == ids.IMPORT_BASE,
        )
        return view.mapping_cards(
            page.t,
            kinds=ordered,
            headers=headers,
            samples=file["samples"],
            columns=columns,
            fields=FIELDS,
            required=REQUIRED,
        )

    @app.callback(
        Output(ids.IMPORT_PLAN, "data"),
        Output(ids.IMPORT_MAPPING_NOTE, "children"),
        Output(ids.IMPORT_DECIMAL, "value", allow_duplicate=True),
        Output(ids.IMPORT_DATE_FORMAT, "value", allow_duplicate=True),
        Output(ids.IMPORT_DATE_FORMAT, "options", allow_duplicate=True),
        Output(ids.IMPORT_FORMAT_NOTE, "children", allow_duplicate=True),
        Input(FIELD, "value"),
        State(FIELD, "id"),
        State(ids.IMPORT_FILE, "data"),
        State(ids.IMPORT_PLAN, "data"),
        State(ids.IMPORT_DECIMAL, "value"),
        State(ids.IMPORT_DATE_FORMAT, "value"),
        prevent_initial_call=True,
    )
    def update_plan(values, keys, file, before, decimal, date_format):  # type: ignore[no-untyped-def]
        page = _manager()
        upload = _upload(file)
        if upload is None:
            raise PreventUpdate
        plan = settings_of.collected(values, keys, file["headers"])
        formats = settings_of.redetect(
            upload.path, before or {}, plan, decimal=decimal, date_format=date_format
        )
        note = view.mapping_note(page.t, settings_of.mapping_problems(plan))
        return plan, note, *_format_outputs(page, formats)

    @app.callback(
        Output(ids.IMPORT_SAVE_MESSAGE, "children"),
        Output(ids.IMPORT_SAVED, "options"),
        Input(ids.IMPORT_SAVE, "n_clicks"),
        State(ids.IMPORT_MAPPING_NAME, "value"),
        State(ids.IMPORT_PLAN, "data"),
        State(ids.IMPORT_KINDS, "value"),
        State(ids.IMPORT_DECIMAL, "value"),
        State(ids.IMPORT_DATE_FORMAT, "value"),
        prevent_initial_call=True,
    )
    def save_mapping(_clicks, name, plan, kinds, decimal, date_format):  # type: ignore[no-untyped-def]
        page = _manager()
        chosen = settings_of.build_plan(plan, kinds, decimal, date_format)
        try:
            with db_session() as sess:
                save_plan(sess, name or "", chosen, user_id=page.scope.user_id)
                names = mapping_names(sess)
        except PlanError as exc:
            return view.message(page.t("import.save_failed", reason=str(exc))), no_update
        text = page.t("import.saved_ok", name=(name or "").strip())
        return view.message(text, "success"), names

    @app.callback(
        Output(ids.IMPORT_JOB, "data"),
        Output(ids.IMPORT_POLL, "disabled"),
        Output(ids.IMPORT_STATUS, "children"),
        Output(ids.IMPORT_PROGRESS, "value"),
        Output(ids.IMPORT_SUMMARY, "children"),
        Input(ids.IMPORT_CHECK, "n_clicks"),
        Input(ids.IMPORT_RUN, "n_clicks"),
        State(ids.IMPORT_FILE, "data"),
        State(ids.IMPORT_PLAN, "data"),
        State(ids.IMPORT_KINDS, "value"),
        State(ids.IMPORT_DECIMAL, "value"),
        State(ids.IMPORT_DATE_FORMAT, "value"),
        prevent_initial_call=True,
    )
    def start_job(_check, _run, file, plan, kinds, decimal, date_format):  # type: ignore[no-untyped-def]
        page = _manager()
        upload = _upload(file)
        if upload is None:
            return no_update, True, view.message(page.t("import.no_file")), 0, None
        chosen = settings_of.build_plan(plan, kinds, decimal, date_format)
        problems = chosen.problems(file["headers"])
        if problems:
            return no_update, True, view.message(page.t("import.fix_mapping")), 0, None
        mode = "import" if ctx.triggered_id == ids.IMPORT_RUN else "check"
        job_id = _start(page, mode, upload, chosen, int(file.get("rows") or 0))
        job = {
            "id": job_id,
            "mode": mode,
            "settings": settings_of.fingerprint(upload.token, chosen),
        }
        return job, False, page.t("import.progress.start"), 0, None

    @app.callback(
        Output(ids.IMPORT_PROGRESS, "value", allow_duplicate=True),
        Output(ids.IMPORT_PROGRESS, "animated"),
        Output(ids.IMPORT_PROGRESS, "striped"),
        Output(ids.IMPORT_STATUS, "children", allow_duplicate=True),
        Output(ids.IMPORT_PREVIEW, "children"),
        Output(ids.IMPORT_SUMMARY, "children", allow_duplicate=True),
        Output(ids.IMPORT_POLL, "disabled", allow_duplicate=True),
        Output(ids.IMPORT_CHECKED, "data"),
        Input(ids.IMPORT_POLL, "n_intervals"),
        State(ids.IMPORT_JOB, "data"),
        State(ids.IMPORT_FILE, "data"),
        prevent_initial_call=True,
    )
    def update_progress(_ticks, job, file):  # type: ignore[no-untyped-def]
        page = _manager()
        record = import_jobs.read_job(_instance(), (job or {}).get("id", ""))
        if record is None:
            return 0, False, False, "", no_update, no_update, True, no_update
        percent, text, running = view.progress_view(page.t, record)
        if running:
            return percent, True, True, text, no_update, no_update, False, no_update
        preview, summary, checked = _finished(page, job, record, file)
        return percent, False, False, text, preview, summary, True, checked

    @app.callback(
        Output(ids.IMPORT_RUN, "disabled"),
        Input(ids.IMPORT_CHECKED, "data"),
        Input(ids.IMPORT_PLAN, "data"),
        Input(ids.IMPORT_KINDS, "value"),
        Input(ids.IMPORT_DECIMAL, "value"),
        Input(ids.IMPORT_DATE_FORMAT, "value"),
        Input(ids.IMPORT_POLL, "disabled"),
        State(ids.IMPORT_FILE, "data"),
    )
    def toggle_run(checked, plan, kinds, decimal, date_format, idle, file):  # type: ignore[no-untyped-def]
        if not checked or not file or not idle:
            return True
        chosen = settings_of.build_plan(plan, kinds, decimal, date_format)
        return checked != settings_of.fingerprint(file.get("token"), chosen)


def _start(
    page: PageContext, mode: str, upload: import_jobs.Upload, plan: ImportPlan, rows: int
) -> str:
    return import_jobs.start_job(
        _instance(),
        mode=mode,
        upload=upload,
        plan=plan,
        sessions=services().sessions,
        currency=page.currency,
        user_id=int(page.scope.user_id or 0),
        total=rows,
    )


def _finished(
    page: PageContext, job: dict[str, Any], record: dict[str, Any], file: dict[str, Any] | None
) -> tuple[Any, Any, Any]:
    """Preview, summary and the clean-check fingerprint once a job is over."""
    outcome = record.get("outcome")
    if not outcome:
        return None, None, None
    t = page.t
    headers = (file or {}).get("headers", [])
    kinds = record.get("kinds", [])
    if job.get("mode") == "check":
        summary = view.summary(
            t, outcome, title=t("import.would_title"), kinds=kinds, language=page.language
        )
        checked = job.get("settings") if outcome.get("ok") else None
        return view.preview(t, outcome, headers=headers), summary, checked
    if not outcome.get("ok"):
        refused = view.message(t("import.refused", count=outcome.get("error_count", 0)))
        return view.preview(t, outcome, headers=headers), refused, None
    title = t("import.summary_title", file=record.get("file", ""))
    table = view.summary(t, outcome, title=title, kinds=kinds, language=page.language)
    done = view.imported(table, t("import.summary_audit"))
    return None, done, None
