"""Collection work on a customer: notes (*excuses*) and tasks (*promises*). Writes and reads.

A good note answers who we spoke with (``contact_id`` or ``contact_name``), why they
have not paid (``reason``, one of the five reasons of the product docs or ``other``,
and ``body``) and what was agreed (``agreement``), with hashtags in the text. A task
says what someone will do, for whom (``assignee_id``, with a ``supervisor_id`` when
it is someone else) and by when (``due_date``), optionally with a promise to pay.

Rules every function here keeps:

* It takes the caller's session and never commits (``with session_scope()`` does).
* The acting user's :class:`~data_access.scope.Scope` is checked on the server for
  every customer or task id: one outside the scope raises :class:`AccessDenied` with
  the same message as one that does not exist, so ids do not leak. ``viewer`` is a
  read-only role: its writes are refused whatever the id.
* Input is validated completely before anything is written; :class:`ValidationError`
  carries every problem as ``{field: message key}`` (the keys are the constants below).
* Every write adds an :class:`~data_access.models.AuditEntry` (who, what, when).
* Texts are stored as typed, trimmed of surrounding whitespace, never HTML-escaped:
  the UI shows them as text.

Decisions: a promise larger than the customer's balance is allowed (customers pay
future invoices, interest or round up); :func:`promise_warnings` reports it as
``{"promise_amount": "exceeds_balance"}`` and the task's audit entry keeps it. A task
given to someone else without a supervisor is supervised by whoever created it. An
"open charge" is an invoice or debit note of the customer with ``open_amount > 0``
(the ledger as it stands, kept current by :mod:`data_access.ledger_store`).

Layering note: hashtags are parsed by the pure :func:`data_access.hashtags.parse_hashtags`
(no Dash, Flask or SQLAlchemy in it), the one place where data_access imports from
dashboard; the parser can move under data_access without changing any caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Select, and_, false, insert, or_, select
from sqlalchemy.orm import Session, aliased

from data_access import audit
from data_access.hashtags import parse_hashtags
from data_access.models import (
    CENT,
    CHARGE_KINDS,
    Contact,
    Customer,
    Document,
    Note,
    Task,
    User,
    note_hashtags,
    task_documents,
)
from data_access.receivables import open_items, unapplied_credit
from data_access.scope import Scope

CHANNELS = ("call", "visit", "email", "sms", "whatsapp")
REASONS = ("forgot", "cannot_pay", "dispute", "unaware", "fraud", "other")
READ_ONLY_ROLES = ("viewer",)
CUSTOMER_NOT_FOUND = "customer not found"
TASK_NOT_FOUND = "task not found"
READ_ONLY_MESSAGE = "read-only role"
MAX_AMOUNT = Decimal("9999999999999999.99")  # NUMERIC(18, 2)
MAX_PAGE = 500

# Message keys of ValidationError (and of promise warnings).
REQUIRED = "required"
TOO_SHORT = "too_short"
TOO_LONG = "too_long"
INVALID = "invalid"
INVALID_CHOICE = "invalid_choice"
NOT_FOUND = "not_found"
INACTIVE = "inactive"
READ_ONLY = "read_only"
IN_THE_PAST = "in_the_past"
NOT_POSITIVE = "not_positive"
TOO_MANY_DECIMALS = "too_many_decimals"
TOO_LARGE = "too_large"
NOT_OPEN_CHARGE = "not_open_charge"
ONLY_FOR_DISPUTE = "only_for_dispute"
NOT_OPEN = "not_open"
EXCEEDS_BALANCE = "exceeds_balance"


class AccessDenied(PermissionError):
    """The acting user may not see or change this customer or task (or it does not exist)."""


class ValidationError(ValueError):
    """Input that cannot be saved; nothing was written.

    Attributes:
        errors: field name -> message key (such as ``{"body": "required"}``).
    """

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {key}" for field, key in sorted(errors.items())))


# --- shared checks (also used by data_access.contacts) ------------------------------


def utc_now(now: dt.datetime | None = None) -> dt.datetime:
    """``now`` as naive UTC (how the models store times); the current time when None."""
    if now is None:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if now.tzinfo is not None:
        return now.astimezone(dt.UTC).replace(tzinfo=None)
    return now


def is_id(value: object) -> bool:
    """Whether ``value`` can be a primary key: an int (not a bool) in the 64-bit range."""
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


def visible_customer(session: Session, *, scope: Scope, customer_id: int) -> Customer:
    """The customer if ``scope`` may see it.

    Raises:
        AccessDenied: it does not exist or is outside the scope (same message).
    """
    customer = None
    if is_id(customer_id):
        customer = session.scalar(
            select(Customer).where(Customer.id == customer_id, scope.customer_clause())
        )
    if customer is None:
        raise AccessDenied(CUSTOMER_NOT_FOUND)
    return customer


def check_writer(scope: Scope, user_id: int) -> None:
    """Refuse writes by read-only roles, and by a user acting under someone else's scope.

    Raises:
        AccessDenied: when ``scope`` may not write as ``user_id``.
    """
    if scope.role in READ_ONLY_ROLES:
        raise AccessDenied(READ_ONLY_MESSAGE)
    if scope.restricted and scope.user_id != user_id:
        raise AccessDenied(CUSTOMER_NOT_FOUND)


def writable_customer(
    session: Session, *, scope: Scope, user_id: int, customer_id: int
) -> Customer:
    """The customer if ``user_id`` acting under ``scope`` may change it.

    Raises:
        AccessDenied: read-only role, or the customer is missing or outside the scope.
    """
    check_writer(scope, user_id)
    return visible_customer(session, scope=scope, customer_id=customer_id)


def clean_text(
    errors: dict[str, str], field: str, value: object, *, min_len: int, max_len: int
) -> str:
    """``value`` trimmed; records ``required``/``too_short``/``too_long``/``invalid``."""
    if not isinstance(value, str) or "\x00" in value:
        errors[field] = INVALID
        return ""
    text = value.strip()
    if len(text) < min_len:
        errors[field] = REQUIRED if not text else TOO_SHORT
    elif len(text) > max_len:
        errors[field] = TOO_LONG
    return text


def _choice(errors: dict[str, str], field: str, value: object, options: Sequence[str]) -> None:
    if value not in options:
        errors[field] = REQUIRED if value in (None, "") else INVALID_CHOICE


def _id_list(values: Sequence[int]) -> list[int] | None:
    """Distinct ids in order, or None when one of them is not an id."""
    if values is None:
        return []
    if isinstance(values, str | bytes) or not all(is_id(value) for value in values):
        return None
    return list(dict.fromkeys(values))


def _open_charges(
    session: Session, errors: dict[str, str], field: str, customer_id: int, ids: Sequence[int]
) -> list[Document]:
    """The open invoices and debit notes of the customer with these ids (all or error)."""
    wanted = _id_list(ids)
    if not wanted:
        if wanted is None:
            errors[field] = NOT_OPEN_CHARGE
        return []
    documents = list(
        session.scalars(
            select(Document)
            .where(
                Document.id.in_(wanted),
                Document.customer_id == customer_id,
                Document.kind.in_(CHARGE_KINDS),
                Document.open_amount > 0,
            )
            .order_by(Document.id)
        )
    )
    if len(documents) != len(wanted):
        errors[field] = NOT_OPEN_CHARGE
    return documents


def _active_user(
    session: Session, errors: dict[str, str], field: str, user_id: int | None, *, required: bool
) -> None:
    if user_id is None:
        if required:
            errors[field] = REQUIRED
        return
    user = session.get(User, user_id) if is_id(user_id) else None
    if user is None:
        errors[field] = NOT_FOUND
    elif not user.active:
        errors[field] = INACTIVE
    elif user.role in READ_ONLY_ROLES:
        errors[field] = READ_ONLY


def _not_before(errors: dict[str, str], field: str, day: object, today: dt.date) -> None:
    if day is None:
        errors[field] = REQUIRED
    elif not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        errors[field] = INVALID
    elif day < today:
        errors[field] = IN_THE_PAST


def _money(errors: dict[str, str], field: str, value: object) -> Decimal | None:
    """A positive amount with at most two decimals, or None (and an error)."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        amount = Decimal("NaN")
    if isinstance(value, bool) or not amount.is_finite():
        errors[field] = INVALID
    elif amount <= 0:
        errors[field] = NOT_POSITIVE
    elif amount > MAX_AMOUNT:
        errors[field] = TOO_LARGE
    elif amount != amount.quantize(CENT):
        errors[field] = TOO_MANY_DECIMALS
    else:
        return amount.quantize(CENT)
    return None


