"""Mass campaigns against a real SMTP server on loopback: who is left out and why, one
message per customer, failures retried, and exactly-once after a crash mid-campaign.

The portfolio is described in :mod:`tests.data_access.campaign_fixtures`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from dashboard.campaign_runner import campaign_key, run_campaign
from dashboard.campaign_service import audience, compose_email, new_campaign
from dashboard.campaigns import Segment
from data_access.activity import AccessDenied, ValidationError
from data_access.campaigns import campaign_recipients, recipient_counts, retry_failed
from data_access.db import session_factory
from data_access.models import Campaign, CampaignRecipient, Message
from data_access.timeline import timeline
from tests.data_access.campaign_fixtures import (
    RECEIVERS,
    Crash,
    CrashAfterSending,
    admin_sender,
    make_world,
    run_settings,
    serve_smtp,
    smtp_transport,
)


@pytest.fixture
def smtp_server():  # type: ignore[no-untyped-def]
    """A real SMTP server on loopback."""
    yield from serve_smtp()


@pytest.fixture
def world(session):  # type: ignore[no-untyped-def]
    """The factory portfolio plus K1..K8."""
    return make_world(session)


def _create(session, world, *, token="t1", segment=None, **kwargs):  # type: ignore[no-untyped-def]
    sender = admin_sender(world["admin"].id)
    campaign, new = new_campaign(
        session,
        sender,
        name="Marzo",
        segment=segment or Segment(),
        channel=kwargs.pop("channel", "email"),
        tone=kwargs.pop("tone", None),
        overdue_only=True,
        token=token,
        region="VE",
    )
    session.commit()
    return campaign, new, sender


def test_audience_lists_who_is_left_out_and_why(session, world):
    found = audience(
        session,
        Segment(),
        admin_sender(world["admin"].id),
        channel="email",
        overdue_only=True,
        region="VE",
    )
    rows = {p.code: (p.recipient, p.reason) for p in found.planned}
    assert rows == {
        "K1": ("k1@example.com", None),
        "K2": ("k2@example.com", None),
        "K3": ("k3@example.com", None),
        "K4": ("k4@example.com", None),
        "K5": ("k5@example.com", None),
        "K6": ("", "disputed"),
        "K7": ("", "promise"),
        "K8": ("", "no_email"),
        "C1": ("", "no_email"),
        "C2": ("", "no_email"),
    }  # C3 has a credit balance and C4 nothing: not in the segment
    # Largest balance first (the snapshot's order).
    assert [p.code for p in found.planned][:2] == ["K3", "C1"]


def test_segments_use_the_portfolio_filters(session, world):
    sender = admin_sender(world["admin"].id)
    over_90 = audience(
        session, Segment(bucket=4), sender, channel="email", overdue_only=True, region="VE"
    )
    assert [p.code for p in over_90.planned] == ["K3", "C2"]  # 95 and 152 days
    big = audience(
        session,
        Segment(min_balance=Decimal("900.00")),
        sender,
        channel="email",
        overdue_only=True,
        region="VE",
    )
    assert {p.code for p in big.planned} == {"K3", "C1", "K1", "K7"}
    seller = audience(
        session, Segment(seller="S1"), sender, channel="email", overdue_only=True, region="VE"
    )
    assert [p.code for p in seller.planned] == ["C1"]


def test_a_campaign_reaches_each_customer_once_through_smtp(session, engine, world, smtp_server):
    controller, inbox = smtp_server
    campaign, new, sender = _create(session, world)
    assert new
    again, new_again, _ = _create(session, world)  # the same form token: the same campaign
    assert again.id == campaign.id and not new_again
    sessions = session_factory(engine)
    run = run_settings(sender, smtp_transport(controller.port))
    assert run_campaign(sessions, campaign.id, run) == "done"

    assert inbox.addresses() == RECEIVERS
    _rcpts, first = inbox.received[0]
    assert "ACME" in str(first["Subject"]) and first.get_body(("plain",)) is not None
    assert first.get_body(("html",)) is not None
    assert [a.get_filename() for a in first.iter_attachments()][0].endswith(".pdf")
    session.expire_all()
    assert session.get(Campaign, campaign.id).status == "done"  # type: ignore[union-attr]
    counts = recipient_counts(session, [campaign.id])[campaign.id]
    assert counts == {"sent": 5, "excluded": 5}
    messages = session.scalars(select(Message).order_by(Message.id)).all()
    assert {m.dedupe_key for m in messages} == {
        campaign_key(campaign.id, c.id) for code, c in world["k"].items() if code <= "K5"
    }
    # Logged on each customer's wall.
    k1 = world["k"]["K1"]
    events = timeline(session, k1.id, kinds=["message"], limit=5)
    assert len(events) == 1
    # Running it again sends nothing: it is done.
    assert run_campaign(sessions, campaign.id, run) == "busy"
    assert len(inbox.received) == 5


def _age_heartbeat(session, campaign_id: int) -> None:  # type: ignore[no-untyped-def]
    """What the clock does to a dead runner's claim: its heartbeat grows old."""
    session.execute(
        update(Campaign)
        .where(Campaign.id == campaign_id)
        .values(heartbeat_at=dt.datetime(2000, 1, 1))
    )
    session.commit()


