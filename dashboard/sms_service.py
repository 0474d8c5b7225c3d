"""Sending a customer's SMS: recipients, prefilled texts, checks, send once, results.

Glue between :mod:`data_access.sms_log` (who may receive, claims and results),
:mod:`dashboard.sms` (numbers, segments, templates) and a provider of
:mod:`dashboard.sms_providers`. No Dash or Flask: callbacks pass plain values and a
way to open a session (``open_session()``, a context manager that commits).

A send is refused as a whole, before anything is stored, when the text is empty or
longer than :data:`dashboard.sms.MAX_SEGMENTS` SMS, when no recipient is chosen, or
when one recipient's number is not a valid phone number (the problem names them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from phonenumbers import NumberParseException
from sqlalchemy.orm import Session

from dashboard import formatting as fmt
from dashboard.sms import (
    AUDIENCES,
    CONTACTS,
    MAX_SEGMENTS,
    MISSING,
    SELLER,
    PhoneError,
    SmsFacts,
    count_segments,
    display_phone,
    draft,
    is_landline,
    to_e164,
    too_long,
)
from dashboard.sms_providers import OutgoingSms, SmsProvider
from data_access.activity import AccessDenied, ValidationError, writable_customer
from data_access.models import Customer, Seller
from data_access.receivables import find_customer, open_items, unapplied_credit
from data_access.scope import Scope
from data_access.sms_log import (
    CONTACT,
    Claim,
    SmsRecipient,
    chosen_recipients,
    claim_sms,
    finish_sms,
    sms_recipients,
)

OpenSession = Callable[[], AbstractContextManager[Session]]
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
PREVIEW = 80  # characters of the text kept in the subject (what the timeline shows)
LANGUAGES = ("es", "en")

# Problems (message keys ``sms.<key>``; a number's is ``phone.<reason>``).
EMPTY = "error.empty"
TOO_LONG = "error.too_long"
NO_RECIPIENTS = "error.no_recipients"
BAD_RECIPIENT = "error.recipient"
EXPIRED = "error.expired"


@dataclass(frozen=True)
class Problem:
    """Why a send was refused: a message key and its values (``name``, ``phone``...)."""

    key: str
    values: tuple[tuple[str, str], ...] = ()


class SmsRefused(ValueError):
    """Nothing was stored or sent; ``problems`` says why (each naming its recipient)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(problem.key for problem in self.problems))


@dataclass(frozen=True)
class Choice:
    """A recipient as the modal offers them: a valid E.164 number or a phone problem."""

    key: str
    kind: str
    name: str
    role: str
    phone: str
    e164: str
    problem: str  # "" when the number is usable
    landline: bool
    is_primary: bool


def choices(recipients: Sequence[SmsRecipient], region: str) -> list[Choice]:
    """Each recipient with its number checked (pure)."""
    found = []
    for r in recipients:
        try:
            e164, problem = to_e164(r.phone, region), ""
        except PhoneError as error:
            e164, problem = "", error.reason
        landline = bool(e164) and is_landline(e164)
        found.append(
            Choice(r.key, r.kind, r.name, r.role, r.phone, e164, problem, landline, r.is_primary)
        )
    return found


def _plain(text: str) -> str:
    """Money text without the non-breaking spaces Babel puts in (they are not GSM-7)."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


@dataclass(frozen=True)
class Figures:
    """A customer's balance, what is overdue, how many invoices and the oldest's days."""

    balance: Decimal
    overdue: Decimal
    overdue_count: int
    days: int


def figures_for(session: Session, customer: Customer, *, as_of: dt.date, scope: Scope) -> Figures:
    """The customer's figures as of ``as_of`` (due today is not overdue)."""
    ids = [customer.id]
    items = open_items(session, as_of=as_of, scope=scope, customer_ids=ids)
    credit = unapplied_credit(session, as_of=as_of, scope=scope, customer_ids=ids)
    late = items[items["due_date"] < as_of]
    return Figures(
        balance=sum(items["open_amount"], Decimal(0)) - sum(credit["unapplied"], Decimal(0)),
        overdue=sum(late["open_amount"], Decimal(0)),
        overdue_count=len(late),
        days=max(((as_of - due).days for due in late["due_date"]), default=0),
    )


def facts_for(
    customer: Customer,
    seller: str,
    figures: Figures,
    *,
    language: str,
    currency: str,
    company: str,
) -> SmsFacts:
    """The template facts in ``language`` (money as its readers write it; pure)."""
    return SmsFacts(
        company=company,
        customer=customer.name,
        code=customer.code,
        seller=seller,
        balance=_plain(fmt.money(figures.balance, currency, language)),
        overdue=_plain(fmt.money(figures.overdue, currency, language)),
        overdue_count=figures.overdue_count,
        days=figures.days,
    )


def drafts(
    customer: Customer, seller: str, figures: Figures, *, currency: str, company: str
) -> dict[str, dict[str, str]]:
    """The prefilled text of each audience in each language."""
    texts: dict[str, dict[str, str]] = {audience: {} for audience in AUDIENCES}
    for language in LANGUAGES:
        facts = facts_for(
            customer, seller, figures, language=language, currency=currency, company=company
        )
        for audience in AUDIENCES:
            texts[audience][language] = draft(audience, language, facts)
    return texts


@dataclass(frozen=True)
class SmsForm:
    """What the modal offers for one customer: recipients and prefilled texts."""

    customer_id: int
    choices: list[Choice]
    drafts: dict[str, dict[str, str]]


