"""Contacts (one primary) and customer tags, on SQLite and PostgreSQL (data_access.contacts).

The portfolio is tests.factories.build_portfolio: C1 (collector cobra1, tags
hardware and wholesale) and C2 (collector cobra2).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_access import audit
from data_access.activity import AccessDenied, ValidationError
from data_access.contacts import (
    clean_tags,
    customer_contacts,
    save_contact,
    set_primary,
    update_tags,
    valid_email,
    valid_phone,
)
from data_access.models import AuditEntry, Contact, Customer, Tag, customer_tags
from data_access.scope import Scope
from tests.factories import build_portfolio


@pytest.fixture
def book(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = build_portfolio(session)
    session.commit()
    c1, c2 = data["customers"][:2]
    scopes = {
        name: Scope(user_id=data[name].id, role=data[name].role)
        for name in ("admin", "cobra1", "cobra2", "viewer")
    }
    return data | {"c1": c1, "c2": c2, "scopes": scopes}


def as_user(book: dict[str, Any], name: str, customer: str = "c1") -> dict[str, Any]:
    return {
        "scope": book["scopes"][name],
        "user_id": book[name].id,
        "customer_id": book[customer].id,
    }


def counts(session: Session) -> dict[str, int]:
    tables = {
        "contacts": Contact.__table__, "tags": Tag.__table__, "customer_tags": customer_tags,
        "audit": AuditEntry.__table__,
    }  # fmt: skip
    result = {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in tables.items()
    }
    primary = select(func.count()).select_from(Contact).where(Contact.is_primary.is_(True))
    result["primary"] = session.scalar(primary) or 0
    return result


# --- pure checks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("+58(212)286-3504", True),
        ("+1 (829) 412-3122", True),
        ("0212 555 1234", True),
        ("5551234", True),  # 7 digits
        ("555123", False),  # 6 digits
        ("+1234567890123456", False),  # 16 digits
        ("123456789012345", True),  # 15 digits
        ("555-CALL-NOW", False),
        ("58+212 286 3504", False),  # "+" only first
        ("212.286.3504", False),
        ("", False),
    ],
)
def test_valid_phone(phone: str, ok: bool) -> None:
    assert valid_phone(phone) is ok


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("afiguera@nimbox.com", True),
        ("pagos+cartera@empresa.com.ve", True),
        ("o'brien@example.co.uk", True),
        ("ana@compañía.com", True),
        ("ana", False),
        ("ana@", False),
        ("@empresa.com", False),
        ("ana@empresa", False),
        ("ana@@empresa.com", False),
        ("ana @empresa.com", False),
        (".ana@empresa.com", False),
        ("ana.@empresa.com", False),
        ("an..a@empresa.com", False),
        ("ana@-empresa.com", False),
        ("ana@empresa.c", False),
        ("ana@empresa.com\n", False),
        ("a" * 65 + "@empresa.com", False),
        ("a@" + "b" * 60 + "." + "c" * 200 + ".com", False),  # over 254 in all
    ],
)
def test_valid_email(email: str, ok: bool) -> None:
    assert valid_email(email) is ok


def test_clean_tags() -> None:
    tags = ["  Mayorista ", "mayorista", "Zona   Norte", "", "   ", "Café"]
    assert clean_tags(tags) == ["mayorista", "zona norte", "café"]
    with pytest.raises(ValidationError) as caught:
        clean_tags(["ok", "x" * 61])
    assert caught.value.errors == {"tags": "too_long"}
    with pytest.raises(ValidationError):
        clean_tags("mayorista")  # a string, not a list of tags


# --- contacts -----------------------------------------------------------------------


def test_create_contact_and_audit(session: Session, book: dict[str, Any]) -> None:
    contact = save_contact(
        session, **as_user(book, "cobra1"), name=" Marisol Pérez ", role="Tesorería",
        phone="+58(212)286-3504", email="marisol@tornillo.com.ve", is_primary=True,
    )  # fmt: skip
    session.commit()
    session.expire_all()
    stored = session.get(Contact, contact.id)
    assert stored is not None
    assert (stored.customer_id, stored.name, stored.role) == (
        book["c1"].id, "Marisol Pérez", "Tesorería",
    )  # fmt: skip
    assert (stored.phone, stored.email, stored.is_primary) == (
        "+58(212)286-3504", "marisol@tornillo.com.ve", True,
    )  # fmt: skip
    [entry] = audit.entries(session, entity="contact", entity_id=contact.id)
    assert (entry.action, entry.user_id) == ("contact.create", book["cobra1"].id)
    details = audit.details_of(entry)
    assert details["customer_id"] == book["c1"].id
    assert details["changes"]["name"] == [None, "Marisol Pérez"]


def test_blank_optional_fields_are_null(session: Session, book: dict[str, Any]) -> None:
    contact = save_contact(session, **as_user(book, "cobra1"), name="Jorge", phone="  ")
    assert (contact.role, contact.phone, contact.email, contact.is_primary) == (
        None, None, None, False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"name": ""}, {"name": "required"}),
        ({"name": "x" * 201}, {"name": "too_long"}),
        ({"role": "x" * 101}, {"role": "too_long"}),
        ({"phone": "12345"}, {"phone": "invalid"}),
        ({"phone": "x" * 41}, {"phone": "too_long"}),
        ({"email": "no-es-correo"}, {"email": "invalid"}),
        ({"name": "", "email": "a@b"}, {"name": "required", "email": "invalid"}),
        ({"contact_id": 987654}, {"contact_id": "not_found"}),
        ({"contact_id": "c2", "phone": "1"}, {"contact_id": "not_found", "phone": "invalid"}),
    ],
)
def test_contact_validation_writes_nothing(
    session: Session, book: dict[str, Any], fields: dict[str, Any], errors: dict[str, str]
) -> None:
    if fields.get("contact_id") == "c2":
        other = save_contact(session, **as_user(book, "admin", "c2"), name="Pedro Páez")
        session.commit()
        fields = fields | {"contact_id": other.id}
    before = counts(session)
    with pytest.raises(ValidationError) as caught:
        save_contact(session, **as_user(book, "cobra1"), **({"name": "Ana"} | fields))
    assert caught.value.errors == errors
    assert counts(session) == before


def test_primary_switches(session: Session, book: dict[str, Any]) -> None:
    actor = as_user(book, "cobra1")
    ana = save_contact(session, **actor, name="Ana", is_primary=True)
    beto = save_contact(session, **actor, name="Beto", is_primary=True)
    other = save_contact(session, **as_user(book, "admin", "c2"), name="Zoe", is_primary=True)
    session.commit()
    listing = customer_contacts(session, scope=actor["scope"], customer_id=actor["customer_id"])
    assert [(c.name, c.is_primary) for c in listing] == [("Beto", True), ("Ana", False)]
    entry = audit.entries(session, entity="contact", entity_id=beto.id)[0]
    assert audit.details_of(entry)["demoted"] == [ana.id]
    set_primary(session, **actor, contact_id=ana.id)
    session.commit()
    listing = customer_contacts(session, scope=actor["scope"], customer_id=actor["customer_id"])
    assert [(c.name, c.is_primary) for c in listing] == [("Ana", True), ("Beto", False)]
    entry = audit.entries(session, entity="contact", entity_id=ana.id)[0]
    assert (entry.action, audit.details_of(entry)["demoted"]) == ("contact.set_primary", [beto.id])
    assert session.get(Contact, other.id).is_primary  # type: ignore[union-attr]
    before = counts(session)
    set_primary(session, **actor, contact_id=ana.id)  # already the only primary
    assert counts(session) == before
    with pytest.raises(ValidationError) as caught:
        set_primary(session, **actor, contact_id=other.id)  # C2's contact
    assert caught.value.errors == {"contact_id": "not_found"}


def test_edit_contact_records_changes(session: Session, book: dict[str, Any]) -> None:
    actor = as_user(book, "cobra1")
    contact = save_contact(session, **actor, name="Ana", phone="0212 555 1234")
    edited = save_contact(
        session, **actor, contact_id=contact.id, name="Ana María", phone="0212 555 1234",
        email="ana@tornillo.com",
    )  # fmt: skip
    assert edited is contact and contact.name == "Ana María"
    entry = audit.entries(session, entity="contact", entity_id=contact.id)[0]
    assert entry.action == "contact.update"
    assert audit.details_of(entry)["changes"] == {
        "name": ["Ana", "Ana María"], "email": [None, "ana@tornillo.com"],
    }  # fmt: skip
    before = counts(session)
    save_contact(
        session, **actor, contact_id=contact.id, name="Ana María", phone="0212 555 1234",
        email="ana@tornillo.com",
    )  # fmt: skip
    assert counts(session) == before  # nothing changed, nothing recorded


def test_contacts_check_the_scope(session: Session, book: dict[str, Any]) -> None:
    mine = save_contact(session, **as_user(book, "cobra1"), name="Ana")
    session.commit()
    before = counts(session)
    intruder = as_user(book, "cobra2")
    missing = intruder | {"customer_id": 987654}
    messages = set()
    for who in (intruder, missing):
        calls = [
            lambda who=who: save_contact(session, **who, name="X"),
            lambda who=who: set_primary(session, **who, contact_id=mine.id),
            lambda who=who: update_tags(session, **who, tags=["x"]),
            lambda who=who: customer_contacts(
                session, scope=who["scope"], customer_id=who["customer_id"]
            ),
        ]
        for call in calls:
            with pytest.raises(AccessDenied) as caught:
                call()
            messages.add(str(caught.value))
    assert messages == {"customer not found"}
    with pytest.raises(AccessDenied, match="read-only"):
        save_contact(session, **as_user(book, "viewer"), name="X")
    assert counts(session) == before


# --- tags ---------------------------------------------------------------------------


def test_update_tags(session: Session, book: dict[str, Any]) -> None:
    actor = as_user(book, "cobra1")
    tags_before = session.scalar(select(func.count()).select_from(Tag))
    result = update_tags(session, **actor, tags=[" Wholesale", "Zona  Norte", "zona norte", ""])
    session.commit()
    assert result == ["wholesale", "zona norte"]
    session.expire_all()
    customer = session.get(Customer, book["c1"].id)
    assert customer is not None and [tag.name for tag in customer.tags] == result
    # "wholesale" existed: reused, not duplicated; "hardware" stays as a Tag row.
    assert session.scalar(select(func.count()).select_from(Tag)) == (tags_before or 0) + 1
    [entry] = audit.entries(session, entity="customer", entity_id=book["c1"].id)
    assert (entry.action, entry.user_id) == ("customer.tags", book["cobra1"].id)
    assert audit.details_of(entry) == {
        "before": ["hardware", "wholesale"], "after": ["wholesale", "zona norte"],
        "created": ["zona norte"],
    }  # fmt: skip
    before = counts(session)
    assert update_tags(session, **actor, tags=["zona norte", "WHOLESALE"]) == result
    assert counts(session) == before  # same tags: nothing recorded
    assert update_tags(session, **actor, tags=[]) == []
    session.commit()
    assert session.get(Customer, book["c1"].id).tags == []  # type: ignore[union-attr]


def test_bad_tags_change_nothing(session: Session, book: dict[str, Any]) -> None:
    before = counts(session)
    with pytest.raises(ValidationError) as caught:
        update_tags(session, **as_user(book, "cobra1"), tags=["nuevo", "x" * 61])
    assert caught.value.errors == {"tags": "too_long"}
    assert counts(session) == before
    session.expire_all()
    customer = session.get(Customer, book["c1"].id)
    assert customer is not None and [tag.name for tag in customer.tags] == ["hardware", "wholesale"]
