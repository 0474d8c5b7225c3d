"""The import page: upload, map columns, check (preview with problems), import.

Pure component trees from plain values; ``progress_view`` turns a job record into
the bar's value and text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.formatting import number
from dashboard.i18n import Translator
from layouts.components import page_header

POLL_MS = 500
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
Options = list[dict[str, str]]


def layout(
    *, t: Translator, saved: Sequence[str], kinds: Sequence[str], dates: Options
) -> Component:
    """The whole page, empty until a file is uploaded.

    Args:
        t: translator.
        saved: names of the saved mappings.
        kinds: the kinds of data, in import order.
        dates: the date format options (``label``, ``value``).
    """
    return html.Div(
        [
            page_header(t("import.title"), t("import.subtitle")),
            dcc.Store(id=ids.IMPORT_FILE),
            dcc.Store(id=ids.IMPORT_BASE),
            dcc.Store(id=ids.IMPORT_PLAN),
            dcc.Store(id=ids.IMPORT_CHECKED),
            dcc.Store(id=ids.IMPORT_JOB),
            dcc.Interval(id=ids.IMPORT_POLL, interval=POLL_MS, disabled=True),
            _file_step(t),
            _mapping_step(t, saved, kinds, dates),
            _check_step(t),
        ],
        className="import-page",
    )


def _file_step(t: Translator) -> Component:
    upload = dcc.Upload(
        id=ids.IMPORT_UPLOAD,
        children=html.Div(t("import.upload")),
        accept=".csv,.xlsx",
        multiple=False,
        max_size=MAX_UPLOAD_BYTES,
        className="import-upload",
    )
    return html.Section(
        [
            html.H2(t("import.step_file"), className="h5"),
            upload,
            html.P(t("import.upload_hint"), className="text-muted small mt-1"),
            html.Div(id=ids.IMPORT_FILE_INFO, className="mb-2"),
        ],
        className="mb-4",
    )


def _mapping_step(
    t: Translator, saved: Sequence[str], kind_names: Sequence[str], dates: Options
) -> Component:
    kinds = dbc.Checklist(
        id=ids.IMPORT_KINDS,
        options=[{"label": t(f"import.kind.{kind}"), "value": kind} for kind in kind_names],
        value=[],
        inline=True,
    )
    formats = dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t("import.decimal"), html_for=ids.IMPORT_DECIMAL),
                    dbc.Select(id=ids.IMPORT_DECIMAL, options=decimal_options(t), value="dot"),
                ],
                md=4,
            ),
            dbc.Col(
                [
                    dbc.Label(t("import.date_format"), html_for=ids.IMPORT_DATE_FORMAT),
                    dbc.Select(id=ids.IMPORT_DATE_FORMAT, options=dates, value=dates[0]["value"]),
                ],
                md=4,
            ),
            dbc.Col(html.Div(id=ids.IMPORT_FORMAT_NOTE, className="small mt-md-4"), md=4),
        ],
        className="g-2 mb-3",
    )
    save = dbc.InputGroup(
        [
            dbc.Input(
                id=ids.IMPORT_MAPPING_NAME, placeholder=t("import.mapping_name"), maxLength=80
            ),
            dbc.Button(t("import.save"), id=ids.IMPORT_SAVE, color="secondary", outline=True),
        ],
        size="sm",
    )
    return html.Section(
        [
            html.H2(t("import.step_mapping"), className="h5"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(t("import.saved"), html_for=ids.IMPORT_SAVED),
                            dcc.Dropdown(
                                id=ids.IMPORT_SAVED,
                                options=list(saved),
                                placeholder=t("import.saved_placeholder"),
                            ),
                        ],
                        md=6,
                    ),
                ],
                className="mb-2",
            ),
            dbc.Label(t("import.kinds")),
            kinds,
            html.P(t("import.kinds_help"), className="text-muted small"),
            formats,
            html.Div(id=ids.IMPORT_MAPPING),
            html.Div(id=ids.IMPORT_MAPPING_NOTE, className="my-2"),
            dbc.Row(
                [
                    dbc.Col(save, md=6),
                    dbc.Col(html.Div(id=ids.IMPORT_SAVE_MESSAGE, className="small"), md=6),
                ],
                className="g-2",
            ),
        ],
        className="mb-4",
    )


def _check_step(t: Translator) -> Component:
    return html.Section(
        [
            html.H2(t("import.step_check"), className="h5"),
            html.Div(
                [
                    dbc.Button(t("import.check"), id=ids.IMPORT_CHECK, color="primary"),
                    dbc.Button(t("import.run"), id=ids.IMPORT_RUN, color="success", disabled=True),
                ],
                className="d-flex gap-2 mb-2",
            ),
            html.P(t("import.run_hint"), className="text-muted small"),
            dbc.Progress(id=ids.IMPORT_PROGRESS, value=0, className="mb-1 import-progress"),
            html.Div(id=ids.IMPORT_STATUS, className="small mb-3", role="status"),
            html.Div(id=ids.IMPORT_SUMMARY),
            html.Div(id=ids.IMPORT_PREVIEW),
        ],
        className="mb-4",
    )


def decimal_options(t: Translator) -> list[dict[str, str]]:
    """The two decimal marks."""
    return [{"label": t(f"import.decimal.{mark}"), "value": mark} for mark in ("dot", "comma")]


def file_info(t: Translator, *, name: str, rows: int, columns: int, language: str) -> Component:
    """The line under the upload once a file is read."""
    text = t("import.file_info", name=name, rows=number(rows, language), columns=columns)
    return dbc.Alert(text, color="light", className="py-2 mb-0")


def message(text: str, color: str = "danger") -> Component:
    """A short alert."""
    return dbc.Alert(text, color=color, className="py-2 mb-0")


def format_note(text: str, *, sure: bool) -> Component:
    """What the page says about the detected formats (a warning when it had to assume)."""
    return html.Span(text, className="text-success" if sure else "text-warning")


def imported(table: Component, note: str) -> Component:
    """The summary of a finished import with the audit note under it."""
    return html.Div([table, message(note, "light")])


def mapping_cards(
    t: Translator,
    *,
    kinds: Sequence[str],
    headers: Sequence[str],
    samples: Mapping[str, Sequence[str]],
    columns: Mapping[str, Mapping[str, Sequence[str]]],
    fields: Mapping[str, Sequence[str]],
    required: Mapping[str, Sequence[str]],
) -> list[Component]:
    """One card per kind: each file column with its first values and a select of fields.

    ``columns`` is the chosen ``kind -> header -> fields``; ``fields`` and ``required``
    list each kind's fields and the required ones.
    """
    return [
        dbc.Card(
            [
                dbc.CardHeader(t(f"import.kind.{kind}")),
                dbc.CardBody(
                    _mapping_table(
                        t,
                        kind,
                        headers,
                        samples,
                        columns.get(kind, {}),
                        _field_options(t, fields[kind], required[kind]),
                    ),
                    className="p-0 table-responsive",
                ),
            ],
            className="mb-3",
        )
        for kind in kinds
    ]


def _field_options(t: Translator, fields: Sequence[str], required: Sequence[str]) -> Options:
    return [
        {"label": t(f"import.field.{name}") + (" *" if name in required else ""), "value": name}
        for name in fields
    ]


def _mapping_table(
    t: Translator,
    kind: str,
    headers: Sequence[str],
    samples: Mapping[str, Sequence[str]],
    chosen: Mapping[str, Sequence[str]],
    options: Options,
) -> Component:
    head = html.Thead(
        html.Tr(
            [
                html.Th(t("import.col.column")),
                html.Th(t("import.col.sample"), className="d-none d-md-table-cell"),
                html.Th(t("import.col.fields"), className="import-fields-col"),
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(header, className="fw-semibold"),
                    html.Td(
                        ", ".join(samples.get(header, ())),
                        className="text-muted small d-none d-md-table-cell",
                    ),
                    html.Td(
                        dcc.Dropdown(
                            id={"type": ids.IMPORT_FIELD, "kind": kind, "column": position},
                            options=options,
                            value=list(chosen.get(header, ())),
                            multi=True,
                            placeholder=t("import.ignore"),
                        )
                    ),
                ]
            )
            for position, header in enumerate(headers)
        ]
    )
    return html.Table([head, body], className="table table-sm mb-0 align-middle")


def mapping_note(t: Translator, problems: Sequence[tuple[str, str, list[str]]]) -> Component:
    """Missing required fields and fields fed twice: ``(what, kind, fields)`` each."""
    if not problems:
        return message(t("import.mapping_ready"), "success")
    lines = [
        t(
            "import.required_missing" if what == "missing" else "import.fed_twice",
            kind=t(f"import.kind.{kind}"),
            fields=", ".join(t(f"import.field.{name}") for name in names),
            field=", ".join(t(f"import.field.{name}") for name in names),
        )
        for what, kind, names in problems
    ]
    return dbc.Alert([html.Div(line) for line in lines], color="warning", className="py-2 mb-0")


def progress_view(t: Translator, record: Mapping[str, Any]) -> tuple[int, str, bool]:
    """The bar's percent, the status text and whether the bar is animated.

    The bar moves with the rows read: each kind takes an equal share, half for reading
    its rows and half for checking them against the database and writing.
    """
    state = record.get("state")
    if state == "failed":
        return 0, t("import.progress.failed"), False
    if state == "done":
        return 100, t(f"import.progress.done_{record.get('mode', 'check')}"), False
    kinds = list(record.get("kinds") or [])
    kind, stage = record.get("kind"), record.get("stage")
    if not kinds or kind not in kinds:
        return 0, t("import.progress.start"), True
    total = max(int(record.get("total") or 0), 1)
    done = min(int(record.get("done") or 0), total)
    share = 100 / len(kinds)
    before = kinds.index(kind) * share
    label = t(f"import.kind.{kind}")
    if stage == "write":
        return int(before + share / 2), t("import.progress.write", kind=label), True
    text = t("import.progress.read", kind=label, done=done, total=total)
    return int(before + share / 2 * done / total), text, True


def summary(
    t: Translator, outcome: Mapping[str, Any], *, title: str, kinds: Sequence[str], language: str
) -> Component:
    """Created / updated / unchanged / rejected of each of ``kinds``, under ``title``."""
    results: Mapping[str, Mapping[str, int]] = outcome.get("results", {})
    rejected: Mapping[str, int] = outcome.get("rejected", {})
    columns = ("created", "updated", "unchanged")
    head = html.Tr(
        [html.Th(t("import.col.kind"))]
        + [html.Th(t(f"import.col.{c}"), className="text-end") for c in (*columns, "rejected")]
    )
    rows = [
        html.Tr(
            [html.Td(t(f"import.kind.{kind}"))]
            + [
                html.Td(number(results.get(kind, {}).get(c, 0), language), className="text-end")
                for c in columns
            ]
            + [html.Td(number(rejected.get(kind, 0), language), className="text-end")],
            id=f"import-summary-{kind}",
        )
        for kind in kinds
    ]
    return html.Div(
        [
            html.H3(title, className="h6"),
            html.Table(
                [html.Thead(head), html.Tbody(rows)],
                className="table table-sm w-auto import-summary",
            ),
        ]
    )


def preview(t: Translator, outcome: Mapping[str, Any], *, headers: Sequence[str]) -> Component:
    """Problems (count and the first ones) and the file's first rows with bad cells marked."""
    errors: list[dict[str, Any]] = outcome.get("errors", [])
    if outcome.get("ok"):
        head = message(t("import.no_problems"), "success")
    else:
        head = html.Div(
            [
                message(
                    t(
                        "import.problems",
                        count=outcome.get("error_count", 0),
                        rows=outcome.get("error_rows", 0),
                    )
                ),
                html.P(t("import.problems_shown", shown=len(errors)), className="small mt-2 mb-1"),
                html.Ul([_problem(t, e) for e in errors], className="import-problems small"),
            ]
        )
    return html.Div([head, _rows_table(t, outcome, headers)])