def sms_form(
    session: Session,
    code: str,
    *,
    scope: Scope,
    region: str,
    as_of: dt.date,
    currency: str,
    company: str,
) -> SmsForm:
    """Recipients and texts for the customer ``code``.

    Raises:
        AccessDenied: the customer is missing or outside the scope (same answer).
    """
    customer = find_customer(session, code, scope=scope)
    if customer is None:
        raise AccessDenied(code)
    recipients = sms_recipients(session, scope=scope, customer_id=customer.id)
    figures = figures_for(session, customer, as_of=as_of, scope=scope)
    seller = session.get(Seller, customer.seller_id) if customer.seller_id else None
    texts = drafts(
        customer, seller.name if seller else "", figures, currency=currency, company=company
    )
    return SmsForm(customer.id, choices(recipients, region), texts)


@dataclass(frozen=True)
class SmsRequest:
    """A send as the browser asks for it (every value re-checked on the server)."""

    code: str
    token: str
    audience: str
    recipient_keys: Sequence[str]
    text: str


@dataclass(frozen=True)
class Outcome:
    """One recipient's SMS after the send."""

    message_id: int
    name: str
    phone: str  # E.164
    status: str  # sending, sent, failed, outbox
    error: str
    new: bool  # False: an earlier click already sent it; nothing was sent now


def _check_text(text: object) -> list[Problem]:
    if not isinstance(text, str) or "\x00" in text:
        return [Problem(EMPTY)]
    if not text.strip():
        return [Problem(EMPTY)]
    if too_long(count_segments(text.strip())):
        return [Problem(TOO_LONG, (("max", str(MAX_SEGMENTS)),))]
    return []


def _check_numbers(
    recipients: Sequence[SmsRecipient], audience: str, region: str
) -> tuple[list[Choice], list[Problem]]:
    checked = choices(recipients, region)
    problems = []
    for choice in checked:
        if (choice.kind == CONTACT) != (audience == CONTACTS):
            problems.append(Problem(BAD_RECIPIENT))
        elif choice.problem:
            values = (("name", choice.name), ("phone", choice.phone), ("region", region))
            problems.append(Problem(f"phone.{choice.problem or MISSING}", values))
    return checked, problems


def _claims(
    sess: Session, request: SmsRequest, *, scope: Scope, user_id: int, region: str
) -> list[tuple[Choice, Claim, str]]:
    """Check everything, then claim one message per recipient (see data_access.sms_log)."""
    problems = _check_text(request.text)
    if request.audience not in AUDIENCES or not TOKEN.fullmatch(str(request.token or "")):
        problems.append(Problem(EXPIRED))
    customer = find_customer(sess, request.code, scope=scope)
    if customer is None:
        raise AccessDenied(request.code)
    writable_customer(sess, scope=scope, user_id=user_id, customer_id=customer.id)
    try:
        recipients = chosen_recipients(
            sess,
            scope=scope,
            user_id=user_id,
            customer_id=customer.id,
            keys=request.recipient_keys,
        )
    except ValidationError as error:
        missing = error.errors.get("recipients") == "required"
        raise SmsRefused(
            [*problems, Problem(NO_RECIPIENTS if missing else BAD_RECIPIENT)]
        ) from None
    checked, number_problems = _check_numbers(recipients, request.audience, region)
    if problems or number_problems:
        raise SmsRefused(problems + number_problems)
    text = request.text.strip()
    preview = text if len(text) <= PREVIEW else text[: PREVIEW - 1].rstrip() + "…"
    claimed = []
    for choice in checked:
        claim = claim_sms(
            sess,
            customer_id=customer.id,
            seller_id=customer.seller_id if choice.kind == SELLER else None,
            recipient=choice.e164,
            subject=f"{choice.name}: {preview}",
            body=text,
            dedupe_key=f"sms:{customer.id}:{request.token}:{choice.key}",
            user_id=user_id,
        )
        claimed.append((choice, claim, f"{customer.code} {customer.name}"))
    return claimed


def send_sms(
    open_session: OpenSession,
    provider: SmsProvider,
    request: SmsRequest,
    *,
    scope: Scope,
    user_id: int,
    region: str,
) -> list[Outcome]:
    """Check, store and send the SMS of ``request``, each recipient at most once.

    Three steps: claim the messages and commit; hand the new ones to ``provider``
    (outside any transaction); record the results and commit. A repeated request
    (same token) sends nothing and reports the stored messages.

    Raises:
        AccessDenied: the customer is missing or outside the scope, or a read-only role.
        SmsRefused: bad text, recipients or numbers; nothing was stored.
    """
    with open_session() as sess:
        claimed = _claims(sess, request, scope=scope, user_id=user_id, region=region)
    results: dict[int, Any] = {}
    for choice, claim, customer in claimed:
        if claim.new:
            sms = OutgoingSms(claim.message_id, choice.e164, request.text.strip(), customer)
            results[claim.message_id] = provider.send(sms)
    if results:
        with open_session() as sess:
            for message_id, result in results.items():
                finish_sms(
                    sess,
                    message_id=message_id,
                    status=result.status,
                    error=result.error,
                    provider=provider.name,
                    provider_id=result.provider_id,
                    user_id=user_id,
                )
    outcomes = []
    for choice, claim, _ in claimed:
        result = results.get(claim.message_id)
        status = result.status if result else claim.status
        error = result.error if result else claim.error
        outcomes.append(
            Outcome(claim.message_id, choice.name, choice.e164, status, error, claim.new)
        )
    return outcomes


def shown_phone(e164: str) -> str:
    """A stored E.164 number as people read it (as stored when it no longer parses)."""
    try:
        return display_phone(e164)
    except NumberParseException:  # a number stored by an older rule
        return e164
