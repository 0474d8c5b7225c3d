"""The data-quality page's rows and tiles: checks in, plain values for layouts out.

Pure: data frames and :mod:`dashboard.quality` verdicts in, grid rows (dicts of
strings and numbers) and :class:`~dashboard.presenters.Tile` out. Dates are kept as
ISO text for sorting, with a ``*_text`` twin in the user's language; money the same
(a float for sorting, the formatted text to show).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd

from dashboard import formatting as fmt
from dashboard.i18n import Translator
from dashboard.presenters import Tile
from dashboard.quality import (
    ContactCheck,
    DateBounds,
    DuplicatePair,
    FieldCheck,
    check_email,
    check_phone,
    document_date_problems,
    payment_date_problems,
)

if TYPE_CHECKING:  # the results only; no database code in this module
    from dashboard.quality_service import ContactsResult, DatesResult, UnappliedResult

Row = dict[str, Any]
MAX_LIST_ROWS = 2000  # contacts listed at most (a grid answer of about 700 KB, 80 KB gzip)


def count_tile(title: str, count: int, note: str, language: str) -> Tile:
    """A summary tile: green edge when there is nothing to fix, amber otherwise."""
    return Tile(title, fmt.number(count, language), note, "good" if count == 0 else "warn")


def problem_text(t: Translator, check: FieldCheck) -> str:
    """What is wrong with a phone or e-mail, in words (empty when nothing)."""
    return t(f"quality.problem.{check.problem}") if check.problem else ""


@dataclass(frozen=True)
class FixPanel:
    """What the fix form shows for one contact (suggestions as button texts, or None)."""

    contact_id: int
    title: str
    phone: str
    phone_help: str
    phone_suggestion: str | None
    email: str
    email_help: str
    email_suggestion: str | None


def _help(t: Translator, check: FieldCheck) -> str:
    if check.problem is None:
        return t("quality.fix.ok")
    return t("quality.fix.problem", problem=problem_text(t, check).lower())


def fix_panel(
    t: Translator,
    *,
    contact_id: int,
    contact: str,
    customer: str,
    phone: str | None,
    email: str | None,
    region: str,
) -> FixPanel:
    """The fix form for a contact as stored now."""
    phone_check, email_check = check_phone(phone, region), check_email(email)
    return FixPanel(
        contact_id=contact_id,
        title=t("quality.fix.title", contact=contact, customer=customer),
        phone=phone or "",
        phone_help=_help(t, phone_check),
        phone_suggestion=(
            t("quality.fix.use", value=phone_check.suggestion) if phone_check.suggestion else None
        ),
        email=email or "",
        email_help=_help(t, email_check),
        email_suggestion=(
            t("quality.fix.use", value=email_check.suggestion) if email_check.suggestion else None
        ),
    )


def contact_rows(
    contacts: pd.DataFrame, checks: Sequence[ContactCheck], t: Translator
) -> list[Row]:
    """One row per contact with a problem, at most ``MAX_LIST_ROWS`` (in customer order);
    ``contacts`` and ``checks`` in the same order."""
    rows: list[Row] = []
    for contact, check in zip(contacts.itertuples(index=False), checks, strict=True):
        if not check.has_problem:
            continue
        if len(rows) == MAX_LIST_ROWS:
            break
        rows.append(
            {
                "id": str(contact.contact_id),
                "contact_id": int(contact.contact_id),
                "code": contact.customer_code,
                "customer": contact.customer_name,
                "contact": contact.name,
                "role": contact.role or "",
                "phone": contact.phone or "",
                "phone_problem": problem_text(t, check.phone),
                "phone_suggestion": check.phone.suggestion or "",
                "email": contact.email or "",
                "email_problem": problem_text(t, check.email),
                "email_suggestion": check.email.suggestion or "",
            }
        )
    return rows


def contact_tiles(
    result: ContactsResult, shown: int, t: Translator, language: str
) -> tuple[Tile, Tile]:
    """The tiles of the contacts with problems (``shown`` of them listed) and of the
    customers nobody can reach."""
    problems = sum(1 for check in result.checks if check.has_problem)
    note = contacts_note(result.checks, t, language) + _shown(t, shown, problems, language)
    contacts = count_tile(t("quality.tile.contacts"), problems, note, language)
    total = fmt.number(len(result.customers), language)
    unreachable = count_tile(
        t("quality.tile.unreachable"),
        len(result.unreachable),
        t("quality.tile.unreachable_note", total=total),
        language,
    )
    return contacts, unreachable


def contacts_note(checks: Sequence[ContactCheck], t: Translator, language: str) -> str:
    """How many phones and e-mails need fixing."""
    phones = sum(1 for check in checks if check.phone.problem)
    emails = sum(1 for check in checks if check.email.problem)
    return t(
        "quality.tile.contacts_note",
        phones=fmt.number(phones, language),
        emails=fmt.number(emails, language),
    )


def _unreachable_why(t: Translator, contacts: int) -> str:
    if contacts == 0:
        return t("quality.unreachable.no_contacts")
    if contacts == 1:
        return t("quality.unreachable.one_invalid")
    return t("quality.unreachable.none_valid", count=contacts)


def unreachable_rows(
    customers: pd.DataFrame, unreachable: Sequence[int], t: Translator
) -> list[Row]:
    """One row per customer nobody can reach, with why."""
    wanted = set(unreachable)
    rows = []
    for customer in customers.itertuples(index=False):
        if customer.customer_id not in wanted:
            continue
        count = int(customer.contacts)
        rows.append(
            {
                "id": customer.code,
                "code": customer.code,
                "customer": customer.name,
                "contacts": count,
                "why": _unreachable_why(t, count),
                "wall": t("quality.open_wall"),
            }
        )
    return rows


def duplicate_rows(pairs: Sequence[DuplicatePair], t: Translator, language: str) -> list[Row]:
    """One row per probable duplicate pair."""
    return [
        {
            "id": f"{pair.first.id}-{pair.second.id}",
            "ids": [pair.first.id, pair.second.id],
            "reason": t(f"quality.reason.{pair.reason}"),
            "similarity": round(pair.similarity, 3),
            "similarity_text": fmt.percent(pair.similarity, language, digits=0),
            "code": pair.first.code,
            "name": pair.first.name,
            "tax_id": pair.first.tax_id or "",
            "code2": pair.second.code,
            "name2": pair.second.name,
            "tax_id2": pair.second.tax_id or "",
        }
        for pair in pairs
    ]


def duplicates_note(pairs: Sequence[DuplicatePair], t: Translator, language: str) -> str:
    """How many pairs share a tax id and how many only a similar name."""
    tax = sum(1 for pair in pairs if pair.reason == "tax_id")
    return t(
        "quality.tile.duplicates_note",
        tax=fmt.number(tax, language),
        name=fmt.number(len(pairs) - tax, language),
    )


def _date(value: dt.date | None, language: str) -> tuple[str, str]:
    if value is None or pd.isna(value):
        return "", ""
    return value.isoformat(), fmt.date(value, language)


def _problems(t: Translator, keys: Sequence[str]) -> str:
    return "; ".join(t(f"quality.problem.{key}") for key in keys)


def _money(amount: Decimal, currency: str, language: str) -> tuple[float, str]:
    return float(amount), fmt.money(amount, currency, language)


def date_rows(
    documents: pd.DataFrame,
    payments: pd.DataFrame,
    bounds: DateBounds,
    *,
    t: Translator,
    language: str,
    currency: str,
) -> list[Row]:
    """Documents and payments with impossible dates, documents first."""
    rows = []
    for doc in documents.itertuples(index=False):
        issued, issued_text = _date(doc.issue_date, language)
        due, due_text = _date(doc.due_date, language)
        amount, amount_text = _money(doc.amount, currency, language)
        problems = document_date_problems(doc.issue_date, doc.due_date, bounds)
        rows.append(
            {
                "id": f"d{doc.document_id}",
                "kind": t(f"timeline.kind.{doc.kind}"),
                "number": doc.number,
                "code": doc.customer_code,
                "customer": doc.customer_name,
                "date": issued,
                "date_text": issued_text,
                "due": due,
                "due_text": due_text,
                "invoice": "",
                "invoice_date": "",
                "invoice_date_text": "",
                "amount": amount,
                "amount_text": amount_text,
                "problem": _problems(t, problems),
            }
        )
    for pay in payments.itertuples(index=False):
        invoice_issued = None if pd.isna(pay.invoice_issue_date) else pay.invoice_issue_date
        paid, paid_text = _date(pay.date, language)
        invoice_date, invoice_text = _date(invoice_issued, language)
        amount, amount_text = _money(pay.amount, currency, language)
        problems = payment_date_problems(pay.date, invoice_issued, bounds)
        rows.append(
            {
                "id": f"p{pay.payment_id}",
                "kind": t("timeline.kind.payment"),
                "number": pay.reference,
                "code": pay.customer_code,
                "customer": pay.customer_name,
                "date": paid,
                "date_text": paid_text,
                "due": "",
                "due_text": "",
                "invoice": pay.invoice_number or "",
                "invoice_date": invoice_date,
                "invoice_date_text": invoice_text,
                "amount": amount,
                "amount_text": amount_text,
                "problem": _problems(t, problems),
            }
        )
    return rows


def unapplied_rows(
    payments: pd.DataFrame, *, today: dt.date, language: str, currency: str
) -> list[Row]:
    """One row per payment with unapplied money: amount, unapplied part and age in days."""
    rows = []
    for pay in payments.itertuples(index=False):
        paid, paid_text = _date(pay.date, language)
        amount, amount_text = _money(pay.amount, currency, language)
        unapplied, unapplied_text = _money(pay.unapplied, currency, language)
        rows.append(
            {
                "id": str(pay.payment_id),
                "code": pay.customer_code,
                "customer": pay.customer_name,
                "reference": pay.reference,
                "date": paid,
                "date_text": paid_text,
                "age": (today - pay.date).days,
                "amount": amount,
                "amount_text": amount_text,
                "unapplied": unapplied,
                "unapplied_text": unapplied_text,
            }
        )
    return rows


def _shown(t: Translator, shown: int, total: int, language: str) -> str:
    if shown >= total:
        return ""
    return " · " + t(
        "quality.shown", shown=fmt.number(shown, language), total=fmt.number(total, language)
    )


def dates_note(result: DatesResult, rows: Sequence[Row], t: Translator, language: str) -> str:
    """How many documents and payments, and whether the list is cut short."""
    note = t(
        "quality.tile.dates_note",
        documents=fmt.number(result.document_total, language),
        payments=fmt.number(result.payment_total, language),
    )
    total = result.document_total + result.payment_total
    return note + _shown(t, len(rows), total, language)


def unapplied_note(
    result: UnappliedResult, rows: Sequence[Row], t: Translator, *, language: str, currency: str
) -> str:
    """How much is unapplied, in how many customers, and whether the list is cut short."""
    note = t(
        "quality.tile.unapplied_note",
        amount=fmt.money(result.amount, currency, language),
        customers=fmt.number(result.customers, language),
    )
    return note + _shown(t, len(rows), result.total, language)