def _problem(t: Translator, error: Mapping[str, Any]) -> Component:
    row = int(error["row"])
    where = (
        t("import.where_file")
        if row == 0
        else t("import.where_header")
        if row == 1
        else t("import.where_row", row=row)
    )
    if error.get("column"):
        where = f"{where} · {error['column']}"
    return html.Li([html.Strong(where), f": {error['reason']}"])


def _rows_table(t: Translator, outcome: Mapping[str, Any], headers: Sequence[str]) -> Component:
    rows: list[dict[str, str]] = outcome.get("rows", [])
    bad: dict[tuple[int, str], str] = {}
    bad_rows: set[int] = set()
    for cell in outcome.get("cells", []):
        key = (int(cell["row"]), str(cell["column"]))
        bad[key] = f"{bad[key]}; {cell['reason']}" if key in bad else str(cell["reason"])
        bad_rows.add(key[0])
    head = html.Tr([html.Th(t("import.col.row"))] + [html.Th(h) for h in headers])
    body = []
    for offset, row in enumerate(rows):
        number_in_file = offset + 2
        cells: list[Component] = [html.Th(str(number_in_file), scope="row")]
        for header in headers:
            reason = bad.get((number_in_file, header))
            cells.append(
                html.Td(row.get(header, ""), className="table-danger", title=reason)
                if reason
                else html.Td(row.get(header, ""))
            )
        marked = "import-bad-row" if number_in_file in bad_rows else None
        body.append(html.Tr(cells, className=marked))
    return html.Div(
        [
            html.H3(t("import.preview_title", count=len(rows)), className="h6 mt-3"),
            html.Div(
                html.Table(
                    [html.Thead(head), html.Tbody(body)],
                    className="table table-sm table-bordered import-preview",
                ),
                className="table-responsive",
            ),
        ]
    )
