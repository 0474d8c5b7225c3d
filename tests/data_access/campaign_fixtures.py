"""Shared by the campaign and reminder tests: a real SMTP server on loopback and a
hand-made portfolio of customers to write to.

On top of ``build_portfolio`` (as of AS_OF = 2024-03-31), customers K1..K8, each with
one invoice (and K2 a second one) whose days overdue on AS_OF are given below:

====  ==========================  =======================================================
K1    40 days, 1000.00            contact k1@example.com (primary)
K2    10 and 35 days, 200 + 300   contacts k2@example.com, a second one without address
K3    95 days, 5000.00            contact k3@example.com
K4    3 days, 50.00               contact k4@example.com
K5    20 days, 70.00              contact k5@example.com
K6    60 days, 800.00             contact k6@example.com - its invoice is disputed
K7    45 days, 900.00             contact k7@example.com - a promise to pay pending
K8    30 days, 400.00             no contact at all
====  ==========================  =======================================================

C1, C2 (the factory's) owe overdue money but have no contacts; C3 owes nothing.
"""

from __future__ import annotations

import datetime as dt
import email
import socket
from decimal import Decimal
from email.message import EmailMessage
from email.policy import default as default_policy

from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session

from dashboard.aging import AgingBuckets
from dashboard.campaign_runner import RunSettings
from dashboard.messaging.service import Sender
from dashboard.messaging.settings import MailSettings, SmtpConfig
from dashboard.messaging.transport import SmtpTransport
from data_access.ledger_store import rebuild_ledger
from data_access.models import Contact, Customer, Document, Task
from data_access.scope import Scope
from tests.factories import AS_OF, build_portfolio

SENDER = "Cobros ACME <cobros@acme.example.com>"
AGES = {
    "K1": [(40, "1000.00")],
    "K2": [(10, "200.00"), (35, "300.00")],
    "K3": [(95, "5000.00")],
    "K4": [(3, "50.00")],
    "K5": [(20, "70.00")],
    "K6": [(60, "800.00")],
    "K7": [(45, "900.00")],
    "K8": [(30, "400.00")],
}
RECEIVERS = [
    "k1@example.com",
    "k2@example.com",
    "k3@example.com",
    "k4@example.com",
    "k5@example.com",
]


class Inbox:
    """An aiosmtpd handler keeping every message it accepts; ``refuse`` lists addresses
    it answers 550 to."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], EmailMessage]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=default_policy)
        self.received.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"

    def addresses(self) -> list[str]:
        """Every recipient address received, sorted (repeats kept)."""
        return sorted(address for rcpts, _ in self.received for address in rcpts)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_smtp():  # type: ignore[no-untyped-def]
    """A real SMTP server on 127.0.0.1 (plain, no login), stopped afterwards (a fixture's
    body: ``yield from serve_smtp()``)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def smtp_transport(port: int) -> SmtpTransport:
    """The loopback server as a transport."""
    return SmtpTransport(SmtpConfig("127.0.0.1", port, security="none", timeout=10), SENDER)


def add_customers(session: Session, *, as_of: dt.date = AS_OF) -> dict[str, Customer]:
    """K1..K8 of the module docstring (ages counted back from ``as_of``)."""
    made = {}
    for code, ages in AGES.items():
        customer = Customer(code=code, name=f"Cliente {code}", language="es")
        session.add(customer)
        session.flush()
        for i, (days, amount) in enumerate(ages):
            due = as_of - dt.timedelta(days=days)
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
                    disputed=code == "K6",
                )
            )
        if code != "K8":
            address = f"{code.lower()}@example.com"
            session.add(
                Contact(customer_id=customer.id, name="Pagos", email=address, is_primary=True)
            )
        if code == "K2":
            session.add(Contact(customer_id=customer.id, name="Sin correo", phone="123"))
        made[code] = customer
    session.flush()
    session.add(
        Task(
            customer_id=made["K7"].id,
            description="Pagará",
            due_date=as_of + dt.timedelta(days=5),
            created_at=dt.datetime.combine(as_of - dt.timedelta(days=2), dt.time(10)),
            promise_amount=Decimal("900.00"),
            promise_date=as_of + dt.timedelta(days=5),
        )
    )
    session.flush()
    rebuild_ledger(session, [c.id for c in made.values()])
    return made


def make_world(session: Session) -> dict[str, object]:
    """The factory portfolio plus K1..K8, committed."""
    handy = build_portfolio(session)
    handy["k"] = add_customers(session)
    session.commit()
    return handy


class Crash(BaseException):
    """The process dying: not an Exception, so nothing on the way catches it."""


class CrashAfterSending:
    """Delivers through the real server, and the process dies right after message k."""

    def __init__(self, inner, k: int) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.k, self.count = inner, k, 0
        self.kind, self.sender, self.reply_to = inner.kind, inner.sender, inner.reply_to

    def send(self, message, *, name):  # type: ignore[no-untyped-def]
        delivery = self.inner.send(message, name=name)
        self.count += 1
        if self.count == self.k:
            raise Crash
        return delivery


def admin_sender(user_id: int, *, today: dt.date = AS_OF, role: str = "admin") -> Sender:
    """An admin (or ``role``) sending on ``today``."""
    return Sender(
        scope=Scope(user_id=user_id, role=role),
        user_id=user_id,
        today=today,
        currency="USD",
        buckets=AgingBuckets(),
        company_name="ACME",
        mail=MailSettings(sender=SENDER),
    )


def run_settings(sender: Sender, transport, **changes) -> RunSettings:  # type: ignore[no-untyped-def]
    """Fast runs: 6000 a minute, and the sender recorded on the messages."""
    values = {"per_minute": 6000, "region": "VE", "user_id": sender.user_id or None}
    values.update(changes)
    return RunSettings(sender=sender, transport=transport, **values)  # type: ignore[arg-type]