def _log(
    session: Session,
    user_id: int,
    action: str,
    entity_id: int,
    details: dict[str, Any],
    at: dt.datetime,
) -> None:
    """Audit ``action`` (``"note.add"``) on the entity its prefix names (``"note"``)."""
    audit.record(
        session,
        user_id=user_id,
        action=action,
        entity=action.partition(".")[0],
        entity_id=entity_id,
        details=details,
        at=at,
    )


# --- notes --------------------------------------------------------------------------


@dataclass(frozen=True)
class _NoteInput:
    channel: str
    reason: str
    body: str
    agreement: str
    contact_id: int | None
    contact_name: str
    disputed_document_ids: Sequence[int]


@dataclass(frozen=True)
class _CleanNote:
    channel: str
    reason: str
    body: str
    agreement: str
    contact_id: int | None
    contact_name: str
    disputed: list[Document]
    hashtags: list[str]


def _check_contact(
    session: Session, errors: dict[str, str], customer_id: int, raw: _NoteInput
) -> tuple[int | None, str]:
    """An existing contact of this customer, a typed name, or both (the name wins)."""
    name = clean_text(errors, "contact_name", raw.contact_name, min_len=0, max_len=200)
    if raw.contact_id is None:
        if not name and "contact_name" not in errors:
            errors["contact_name"] = REQUIRED
        return None, name
    contact = session.get(Contact, raw.contact_id) if is_id(raw.contact_id) else None
    if contact is None or contact.customer_id != customer_id:
        errors["contact_id"] = NOT_FOUND
        return None, name
    return contact.id, name or contact.name


