"""Reminder sequences sent for real (SMTP on loopback): one message per customer, never the
same level twice, paused customers, catch-up after downtime, crashes, and dry runs.

Levels -3, 7 and 30 days (e-mail, tone by age). The portfolio is described in
:mod:`tests.data_access.campaign_fixtures`; on AS_OF (2024-03-31) the due reminders are:
K1 at 30 (40 days), K2 at 30 covering K2-2 (35 days, level 30) and K2-1 (10 days,
level 7), K3 at 30, K4 at -3 (3 days), K5 at 7 (20 days); K6 is paused (disputed), K7
(pending promise), K8, C1 and C2 (no e-mail address).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from dashboard.campaign_runner import RunSettings
from dashboard.campaigns import Segment
from dashboard.reminder_service import plan_reminders, run_reminders
from data_access.activity import AccessDenied, ValidationError
from data_access.db import session_factory
from data_access.models import Base, Message, ReminderSend
from data_access.reminders import delete_level, save_level
from data_access.scope import Scope
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
from tests.factories import AS_OF

ADMIN = Scope(user_id=None, role="admin")


@pytest.fixture
def smtp_server():  # type: ignore[no-untyped-def]
    """A real SMTP server on loopback."""
    yield from serve_smtp()


@pytest.fixture
def world(session):  # type: ignore[no-untyped-def]
    """The factory portfolio plus K1..K8."""
    return make_world(session)


@pytest.fixture
def levels(session, world):  # type: ignore[no-untyped-def]
    admin = world["admin"].id
    made = [
        save_level(
            session,
            scope=ADMIN,
            user_id=admin,
            name=f"L{days}",
            days=days,
            segment=Segment().to_json(),
            channel="email",
            tone=None,
        )
        for days in (-3, 7, 30)
    ]
    session.commit()
    return made


def _run(engine, world, port: int, *, day: dt.date = AS_OF, **changes) -> list:  # type: ignore[no-untyped-def]
    sender = admin_sender(0, today=day)  # the system: unrestricted, no user recorded
    run: RunSettings = run_settings(sender, smtp_transport(port), user_id=None)
    if "transport" in changes:
        run = replace(run, transport=changes.pop("transport"))
    return run_reminders(session_factory(engine), run, **changes)


def test_due_reminders_are_planned_with_their_levels_and_pauses(session, world, levels):
    planned = plan_reminders(session, admin_sender(0), region="VE")
    rows = {
        p.code: (p.due.level.days, [[n.number, d] for n, d in p.due.invoices], p.reason)
        for p in planned
    }
    assert rows == {
        "C1": (30, [["F-1", 30], ["F-2", 7]], "no_email"),
        "C2": (30, [["F-4", 30], ["F-5", -3]], "no_email"),
        "K1": (30, [["K1-1", 30]], None),
        "K2": (30, [["K2-2", 30], ["K2-1", 7]], None),
        "K3": (30, [["K3-1", 30]], None),
        "K4": (-3, [["K4-1", -3]], None),
        "K5": (7, [["K5-1", 7]], None),
        "K6": (30, [["K6-1", 30]], "disputed"),
        "K7": (30, [["K7-1", 30]], "promise"),
        "K8": (30, [["K8-1", 30]], "no_email"),
    }


def test_one_message_per_customer_and_never_the_same_level_twice(
    session, engine, world, levels, smtp_server
):
    controller, inbox = smtp_server
    first = _run(engine, world, controller.port)
    assert sorted(o.code for o in first if o.status == "sent") == ["K1", "K2", "K3", "K4", "K5"]
    assert {o.code: o.note for o in first if o.status == "paused"} == {
        "C1": "no_email",
        "C2": "no_email",
        "K6": "disputed",
        "K7": "promise",
        "K8": "no_email",
    }
    assert inbox.addresses() == RECEIVERS
    k2 = next(m for rcpts, m in inbox.received if rcpts == ["k2@example.com"])
    assert "K2-1" in k2.get_body(("plain",)).get_content()  # type: ignore[union-attr]

    again = _run(engine, world, controller.port)  # the same day, again: nothing new
    assert [o.status for o in again if o.status != "paused"] == []
    later = _run(engine, world, controller.port, day=AS_OF + dt.timedelta(days=10))
    # Ten days on: K4 (13 days) reaches 7, K5 (30 days) reaches 30, and K7's promise
    # (due 2024-04-05, unpaid) is broken, so its pause ends at the level it reached (30).
    # The others are covered already.
    assert sorted((o.code, o.level_days) for o in later if o.status == "sent") == [
        ("K4", 7),
        ("K5", 30),
        ("K7", 30),
    ]
    assert len(inbox.received) == 8
    session.expire_all()
    sends = session.scalars(select(ReminderSend).order_by(ReminderSend.id)).all()
    assert [s.status for s in sends] == ["sent"] * 8
    k2_send = next(s for s in sends if s.customer_id == world["k"]["K2"].id)
    assert sorted(json.loads(k2_send.documents), key=lambda d: d[1]) == [
        [k2_send_doc_id(session, "K2-1"), 7],
        [k2_send_doc_id(session, "K2-2"), 30],
    ]
    assert str(k2_send.amount) == "500.00"


def k2_send_doc_id(session, number: str) -> int:  # type: ignore[no-untyped-def]
    from data_access.models import Document

    return int(session.scalar(select(Document.id).where(Document.number == number)))


def test_catch_up_after_downtime_sends_only_the_highest_level(
    session, engine, world, levels, smtp_server
):
    controller, inbox = smtp_server
    # 36 days before AS_OF, K1 was 4 days overdue (level -3) and K3 59 days (level 30).
    early = _run(engine, world, controller.port, day=AS_OF - dt.timedelta(days=36))
    assert {(o.code, o.level_days) for o in early if o.status == "sent"} >= {("K1", -3), ("K3", 30)}
    # Down until AS_OF: K1 crossed 7 and 30 meanwhile; it gets the 30-day one, once.
    _run(engine, world, controller.port)
    session.expire_all()
    k1 = world["k"]["K1"].id
    levels_sent = session.scalars(
        select(ReminderSend.level_days)
        .where(ReminderSend.customer_id == k1)
        .order_by(ReminderSend.id)
    ).all()
    assert levels_sent == [-3, 30]
    assert inbox.addresses().count("k1@example.com") == 2


def test_a_crash_mid_run_then_rerun_reminds_everyone_exactly_once(
    session, engine, world, levels, smtp_server
):
    controller, inbox = smtp_server
    crashing = CrashAfterSending(smtp_transport(controller.port), 2)
    with pytest.raises(Crash):
        _run(engine, world, controller.port, transport=crashing)
    assert len(inbox.received) == 2
    rerun = _run(engine, world, controller.port)
    assert inbox.addresses() == RECEIVERS
    # The one handed over as the process died is not sent again (it stays "sending").
    assert sorted(o.status for o in rerun if o.status != "paused") == [
        "sending",
        "sent",
        "sent",
        "sent",
    ]
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Message)) == 5


def test_a_run_that_stopped_after_claiming_delivers_on_the_next_run(
    session, engine, world, levels, smtp_server
):
    controller, inbox = smtp_server
    calls = []

    def dying_sleep(seconds: float) -> None:
        calls.append(seconds)
        if len(calls) == 3:  # after the third claim was committed, before it is sent
            raise Crash

    with pytest.raises(Crash):
        _run(engine, world, controller.port, sleep=dying_sleep)
    assert len(inbox.received) == 2
    rerun = _run(engine, world, controller.port)
    assert [o.note for o in rerun if o.status == "sent"][:1] == ["resumed"]
    assert inbox.addresses() == RECEIVERS


def test_a_failed_reminder_is_tried_again_on_the_next_run(
    session, engine, world, levels, smtp_server
):
    controller, inbox = smtp_server
    inbox.refuse = {"k3@example.com"}
    first = _run(engine, world, controller.port)
    failed = [o for o in first if o.status == "failed"]
    assert [o.code for o in failed] == ["K3"] and "550" in failed[0].note
    inbox.refuse = set()
    second = _run(engine, world, controller.port)
    assert [(o.code, o.status) for o in second if o.status not in ("paused",)] == [("K3", "sent")]
    assert inbox.addresses() == RECEIVERS


def _row_counts(session) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {
        table.name: session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
    }


def test_dry_run_writes_nothing(session, engine, world, levels, smtp_server, tmp_path):
    controller, inbox = smtp_server
    before = _row_counts(session)
    lines = _run(engine, world, controller.port, dry_run=True)
    assert sorted(o.code for o in lines if o.status == "would_send") == [
        "K1",
        "K2",
        "K3",
        "K4",
        "K5",
    ]
    assert next(o for o in lines if o.code == "K2").invoices == ("K2-2", "K2-1")
    session.expire_all()
    assert _row_counts(session) == before
    assert inbox.received == []


def test_levels_are_for_admins_and_managers_and_used_ones_are_kept(session, world, levels):
    collector = Scope(user_id=world["cobra1"].id, role="collector")
    with pytest.raises(AccessDenied):
        save_level(
            session,
            scope=collector,
            user_id=world["cobra1"].id,
            name="x",
            days=5,
            segment="{}",
            channel="email",
            tone=None,
        )
    with pytest.raises(ValidationError) as error:
        save_level(
            session,
            scope=ADMIN,
            user_id=world["admin"].id,
            name="x",
            days=9999,
            segment="{}",
            channel="fax",
            tone="rude",
        )
    assert error.value.errors == {
        "days": "invalid",
        "channel": "invalid_choice",
        "tone": "invalid_choice",
    }
    delete_level(session, scope=ADMIN, user_id=world["admin"].id, level_id=levels[0].id)
    session.add(
        ReminderSend(
            level_id=levels[1].id,
            customer_id=world["k"]["K1"].id,
            cycle_key="x",
            level_days=7,
            channel="email",
            amount=0,
            as_of=AS_OF,
            status="sent",
        )
    )
    session.flush()
    with pytest.raises(ValidationError):
        delete_level(session, scope=ADMIN, user_id=world["admin"].id, level_id=levels[1].id)
