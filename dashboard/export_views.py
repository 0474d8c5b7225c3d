"""``/export/<dataset>.<csv|xlsx|pdf>?<the page's filters>``: downloads behind the login.

CSV and XLSX carry machine-readable values (money with a dot and two decimals in
CSV, numbers and dates as such in XLSX); PDFs are formatted for the reader's
language. The role and the customer scope are checked here, on the server.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd
from flask import Flask, Response, abort, request
from openpyxl import Workbook
from sqlalchemy.orm import Session

from dashboard import formatting as fmt
from dashboard.context import PageContext, db_session, page_context
from dashboard.exports import DATASETS as BASE_DATASETS
from dashboard.exports import (
    ExportError,
    ExportRequest,
    NotVisible,
    portfolio_rows,
    statement,
)
from dashboard.exports_pages import PAGE_DATASETS
from dashboard.messaging import documents
from dashboard.pdf import TableDocument, table_pdf
from dashboard.reports import AgingLevel, aging_report, render_table

DATASETS = BASE_DATASETS | PAGE_DATASETS
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """One sheet, header on row 1; Decimal, int and dates stay numbers and dates."""
    book = Workbook(write_only=True)
    table = book.create_sheet(sheet[:31])
    table.append([str(column) for column in frame.columns])
    for row in frame.itertuples(index=False):
        table.append([_cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if hasattr(value, "item") and not isinstance(value, Decimal):  # numpy scalars
        return value.item()
    return value


def _money(value: object, ctx: PageContext) -> str:
    return fmt.money(value, ctx.currency, ctx.language) if isinstance(value, Decimal) else ""


def aging_pdf(session: Session, export: ExportRequest) -> bytes:
    """The aging report by customer (or ``by=seller``) as a landscape table with totals."""
    by: AgingLevel = "seller" if export.params.get("by") == "seller" else "customer"
    frame = aging_report(
        session, as_of=export.as_of(), by=by, buckets=export.ctx.buckets, scope=export.ctx.scope
    )
    return _aging_table(frame, export, f"{by}_code", f"{by}_name")


def portfolio_pdf(session: Session, export: ExportRequest) -> bytes:
    """The heat map's customers (filters applied) as an aging table with totals."""
    frame = portfolio_rows(session, export)
    return _aging_table(frame, export, "customer_code", "customer_name")


def _aging_table(frame: pd.DataFrame, export: ExportRequest, code: str, name: str) -> bytes:
    ctx, t = export.ctx, export.ctx.t
    money_columns = ["balance", *ctx.buckets.keys, "unapplied"]
    titles = [t(f"export.col.{code}"), t(f"export.col.{name}")]
    titles += [t("export.col.balance"), *ctx.buckets.labels, t("export.col.unapplied")]
    rows = [
        [str(row[code] or ""), str(row[name] or "")] + [_money(row[c], ctx) for c in money_columns]
        for row in frame.to_dict("records")
    ]
    totals = [t("export.total"), ""]
    totals += [_money(sum(frame[c], Decimal("0.00")), ctx) for c in money_columns]
    return table_pdf(
        TableDocument(
            title=t("export.aging_title"),
            subtitle_lines=[
                ctx.company,
                t("export.as_of", date=fmt.date(export.as_of(), ctx.language, style="long")),
            ],
            columns=titles,
            rows=rows,
            numeric=[False, False] + [True] * len(money_columns),
            totals=totals,
            landscape=True,
        )
    )


def statement_pdf(session: Session, export: ExportRequest) -> bytes:
    """A customer's statement of account: open documents, days overdue, aging, balance."""
    ctx = export.ctx
    found = statement(session, export)
    return documents.statement_pdf(
        documents.Party(found.customer_code, found.customer_name),
        documents.statement_lines(found.documents),
        as_of=found.as_of,
        unapplied=found.unapplied,
        company=ctx.company,
        buckets=ctx.buckets,
        f=documents.Formats(ctx.t, ctx.language, ctx.currency),
    )


PDF_BUILDERS = {"aging": aging_pdf, "portfolio": portfolio_pdf, "statement": statement_pdf}


def export_view(name: str, ext: str) -> Response:
    """Serve one dataset in one format, or 400 with the bad parameter named."""
    dataset = DATASETS.get(name)
    ctx = page_context()
    if dataset is None or ext not in MIMETYPES or (ext == "pdf" and not dataset.pdf):
        abort(404)
    if ctx.role not in dataset.roles:
        abort(403)
    export = ExportRequest(params=dict(request.args), ctx=ctx)
    try:
        with db_session() as sess:
            if ext == "pdf":
                body: bytes = PDF_BUILDERS[name](sess, export)
            else:
                frame = dataset.build(sess, export)
                body = (
                    render_table(frame, "csv").encode() if ext == "csv" else xlsx_bytes(frame, name)
                )
        day = export.as_of().isoformat()
    except ExportError as error:
        return Response(str(error) + "\n", 400, mimetype="text/plain")
    except NotVisible:
        abort(404)
    filename = f"cartera-{name}-{day}.{ext}"
    return Response(
        body,
        mimetype=MIMETYPES[ext],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def register(server: Flask) -> None:
    """Add the export route (the request guard has already required a login)."""
    server.add_url_rule("/export/<name>.<ext>", "export", export_view)