def _check_note(
    session: Session, customer_id: int, raw: _NoteInput
) -> tuple[dict[str, str], _CleanNote]:
    errors: dict[str, str] = {}
    _choice(errors, "channel", raw.channel, CHANNELS)
    _choice(errors, "reason", raw.reason, REASONS)
    body = clean_text(errors, "body", raw.body, min_len=1, max_len=2000)
    agreement = clean_text(errors, "agreement", raw.agreement, min_len=0, max_len=1000)
    contact_id, contact_name = _check_contact(session, errors, customer_id, raw)
    field = "disputed_document_ids"
    disputed = _open_charges(session, errors, field, customer_id, raw.disputed_document_ids)
    if raw.disputed_document_ids and raw.reason != "dispute":
        errors[field] = ONLY_FOR_DISPUTE
    hashtags = parse_hashtags(f"{body}\n{agreement}")
    clean = _CleanNote(
        raw.channel, raw.reason, body, agreement, contact_id, contact_name, disputed, hashtags
    )
    return errors, clean


def _write_note(
    session: Session, *, user_id: int, customer_id: int, note: _CleanNote, now: dt.datetime
) -> Note:
    row = Note(
        customer_id=customer_id,
        author_id=user_id,
        contact_id=note.contact_id,
        contact_name=note.contact_name,
        channel=note.channel,
        reason=note.reason,
        body=note.body,
        agreement=note.agreement,
        created_at=now,
    )
    session.add(row)
    session.flush()
    if note.hashtags:
        session.execute(
            insert(note_hashtags), [{"note_id": row.id, "hashtag": tag} for tag in note.hashtags]
        )
    for document in note.disputed:
        _mark_disputed(session, user_id=user_id, document=document, note_id=row.id, now=now)
    details = {
        "customer_id": customer_id,
        "channel": note.channel,
        "reason": note.reason,
        "contact_id": note.contact_id,
        "contact_name": note.contact_name,
        "hashtags": note.hashtags,
        "disputed_document_ids": [document.id for document in note.disputed],
    }
    _log(session, user_id, "note.add", row.id, details, now)
    return row


def _mark_disputed(
    session: Session, *, user_id: int, document: Document, note_id: int, now: dt.datetime
) -> None:
    details = {
        "customer_id": document.customer_id,
        "number": document.number,
        "note_id": note_id,
        "was_disputed": document.disputed,
    }
    document.disputed = True
    _log(session, user_id, "document.dispute", document.id, details, now)


