"""SMS stored as messages: recipients per scope, sending once, results (SQLite and PostgreSQL).

The portfolio is tests.factories.build_portfolio: C1 Ferretería El Tornillo (seller
S1 Pedro Vende, collector cobra1) and C2 Northwind Supplies (seller S2, collector
cobra2). Contacts and phones are added here.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from dashboard.sms_providers import FAILED, SAVED, OutboxProvider, OutgoingSms, SendResult
from dashboard.sms_service import (
    Figures,
    SmsRefused,
    SmsRequest,
    figures_for,
    send_sms,
    sms_form,
)
from data_access.activity import AccessDenied, ValidationError
from data_access.db import session_factory, session_scope
from data_access.models import AuditEntry, Contact, Message, Seller
from data_access.scope import Scope
from data_access.sms_log import chosen_recipients, claim_sms, sms_messages, sms_recipients
from data_access.timeline import timeline
from tests.factories import AS_OF, build_portfolio

TOKEN = "tok-0123456789abcdef"


@pytest.fixture
def book(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = build_portfolio(session)
    c1, c2 = data["customers"][:2]
    ana = Contact(customer_id=c1.id, name="Ana Pérez", role="Tesorería", phone="0414-555 1234")
    bad = Contact(customer_id=c1.id, name="Juan Malo", phone="123")
    mute = Contact(customer_id=c1.id, name="Sin Teléfono", is_primary=True)
    other = Contact(customer_id=c2.id, name="Nora North", phone="+1 212 555 0199")
    session.add_all([ana, bad, mute, other])
    session.get_one(Seller, c1.seller_id).phone = "+58 412 555 0000"
    session.commit()
    scopes = {
        name: Scope(user_id=data[name].id, role=data[name].role)
        for name in ("admin", "cobra1", "cobra2", "viewer")
    }
    return data | {"c1": c1, "c2": c2, "ana": ana, "bad": bad, "other": other, "scopes": scopes}


def test_recipients_are_the_customers_contacts_then_its_seller(
    session: Session, book: dict[str, Any]
) -> None:
    found = sms_recipients(session, scope=book["scopes"]["cobra1"], customer_id=book["c1"].id)
    assert [(r.kind, r.name, r.phone) for r in found] == [
        ("contact", "Sin Teléfono", ""),  # the primary first
        ("contact", "Ana Pérez", "0414-555 1234"),
        ("contact", "Juan Malo", "123"),
        ("seller", "Pedro Vende", "+58 412 555 0000"),
    ]
    with pytest.raises(AccessDenied):
        sms_recipients(session, scope=book["scopes"]["cobra2"], customer_id=book["c1"].id)


def test_every_recipient_key_is_rechecked_against_the_customer(
    session: Session, book: dict[str, Any]
) -> None:
    args = {"scope": book["scopes"]["cobra1"], "user_id": book["cobra1"].id}
    c1 = book["c1"].id
    ana = f"contact:{book['ana'].id}"
    chosen = chosen_recipients(session, **args, customer_id=c1, keys=[ana, ana])
    assert [r.name for r in chosen] == ["Ana Pérez"]
    for keys in (
        [f"contact:{book['other'].id}"],  # another customer's contact
        [f"seller:{book['c2'].seller_id}"],  # another customer's seller
        ["contact:x"],
        "contact:1",
    ):
        with pytest.raises(ValidationError) as refused:
            chosen_recipients(session, **args, customer_id=c1, keys=keys)
        assert refused.value.errors == {"recipients": "not_found"}
    with pytest.raises(ValidationError, match="required"):
        chosen_recipients(session, **args, customer_id=c1, keys=[])
    with pytest.raises(AccessDenied):  # cobra1 may not write for C2
        chosen_recipients(session, **args, customer_id=book["c2"].id, keys=[ana])
    viewer = {"scope": book["scopes"]["viewer"], "user_id": book["viewer"].id}
    with pytest.raises(AccessDenied):  # a viewer reads but does not send
        chosen_recipients(session, **viewer, customer_id=c1, keys=[ana])


def test_a_dedupe_key_is_claimed_once(session: Session, book: dict[str, Any]) -> None:
    args = {
        "customer_id": book["c1"].id,
        "seller_id": None,
        "recipient": "+584145551234",
        "subject": "Ana Pérez: Hola",
        "body": "Hola",
        "dedupe_key": "sms:test:1",
        "user_id": book["cobra1"].id,
    }
    first = claim_sms(session, **args)
    session.commit()
    again = claim_sms(session, **{**args, "body": "otra cosa"})
    assert first.new and not again.new
    assert again.message_id == first.message_id and again.status == "sending"
    assert session.scalar(select(func.count()).select_from(Message)) == 1


def _opener(engine: Engine) -> Any:
    factory = session_factory(engine)

    def open_session() -> AbstractContextManager[Session]:
        return session_scope(factory)

    return open_session


def _request(book: dict[str, Any], *keys: str, text: str = "Hola, ¿pago listo?") -> SmsRequest:
    return SmsRequest("C1", TOKEN, "contacts", list(keys), text)


class Refusing:
    """A provider answering like Twilio's 400."""

    name = "twilio"

    def __init__(self) -> None:
        self.sent: list[OutgoingSms] = []

    def send(self, sms: OutgoingSms) -> SendResult:
        self.sent.append(sms)
        return SendResult(
            FAILED, error="The 'To' number is not a valid phone number. (error 21211)"
        )


