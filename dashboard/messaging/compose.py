"""Compose a statement e-mail: placeholder values, the plain-text and HTML parts. Pure.

The template's body is plain text: paragraphs separated by a blank line. The text part
is the body with the values filled in; the HTML part wraps each paragraph in ``<p>``
(escaping everything the template and the values say), and the block placeholders
(``{invoice_list}``, ``{payment_instructions}``, ``{payment_notice}``, ``{signature}``)
become a table and lists. So both parts always say the same, and no one can write
HTML into an e-mail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import formatdate, make_msgid, parseaddr
from html import escape

from dashboard import formatting as fmt
from dashboard.messaging.defaults import TemplateText
from dashboard.messaging.documents import Formats, Party, StatementLine
from dashboard.messaging.placeholders import BLOCKS, fields_of, fill

ZERO = Decimal("0.00")
# Headers are not folded (RFC 5322 allows 998 characters; subjects are 300 at most): the
# standard library's folding can double a space before an encoded word ("3  días").
MAIL_POLICY = default_policy.clone(max_line_length=998)


@dataclass(frozen=True)
class CompanyInfo:
    """What the e-mail says about the collecting company (see company settings)."""

    name: str
    cheque_payee: str = ""
    bank_accounts: tuple[str, ...] = ()
    notify_email: str = ""
    notify_fax: str = ""
    notify_office: str = ""
    collections_name: str = ""
    collections_phone: str = ""
    collections_email: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file attached to an e-mail."""

    filename: str
    content: bytes
    maintype: str = "application"
    subtype: str = "pdf"


@dataclass(frozen=True)
class ComposedEmail:
    """An e-mail ready to send: recipients, subject, both parts, attachments and why.

    ``kind`` (statement, campaign, reminder...), ``tone`` and ``language`` are recorded
    with the message; ``customer_id`` puts it on that customer's timeline.
    """

    to: tuple[str, ...]
    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...] = ()
    kind: str = "statement"
    tone: str = ""
    language: str = "es"
    customer_id: int | None = None
    seller_id: int | None = None


@dataclass(frozen=True)
class StatementFacts:
    """A customer's statement as the e-mail needs it."""

    party: Party
    as_of: dt.date
    lines: tuple[StatementLine, ...]
    unapplied: Decimal = ZERO
    overdue_only: bool = True
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def overdue(self) -> tuple[StatementLine, ...]:
        """The lines past their due date."""
        return tuple(line for line in self.lines if line.days_overdue > 0)

    @property
    def included(self) -> tuple[StatementLine, ...]:
        """The lines the e-mail is about: the overdue ones, or every open one."""
        return self.overdue if self.overdue_only else self.lines

    @property
    def oldest_days(self) -> int:
        """Days overdue of the oldest overdue line (0 when none is)."""
        return max((line.days_overdue for line in self.lines), default=0)


def _sum(lines: Sequence[StatementLine]) -> Decimal:
    return sum((line.open_amount for line in lines), ZERO)


def days_late(days: int, f: Formats) -> str:
    """``84 días de atraso`` / ``1 day overdue`` / ``not overdue``."""
    if days <= 0:
        return f.t("message.days_late.none")
    if days == 1:
        return f.t("message.days_late.one")
    return f.t("message.days_late.many", days=fmt.number(days, f.language))


def situation(facts: StatementFacts, f: Formats) -> str:
    """The situation in one sentence: how many invoices, how much, how late."""
    overdue = facts.overdue
    if overdue:
        key = "message.situation.one" if len(overdue) == 1 else "message.situation.many"
        text = f.t(
            key,
            count=fmt.number(len(overdue), f.language),
            total=f.money(_sum(overdue)),
            days_late=days_late(facts.oldest_days, f),
        )
    else:
        key = (
            "message.situation.none_one" if len(facts.lines) == 1 else "message.situation.none_many"
        )
        text = f.t(
            key, count=fmt.number(len(facts.lines), f.language), total=f.money(_sum(facts.lines))
        )
    if overdue and not facts.overdue_only and len(facts.lines) > len(overdue):
        text += f.t("message.situation.open_also", open_total=f.money(_sum(facts.lines)))
    return text