def add_note(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    customer_id: int,
    channel: str,
    reason: str,
    body: str,
    agreement: str = "",
    contact_id: int | None = None,
    contact_name: str = "",
    disputed_document_ids: Sequence[int] = (),
    now: dt.datetime | None = None,
) -> Note:
    """Record an excuse: who we spoke with, why they have not paid, what was agreed.

    Hashtags of ``body`` and ``agreement`` are stored in ``note_hashtags``; the open
    charges in ``disputed_document_ids`` (only with ``reason="dispute"``) are flagged
    ``disputed``. Does not commit.

    Returns:
        The new note (flushed, so it has an id).

    Raises:
        AccessDenied: the customer is missing or outside the scope, or a read-only role.
        ValidationError: with every invalid field; nothing is written.
    """
    writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    raw = _NoteInput(
        channel, reason, body, agreement, contact_id, contact_name, disputed_document_ids
    )
    errors, note = _check_note(session, customer_id, raw)
    if errors:
        raise ValidationError(errors)
    return _write_note(
        session, user_id=user_id, customer_id=customer_id, note=note, now=utc_now(now)
    )


# --- tasks --------------------------------------------------------------------------


@dataclass(frozen=True)
class _TaskInput:
    description: str
    assignee_id: int | None
    due_date: dt.date
    today: dt.date
    supervisor_id: int | None = None
    note_id: int | None = None
    promise_amount: Decimal | None = None
    promise_date: dt.date | None = None
    document_ids: Sequence[int] = ()


@dataclass(frozen=True)
class _CleanTask:
    description: str
    assignee_id: int | None
    supervisor_id: int | None
    due_date: dt.date
    note_id: int | None
    promise_amount: Decimal | None
    promise_date: dt.date | None
    documents: list[Document]
    warnings: dict[str, str]


def _check_promise(errors: dict[str, str], raw: _TaskInput) -> Decimal | None:
    """The promised amount and date go together; both are optional."""
    if raw.promise_amount is None and raw.promise_date is None:
        return None
    amount = None
    if raw.promise_amount is None:
        errors["promise_amount"] = REQUIRED
    else:
        amount = _money(errors, "promise_amount", raw.promise_amount)
    _not_before(errors, "promise_date", raw.promise_date, raw.today)
    return amount


def _check_task(
    session: Session, customer_id: int, raw: _TaskInput, *, user_id: int
) -> tuple[dict[str, str], _CleanTask]:
    errors: dict[str, str] = {}
    description = clean_text(errors, "description", raw.description, min_len=3, max_len=500)
    _active_user(session, errors, "assignee_id", raw.assignee_id, required=True)
    _active_user(session, errors, "supervisor_id", raw.supervisor_id, required=False)
    _not_before(errors, "due_date", raw.due_date, raw.today)
    amount = _check_promise(errors, raw)
    if raw.note_id is not None:
        note = session.get(Note, raw.note_id) if is_id(raw.note_id) else None
        if note is None or note.customer_id != customer_id:
            errors["note_id"] = NOT_FOUND
    documents = _open_charges(session, errors, "document_ids", customer_id, raw.document_ids)
    supervisor_id = raw.supervisor_id
    if supervisor_id is None and raw.assignee_id != user_id:
        supervisor_id = user_id
    clean = _CleanTask(
        description,
        raw.assignee_id,
        supervisor_id,
        raw.due_date,
        raw.note_id,
        amount,
        raw.promise_date if amount is not None else None,
        documents,
        {} if errors else _warnings(session, customer_id, amount, raw.today),
    )
    return errors, clean


def customer_balance(session: Session, customer_id: int, *, as_of: dt.date) -> Decimal:
    """What the customer owes as of a day: open charges less unapplied credit.

    Uses :func:`~data_access.receivables.open_items` and
    :func:`~data_access.receivables.unapplied_credit`, so it agrees with the portfolio.
    """
    everything, ids = Scope.everything(), [customer_id]
    charges = open_items(session, as_of=as_of, scope=everything, customer_ids=ids)
    credit = unapplied_credit(session, as_of=as_of, scope=everything, customer_ids=ids)
    owed = sum(charges["open_amount"], Decimal("0.00"))
    return owed - sum(credit["unapplied"], Decimal("0.00"))


def _warnings(
    session: Session, customer_id: int, amount: Decimal | None, today: dt.date
) -> dict[str, str]:
    if amount is not None and amount > customer_balance(session, customer_id, as_of=today):
        return {"promise_amount": EXCEEDS_BALANCE}
    return {}


def promise_warnings(
    session: Session,
    *,
    scope: Scope,
    customer_id: int,
    promise_amount: Decimal | None,
    today: dt.date,
) -> dict[str, str]:
    """Warnings (not errors) about a promise: ``{"promise_amount": "exceeds_balance"}``.

    A promise larger than the balance as of ``today`` is allowed (the customer may
    round up or pay invoices not issued yet); the UI can show this before saving.

    Raises:
        AccessDenied: the customer is missing or outside the scope.
    """
    visible_customer(session, scope=scope, customer_id=customer_id)
    return _warnings(session, customer_id, promise_amount, today)