def test_an_sms_goes_to_the_outbox_once_and_shows_on_the_timeline(
    engine: Engine, session: Session, book: dict[str, Any], tmp_path: Path
) -> None:
    outbox = OutboxProvider(tmp_path / "outbox")
    cobra1 = book["scopes"]["cobra1"]
    request = _request(book, f"contact:{book['ana'].id}")
    args = {"scope": cobra1, "user_id": book["cobra1"].id, "region": "VE"}
    (outcome,) = send_sms(_opener(engine), outbox, request, **args)
    (again,) = send_sms(_opener(engine), outbox, request, **args)  # a double click

    assert (outcome.new, outcome.status, outcome.phone) == (True, SAVED, "+584145551234")
    assert (again.new, again.status, again.message_id) == (False, SAVED, outcome.message_id)
    session.expire_all()
    (message,) = sms_messages(session, scope=cobra1, customer_id=book["c1"].id)
    assert (message.channel, message.status, message.recipient) == (
        "sms",
        "outbox",
        "+584145551234",
    )
    assert (message.body, message.subject) == (
        "Hola, ¿pago listo?",
        "Ana Pérez: Hola, ¿pago listo?",
    )
    assert message.created_by_id == book["cobra1"].id and message.sent_at is None
    assert [p.name for p in outbox.folder.iterdir()] == [f"sms-{message.id}.txt"]
    event = timeline(session, book["c1"].id, kinds=["message"])[0]
    assert (event["title"], event["text"], event["status"], event["detail"]) == (
        "Ana Pérez: Hola, ¿pago listo?",
        "+584145551234",
        "outbox",
        "sms",
    )
    audits = session.scalars(select(AuditEntry).where(AuditEntry.action == "message.sms")).all()
    assert len(audits) == 1 and '"status": "outbox"' in audits[0].details


def test_a_provider_refusal_is_stored_as_failed_with_its_message(
    engine: Engine, session: Session, book: dict[str, Any]
) -> None:
    provider = Refusing()
    request = SmsRequest("C1", TOKEN, "seller", [f"seller:{book['c1'].seller_id}"], "Pase ya")
    (outcome,) = send_sms(
        _opener(engine),
        provider,
        request,
        scope=book["scopes"]["admin"],
        user_id=book["admin"].id,
        region="VE",
    )
    assert outcome.status == FAILED and "21211" in outcome.error
    assert [sms.to for sms in provider.sent] == ["+584125550000"]
    session.expire_all()
    message = session.scalars(select(Message)).one()
    assert (message.status, message.seller_id) == ("failed", book["c1"].seller_id)
    assert message.error == "The 'To' number is not a valid phone number. (error 21211)"


