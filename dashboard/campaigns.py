"""Mass campaigns, the pure parts: segments, who receives a campaign and who is left out
(and why), the pace of sending, and progress. No SQL, Dash or Flask here.

**Who is left out** (the first reason that applies, in this order):

* ``disputed`` - the customer has an open invoice or debit note in dispute (the e-mail
  is a statement of every overdue invoice, so it would ask to pay the disputed one);
* ``promise`` - the customer has a pending promise to pay (we wait for it);
* ``nothing_overdue`` - nothing is overdue (campaigns about overdue invoices), or
  nothing is open at all;
* ``no_email`` / ``no_phone`` - no contact with a valid e-mail address, or with a valid
  mobile number (E.164 in the installation's region; landlines cannot take an SMS).

**Where it goes**: one recipient per customer, its primary contact's address (or
number) when valid, else the first valid one of its other contacts (by name).

**Pace**: at most ``per_minute`` messages a minute (``CARTERA_SEND_RATE``): a message
starts no sooner than ``60 / per_minute`` seconds after the previous one started.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from email_validator import EmailNotValidError, validate_email

from dashboard.sms import PhoneError, is_landline, to_e164

CHANNELS = ("email", "sms")
REASONS = ("disputed", "promise", "nothing_overdue", "no_email", "no_phone")
ZERO = Decimal("0.00")
MAX_BALANCE = Decimal("1000000000000")


class SegmentError(ValueError):
    """A segment value that makes no sense; ``field`` names it."""

    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__(field)


@dataclass(frozen=True)
class Segment:
    """Which customers: all of these that are set (None: not filtered).

    ``bucket`` is an aging bucket index (1 = 1-30 days with the default buckets):
    customers with something open in that bucket or an older one. ``seller`` is a
    seller code, ``collector`` a username, ``min_balance`` the least balance.
    """

    bucket: int | None = None
    tag: str | None = None
    seller: str | None = None
    collector: str | None = None
    min_balance: Decimal | None = None

    def to_json(self) -> str:
        """The segment as stored (JSON; money as a string)."""
        values = {key: value for key, value in asdict(self).items() if value is not None}
        if self.min_balance is not None:
            values["min_balance"] = str(self.min_balance)
        return json.dumps(values, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Segment:
        """A stored segment (values that no longer make sense are dropped)."""
        try:
            values = json.loads(text or "{}")
        except ValueError:
            values = {}
        if not isinstance(values, dict):
            values = {}
        try:
            return parse_segment(values, buckets=99)
        except SegmentError:
            return cls()


ANY = "*"  # a form's "all" / "any age"


def _text(values: Mapping[str, Any], key: str) -> str | None:
    raw = values.get(key)
    if raw is None or (isinstance(raw, str) and raw.strip() in ("", ANY)):
        return None
    if not isinstance(raw, str) or len(raw) > 80 or "\x00" in raw:
        raise SegmentError(key)
    return raw.strip()


def parse_segment(values: Mapping[str, Any], *, buckets: int) -> Segment:
    """A segment from a form or JSON: ``bucket``, ``tag``, ``seller``, ``collector``,
    ``min_balance``; empty values (and ``"*"``) mean "any".

    Args:
        values: the raw values.
        buckets: how many aging buckets there are (``bucket`` is 1 .. buckets - 1).

    Raises:
        SegmentError: a value that is not one (naming the field).
    """
    bucket = values.get("bucket")
    if bucket in (None, "", 0, "0", ANY):
        bucket = None
    elif not str(bucket).isdigit() or not 1 <= int(str(bucket)) < buckets:
        raise SegmentError("bucket")
    else:
        bucket = int(str(bucket))
    raw = values.get("min_balance")
    minimum = None
    if raw not in (None, ""):
        try:
            minimum = Decimal(str(raw).strip())
        except InvalidOperation:
            raise SegmentError("min_balance") from None
        if not minimum.is_finite() or minimum < 0 or minimum > MAX_BALANCE:
            raise SegmentError("min_balance")
        if minimum != minimum.quantize(Decimal("0.01")):
            raise SegmentError("min_balance")
    return Segment(
        bucket=bucket,
        tag=_text(values, "tag"),
        seller=_text(values, "seller"),
        collector=_text(values, "collector"),
        min_balance=minimum,
    )


# --- who receives it -------------------------------------------------------------


@dataclass(frozen=True)
class ContactPoint:
    """A contact of a customer, as the recipient choice needs it."""

    name: str
    email: str = ""
    phone: str = ""
    is_primary: bool = False


@dataclass(frozen=True)
class Candidate:
    """A customer of the segment with what deciding about it needs."""

    customer_id: int
    code: str
    name: str
    balance: Decimal
    overdue: Decimal
    open_total: Decimal
    oldest_days: int
    disputed: bool = False
    pending_promise: bool = False
    contacts: tuple[ContactPoint, ...] = ()


@dataclass(frozen=True)
class Planned:
    """A customer of a campaign: its recipient, or why it is left out (``reason``)."""

    customer_id: int
    code: str
    name: str
    balance: Decimal
    days_overdue: int
    recipient: str
    reason: str | None

    @property
    def included(self) -> bool:
        """Whether the campaign goes to this customer."""
        return self.reason is None


def _valid_email(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _by_preference(contacts: Sequence[ContactPoint]) -> list[ContactPoint]:
    return sorted(contacts, key=lambda c: (not c.is_primary, c.name.casefold()))


def email_recipient(contacts: Sequence[ContactPoint]) -> str | None:
    """The primary contact's valid address, else the first valid one by name."""
    for contact in _by_preference(contacts):
        address = contact.email.strip()
        if address and _valid_email(address):
            return address
    return None


