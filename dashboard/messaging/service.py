"""Send e-mails: compose a customer's statement from the database, and deliver once.

The API campaigns and reminders reuse:

* :func:`prepare_statement` (reads, composes; no writes) -> :class:`ComposedEmail`;
  :func:`dashboard.messaging.compose.compose_statement_email` is its pure core.
* :func:`deliver` ``(session, composed, *, dedupe_key, transport)`` -> ``Message``:
  claims the message under ``dedupe_key`` and **commits**, hands it to the transport,
  records the result and **commits** again. The same key never sends twice: a second
  call returns the first message (``sending``, ``sent`` or ``outbox``); only a
  ``failed`` one is tried again. Choose keys that name what must happen once, e.g.
  ``campaign:<id>:customer:<id>`` or ``reminder:<level>:customer:<id>``.
* :func:`dashboard.messaging.transport.transport_for` gives the configured transport.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from dashboard.aging import AgingBuckets
from dashboard.exports import customer_statement
from dashboard.i18n import translator
from dashboard.messaging.compose import (
    Attachment,
    CompanyInfo,
    ComposedEmail,
    StatementFacts,
    compose_statement_email,
    email_message,
)
from dashboard.messaging.defaults import TONES, TemplateText, default_template, tone_for
from dashboard.messaging.documents import (
    Formats,
    Party,
    invoice_pdf,
    safe_filename,
    statement_lines,
    statement_pdf,
)
from dashboard.messaging.settings import MailSettings
from dashboard.messaging.transport import DeliveryError, Transport
from data_access.activity import writable_customer
from data_access.messages import (
    claim_message,
    company_settings,
    email_contacts,
    finish_message,
    message_by_key,
    reclaim_failed,
    saved_templates,
    valid_address,
)
from data_access.models import Customer, Message
from data_access.scope import Scope

MAX_INVOICE_COPIES = 50
RECIPIENT_LENGTH = 254  # messages.recipient holds every address, comma-separated


class MessageError(ValueError):
    """A request that cannot be sent: ``field`` and ``key`` say why (texts:
    ``message.error.<key>``), ``values`` fill the text in."""

    def __init__(self, field: str, key: str, **values: str) -> None:
        self.field, self.key, self.values = field, key, values
        super().__init__(f"{field}: {key} {values}".strip())


@dataclass(frozen=True)
class Sender:
    """Who sends and with which settings: the acting user and the installation."""

    scope: Scope
    user_id: int
    today: dt.date
    currency: str
    buckets: AgingBuckets
    company_name: str  # CARTERA_COMPANY, unless the company settings name another
    mail: MailSettings
    default_language: str = "es"


@dataclass(frozen=True)
class StatementRequest:
    """What the "Send statement" form asks for."""

    customer_id: int
    contact_ids: tuple[int, ...] = ()
    other_addresses: str = ""
    overdue_only: bool = True
    tone: str | None = None  # None: by the age of the debt
    language: str | None = None  # None: the customer's, else the company default


def company_info(stored: dict[str, str], *, default_name: str, mail: MailSettings) -> CompanyInfo:
    """The company as e-mails describe it; the collections e-mail defaults to Reply-To."""
    reply = (mail.reply_to or "").rpartition("<")[2].rstrip(">") or ""
    accounts = tuple(line.strip() for line in stored.get("bank_accounts", "").splitlines())
    return CompanyInfo(
        name=stored.get("company_name") or default_name,
        cheque_payee=stored.get("cheque_payee", ""),
        bank_accounts=tuple(line for line in accounts if line),
        notify_email=stored.get("notify_email", ""),
        notify_fax=stored.get("notify_fax", ""),
        notify_office=stored.get("notify_office", ""),
        collections_name=stored.get("collections_name", ""),
        collections_phone=stored.get("collections_phone", ""),
        collections_email=stored.get("collections_email") or reply,
    )


def statement_template(session: Session, tone: str, language: str) -> TemplateText:
    """The admin's template for (tone, language), else the built-in one."""
    row = saved_templates(session).get((tone, language))
    return TemplateText(row.subject, row.body) if row else default_template(tone, language)