def test_a_bad_number_refuses_the_whole_send_and_names_the_recipient(
    engine: Engine, session: Session, book: dict[str, Any]
) -> None:
    provider = Refusing()
    keys = (f"contact:{book['ana'].id}", f"contact:{book['bad'].id}")
    with pytest.raises(SmsRefused) as refused:
        send_sms(
            _opener(engine),
            provider,
            _request(book, *keys),
            scope=book["scopes"]["cobra1"],
            user_id=book["cobra1"].id,
            region="VE",
        )
    (problem,) = refused.value.problems
    assert problem.key == "phone.invalid_local"
    assert dict(problem.values) == {"name": "Juan Malo", "phone": "123", "region": "VE"}
    assert provider.sent == []
    assert session.scalar(select(func.count()).select_from(Message)) == 0


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"text": "   "}, "error.empty"),
        ({"text": "a" * 1531}, "error.too_long"),  # 11 GSM-7 SMS
        ({"token": "short"}, "error.expired"),
        ({"audience": "seller"}, "error.recipient"),  # a contact for the seller's text
        ({"recipient_keys": []}, "error.no_recipients"),
    ],
)
def test_bad_requests_are_refused_before_anything_is_stored(
    engine: Engine, session: Session, book: dict[str, Any], change: dict[str, Any], key: str
) -> None:
    request = _request(book, f"contact:{book['ana'].id}")
    request = SmsRequest(**{**request.__dict__, **change})
    with pytest.raises(SmsRefused) as refused:
        send_sms(
            _opener(engine),
            Refusing(),
            request,
            scope=book["scopes"]["cobra1"],
            user_id=book["cobra1"].id,
            region="VE",
        )
    assert key in [problem.key for problem in refused.value.problems]
    assert session.scalar(select(func.count()).select_from(Message)) == 0


def test_a_collector_cannot_send_for_another_collectors_customer(
    engine: Engine, session: Session, book: dict[str, Any]
) -> None:
    provider = Refusing()
    request = SmsRequest("C2", TOKEN, "contacts", [f"contact:{book['other'].id}"], "Hola")
    with pytest.raises(AccessDenied):
        send_sms(
            _opener(engine),
            provider,
            request,
            scope=book["scopes"]["cobra1"],
            user_id=book["cobra1"].id,
            region="VE",
        )
    assert provider.sent == []


def test_the_form_offers_checked_numbers_and_prefilled_texts(
    session: Session, book: dict[str, Any]
) -> None:
    form = sms_form(
        session,
        "C1",
        scope=book["scopes"]["cobra1"],
        region="VE",
        as_of=AS_OF,
        currency="USD",
        company="Distribuidora Andina",
    )
    assert [(c.name, c.e164, c.problem) for c in form.choices] == [
        ("Sin Teléfono", "", "missing"),
        ("Ana Pérez", "+584145551234", ""),
        ("Juan Malo", "", "invalid_local"),
        ("Pedro Vende", "+584125550000", ""),
    ]
    # As of 2024-03-31: F-1 500.00 (60 days) and F-2 500.00 (29 days) overdue; balance 1,250.00.
    assert form.drafts["contacts"]["en"] == (
        "Distribuidora Andina: a reminder that Ferretería El Tornillo has 2 overdue "
        "invoice(s) totalling $1,000.00, the oldest 60 days late. Please confirm the payment "
        "date. If you have already paid, please ignore this message."
    )
    assert "Saldo 1.250,00 US$, vencido 1.000,00 US$." in form.drafts["seller"]["es"]
    assert "\xa0" not in form.drafts["seller"]["es"]  # Babel's no-break space is not GSM-7


def test_figures_of_a_customer_with_credit(session: Session, book: dict[str, Any]) -> None:
    c1, _, c3 = book["customers"][:3]
    assert figures_for(session, c3, as_of=AS_OF, scope=Scope.everything()) == Figures(
        Decimal("-75.00"), Decimal(0), 0, 0
    )
    assert figures_for(session, c1, as_of=AS_OF, scope=Scope.everything()) == Figures(
        Decimal("1250.00"), Decimal("1000.00"), 2, 60
    )
