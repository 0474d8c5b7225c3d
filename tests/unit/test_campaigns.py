"""Campaign rules: segments, who is left out and why, the pace, progress. Hand-made cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dashboard.campaigns import (
    Candidate,
    ContactPoint,
    Segment,
    SegmentError,
    Throttle,
    email_recipient,
    parse_segment,
    plan_recipients,
    progress,
    reason_counts,
    sms_recipient,
)

D = Decimal


def _candidate(cid: int, **changes: object) -> Candidate:
    values: dict[str, object] = {
        "customer_id": cid,
        "code": f"C{cid}",
        "name": f"Customer {cid}",
        "balance": D("100.00"),
        "overdue": D("100.00"),
        "open_total": D("100.00"),
        "oldest_days": 40,
        "contacts": (ContactPoint("Ana", email="ana@example.com", phone="+584145551234"),),
    }
    values.update(changes)
    return Candidate(**values)  # type: ignore[arg-type]


PORTFOLIO = [
    _candidate(1),  # receives it
    _candidate(2, disputed=True, pending_promise=True),  # disputed wins over promise
    _candidate(3, pending_promise=True),
    _candidate(4, overdue=D("0.00")),  # only current invoices
    _candidate(5, contacts=(ContactPoint("Bad", email="not-an-address", phone="12"),)),
    _candidate(6, contacts=()),
    _candidate(
        7,
        contacts=(
            ContactPoint("Zoe", email="zoe@example.com"),
            ContactPoint("Ana", email="bad@@x", is_primary=True),  # primary but invalid
            ContactPoint("Beto", email="beto@example.com"),
        ),
    ),
]


def test_exclusions_with_reasons_on_a_hand_made_portfolio():
    planned = plan_recipients(PORTFOLIO, channel="email", overdue_only=True, region="VE")
    assert [(p.code, p.recipient, p.reason) for p in planned] == [
        ("C1", "ana@example.com", None),
        ("C2", "", "disputed"),
        ("C3", "", "promise"),
        ("C4", "", "nothing_overdue"),
        ("C5", "", "no_email"),
        ("C6", "", "no_email"),
        ("C7", "beto@example.com", None),  # invalid primary: first valid by name
    ]
    assert reason_counts(planned) == {
        "disputed": 1,
        "promise": 1,
        "nothing_overdue": 1,
        "no_email": 2,
    }


def test_all_open_campaigns_keep_customers_with_nothing_overdue():
    planned = plan_recipients(PORTFOLIO[3:4], channel="email", overdue_only=False, region="VE")
    assert planned[0].reason is None


def test_sms_needs_a_valid_mobile_number():
    planned = plan_recipients(PORTFOLIO, channel="sms", overdue_only=True, region="VE")
    assert [(p.code, p.recipient, p.reason) for p in planned][:1] == [("C1", "+584145551234", None)]
    assert [p.reason for p in planned[4:6]] == ["no_phone", "no_phone"]
    assert planned[6].reason == "no_phone"  # no phone numbers at all


def test_recipient_choice_prefers_the_primary_contact():
    contacts = [
        ContactPoint("Ana", email="ana@example.com"),
        ContactPoint("Zoe", email="zoe@example.com", phone="0414-555 1234", is_primary=True),
    ]
    assert email_recipient(contacts) == "zoe@example.com"
    assert sms_recipient(contacts, "VE") == "+584145551234"
    assert sms_recipient([ContactPoint("Land", phone="0212-555 1234")], "VE") is None
    assert email_recipient([]) is None


def test_segment_round_trip_and_refusals():
    segment = parse_segment(
        {"bucket": "4", "tag": " wholesale ", "seller": "", "min_balance": "1500.50"}, buckets=6
    )
    assert segment == Segment(bucket=4, tag="wholesale", min_balance=D("1500.50"))
    assert Segment.from_json(segment.to_json()) == segment
    assert Segment.from_json("not json") == Segment()
    for bad in ({"bucket": "6"}, {"bucket": "x"}, {"min_balance": "-1"}, {"min_balance": "1.234"}):
        with pytest.raises(SegmentError) as error:
            parse_segment(bad, buckets=6)
        assert error.value.field in bad


@pytest.mark.parametrize(
    ("per_minute", "last", "now", "delay"),
    [
        (30, None, 100.0, 0.0),  # the first message goes at once
        (30, 100.0, 100.5, 1.5),  # every 2 seconds
        (30, 100.0, 103.0, 0.0),  # late already: no wait
        (6, 10.0, 12.0, 8.0),  # every 10 seconds
    ],
)
def test_throttle(per_minute, last, now, delay):
    assert Throttle(per_minute).delay(last, now) == pytest.approx(delay)


def test_throttle_duration():
    assert Throttle(30).duration(31) == 60.0
    assert Throttle(30).duration(1) == 0.0


def test_progress_counts_what_was_handled():
    state = progress({"pending": 3, "sent": 4, "failed": 1, "excluded": 5, "skipped": 2})
    assert (state.total, state.done, state.percent) == (10, 7, 70)
    assert progress({"excluded": 2}).percent == 100
