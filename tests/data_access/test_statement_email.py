"""Statement e-mails through a real SMTP server on loopback (aiosmtpd), and the outbox.

Hand-made customers whose oldest invoice is 3, 30 and 120 days overdue on AS_OF get
the friendly, concerned and firm tones (CARTERA_TONE_DAYS defaults to 15,60).
"""

from __future__ import annotations

import datetime as dt
import email
import io
import socket
from decimal import Decimal
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from pypdf import PdfReader
from sqlalchemy import select

from dashboard.aging import AgingBuckets
from dashboard.messaging.service import (
    MessageError,
    Sender,
    StatementRequest,
    deliver,
    prepare_statement,
    send_statement,
)
from dashboard.messaging.settings import MailSettings, SmtpConfig
from dashboard.messaging.transport import OutboxTransport, SmtpTransport
from data_access.activity import AccessDenied
from data_access.ledger_store import rebuild_ledger
from data_access.messages import save_company_settings
from data_access.models import Contact, Customer, Document, Message
from data_access.scope import Scope
from tests.factories import AS_OF, build_portfolio

SENDER = "Cobros ACME <cobros@acme.example.com>"
REPLY_TO = "pagos@acme.example.com"


class Inbox:
    """An aiosmtpd handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=default_policy)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server():  # type: ignore[no-untyped-def]
    """A real SMTP server on 127.0.0.1 (plain, no login), stopped after the test."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def _customer(session, code: str, days: int, amounts: list[str]) -> Customer:  # type: ignore[no-untyped-def]
    customer = Customer(code=code, name=f"Cliente {code} & Cía <test>", language="es")
    session.add(customer)
    session.flush()
    for i, amount in enumerate(amounts):
        due = AS_OF - dt.timedelta(days=days - i)  # the first is the oldest
        session.add(
            Document(
                number=f"{code}-{i + 1}",
                kind="invoice",
                customer_id=customer.id,
                issue_date=due - dt.timedelta(days=30),
                due_date=due,
                amount=Decimal(amount),
                currency="USD",
                open_amount=Decimal(amount),
            )
        )
    session.add(
        Contact(customer_id=customer.id, name="Tesorería", email=f"pagos@{code}.example.com")
    )
    session.flush()
    rebuild_ledger(session, [customer.id])
    return customer


@pytest.fixture
def aged(session):  # type: ignore[no-untyped-def]
    """The factory portfolio plus three customers 3, 30 and 120 days overdue."""
    handy = build_portfolio(session)
    customers = {
        3: _customer(session, "D3", 3, ["1500.00"]),
        30: _customer(session, "D30", 30, ["2000.00", "427.72"]),
        120: _customer(session, "D120", 120, ["123000.00", "427.72"]),
    }
    save_company_settings(
        session,
        scope=Scope.everything(),
        user_id=handy["admin"].id,  # type: ignore[attr-defined]
        values={
            "company_name": "ACME Dominicana SRL",
            "cheque_payee": "ACME Dominicana SRL",
            "bank_accounts": "Banco Mercantil: 0105-0091-58\nBanco Provincial: 0108-0950-99",
            "notify_email": "pagos@acme.example.com",
            "collections_name": "Andrea Figuera",
            "collections_phone": "+1 829 412 3122",
            "collections_email": "afiguera@acme.example.com",
        },
    )
    session.commit()
    return handy, customers


def _sender(user_id: int, scope: Scope | None = None) -> Sender:
    return Sender(
        scope=scope or Scope.everything(),
        user_id=user_id,
        today=AS_OF,
        currency="USD",
        buckets=AgingBuckets(),
        company_name="Cartera",
        mail=MailSettings(sender=SENDER, reply_to=REPLY_TO),
    )


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _parts(message: EmailMessage) -> tuple[str, str, list[tuple[str, bytes]]]:
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    files = [(part.get_filename(), part.get_content()) for part in message.iter_attachments()]
    return text, html, files


@pytest.mark.parametrize(
    ("days", "tone", "subject_start", "total"),
    [
        (3, "friendly", "Recordatorio de pago ACME Dominicana SRL", "1.500,00"),
        (30, "concern", "Pago pendiente con ACME Dominicana SRL", "2.427,72"),
        (120, "firm", "Aviso de cobro ACME Dominicana SRL", "123.427,72"),
    ],
)
def test_smtp_server_receives_the_statement_in_the_tone_of_its_age(
    session, aged, smtp_server, days, tone, subject_start, total
):
    handy, customers = aged
    controller, inbox = smtp_server
    customer = customers[days]
    contact = session.scalar(select(Contact).where(Contact.customer_id == customer.id))
    transport = SmtpTransport(
        SmtpConfig("127.0.0.1", controller.port, security="none"), SENDER, REPLY_TO
    )
    request = StatementRequest(customer.id, contact_ids=(contact.id,))
    message, fresh = send_statement(
        session, request, _sender(handy["admin"].id), token="t1", transport=transport
    )

    assert fresh and message.status == "sent" and message.sent_at is not None
    assert len(inbox.received) == 1
    mail_from, rcpt_tos, received = inbox.received[0]
    assert mail_from == "cobros@acme.example.com" and rcpt_tos == [
        f"pagos@{customer.code}.example.com"
    ]
    assert received["From"] == SENDER and received["Reply-To"] == REPLY_TO
    assert received["To"] == f"pagos@{customer.code}.example.com"
    subject = str(received["Subject"])
    assert subject.startswith(subject_start) and f"{total} US$" in subject
    assert f"{days} días de atraso" in subject
    assert received.get_content_type() == "multipart/mixed"
    assert received.get_payload()[0].get_content_type() == "multipart/alternative"

    text, html, files = _parts(received)
    assert text.startswith(f"Estimado {customer.name}:")
    assert "ACME Dominicana SRL" in text and "Andrea Figuera" in text
    assert "Banco Mercantil: 0105-0091-58" in text and "Número de referencia" in text
    # The customer's name is escaped in HTML, never rendered as a tag.
    assert f"Cliente {customer.code} &amp; Cía &lt;test&gt;" in html
    assert "<test>" not in html
    assert f"{total} US$" in html
    assert {"friendly": "cordial saludo", "concern": "nos preocupa", "firm": "departamento legal"}[
        tone
    ] in text

    names = [name for name, _ in files]
    assert names[0] == f"estado-de-cuenta-{customer.code}-2024-03-31.pdf"
    invoices = sorted(doc for doc in names[1:])
    numbers = [f"{customer.code}-{i + 1}" for i in range(len(invoices))]
    assert invoices == sorted(f"factura-{number}.pdf" for number in numbers)
    statement = _pdf_text(files[0][1])
    assert files[0][1].startswith(b"%PDF-")
    assert all(number in statement for number in numbers)
    assert f"{total} US$" in statement and "Antigüedad" in statement
    for (_name, content), number in zip(sorted(files[1:]), sorted(numbers), strict=True):
        copy = _pdf_text(content)
        assert number in copy and customer.name.split(" &")[0] in copy