def _invoice_table(lines: Sequence[StatementLine], f: Formats) -> tuple[str, str]:
    t = f.t
    heads = [t(f"export.col.{c}") for c in ("number", "issue_date", "due_date", "amount")]
    heads += [t("export.col.open_amount"), t("export.col.days_overdue")]
    rows = [
        [
            line.number,
            f.day(line.issue_date, "medium"),
            f.day(line.due_date, "medium"),
            f.money(line.amount),
            f.money(line.open_amount),
            fmt.number(line.days_overdue, f.language),
        ]
        for line in lines
    ]
    total = [t("export.total"), "", "", "", f.money(_sum(lines)), ""]
    widths = [max(len(row[i]) for row in [heads, *rows, total]) for i in range(len(heads))]
    right = [False, False, False, True, True, True]

    def text_row(cells: list[str]) -> str:
        parts = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    text = "\n".join(text_row(row) for row in [heads, *rows, total])
    cell = "padding:4px 8px;border-bottom:1px solid #ddd;"

    def html_row(cells: list[str], tag: str, bold: bool = False) -> str:
        style = cell + ("font-weight:bold;" if bold else "")
        return (
            "<tr>"
            + "".join(
                f'<{tag} style="{style}text-align:{"right" if r else "left"}">{escape(c)}</{tag}>'
                for c, r in zip(cells, right, strict=True)
            )
            + "</tr>"
        )

    body = "".join(html_row(row, "td") for row in rows)
    html = (
        '<table style="border-collapse:collapse;font-size:13px">'
        f"<thead>{html_row(heads, 'th', True)}</thead><tbody>{body}</tbody>"
        f"<tfoot>{html_row(total, 'td', True)}</tfoot></table>"
    )
    return text, html


def _block(title: str, items: Sequence[str | tuple[str, Sequence[str]]]) -> tuple[str, str]:
    """A titled list whose items may have sub-items, as text and as HTML."""
    if not items:
        return "", ""
    text = [title]
    html = [f"<p><strong>{escape(title)}</strong></p><ul>"]
    for item in items:
        head, subs = (item, ()) if isinstance(item, str) else item
        text.append(f"- {head}")
        text += [f"    - {sub}" for sub in subs]
        inner = "".join(f"<li>{escape(sub)}</li>" for sub in subs)
        html.append(f"<li>{escape(head)}" + (f"<ul>{inner}</ul>" if subs else "") + "</li>")
    html.append("</ul>")
    return "\n".join(text), "".join(html)


def payment_instructions(company: CompanyInfo, f: Formats) -> tuple[str, str]:
    """How to pay: the cheque payee and the bank accounts (empty when none is set)."""
    items: list[str | tuple[str, Sequence[str]]] = []
    if company.cheque_payee:
        items.append(f.t("message.pay.cheque", payee=company.cheque_payee))
    if company.bank_accounts:
        items.append((f.t("message.pay.accounts"), company.bank_accounts))
    return _block(f.t("message.pay.title"), items)


def payment_notice(company: CompanyInfo, f: Formats) -> tuple[str, str]:
    """What a payment notice must say and where to send it."""
    t = f.t
    needed = [t(f"message.notice.{k}") for k in ("date", "invoices", "bank", "amount", "reference")]
    where = [
        t(f"message.notice.{key}", value=value)
        for key, value in (
            ("email", company.notify_email or company.collections_email),
            ("fax", company.notify_fax),
            ("office", company.notify_office),
        )
        if value
    ]
    items: list[str | tuple[str, Sequence[str]]] = [(t("message.notice.prepare"), needed)]
    if where:
        items.append((t("message.notice.send"), where))
    return _block(t("message.notice.title"), items)


def signature(company: CompanyInfo, f: Formats) -> tuple[str, str]:
    """The collections department's contact: name, department, phone, e-mail."""
    department = f.t("message.department", company=company.name)
    lines = [company.collections_name, department, company.collections_phone]
    lines = [line for line in lines if line]
    email = company.collections_email
    text = "\n".join([*lines, email] if email else lines)
    html_lines = [escape(line) for line in lines]
    if email:
        html_lines.append(f'<a href="mailto:{escape(email)}">{escape(email)}</a>')
    return text, "<p>" + "<br>".join(html_lines) + "</p>"