def _write_task(
    session: Session, *, user_id: int, customer_id: int, task: _CleanTask, now: dt.datetime
) -> Task:
    row = Task(
        customer_id=customer_id,
        note_id=task.note_id,
        description=task.description,
        assignee_id=task.assignee_id,
        supervisor_id=task.supervisor_id,
        created_by_id=user_id,
        created_at=now,
        due_date=task.due_date,
        status="open",
        promise_amount=task.promise_amount,
        promise_date=task.promise_date,
    )
    session.add(row)
    session.flush()
    document_ids = [document.id for document in task.documents]
    if document_ids:
        session.execute(
            insert(task_documents), [{"task_id": row.id, "document_id": i} for i in document_ids]
        )
    details = {
        "customer_id": customer_id,
        "note_id": task.note_id,
        "assignee_id": task.assignee_id,
        "supervisor_id": task.supervisor_id,
        "due_date": task.due_date,
        "promise_amount": task.promise_amount,
        "promise_date": task.promise_date,
        "document_ids": document_ids,
        "warnings": task.warnings,
    }
    _log(session, user_id, "task.add", row.id, details, now)
    return row


def add_task(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    customer_id: int,
    description: str,
    assignee_id: int,
    due_date: dt.date,
    today: dt.date,
    supervisor_id: int | None = None,
    note_id: int | None = None,
    promise_amount: Decimal | None = None,
    promise_date: dt.date | None = None,
    document_ids: Sequence[int] = (),
    now: dt.datetime | None = None,
) -> Task:
    """Record a promise: what someone will do, for whom, by when (maybe a promise to pay).

    ``promise_amount`` and ``promise_date`` go together. A promise larger than the
    balance is allowed (see :func:`promise_warnings`). Does not commit.

    Returns:
        The new open task (flushed, so it has an id).

    Raises:
        AccessDenied: the customer is missing or outside the scope, or a read-only role.
        ValidationError: with every invalid field; nothing is written.
    """
    writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    raw = _TaskInput(
        description,
        assignee_id,
        due_date,
        today,
        supervisor_id,
        note_id,
        promise_amount,
        promise_date,
        document_ids,
    )
    errors, task = _check_task(session, customer_id, raw, user_id=user_id)
    if errors:
        raise ValidationError(errors)
    return _write_task(
        session, user_id=user_id, customer_id=customer_id, task=task, now=utc_now(now)
    )


def add_note_with_promise(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    customer_id: int,
    channel: str,
    reason: str,
    body: str,
    description: str,
    assignee_id: int,
    due_date: dt.date,
    today: dt.date,
    agreement: str = "",
    contact_id: int | None = None,
    contact_name: str = "",
    disputed_document_ids: Sequence[int] = (),
    supervisor_id: int | None = None,
    promise_amount: Decimal | None = None,
    promise_date: dt.date | None = None,
    document_ids: Sequence[int] = (),
    now: dt.datetime | None = None,
) -> tuple[Note, Task]:
    """The excuse and the promise of one contact, both or neither (see the two above).

    Both are validated before either is written; the errors of both come together in
    one :class:`ValidationError` (their field names do not overlap). The task points
    at the note. Does not commit.

    Raises:
        AccessDenied: the customer is missing or outside the scope, or a read-only role.
        ValidationError: with every invalid field of the note and the task.
    """
    writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    note_input = _NoteInput(
        channel, reason, body, agreement, contact_id, contact_name, disputed_document_ids
    )
    task_input = _TaskInput(
        description,
        assignee_id,
        due_date,
        today,
        supervisor_id,
        None,
        promise_amount,
        promise_date,
        document_ids,
    )
    note_errors, note = _check_note(session, customer_id, note_input)
    task_errors, task = _check_task(session, customer_id, task_input, user_id=user_id)
    if note_errors or task_errors:
        raise ValidationError({**task_errors, **note_errors})
    when = utc_now(now)
    row = _write_note(session, user_id=user_id, customer_id=customer_id, note=note, now=when)
    task = replace(task, note_id=row.id)
    return row, _write_task(session, user_id=user_id, customer_id=customer_id, task=task, now=when)