def test_a_crash_mid_campaign_then_resume_sends_everyone_exactly_once(
    session, engine, world, smtp_server
):
    controller, inbox = smtp_server
    campaign, _, sender = _create(session, world)
    sessions = session_factory(engine)
    crashing = run_settings(sender, CrashAfterSending(smtp_transport(controller.port), 2))
    with pytest.raises(Crash):
        run_campaign(sessions, campaign.id, crashing)
    assert len(inbox.received) == 2
    # While the dead runner's heartbeat is fresh, nobody else takes the campaign.
    run = run_settings(sender, smtp_transport(controller.port))
    assert run_campaign(sessions, campaign.id, run) == "busy"
    _age_heartbeat(session, campaign.id)
    assert run_campaign(sessions, campaign.id, run) == "done"

    assert inbox.addresses() == RECEIVERS  # five customers, one message each
    session.expire_all()
    frame = campaign_recipients(session, campaign.id, statuses=["sent", "sending"])
    # The message handed over just before the crash was never confirmed: it stays
    # "sending" (not sent again); the other four are sent.
    assert sorted(frame["status"]) == ["sending", "sent", "sent", "sent", "sent"]
    assert session.scalar(select(func.count()).select_from(Message)) == 5


def test_a_crash_between_two_messages_then_resume(session, engine, world, smtp_server):
    controller, inbox = smtp_server
    campaign, _, sender = _create(session, world)
    sessions = session_factory(engine)
    waits = []

    def dying_sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 3:
            raise Crash

    # Six a minute: 10 s from one start to the next. The fake clock moves 1 s per reading
    # (two readings per message), so 9 s are left to wait before each message after the first.
    run = run_settings(sender, smtp_transport(controller.port), per_minute=6)
    clock = iter(range(0, 1000, 1)).__next__
    with pytest.raises(Crash):
        run_campaign(sessions, campaign.id, run, sleep=dying_sleep, clock=lambda: float(clock()))
    assert len(inbox.received) == 3 and waits == [9.0, 9.0, 9.0]
    _age_heartbeat(session, campaign.id)
    assert run_campaign(sessions, campaign.id, run) == "done"
    assert inbox.addresses() == RECEIVERS
    session.expire_all()
    assert recipient_counts(session, [campaign.id])[campaign.id] == {"sent": 5, "excluded": 5}


def test_failures_are_listed_with_the_reason_and_only_they_are_retried(
    session, engine, world, smtp_server
):
    controller, inbox = smtp_server
    inbox.refuse = {"k3@example.com"}
    campaign, _, sender = _create(session, world)
    sessions = session_factory(engine)
    run = run_settings(sender, smtp_transport(controller.port))
    assert run_campaign(sessions, campaign.id, run) == "done"
    session.expire_all()
    failed = campaign_recipients(session, campaign.id, statuses=["failed"])
    assert list(failed["code"]) == ["K3"]
    assert "550" in failed["error"][0] and "k3@example.com" in failed["error"][0]
    assert inbox.addresses() == [a for a in RECEIVERS if a != "k3@example.com"]

    inbox.refuse = set()
    admin = world["admin"]
    scope = sender.scope
    assert retry_failed(session, scope=scope, user_id=admin.id, campaign_id=campaign.id) == 1
    session.commit()
    assert run_campaign(sessions, campaign.id, run) == "done"
    assert inbox.addresses() == RECEIVERS  # K3 now, and nobody twice
    session.expire_all()
    k3 = session.scalar(
        select(CampaignRecipient).where(
            CampaignRecipient.campaign_id == campaign.id,
            CampaignRecipient.customer_id == world["k"]["K3"].id,
        )
    )
    assert k3.status == "sent" and k3.attempts == 2 and k3.error is None  # type: ignore[union-attr]
    assert session.scalar(select(func.count()).select_from(Message)) == 5