def sms_recipient(contacts: Sequence[ContactPoint], region: str) -> str | None:
    """The primary contact's valid mobile number in E.164, else the first valid one."""
    for contact in _by_preference(contacts):
        try:
            number = to_e164(contact.phone, region)
        except PhoneError:
            continue
        if not is_landline(number):
            return number
    return None


def exclusion(candidate: Candidate, *, overdue_only: bool) -> str | None:
    """Why the customer is left out regardless of channel, or None."""
    if candidate.disputed:
        return "disputed"
    if candidate.pending_promise:
        return "promise"
    if (candidate.overdue if overdue_only else candidate.open_total) <= ZERO:
        return "nothing_overdue"
    return None


def plan_recipients(
    candidates: Sequence[Candidate], *, channel: str, overdue_only: bool, region: str
) -> list[Planned]:
    """Each candidate with its recipient or the reason it is left out, in the given order.

    Raises:
        ValueError: an unknown channel.
    """
    if channel not in CHANNELS:
        raise ValueError(f"channel: {channel!r} is not one of {CHANNELS}")
    planned = []
    for c in candidates:
        reason = exclusion(c, overdue_only=overdue_only)
        recipient = None
        if reason is None:
            if channel == "email":
                recipient = email_recipient(c.contacts)
            else:
                recipient = sms_recipient(c.contacts, region)
            reason = None if recipient else f"no_{'email' if channel == 'email' else 'phone'}"
        planned.append(
            Planned(
                c.customer_id, c.code, c.name, c.balance, c.oldest_days, recipient or "", reason
            )
        )
    return planned


def reason_counts(planned: Sequence[Planned]) -> dict[str, int]:
    """How many customers each reason leaves out (reasons with none are omitted)."""
    counts: dict[str, int] = {}
    for row in planned:
        if row.reason:
            counts[row.reason] = counts.get(row.reason, 0) + 1
    return {reason: counts[reason] for reason in REASONS if reason in counts}


# --- pace and progress -------------------------------------------------------------


@dataclass(frozen=True)
class Throttle:
    """At most ``per_minute`` messages a minute."""

    per_minute: int

    @property
    def interval(self) -> float:
        """Seconds between the starts of two messages."""
        return 60.0 / max(1, self.per_minute)

    def delay(self, last_start: float | None, now: float) -> float:
        """Seconds to wait before the next message (0 for the first)."""
        if last_start is None:
            return 0.0
        return max(0.0, last_start + self.interval - now)

    def duration(self, count: int) -> float:
        """Seconds ``count`` messages take at this pace, sending time aside."""
        return max(0, count - 1) * self.interval


@dataclass(frozen=True)
class Progress:
    """How far a campaign got: ``done`` of ``total`` recipients handled."""

    total: int
    done: int
    counts: dict[str, int]

    @property
    def percent(self) -> int:
        """Whole percent handled (100 when there is nothing to send)."""
        return 100 if self.total == 0 else int(100 * self.done / self.total)


def progress(counts: Mapping[str, int]) -> Progress:
    """Progress from recipient counts by status.

    ``excluded`` counts customers left out when the campaign was made; ``skipped``
    those found with nothing left to send when their turn came (handled, not sent).
    """
    handled = ("sending", "sent", "outbox", "failed", "skipped")
    done = sum(counts.get(status, 0) for status in handled)
    total = done + counts.get("pending", 0)
    return Progress(total, done, dict(counts))
