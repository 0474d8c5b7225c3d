"""Who to call at a customer (contacts, one of them primary) and the customer's tags.

Same rules as :mod:`data_access.activity`: a session from the caller and no commit,
the scope re-checked for the customer (:class:`~data_access.activity.AccessDenied`),
complete validation before any write (:class:`~data_access.activity.ValidationError`),
and an audit entry for every change.

Phones may hold digits, spaces, ``-``, ``(``, ``)`` and a leading ``+``, with 7 to 15
digits (E.164 allows 15). E-mail addresses are checked with a deliberately simple
pattern (no ``email-validator`` dependency): an ASCII local part of the usual
characters without leading, trailing or double dots, ``@``, and a domain of dotted
labels (letters in any script, digits, ``-``) ending in a two-letter-or-longer
top-level domain; 254 characters at most. Empty phone, e-mail and role are stored
as NULL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access import audit
from data_access.activity import (
    INVALID,
    NOT_FOUND,
    TOO_LONG,
    ValidationError,
    clean_text,
    is_id,
    visible_customer,
    writable_customer,
)
from data_access.models import Contact, Tag
from data_access.scope import Scope

PHONE_DIGITS = (7, 15)
TAG_LENGTH = 60
_PHONE = re.compile(r"\+?[0-9 ()\-]+")
_EMAIL = re.compile(
    r"(?=[^@]{1,64}@)"
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}"
)
CONTACT_FIELDS = ("name", "role", "phone", "email", "is_primary")


def valid_phone(phone: str) -> bool:
    """Whether ``phone`` looks like a phone number (see the module docstring)."""
    digits = sum(char.isdigit() for char in phone)
    return _PHONE.fullmatch(phone) is not None and PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]


def valid_email(email: str) -> bool:
    """Whether ``email`` looks like an e-mail address (see the module docstring)."""
    return len(email) <= 254 and _EMAIL.fullmatch(email) is not None


def customer_contacts(session: Session, *, scope: Scope, customer_id: int) -> list[Contact]:
    """The customer's contacts: the primary first, then by name.

    Raises:
        AccessDenied: the customer is missing or outside the scope.
    """
    visible_customer(session, scope=scope, customer_id=customer_id)
    query = (
        select(Contact)
        .where(Contact.customer_id == customer_id)
        .order_by(Contact.is_primary.desc(), Contact.name, Contact.id)
    )
    return list(session.scalars(query))


def _contact_fields(
    errors: dict[str, str], name: str, role: str, phone: str, email: str
) -> dict[str, Any]:
    """Cleaned contact fields; a problem with any of them goes into ``errors``."""
    fields: dict[str, Any] = {
        "name": clean_text(errors, "name", name, min_len=1, max_len=200),
        "role": clean_text(errors, "role", role, min_len=0, max_len=100) or None,
        "phone": clean_text(errors, "phone", phone, min_len=0, max_len=40) or None,
        "email": clean_text(errors, "email", email, min_len=0, max_len=254) or None,
    }
    if "phone" not in errors and fields["phone"] and not valid_phone(fields["phone"]):
        errors["phone"] = INVALID
    if "email" not in errors and fields["email"] and not valid_email(fields["email"]):
        errors["email"] = INVALID
    return fields


def _contact_of(
    session: Session, errors: dict[str, str], customer_id: int, contact_id: int
) -> Contact | None:
    """The customer's contact with this id, or None and ``contact_id: not_found``."""
    contact = session.get(Contact, contact_id) if is_id(contact_id) else None
    if contact is None or contact.customer_id != customer_id:
        errors["contact_id"] = NOT_FOUND
        return None
    return contact


def _demote_others(session: Session, customer_id: int, contact_id: int) -> list[int]:
    """Make the customer's other contacts non-primary; returns the ids that changed."""
    others = session.scalars(
        select(Contact)
        .where(
            Contact.customer_id == customer_id,
            Contact.id != contact_id,
            Contact.is_primary.is_(True),
        )
        .order_by(Contact.id)
    ).all()
    for other in others:
        other.is_primary = False
    return [other.id for other in others]


def _log(
    session: Session, user_id: int, action: str, entity_id: int, details: dict[str, Any]
) -> None:
    audit.record(
        session,
        user_id=user_id,
        action=action,
        entity=action.partition(".")[0],
        entity_id=entity_id,
        details=details,
    )