def _writable_task(session: Session, scope: Scope, user_id: int, task_id: int) -> Task:
    check_writer(scope, user_id)
    task = None
    if is_id(task_id):
        task = session.scalar(
            select(Task)
            .join(Customer, Customer.id == Task.customer_id)
            .where(Task.id == task_id, scope.customer_clause())
            .with_for_update(of=Task)
        )
    if task is None:
        raise AccessDenied(TASK_NOT_FOUND)
    return task


def complete_task(
    session: Session, *, scope: Scope, user_id: int, task_id: int, now: dt.datetime | None = None
) -> Task:
    """Mark an open task done. Does not commit.

    Raises:
        AccessDenied: the task is missing, its customer outside the scope, or read-only.
        ValidationError: ``{"status": "not_open"}`` when it is already done or cancelled.
    """
    task = _writable_task(session, scope, user_id, task_id)
    if task.status != "open":
        raise ValidationError({"status": NOT_OPEN})
    when = utc_now(now)
    task.status, task.completed_at = "done", when
    details = {"customer_id": task.customer_id, "completed_at": when}
    _log(session, user_id, "task.complete", task.id, details, when)
    session.flush()
    return task


def reassign_task(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    task_id: int,
    assignee_id: int,
    now: dt.datetime | None = None,
) -> Task:
    """Give an open task to another active user. Does not commit.

    Reassigning to the current assignee changes nothing and writes no audit entry.

    Raises:
        AccessDenied: the task is missing, its customer outside the scope, or read-only.
        ValidationError: ``assignee_id`` is not an active, writing user, or the task
            is not open (``{"status": "not_open"}``).
    """
    task = _writable_task(session, scope, user_id, task_id)
    errors: dict[str, str] = {}
    if task.status != "open":
        errors["status"] = NOT_OPEN
    _active_user(session, errors, "assignee_id", assignee_id, required=True)
    if errors:
        raise ValidationError(errors)
    if task.assignee_id == assignee_id:
        return task
    details = {"customer_id": task.customer_id, "from": task.assignee_id, "to": assignee_id}
    task.assignee_id = assignee_id
    _log(session, user_id, "task.reassign", task.id, details, utc_now(now))
    session.flush()
    return task


# --- reads for the customer wall ----------------------------------------------------

NOTE_FIELDS = (
    "id", "customer_id", "created_at", "author_id", "contact_id", "contact_name",
    "channel", "reason", "body", "agreement",
)  # fmt: skip
TASK_FIELDS = (
    "id", "customer_id", "note_id", "created_at", "created_by_id", "description", "status",
    "due_date", "completed_at", "assignee_id", "supervisor_id", "promise_amount",
    "promise_date",
)  # fmt: skip


def page_limit(limit: int) -> int:
    """A page size between 1 and MAX_PAGE."""
    return max(1, min(int(limit), MAX_PAGE))


def older_than(
    query: Select, model: type[Note] | type[Task], before: int | None, *criteria: Any
) -> Select:
    """Keyset paging: rows after the row ``before`` in (created_at, id) descending order.

    The cursor row must itself match ``criteria`` (the page's own filters), so a cursor
    naming a row the caller may not see gives an empty page, not a hint about it.
    """
    if before is None:
        return query
    if not is_id(before):
        return query.where(false())
    cursor = (
        select(model.created_at)
        .where(model.id == before, *criteria)
        .correlate(None)
        .scalar_subquery()
    )
    return query.where(
        or_(model.created_at < cursor, and_(model.created_at == cursor, model.id < before))
    )


def hashtags_of(session: Session, note_ids: list[int]) -> dict[int, list[str]]:
    """The hashtags of each note (an empty list for a note without any)."""
    tags: dict[int, list[str]] = {note_id: [] for note_id in note_ids}
    if note_ids:
        rows = session.execute(
            select(note_hashtags.c.note_id, note_hashtags.c.hashtag)
            .where(note_hashtags.c.note_id.in_(note_ids))
            .order_by(note_hashtags.c.hashtag)
        )
        for note_id, tag in rows:
            tags[note_id].append(tag)
    return tags


def _note_dicts(session: Session, query: Select) -> list[dict[str, Any]]:
    rows: list[Any] = list(session.execute(query).all())
    tags = hashtags_of(session, [note.id for note, _ in rows])
    return [
        {field: getattr(note, field) for field in NOTE_FIELDS}
        | {"author_name": author_name, "hashtags": tags[note.id]}
        for note, author_name in rows
    ]