def message_language(customer: Customer, requested: str | None, company_default: str) -> str:
    """The language asked for, else the customer's, else the company's."""
    for language in (requested, customer.language, company_default):
        if language in ("es", "en"):
            return str(language)
    return "es"


def statement_facts(
    session: Session, customer: Customer, sender: Sender, *, overdue_only: bool
) -> StatementFacts:
    """The customer's statement today, as the e-mail needs it."""
    found = customer_statement(session, customer, as_of=sender.today, scope=sender.scope)
    place = ", ".join(p for p in (customer.address, customer.city, customer.country) if p)
    party = Party(customer.code, customer.name, customer.tax_id or "", place)
    lines = tuple(statement_lines(found.documents))
    return StatementFacts(party, found.as_of, lines, found.unapplied, overdue_only)


def statement_attachments(
    facts: StatementFacts, company: CompanyInfo, buckets: AgingBuckets, f: Formats
) -> list[Attachment]:
    """The statement of account and a copy of each invoice the e-mail is about."""
    t, code = f.t, safe_filename(facts.party.code)
    statement = statement_pdf(
        facts.party,
        facts.lines,
        as_of=facts.as_of,
        unapplied=facts.unapplied,
        company=company.name,
        buckets=buckets,
        f=f,
    )
    files = [
        Attachment(t("message.file.statement", code=code, date=facts.as_of.isoformat()), statement)
    ]
    for line in facts.included[:MAX_INVOICE_COPIES]:
        kind = t(f"message.file.kind.{line.kind}")
        name = t("message.file.invoice", kind=kind, number=safe_filename(line.number))
        files.append(
            Attachment(
                name, invoice_pdf(facts.party, line, as_of=facts.as_of, company=company.name, f=f)
            )
        )
    return files


def recipients(session: Session, request: StatementRequest, sender: Sender) -> tuple[str, ...]:
    """The chosen contacts' addresses and the other addresses typed, checked.

    Raises:
        MessageError: no recipient, a contact that is not the customer's (or has no
            valid address), an invalid typed address, or too many addresses.
    """
    contacts = email_contacts(
        session, scope=sender.scope, user_id=sender.user_id, customer_id=request.customer_id
    )
    by_id = {contact.id: contact for contact in contacts}
    addresses: list[str] = []
    for contact_id in request.contact_ids:
        contact = by_id.get(contact_id)
        if contact is None or not valid_address(contact.email or ""):
            raise MessageError("contacts", "bad_contact", name=contact.name if contact else "?")
        addresses.append(str(contact.email))
    for typed in request.other_addresses.replace(";", ",").split(","):
        if typed.strip() and not valid_address(typed.strip()):
            raise MessageError("other_addresses", "bad_address", address=typed.strip())
        if typed.strip():
            addresses.append(typed.strip())
    unique = tuple(dict.fromkeys(addresses))
    if not unique:
        raise MessageError("contacts", "no_recipient")
    if len(", ".join(unique)) > RECIPIENT_LENGTH:
        raise MessageError("other_addresses", "too_many")
    return unique


def prepare_statement(
    session: Session,
    request: StatementRequest,
    sender: Sender,
    *,
    to: Sequence[str] = (),
    with_attachments: bool = True,
    template: TemplateText | None = None,
) -> ComposedEmail:
    """The statement e-mail for a customer the sender may write to (nothing is written);
    ``template`` replaces the stored one (the templates page's live preview).

    Raises:
        AccessDenied: read-only role, or the customer is missing or outside the scope.
        MessageError: nothing to send (no overdue or no open invoices), or a bad tone.
    """
    customer = writable_customer(
        session, scope=sender.scope, user_id=sender.user_id, customer_id=request.customer_id
    )
    facts = statement_facts(session, customer, sender, overdue_only=request.overdue_only)
    if not facts.included:
        raise MessageError(
            "documents", "nothing_overdue" if request.overdue_only else "nothing_open"
        )
    if request.tone not in (None, *TONES):
        raise MessageError("tone", "bad_tone")
    tone = request.tone or tone_for(facts.oldest_days, sender.mail.tone_days)
    stored = company_settings(session)
    language = message_language(
        customer, request.language, stored.get("default_language") or sender.default_language
    )
    f = Formats(translator(language), language, sender.currency)
    company = company_info(stored, default_name=sender.company_name, mail=sender.mail)
    files = statement_attachments(facts, company, sender.buckets, f) if with_attachments else []
    return compose_statement_email(
        facts,
        company,
        template or statement_template(session, tone, language),
        to=to,
        tone=tone,
        f=f,
        attachments=files,
        customer_id=customer.id,
    )


