"""Messages (e-mail and SMS) and what composing them needs: templates and company settings.

Same rules as :mod:`data_access.activity`: the caller's session, no commit here, the
scope re-checked for every customer id, validation before writing, an audit entry for
every change.

A message is *claimed* before it is handed to a transport: :func:`claim_message`
inserts it with status ``sending`` under its ``dedupe_key`` (UNIQUE), so a second
claim of the same key (a double click, a retried campaign, a second worker) finds the
first instead of sending again. Statuses: ``sending`` (claimed; a crash before the
result leaves it so, and it is never sent again), ``sent``, ``outbox`` (no server
configured: stored and written as a file, not sent) and ``failed`` (with ``error``;
the only status :func:`reclaim_failed` lets a retry take over).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_access import audit
from data_access.activity import (
    INVALID,
    INVALID_CHOICE,
    TOO_LONG,
    AccessDenied,
    ValidationError,
    utc_now,
    writable_customer,
)
from data_access.models import (
    CHARGE_KINDS,
    MESSAGE_TONES,
    CompanySetting,
    Contact,
    Customer,
    Document,
    Message,
    MessageTemplate,
)
from data_access.scope import Scope

STATUSES = ("sending", "sent", "outbox", "failed")
LANGUAGES = ("es", "en")
ADMIN_ONLY = "admin only"

# Company settings: key -> longest value. bank_accounts holds one account per line.
COMPANY_KEYS: dict[str, int] = {
    "company_name": 200,
    "cheque_payee": 200,
    "bank_accounts": 2000,
    "notify_email": 254,
    "notify_fax": 40,
    "notify_office": 200,
    "collections_name": 200,
    "collections_phone": 40,
    "collections_email": 254,
    "default_language": 2,
}
EMAIL_KEYS = ("notify_email", "collections_email")


def valid_address(address: str) -> bool:
    """Whether ``address`` is a syntactically valid e-mail address (no DNS lookup)."""
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


# --- messages -----------------------------------------------------------------------


def message_by_key(session: Session, dedupe_key: str) -> Message | None:
    """The message claimed under ``dedupe_key``, if any."""
    return session.scalar(select(Message).where(Message.dedupe_key == dedupe_key))


def claim_message(
    session: Session,
    *,
    dedupe_key: str,
    channel: str,
    recipient: str,
    subject: str,
    body: str,
    customer_id: int | None,
    seller_id: int | None = None,
    user_id: int | None = None,
    now: dt.datetime | None = None,
) -> Message | None:
    """Insert the message with status ``sending``; None when ``dedupe_key`` is taken.

    Runs in a savepoint, so a concurrent claim of the same key (the UNIQUE constraint)
    leaves the caller's transaction usable.
    """
    message = Message(
        customer_id=customer_id,
        seller_id=seller_id,
        channel=channel,
        recipient=recipient,
        subject=subject[:300],
        body=body,
        status="sending",
        dedupe_key=dedupe_key,
        created_by_id=user_id,
        created_at=utc_now(now),
    )
    try:
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        return None
    return message


def reclaim_failed(session: Session, message: Message) -> bool:
    """Take a failed message back to ``sending`` for a retry; False if someone else did."""
    result = session.execute(
        update(Message)
        .where(Message.id == message.id, Message.status == "failed")
        .values(status="sending", error=None)
        .execution_options(synchronize_session=False)
    )
    session.refresh(message)
    return bool(getattr(result, "rowcount", 0))


def finish_message(
    session: Session,
    message: Message,
    *,
    status: str,
    error: str | None = None,
    user_id: int | None = None,
    details: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> Message:
    """Record how the delivery went (``sent``, ``outbox`` or ``failed``), with an audit entry."""
    if status not in STATUSES:
        raise ValueError(f"status: {status!r} is not one of {STATUSES}")
    at = utc_now(now)
    message.status = status
    message.error = error
    message.sent_at = at if status == "sent" else None
    audit.record(
        session,
        user_id=user_id,
        action=f"message.{status}",
        entity="message",
        entity_id=message.id,
        details={"dedupe_key": message.dedupe_key, "error": error, **(details or {})},
        at=at,
    )
    return message


def email_contacts(
    session: Session, *, scope: Scope, user_id: int, customer_id: int
) -> list[Contact]:
    """The customer's contacts that have an e-mail address, primary first.

    Raises:
        AccessDenied: read-only role, or the customer is missing or outside the scope.
    """
    writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    query = (
        select(Contact)
        .where(Contact.customer_id == customer_id, Contact.email.is_not(None), Contact.email != "")
        .order_by(Contact.is_primary.desc(), Contact.name, Contact.id)
    )
    return list(session.scalars(query))


def set_customer_language(
    session: Session, *, scope: Scope, user_id: int, customer_id: int, language: str | None
) -> None:
    """Remember the language to write to a customer in (None: the company default)."""
    customer = writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    if language not in (*LANGUAGES, None):
        raise ValidationError({"language": INVALID_CHOICE})
    if customer.language != language:
        audit.record(
            session,
            user_id=user_id,
            action="customer.language",
            entity="customer",
            entity_id=customer_id,
            details={"from": customer.language, "to": language},
        )
        customer.language = language


# --- templates and company settings (admin) -----------------------------------------


def _admin(scope: Scope) -> None:
    if scope.role != "admin":
        raise AccessDenied(ADMIN_ONLY)


def saved_templates(session: Session, *, kind: str = "statement") -> dict[tuple[str, str], Any]:
    """The admin's templates of ``kind`` by (tone, language)."""
    rows = session.scalars(select(MessageTemplate).where(MessageTemplate.kind == kind))
    return {(row.tone, row.language): row for row in rows}