def _notes_query(limit: int, before: int | None, *criteria: Any) -> Select:
    query = select(Note, User.full_name).outerjoin(User, User.id == Note.author_id)
    query = older_than(query.where(*criteria), Note, before, *criteria)
    return query.order_by(Note.created_at.desc(), Note.id.desc()).limit(page_limit(limit))


def customer_notes(
    session: Session, *, scope: Scope, customer_id: int, limit: int, before: int | None = None
) -> list[dict[str, Any]]:
    """A page of the customer's notes, newest first, for the wall.

    Args:
        session: the caller's session.
        scope: who is asking.
        customer_id: the customer.
        limit: page size (1 to 500).
        before: the id of the last note already shown; the page continues after it.

    Returns:
        Dicts with the note's columns (:data:`NOTE_FIELDS`) plus ``author_name`` and
        ``hashtags`` (alphabetical).

    Raises:
        AccessDenied: the customer is missing or outside the scope.
    """
    visible_customer(session, scope=scope, customer_id=customer_id)
    return _note_dicts(session, _notes_query(limit, before, Note.customer_id == customer_id))


def notes_with_hashtag(
    session: Session, *, scope: Scope, hashtag: str, limit: int, before: int | None = None
) -> list[dict[str, Any]]:
    """A page of the notes tagged ``hashtag`` (with or without ``#``) in the scope's customers.

    Returns:
        The same dicts as :func:`customer_notes`, newest first.
    """
    tags = parse_hashtags("#" + hashtag.strip().removeprefix("#"))
    if not tags:
        return []
    tagged = select(note_hashtags.c.note_id).where(note_hashtags.c.hashtag == tags[0])
    visible = select(Customer.id).where(scope.customer_clause())
    query = _notes_query(limit, before, Note.id.in_(tagged), Note.customer_id.in_(visible))
    return _note_dicts(session, query)


def _documents_of(session: Session, task_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    documents: dict[int, list[tuple[int, str]]] = {task_id: [] for task_id in task_ids}
    if task_ids:
        rows = session.execute(
            select(task_documents.c.task_id, Document.id, Document.number)
            .join(Document, Document.id == task_documents.c.document_id)
            .where(task_documents.c.task_id.in_(task_ids))
            .order_by(Document.id)
        )
        for task_id, document_id, number in rows:
            documents[task_id].append((document_id, number))
    return documents


def _tasks_query(customer_id: int, status: str | None) -> Select:
    assignee, supervisor = aliased(User), aliased(User)
    query = (
        select(Task, assignee.full_name, supervisor.full_name)
        .outerjoin(assignee, assignee.id == Task.assignee_id)
        .outerjoin(supervisor, supervisor.id == Task.supervisor_id)
        .where(Task.customer_id == customer_id)
    )
    return query if status is None else query.where(Task.status == status)


def customer_tasks(
    session: Session,
    *,
    scope: Scope,
    customer_id: int,
    limit: int,
    before: int | None = None,
    status: str | None = None,
) -> list[dict[str, Any]]:
    """A page of the customer's tasks, newest first, for the wall.

    Args:
        session: the caller's session.
        scope: who is asking.
        customer_id: the customer.
        limit: page size (1 to 500).
        before: the id of the last task already shown; the page continues after it.
        status: only tasks in this status (open, done, cancelled) when given.

    Returns:
        Dicts with the task's columns (:data:`TASK_FIELDS`) plus ``assignee_name``,
        ``supervisor_name``, ``document_ids`` and ``document_numbers``.

    Raises:
        AccessDenied: the customer is missing or outside the scope.
    """
    visible_customer(session, scope=scope, customer_id=customer_id)
    mine = Task.customer_id == customer_id
    query = older_than(_tasks_query(customer_id, status), Task, before, mine)
    query = query.order_by(Task.created_at.desc(), Task.id.desc()).limit(page_limit(limit))
    rows: list[Any] = list(session.execute(query).all())
    documents = _documents_of(session, [task.id for task, _, _ in rows])
    return [
        {field: getattr(task, field) for field in TASK_FIELDS}
        | {
            "assignee_name": assignee_name,
            "supervisor_name": supervisor_name,
            "document_ids": [document_id for document_id, _ in documents[task.id]],
            "document_numbers": [number for _, number in documents[task.id]],
        }
        for task, assignee_name, supervisor_name in rows
    ]