def deliver(
    session: Session,
    composed: ComposedEmail,
    *,
    dedupe_key: str,
    transport: Transport,
    user_id: int | None = None,
) -> Message:
    """Send ``composed`` once for ``dedupe_key`` and record it (commits; see the module).

    Raises:
        MessageError: no recipient, or more addresses than a message can record.
    """
    recipient = ", ".join(composed.to)
    if not composed.to:
        raise MessageError("contacts", "no_recipient")
    if len(recipient) > RECIPIENT_LENGTH:
        raise MessageError("other_addresses", "too_many")
    message, mine = _claim(session, composed, recipient, dedupe_key, user_id)
    if not mine:
        return message
    session.commit()
    details: dict[str, Any] = {
        "kind": composed.kind,
        "tone": composed.tone,
        "language": composed.language,
        "transport": transport.kind,
        "attachments": [[a.filename, len(a.content)] for a in composed.attachments],
    }
    try:
        email = email_message(composed, sender=transport.sender, reply_to=transport.reply_to)
        delivery = transport.send(email, name=f"{message.id:08d}-{safe_filename(composed.kind)}")
        status, error = delivery.status, delivery.note
    except DeliveryError as failure:
        status, error = "failed", str(failure)
    except Exception as failure:  # noqa: BLE001 - whatever happened, the claim must not stay "sending"
        status, error = "failed", f"{type(failure).__name__}: {failure}"
    finish_message(session, message, status=status, error=error, user_id=user_id, details=details)
    session.commit()
    return message


def _claim(
    session: Session, composed: ComposedEmail, recipient: str, dedupe_key: str, user_id: int | None
) -> tuple[Message, bool]:
    """The key's message, and whether this call owns it (and must send it now)."""
    existing = message_by_key(session, dedupe_key)
    if existing is not None:
        if existing.status == "failed" and reclaim_failed(session, existing):
            existing.recipient, existing.subject = recipient, composed.subject[:300]
            existing.body = composed.text
            return existing, True
        return existing, False
    claimed = claim_message(
        session,
        dedupe_key=dedupe_key,
        channel="email",
        recipient=recipient,
        subject=composed.subject,
        body=composed.text,
        customer_id=composed.customer_id,
        seller_id=composed.seller_id,
        user_id=user_id,
    )
    if claimed is not None:
        return claimed, True
    taken = message_by_key(session, dedupe_key)  # claimed meanwhile by someone else
    if taken is None:  # pragma: no cover - a UNIQUE violation means the row exists
        raise RuntimeError(f"message {dedupe_key!r} is neither new nor stored")
    return taken, False


def statement_key(customer_id: int, token: str) -> str:
    """The dedupe key of one "Send statement" form (a token made when it opened)."""
    return f"statement:{customer_id}:{token}"[:200]


def send_statement(
    session: Session,
    request: StatementRequest,
    sender: Sender,
    *,
    token: str,
    transport: Transport,
) -> tuple[Message, bool]:
    """Send the statement e-mail once per form ``token``; (message, whether sent now).

    A second "Send" with the same token returns the first message (False) unless it
    failed, in which case it is tried again.

    Raises:
        AccessDenied: read-only role, or the customer is missing or outside the scope.
        MessageError: a bad recipient, or nothing to send.
    """
    key = statement_key(request.customer_id, token)
    earlier = message_by_key(session, key)
    if earlier is not None and earlier.status != "failed":
        writable_customer(
            session, scope=sender.scope, user_id=sender.user_id, customer_id=request.customer_id
        )
        return earlier, False
    to = recipients(session, request, sender)
    composed = prepare_statement(session, request, sender, to=to)
    message = deliver(
        session, composed, dedupe_key=key, transport=transport, user_id=sender.user_id
    )
    return message, True