def save_template(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    tone: str,
    language: str,
    subject: str,
    body: str,
    kind: str = "statement",
) -> MessageTemplate:
    """Create or replace the template of (kind, tone, language). The caller has checked
    its placeholders (dashboard.messaging.placeholders.check_template).

    Raises:
        AccessDenied: not an admin.
        ValidationError: unknown tone or language, or a text too long.
    """
    _admin(scope)
    errors: dict[str, str] = {}
    if tone not in MESSAGE_TONES:
        errors["tone"] = INVALID_CHOICE
    if language not in LANGUAGES:
        errors["language"] = INVALID_CHOICE
    if len(subject) > 300:
        errors["subject"] = TOO_LONG
    if errors:
        raise ValidationError(errors)
    row = saved_templates(session, kind=kind).get((tone, language))
    if row is None:
        row = MessageTemplate(kind=kind, tone=tone, language=language, subject="", body="")
        session.add(row)
    row.subject, row.body = subject, body
    row.updated_by_id, row.updated_at = user_id, utc_now()
    audit.record(
        session,
        user_id=user_id,
        action="template.save",
        entity="template",
        entity_id=f"{kind}/{tone}/{language}",
        details={"subject": subject, "body": body},
    )
    return row


def reset_template(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    tone: str,
    language: str,
    kind: str = "statement",
) -> None:
    """Forget the admin's template so the built-in default applies again."""
    _admin(scope)
    row = saved_templates(session, kind=kind).get((tone, language))
    if row is not None:
        session.delete(row)
        audit.record(
            session,
            user_id=user_id,
            action="template.reset",
            entity="template",
            entity_id=f"{kind}/{tone}/{language}",
            details={},
        )


def company_settings(session: Session) -> dict[str, str]:
    """The stored company settings (keys of :data:`COMPANY_KEYS` that have a value)."""
    return {row.key: row.value for row in session.scalars(select(CompanySetting))}


def save_company_settings(
    session: Session, *, scope: Scope, user_id: int, values: Mapping[str, str]
) -> dict[str, str]:
    """Store the company settings given (an empty value removes one); returns them all.

    Raises:
        AccessDenied: not an admin.
        ValidationError: an unknown key, a value too long or an invalid e-mail address.
    """
    _admin(scope)
    errors: dict[str, str] = {}
    clean: dict[str, str] = {}
    for key, raw in values.items():
        value = (raw or "").strip() if isinstance(raw, str) or raw is None else None
        if key not in COMPANY_KEYS or value is None or "\x00" in value:
            errors[key] = INVALID
        elif len(value) > COMPANY_KEYS[key]:
            errors[key] = TOO_LONG
        elif value and key in EMAIL_KEYS and not valid_address(value):
            errors[key] = INVALID
        elif value and key == "default_language" and value not in LANGUAGES:
            errors[key] = INVALID_CHOICE
        else:
            clean[key] = value
    if errors:
        raise ValidationError(errors)
    stored = {row.key: row for row in session.scalars(select(CompanySetting))}
    changed = {}
    for key, value in clean.items():
        row = stored.get(key)
        if (row.value if row else "") == value:
            continue
        changed[key] = value
        if not value and row is not None:
            session.delete(row)
        elif row is None:
            session.add(CompanySetting(key=key, value=value, updated_by_id=user_id))
        else:
            row.value, row.updated_by_id, row.updated_at = value, user_id, utc_now()
    if changed:
        audit.record(
            session,
            user_id=user_id,
            action="company.settings",
            entity="company",
            entity_id=None,
            details=changed,
        )
    session.flush()
    return company_settings(session)


def preview_customers(
    session: Session, *, scope: Scope, limit: int = 300
) -> list[tuple[int, str, str]]:
    """(id, code, name) of customers with open invoices or debit notes, by name: the
    customers a template can be previewed on."""
    has_open = (
        select(Document.id)
        .where(
            Document.customer_id == Customer.id,
            Document.kind.in_(CHARGE_KINDS),
            Document.open_amount > 0,
        )
        .exists()
    )
    query = (
        select(Customer.id, Customer.code, Customer.name)
        .where(has_open, scope.customer_clause())
        .order_by(Customer.name, Customer.id)
        .limit(limit)
    )
    return [(row.id, row.code, row.name) for row in session.execute(query)]