def test_a_customer_who_paid_meanwhile_is_skipped_at_its_turn(session, engine, world, smtp_server):
    controller, inbox = smtp_server
    campaign, _, sender = _create(session, world)
    k4 = world["k"]["K4"]
    # Its only invoice is settled before the campaign runs (as the ledger would do).
    from data_access.models import Document

    doc = session.scalar(select(Document).where(Document.customer_id == k4.id))
    doc.open_amount, doc.settled_on = Decimal("0.00"), dt.date(2024, 3, 30)
    session.commit()
    run = run_settings(sender, smtp_transport(controller.port))
    assert run_campaign(session_factory(engine), campaign.id, run) == "done"
    assert "k4@example.com" not in inbox.addresses()
    session.expire_all()
    counts = recipient_counts(session, [campaign.id])[campaign.id]
    assert counts == {"sent": 4, "skipped": 1, "excluded": 5}


def test_only_admins_and_managers_make_campaigns(session, world):
    collector = world["cobra1"]
    for role, user in (("collector", collector), ("viewer", world["viewer"])):
        sender = admin_sender(user.id, role=role)
        with pytest.raises(AccessDenied):
            new_campaign(
                session,
                sender,
                name="x",
                segment=Segment(),
                channel="email",
                tone=None,
                overdue_only=True,
                token=f"t-{role}",
                region="VE",
            )
    assert session.scalar(select(func.count()).select_from(Campaign)) == 0


def test_a_campaign_needs_a_name_and_someone_to_write_to(session, world):
    sender = admin_sender(world["admin"].id)
    with pytest.raises(ValidationError) as error:
        new_campaign(
            session,
            sender,
            name=" ",
            segment=Segment(seller="S2"),
            channel="email",
            tone="loud",
            overdue_only=True,
            token="t9",
            region="VE",
        )
    assert error.value.errors == {
        "name": "required",
        "tone": "invalid_choice",
        "recipients": "required",
    }


def test_preview_composes_the_email_without_writing(session, world):
    sender = admin_sender(world["admin"].id)
    k3 = world["k"]["K3"]
    composed = compose_email(
        session,
        sender,
        customer_id=k3.id,
        to="k3@example.com",
        tone=None,
        overdue_only=True,
        with_attachments=False,
    )
    assert composed.kind == "campaign" and composed.tone == "firm"  # 95 days
    assert composed.to == ("k3@example.com",) and "Cliente K3" in composed.text
    assert session.scalar(select(func.count()).select_from(Message)) == 0


def test_an_sms_campaign_goes_through_the_sms_provider_once(session, engine, world, tmp_path):
    from dashboard.sms_providers import OutboxProvider
    from data_access.models import Contact

    k1 = world["k"]["K1"]
    contact = session.scalar(select(Contact).where(Contact.customer_id == k1.id))
    contact.phone = "0414-555 1234"
    session.commit()
    campaign, _, sender = _create(session, world, channel="sms", token="sms-1")
    counts = recipient_counts(session, [campaign.id])[campaign.id]
    assert counts == {"pending": 1, "excluded": 9}  # the others have no mobile number
    provider = OutboxProvider(tmp_path / "outbox")
    run = run_settings(sender, None, sms_provider=provider)
    sessions = session_factory(engine)
    assert run_campaign(sessions, campaign.id, run) == "done"
    session.expire_all()
    message = session.scalar(select(Message))
    assert message is not None and message.channel == "sms" and message.status == "outbox"
    assert message.recipient == "+584145551234" and "Cliente K1" in message.body
    assert message.dedupe_key == campaign_key(campaign.id, k1.id)
    assert [p.name for p in (tmp_path / "outbox").iterdir()] == [f"sms-{message.id}.txt"]