def statement_values(
    facts: StatementFacts, company: CompanyInfo, f: Formats
) -> dict[str, tuple[str, str]]:
    """Every placeholder's value as (text, HTML) for this statement."""
    lines, included = facts.lines, facts.included
    plain = {
        "company": company.name,
        "customer_name": facts.party.name,
        "customer_code": facts.party.code,
        "as_of": f.day(facts.as_of, "long"),
        "overdue_count": fmt.number(len(facts.overdue), f.language),
        "overdue_total": f.money(_sum(facts.overdue)),
        "oldest_days": fmt.number(facts.oldest_days, f.language),
        "days_late": days_late(facts.oldest_days, f),
        "open_count": fmt.number(len(lines), f.language),
        "open_total": f.money(_sum(lines)),
        "balance": f.money(_sum(lines) - facts.unapplied),
        "total": f.money(_sum(included)),
        "situation": situation(facts, f),
        "cheque_payee": company.cheque_payee,
        "collections_name": company.collections_name,
        "collections_phone": company.collections_phone,
        "collections_email": company.collections_email,
        **facts.extra,
    }
    values = {name: (text, escape(text)) for name, text in plain.items()}
    values["invoice_list"] = _invoice_table(included, f)
    values["payment_instructions"] = payment_instructions(company, f)
    values["payment_notice"] = payment_notice(company, f)
    values["signature"] = signature(company, f)
    return values


def render_text(body: str, values: dict[str, tuple[str, str]]) -> str:
    """The plain-text part: the body filled in, empty blocks leaving no gap."""
    text = fill(body, {name: value[0] for name, value in values.items()})
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_html(
    body: str, values: dict[str, tuple[str, str]], *, subject: str, language: str
) -> str:
    """The HTML part: one ``<p>`` per paragraph, blocks as tables and lists."""
    html_values = {name: value[1] for name, value in values.items()}
    parts = []
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        names = set(fields_of(paragraph))
        filled = fill(paragraph, html_values, literal=escape).strip()
        if not filled:
            continue
        if names & BLOCKS:
            parts.append(f"<div>{filled}</div>")
        else:
            parts.append("<p>" + filled.replace("\n", "<br>\n") + "</p>")
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{escape(subject)}</title></head>\n"
        '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;'
        'line-height:1.45"><div style="max-width:680px">\n'
        + "\n".join(parts)
        + "\n</div></body></html>\n"
    )


def compose_statement_email(
    facts: StatementFacts,
    company: CompanyInfo,
    template: TemplateText,
    *,
    to: Sequence[str],
    tone: str,
    f: Formats,
    attachments: Sequence[Attachment] = (),
    customer_id: int | None = None,
) -> ComposedEmail:
    """The statement e-mail from a checked template (see placeholders.check_template)."""
    values = statement_values(facts, company, f)
    subject = " ".join(fill(template.subject, {k: v[0] for k, v in values.items()}).split())
    return ComposedEmail(
        to=tuple(to),
        subject=subject,
        text=render_text(template.body, values),
        html=render_html(template.body, values, subject=subject, language=f.language),
        attachments=tuple(attachments),
        kind="statement",
        tone=tone,
        language=f.language,
        customer_id=customer_id,
    )


def email_message(composed: ComposedEmail, *, sender: str, reply_to: str | None) -> EmailMessage:
    """The MIME message: multipart/mixed holding multipart/alternative (text, HTML) and
    the attachments."""
    message = EmailMessage(policy=MAIL_POLICY)
    message["Subject"] = composed.subject
    message["From"] = sender
    message["To"] = ", ".join(composed.to)
    if reply_to:
        message["Reply-To"] = reply_to
    message["Date"] = formatdate(localtime=True)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(composed.text)
    message.add_alternative(composed.html, subtype="html")
    if composed.attachments:
        message.make_mixed()
        for item in composed.attachments:
            message.add_attachment(
                item.content, maintype=item.maintype, subtype=item.subtype, filename=item.filename
            )
    return message