def save_contact(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    customer_id: int,
    name: str,
    contact_id: int | None = None,
    role: str = "",
    phone: str = "",
    email: str = "",
    is_primary: bool = False,
) -> Contact:
    """Create a contact of the customer, or edit one (``contact_id``). Does not commit.

    With ``is_primary`` the customer's other contacts stop being primary. Editing
    without changing anything writes nothing.

    Returns:
        The contact (flushed, so it has an id).

    Raises:
        AccessDenied: the customer is missing or outside the scope, or a read-only role.
        ValidationError: a bad name, role, phone or e-mail, or ``contact_id`` is not a
            contact of this customer; nothing is written.
    """
    writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    errors: dict[str, str] = {}
    fields = _contact_fields(errors, name, role, phone, email) | {"is_primary": bool(is_primary)}
    contact = None if contact_id is None else _contact_of(session, errors, customer_id, contact_id)
    if errors:
        raise ValidationError(errors)
    if contact is None:
        contact = Contact(customer_id=customer_id, **fields)
        session.add(contact)
        changes = {field: [None, value] for field, value in fields.items()}
    else:
        changes = {
            field: [getattr(contact, field), value]
            for field, value in fields.items()
            if getattr(contact, field) != value
        }
        for field, (_, value) in changes.items():
            setattr(contact, field, value)
    session.flush()
    demoted = _demote_others(session, customer_id, contact.id) if is_primary else []
    if changes or demoted:
        action = "contact.create" if contact_id is None else "contact.update"
        details = {"customer_id": customer_id, "changes": changes, "demoted": demoted}
        _log(session, user_id, action, contact.id, details)
    return contact


def set_primary(
    session: Session, *, scope: Scope, user_id: int, customer_id: int, contact_id: int
) -> Contact:
    """Make this contact the customer's only primary one. Does not commit.

    Raises:
        AccessDenied: the customer is missing or outside the scope, or a read-only role.
        ValidationError: ``{"contact_id": "not_found"}`` when it is not the customer's.
    """
    writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    errors: dict[str, str] = {}
    contact = _contact_of(session, errors, customer_id, contact_id)
    if contact is None:
        raise ValidationError(errors)
    demoted = _demote_others(session, customer_id, contact.id)
    if demoted or not contact.is_primary:
        contact.is_primary = True
        details = {"customer_id": customer_id, "demoted": demoted}
        _log(session, user_id, "contact.set_primary", contact.id, details)
        session.flush()
    return contact


def clean_tags(tags: Sequence[str]) -> list[str]:
    """Tags trimmed, with inner spaces collapsed, lower-cased and de-duplicated in order.

    Blank entries are skipped (a trailing comma in a form is not a tag).

    Raises:
        ValidationError: ``{"tags": "too_long"}`` for a tag over 60 characters,
            ``{"tags": "invalid"}`` when ``tags`` is not a list of strings.
    """
    if isinstance(tags, str | bytes) or not all(isinstance(tag, str) for tag in tags):
        raise ValidationError({"tags": INVALID})
    names: dict[str, None] = {}
    for tag in tags:
        name = " ".join(unicodedata.normalize("NFC", tag).split()).lower()
        if "\x00" in name:
            raise ValidationError({"tags": INVALID})
        if len(name) > TAG_LENGTH:
            raise ValidationError({"tags": TOO_LONG})
        if name:
            names.setdefault(name, None)
    return list(names)


def update_tags(
    session: Session, *, scope: Scope, user_id: int, customer_id: int, tags: Sequence[str]
) -> list[str]:
    """Replace the customer's tags, creating the Tag rows that do not exist yet.

    Tags are cleaned by :func:`clean_tags`. Does not commit.

    Returns:
        The customer's tag names, alphabetical.

    Raises:
        AccessDenied: the customer is missing or outside the scope, or a read-only role.
        ValidationError: a bad tag (see :func:`clean_tags`); nothing is written.
    """
    customer = writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    names = clean_tags(tags)
    before = sorted(tag.name for tag in customer.tags)
    existing = {tag.name: tag for tag in session.scalars(select(Tag).where(Tag.name.in_(names)))}
    created = [Tag(name=name) for name in names if name not in existing]
    session.add_all(created)
    existing.update({tag.name: tag for tag in created})
    customer.tags = [existing[name] for name in names]
    session.flush()
    after = sorted(names)
    if after != before:
        details = {"before": before, "after": after, "created": [tag.name for tag in created]}
        _log(session, user_id, "customer.tags", customer_id, details)
    return after