def test_the_same_form_never_sends_twice(session, aged, smtp_server):
    handy, customers = aged
    controller, inbox = smtp_server
    transport = SmtpTransport(SmtpConfig("127.0.0.1", controller.port, security="none"), SENDER)
    request = StatementRequest(customers[30].id, other_addresses="ana@cliente.example.com")
    sender = _sender(handy["admin"].id)
    first, fresh = send_statement(session, request, sender, token="double", transport=transport)
    again, fresh_again = send_statement(
        session, request, sender, token="double", transport=transport
    )
    assert fresh and not fresh_again and again.id == first.id
    assert len(inbox.received) == 1
    assert session.scalars(select(Message)).all() == [first]


def test_a_server_that_is_down_fails_with_the_reason_and_a_retry_sends(session, aged, smtp_server):
    handy, customers = aged
    controller, inbox = smtp_server
    sender = _sender(handy["admin"].id)
    composed = prepare_statement(
        session, StatementRequest(customers[3].id), sender, to=["ana@cliente.example.com"]
    )
    down = SmtpTransport(SmtpConfig("127.0.0.1", _free_port(), security="none", timeout=5), SENDER)
    failed = deliver(session, composed, dedupe_key="retry-me", transport=down)
    assert failed.status == "failed" and "Connection refused" in (failed.error or "")
    up = SmtpTransport(SmtpConfig("127.0.0.1", controller.port, security="none"), SENDER)
    retried = deliver(session, composed, dedupe_key="retry-me", transport=up)
    assert retried.id == failed.id and retried.status == "sent" and retried.error is None
    assert len(inbox.received) == 1


def test_without_smtp_the_message_goes_to_the_outbox_as_an_eml_file(session, aged, tmp_path):
    handy, customers = aged
    outbox = OutboxTransport(tmp_path / "outbox", SENDER, REPLY_TO)
    request = StatementRequest(customers[120].id, other_addresses="ana@cliente.example.com")
    message, _ = send_statement(
        session, request, _sender(handy["admin"].id), token="o1", transport=outbox
    )
    session.expire_all()
    stored = session.get(Message, message.id)
    assert stored is not None and stored.status == "outbox" and stored.sent_at is None
    assert stored.channel == "email" and stored.recipient == "ana@cliente.example.com"
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert [path.name for path in files] == [f"{message.id:08d}-statement.eml"]
    parsed = email.message_from_bytes(files[0].read_bytes(), policy=default_policy)
    assert parsed["Subject"] == stored.subject and parsed["To"] == "ana@cliente.example.com"
    text, _html, attachments = _parts(parsed)  # type: ignore[arg-type]
    assert "departamento legal" in text and len(attachments) == 3


def test_bad_addresses_are_refused_naming_the_field(session, aged, tmp_path):
    handy, customers = aged
    outbox = OutboxTransport(tmp_path / "outbox")
    sender = _sender(handy["admin"].id)
    cases = [
        (StatementRequest(customers[3].id, other_addresses="ana@@cliente"), "other_addresses"),
        (StatementRequest(customers[3].id), "contacts"),  # nobody chosen
        (StatementRequest(customers[3].id, contact_ids=(999999,)), "contacts"),
    ]
    for request, field in cases:
        with pytest.raises(MessageError) as refused:
            send_statement(session, request, sender, token="bad", transport=outbox)
        assert refused.value.field == field
    assert session.scalars(select(Message)).all() == []


def test_a_collector_cannot_send_for_a_customer_outside_their_scope(session, aged, tmp_path):
    handy, _customers = aged
    cobra1 = handy["cobra1"]
    c2 = handy["customers"][1]  # Northwind belongs to cobra2
    sender = _sender(cobra1.id, Scope(user_id=cobra1.id, role="collector"))
    request = StatementRequest(c2.id, other_addresses="ana@cliente.example.com", overdue_only=False)
    with pytest.raises(AccessDenied):
        send_statement(session, request, sender, token="x", transport=OutboxTransport(tmp_path))
    viewer = handy["viewer"]
    with pytest.raises(AccessDenied):
        prepare_statement(
            session, request, _sender(viewer.id, Scope(user_id=viewer.id, role="viewer"))
        )
    assert session.scalars(select(Message)).all() == []
