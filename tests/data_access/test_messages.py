"""Messages claimed once per key, templates and company settings (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_access.activity import AccessDenied, ValidationError
from data_access.messages import (
    claim_message,
    company_settings,
    finish_message,
    message_by_key,
    reclaim_failed,
    reset_template,
    save_company_settings,
    save_template,
    saved_templates,
    set_customer_language,
)
from data_access.models import AuditEntry, Customer
from data_access.scope import Scope
from tests.factories import build_portfolio

ADMIN = Scope(user_id=None, role="admin")


def _claim(session, key: str, customer_id: int):  # type: ignore[no-untyped-def]
    return claim_message(
        session,
        dedupe_key=key,
        channel="email",
        recipient="a@example.com",
        subject="s",
        body="b",
        customer_id=customer_id,
    )


def test_a_key_is_claimed_once_and_the_transaction_stays_usable(session):
    c1 = build_portfolio(session)["customers"][0]  # type: ignore[index]
    first = _claim(session, "statement:1:abc", c1.id)
    assert first is not None and first.status == "sending"
    assert _claim(session, "statement:1:abc", c1.id) is None
    session.commit()  # the refused duplicate did not spoil the transaction
    assert message_by_key(session, "statement:1:abc").id == first.id  # type: ignore[union-attr]


def test_only_a_failed_message_can_be_taken_back_for_a_retry(session):
    handy = build_portfolio(session)
    message = _claim(session, "k", handy["customers"][0].id)  # type: ignore[index]
    assert message is not None
    assert not reclaim_failed(session, message)  # still sending: not failed
    finish_message(session, message, status="failed", error="SMTP 451: try later")
    session.flush()
    assert reclaim_failed(session, message) and message.status == "sending"
    assert not reclaim_failed(session, message)  # a second retry loses the race
    finish_message(session, message, status="sent", user_id=handy["admin"].id)  # type: ignore[attr-defined]
    session.commit()
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "message")).all()
    assert sorted(actions) == ["message.failed", "message.sent"]
    assert message.sent_at is not None and message.error is None


def test_templates_are_saved_replaced_and_reset_by_an_admin_only(session):
    handy = build_portfolio(session)
    admin = handy["admin"]
    save_template(
        session,
        scope=ADMIN,
        user_id=admin.id,
        tone="firm",
        language="en",
        subject="A",
        body="B",  # type: ignore[attr-defined]
    )
    save_template(
        session,
        scope=ADMIN,
        user_id=admin.id,
        tone="firm",
        language="en",
        subject="C",
        body="D",  # type: ignore[attr-defined]
    )
    session.commit()
    rows = saved_templates(session)
    assert list(rows) == [("firm", "en")] and rows[("firm", "en")].subject == "C"
    manager = Scope(user_id=admin.id, role="manager")  # type: ignore[attr-defined]
    with pytest.raises(AccessDenied):
        save_template(
            session, scope=manager, user_id=1, tone="firm", language="en", subject="x", body="y"
        )
    with pytest.raises(ValidationError) as refused:
        save_template(
            session, scope=ADMIN, user_id=1, tone="angry", language="fr", subject="x", body="y"
        )
    assert refused.value.errors == {"tone": "invalid_choice", "language": "invalid_choice"}
    reset_template(session, scope=ADMIN, user_id=admin.id, tone="firm", language="en")  # type: ignore[attr-defined]
    session.commit()
    assert saved_templates(session) == {}


def test_company_settings_are_checked_and_an_empty_value_removes_one(session):
    admin = build_portfolio(session)["admin"]
    saved = save_company_settings(
        session,
        scope=ADMIN,
        user_id=admin.id,  # type: ignore[attr-defined]
        values={"cheque_payee": " ACME SRL ", "notify_email": "pagos@acme.example.com"},
    )
    assert saved == {"cheque_payee": "ACME SRL", "notify_email": "pagos@acme.example.com"}
    with pytest.raises(ValidationError) as refused:
        save_company_settings(
            session,
            scope=ADMIN,
            user_id=1,
            values={"collections_email": "afiguera@", "color": "red", "default_language": "fr"},
        )
    assert refused.value.errors == {
        "collections_email": "invalid",
        "color": "invalid",
        "default_language": "invalid_choice",
    }
    save_company_settings(session, scope=ADMIN, user_id=1, values={"cheque_payee": ""})
    session.commit()
    assert company_settings(session) == {"notify_email": "pagos@acme.example.com"}


def test_the_customer_language_is_kept_within_the_scope(session):
    handy = build_portfolio(session)
    cobra1 = handy["cobra1"]
    c1, c2 = handy["customers"][:2]  # type: ignore[index]
    mine = Scope(user_id=cobra1.id, role="collector")  # type: ignore[attr-defined]
    set_customer_language(session, scope=mine, user_id=cobra1.id, customer_id=c1.id, language="en")  # type: ignore[attr-defined]
    session.commit()
    assert session.get(Customer, c1.id).language == "en"  # type: ignore[union-attr]
    with pytest.raises(AccessDenied):
        set_customer_language(
            session, scope=mine, user_id=cobra1.id, customer_id=c2.id, language="en"
        )  # type: ignore[attr-defined]
