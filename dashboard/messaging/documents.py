"""The PDFs a statement e-mail carries: the statement of account and a copy of each invoice.

Pure: data in, PDF bytes out (laid out by :mod:`dashboard.pdf`), texts in the
reader's language. The statement is the one the wall's "Export" menu downloads, with
the aging buckets summed under the documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from dashboard import formatting as fmt
from dashboard.aging import AgingBuckets
from dashboard.i18n import Translator
from dashboard.pdf import FieldsDocument, TableDocument, fields_pdf, table_pdf

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class StatementLine:
    """One open document of a statement."""

    number: str
    kind: str
    issue_date: dt.date
    due_date: dt.date
    amount: Decimal
    open_amount: Decimal
    days_overdue: int  # 0 when not yet due


@dataclass(frozen=True)
class Party:
    """Who a document is about: the customer as our records have it."""

    code: str
    name: str
    tax_id: str = ""
    address: str = ""


@dataclass(frozen=True)
class Formats:
    """How to write texts, money and dates for one reader."""

    t: Translator
    language: str
    currency: str

    def money(self, value: Decimal) -> str:
        """Money in the reader's language."""
        return fmt.money(value, self.currency, self.language)

    def day(self, value: dt.date, style: str = "short") -> str:
        """A date in the reader's language."""
        return fmt.date(value, self.language, style=style)


def bucket_summary(
    lines: Sequence[StatementLine], buckets: AgingBuckets, f: Formats
) -> list[tuple[str, str]]:
    """(bucket title, open amount) for every aging bucket, current first."""
    sums = [ZERO for _ in buckets.keys]
    for line in lines:
        sums[buckets.index_for(line.days_overdue)] += line.open_amount
    titles = [f.t("bucket.current")]
    titles += [f.t("bucket.days", label=label) for label in buckets.labels[1:]]
    return [(title, f.money(total)) for title, total in zip(titles, sums, strict=True)]


def statement_pdf(
    party: Party,
    lines: Sequence[StatementLine],
    *,
    as_of: dt.date,
    unapplied: Decimal,
    company: str,
    buckets: AgingBuckets,
    f: Formats,
) -> bytes:
    """The statement of account: open documents, their total, the aging buckets, the balance."""
    t = f.t
    rows = [
        [
            line.number,
            t(f"export.kind.{line.kind}"),
            f.day(line.issue_date),
            f.day(line.due_date),
            f.money(line.amount),
            f.money(line.open_amount),
            fmt.number(line.days_overdue, f.language),
        ]
        for line in lines
    ]
    open_total = sum((line.open_amount for line in lines), ZERO)
    columns = ["number", "kind", "issue_date", "due_date", "amount", "open_amount", "days_overdue"]
    footer = t("export.statement_balance", balance=f.money(open_total - unapplied))
    if unapplied:
        footer = t("export.statement_credit", credit=f.money(unapplied)) + "\n" + footer
    return table_pdf(
        TableDocument(
            title=t("export.statement_title"),
            subtitle_lines=[
                company,
                f"{party.name} ({party.code})",
                t("export.as_of", date=f.day(as_of, "long")),
            ],
            columns=[t(f"export.col.{c}") for c in columns],
            rows=rows,
            numeric=[False, False, False, False, True, True, True],
            totals=[t("export.total"), "", "", "", "", f.money(open_total), ""],
            footer=footer,
            summary_title=t("message.pdf.aging"),
            summary=bucket_summary(lines, buckets, f),
        )
    )


def invoice_pdf(
    party: Party, line: StatementLine, *, as_of: dt.date, company: str, f: Formats
) -> bytes:
    """A copy of one invoice from our records: number, dates, customer, amounts, company."""
    t = f.t
    fields = [
        (t("message.pdf.number"), line.number),
        (t("message.pdf.issuer"), company),
        (t("message.pdf.customer"), f"{party.name} ({party.code})"),
    ]
    if party.tax_id:
        fields.append((t("message.pdf.tax_id"), party.tax_id))
    if party.address:
        fields.append((t("message.pdf.address"), party.address))
    fields += [
        (t("export.col.issue_date"), f.day(line.issue_date, "long")),
        (t("export.col.due_date"), f.day(line.due_date, "long")),
        (t("export.col.amount"), f.money(line.amount)),
        (t("message.pdf.open_amount", date=f.day(as_of)), f.money(line.open_amount)),
        (t("export.col.days_overdue"), fmt.number(line.days_overdue, f.language)),
    ]
    return fields_pdf(
        FieldsDocument(
            title=f"{t('export.kind.' + line.kind)} {line.number}",
            subtitle_lines=[t("message.pdf.copy_of", company=company)],
            fields=fields,
            note=t("message.pdf.copy_note", company=company, date=f.day(as_of, "long")),
        )
    )


def statement_lines(documents: pd.DataFrame) -> list[StatementLine]:
    """The rows of :attr:`dashboard.exports.Statement.documents` as lines."""
    return [
        StatementLine(
            number=str(row["number"]),
            kind=str(row["kind"]),
            issue_date=row["issue_date"],
            due_date=row["due_date"],
            amount=row["amount"],
            open_amount=row["open_amount"],
            days_overdue=int(row["days_overdue"]),
        )
        for row in documents.to_dict("records")
    ]


def safe_filename(text: str) -> str:
    """``text`` reduced to letters, digits, ``-``, ``_`` and ``.`` (for attachment names)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "document"
