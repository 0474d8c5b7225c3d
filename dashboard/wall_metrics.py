"""The numbers of the customer wall: automatic category, monthly trend and verdict. Pure.

:mod:`data_access.wall` loads the rows; everything here is arithmetic on ``Decimal``
and dates, with the ledger rules of :mod:`data_access.ledger` (itself pure).

* **Category.** How well a customer pays: the amount-weighted average days late
  (``max(0, settled_on - due_date)``, weight = the charge's amount) of the invoices
  and debit notes settled in the 12 months ending at as_of, i.e. ``settled_on`` in
  ``(as_of - 365 days, as_of]``, rounded to one decimal (ROUND_HALF_UP) and then
  classed: ``well`` <= 5 days, ``regular`` <= 30, ``badly`` above; nothing settled
  is ``None`` ("no history"). How big: ABC (Pareto) on the same 12 months' net
  invoicing (invoices + debit notes - credit notes) of the portfolio.
* **Trend.** One row per calendar month ending at as_of's month (that month is
  partial: its "month end" is as_of), replayed from one customer's documents,
  payments and allocations.
* **Verdict.** The last half of the trend against the first half, as an i18n key
  plus the numbers its text needs.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

import pandas as pd

from data_access.ledger import Allocation, Charge, Credit, open_as_of

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
YEAR_DAYS = 365
TREND_MONTHS = (12, 24)
PAYMENT_CLASSES = ("well", "regular", "badly")
SIZE_CLASSES = ("A", "B", "C")
TREND_COLUMNS = ["month", "invoiced", "collected", "balance", "overdue", "days_late", "paid"]

# --------------------------------------------------------------------------- category


@dataclass(frozen=True)
class CategoryRules:
    """Thresholds of the automatic category.

    Attributes:
        pays_well_max: weighted days late up to this pay ``well``.
        regular_max: above ``pays_well_max`` and up to this pay ``regular``; above, ``badly``.
        size_a_share: customers needed to reach this share of the invoicing are ``A``.
        size_b_share: the next ones, up to this share, are ``B``; the rest ``C``.
    """

    pays_well_max: int = 5
    regular_max: int = 30
    size_a_share: Decimal = Decimal("0.8")
    size_b_share: Decimal = Decimal("0.95")


DEFAULT_RULES = CategoryRules()


@dataclass(frozen=True)
class Category:
    """A customer's automatic category as of a date.

    Attributes:
        payment_class: ``well``, ``regular``, ``badly`` or None (nothing paid in 12 months).
        size_class: ``A``, ``B`` or ``C``.
        weighted_days_late: amount-weighted days late, one decimal; None with no history.
        invoiced_12m: net invoicing of the 12 months (may be zero or negative).
        invoice_count_12m: invoices and debit notes issued in the 12 months.
    """

    payment_class: str | None
    size_class: str
    weighted_days_late: Decimal | None
    invoiced_12m: Decimal
    invoice_count_12m: int

    @property
    def watch(self) -> bool:
        """Big (A) and pays badly: the customer to keep an eye on."""
        return self.size_class == "A" and self.payment_class == "badly"

    @property
    def explanation_key(self) -> str:
        """i18n key of the one-line explanation (big/small x pays well/late, or no history)."""
        if self.payment_class is None:
            return "wall.category.no_history"
        size = "big" if self.size_class == "A" else "small"
        pays = "late" if self.payment_class == "badly" else "good"
        return f"wall.category.{size}_{pays}"


def twelve_months(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day (both included) of the 12 months ending at ``as_of``.

    That is ``(as_of - 365 days, as_of]``; 365 days even across a leap day.
    """
    return as_of - dt.timedelta(days=YEAR_DAYS - 1), as_of


def days_late(due_date: dt.date, settled_on: dt.date) -> int:
    """Whole days from the due date to the settlement; paying early or on time is 0."""
    return max(0, (settled_on - due_date).days)


def weighted_days_late(rows: Iterable[tuple[dt.date, dt.date, Decimal]]) -> Decimal | None:
    """Amount-weighted average days late of settled charges.

    Args:
        rows: ``(due_date, settled_on, amount)`` of each settled charge.

    Returns:
        The average to one decimal (ROUND_HALF_UP), or None when there is no row.
    """
    total = ZERO
    weighted = ZERO
    for due_date, settled_on, amount in rows:
        total += amount
        weighted += amount * days_late(due_date, settled_on)
    if total <= 0:
        return None
    return (weighted / total).quantize(TENTH, ROUND_HALF_UP)


def payment_class(days: Decimal | None, rules: CategoryRules = DEFAULT_RULES) -> str | None:
    """``well``, ``regular`` or ``badly`` for weighted days late (None stays None).

    The rounded average is classed, so a customer shown 5.0 days late pays well
    and one shown 5.1 pays regular.
    """
    if days is None:
        return None
    if days <= rules.pays_well_max:
        return "well"
    if days <= rules.regular_max:
        return "regular"
    return "badly"


def size_classes(
    invoiced_by_customer: Mapping[int, Decimal], rules: CategoryRules = DEFAULT_RULES
) -> dict[int, str]:
    """ABC class of each customer by its share of the portfolio's invoicing.

    Customers with positive invoicing, biggest first, are ``A`` while the share
    invoiced by the bigger ones is below ``size_a_share`` (so the customer that
    crosses 80% is still A), then ``B`` while it is below ``size_b_share``, then
    ``C``. Equal amounts get the same class. Zero or negative invoicing is ``C``
    and does not count in the total.

    Args:
        invoiced_by_customer: net invoicing per customer id.
        rules: the share thresholds.

    Returns:
        The class of every customer in ``invoiced_by_customer``.
    """
    ranked = sorted(
        ((amount, cid) for cid, amount in invoiced_by_customer.items() if amount > 0),
        key=lambda pair: (-pair[0], pair[1]),
    )
    total = sum((amount for amount, _ in ranked), ZERO)
    classes = dict.fromkeys(invoiced_by_customer, "C")
    before = ZERO
    previous: tuple[Decimal, str] | None = None
    for amount, cid in ranked:
        if previous is not None and previous[0] == amount:
            size = previous[1]
        elif before < rules.size_a_share * total:
            size = "A"
        elif before < rules.size_b_share * total:
            size = "B"
        else:
            size = "C"
        classes[cid] = size
        previous = (amount, size)
        before += amount
    return classes


def customer_category(
    paid: pd.DataFrame,
    invoicing: Mapping[int, tuple[Decimal, int]],
    customer_id: int,
    *,
    rules: CategoryRules = DEFAULT_RULES,
) -> Category:
    """The automatic category of one customer.

    Args:
        paid: the customer's charges settled in the 12 months (columns ``due_date``,
            ``settled_on``, ``amount``), from :func:`data_access.wall.paid_invoices`.
        invoicing: ``(net invoiced, charge count)`` of the 12 months per customer of
            the portfolio, from :func:`data_access.wall.invoicing_by_customer`.
        customer_id: the customer; missing from ``invoicing`` means nothing invoiced.
        rules: thresholds.

    Returns:
        The category; ``watch`` tells whether it is big and pays badly.
    """
    days = weighted_days_late(
        zip(paid["due_date"], paid["settled_on"], paid["amount"], strict=True)
    )
    amounts = {cid: amount for cid, (amount, _count) in invoicing.items()}
    invoiced, count = invoicing.get(customer_id, (ZERO, 0))
    return Category(
        payment_class=payment_class(days, rules),
        size_class=size_classes(amounts, rules).get(customer_id, "C"),
        weighted_days_late=days,
        invoiced_12m=invoiced,
        invoice_count_12m=count,
    )


# --------------------------------------------------------------------------- trend


class LedgerRows(Protocol):
    """One customer's ledger as plain rows (:class:`data_access.wall.CustomerLedger`)."""

    @property
    def charges(self) -> Sequence[Charge]:
        """Invoices and debit notes."""
        ...

    @property
    def credits(self) -> Sequence[Credit]:
        """Payments and credit notes."""
        ...

    @property
    def allocations(self) -> Sequence[Allocation]:
        """How credits were applied to charges, with effective dates."""
        ...


def month_starts(as_of: dt.date, months: int) -> list[dt.date]:
    """First days of the ``months`` calendar months ending at ``as_of``'s month, oldest first."""
    if months < 1:
        raise ValueError(f"months must be positive, not {months}")
    index = as_of.year * 12 + as_of.month - 1
    return [
        dt.date(position // 12, position % 12 + 1, 1)
        for position in range(index - months + 1, index + 1)
    ]


def month_end(first: dt.date, as_of: dt.date) -> dt.date:
    """Last day of ``first``'s month, or ``as_of`` when that comes earlier."""
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return min(last, as_of)


def settlement_dates(
    charges: Sequence[Charge], allocations: Sequence[Allocation], as_of: dt.date
) -> dict[int, dt.date]:
    """Date on which each charge was fully paid, for those paid by ``as_of``."""
    by_charge: dict[int, list[Allocation]] = defaultdict(list)
    for allocation in allocations:
        if allocation.effective_date <= as_of:
            by_charge[allocation.charge_id].append(allocation)
    settled: dict[int, dt.date] = {}
    for charge in charges:
        applied = ZERO
        for allocation in sorted(by_charge[charge.id], key=lambda a: a.effective_date):
            applied += allocation.amount
            if applied >= charge.amount:
                settled[charge.id] = allocation.effective_date
                break
    return settled


def overdue_at(
    charges: Sequence[Charge], allocations: Mapping[int, Sequence[Allocation]], day: dt.date
) -> Decimal:
    """Open amount on ``day`` of the charges due before it (due that day is not overdue).

    Args:
        charges: the customer's charges.
        allocations: allocations per charge id.
        day: the month end.
    """
    return sum(
        (
            open_as_of(charge, allocations.get(charge.id, ()), day)
            for charge in charges
            if charge.issue_date <= day and charge.due_date < day
        ),
        ZERO,
    )


@dataclass
class _Months:
    """Per-month sums keyed by the first of the month."""

    invoiced: dict[dt.date, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    collected: dict[dt.date, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    paid: dict[dt.date, list[tuple[dt.date, dt.date, Decimal]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    opening: Decimal = ZERO


def _bucket(ledger: LedgerRows, first: dt.date, as_of: dt.date) -> _Months:
    """Sort flows into months; what comes before ``first`` only moves the opening balance."""
    sums = _Months()
    # (date, amount, which sum): charges add to sales, credit notes subtract, payments collect.
    flows = [(c.issue_date, c.amount, sums.invoiced) for c in ledger.charges]
    for credit in ledger.credits:
        if credit.source == "payment":
            flows.append((credit.date, credit.amount, sums.collected))
        else:
            flows.append((credit.date, -credit.amount, sums.invoiced))
    for day, amount, target in flows:
        if day > as_of:
            continue
        if day >= first:
            target[day.replace(day=1)] += amount
        elif target is sums.invoiced:
            sums.opening += amount
        else:
            sums.opening -= amount
    settled = settlement_dates(ledger.charges, ledger.allocations, as_of)
    for charge in ledger.charges:
        settled_on = settled.get(charge.id)
        if settled_on is not None and settled_on >= first:
            month = settled_on.replace(day=1)
            sums.paid[month].append((charge.due_date, settled_on, charge.amount))
    return sums


def monthly_trend(ledger: LedgerRows, *, as_of: dt.date, months: int = 12) -> pd.DataFrame:
    """One customer's month-by-month story, for the 12- or 24-month view.

    Args:
        ledger: the customer's charges, credits and allocations (all dates; what
            happens after ``as_of`` is ignored).
        as_of: the date of the view; its month is the last, partial one.
        months: how many calendar months, 12 or 24 on the wall.

    Returns:
        One row per month, oldest first, empty months as zeros: ``month`` (first
        day), ``invoiced`` (net credit sales issued), ``collected`` (payments dated
        that month), ``balance`` (charges - credits up to the month end, i.e. open
        charges - unapplied credit), ``overdue`` (open charges due before the month
        end), ``days_late`` (amount-weighted, of the charges fully paid that month;
        None when none) and ``paid`` (amount of those charges, the weight).
    """
    starts = month_starts(as_of, months)
    sums = _bucket(ledger, starts[0], as_of)
    by_charge: dict[int, list[Allocation]] = defaultdict(list)
    for allocation in ledger.allocations:
        by_charge[allocation.charge_id].append(allocation)
    rows = []
    balance = sums.opening
    for first in starts:
        balance += sums.invoiced[first] - sums.collected[first]
        paid = sums.paid[first]
        rows.append(
            {
                "month": first,
                "invoiced": sums.invoiced[first],
                "collected": sums.collected[first],
                "balance": balance,
                "overdue": overdue_at(ledger.charges, by_charge, month_end(first, as_of)),
                "days_late": weighted_days_late(paid),
                "paid": sum((amount for *_, amount in paid), ZERO),
            }
        )
    return pd.DataFrame(rows, columns=TREND_COLUMNS)


# --------------------------------------------------------------------------- verdict


@dataclass(frozen=True)
class VerdictRules:
    """What counts as a change between the two halves of the trend.

    Attributes:
        balance_up: relative rise of the average balance that means borrowing more.
        days_change: change in weighted days late that means paying later or faster.
    """

    balance_up: Decimal = Decimal("0.10")
    days_change: Decimal = Decimal("5")


DEFAULT_VERDICT_RULES = VerdictRules()


@dataclass(frozen=True)
class Verdict:
    """A one-line verdict: an i18n key and the raw values its text needs.

    ``params`` always holds ``months`` (the length of each half), ``balance_then``
    / ``balance_now`` (average month-end balance, money), ``days_then`` /
    ``days_now`` (weighted days late, None when nothing was paid) and
    ``overdue_share_then`` / ``overdue_share_now`` (average overdue / average
    balance, a ratio for :func:`dashboard.formatting.percent`). Format them for
    the language before :func:`dashboard.i18n.translate`.
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _Half:
    active: bool
    balance: Decimal
    share: Decimal
    days: Decimal | None


def _half(frame: pd.DataFrame) -> _Half:
    """Averages of one half of the trend."""
    months = Decimal(len(frame))
    balance = (sum(frame["balance"], ZERO) / months).quantize(CENT, ROUND_HALF_UP)
    overdue = sum(frame["overdue"], ZERO) / months
    share = (overdue / balance).quantize(Decimal("0.001"), ROUND_HALF_UP) if balance > 0 else ZERO
    paid = [
        (Decimal(days), amount)
        for days, amount in zip(frame["days_late"], frame["paid"], strict=True)
        if days is not None and not pd.isna(days)
    ]
    weight = sum((amount for _, amount in paid), ZERO)
    days = None
    if weight > 0:
        days = (sum((d * a for d, a in paid), ZERO) / weight).quantize(TENTH, ROUND_HALF_UP)
    active = any(
        value != 0
        for column in ("invoiced", "collected", "balance", "overdue")
        for value in frame[column]
    )
    return _Half(active, balance, share, days)


def trend_verdict(trend: pd.DataFrame, *, rules: VerdictRules = DEFAULT_VERDICT_RULES) -> Verdict:
    """Compare the last half of a trend with the first half (6 vs 6 or 12 vs 12 months).

    Keys, first match wins: ``wall.verdict.no_history`` (nothing happened in the
    first half), ``worse`` (average balance up more than 10% and days late up more
    than 5), ``better`` (days late down more than 5 and the overdue share down, or
    nothing overdue now), ``slower`` (days late up), ``more_credit`` (balance up),
    else ``stable``. Days late count only when both halves had payments.

    Args:
        trend: a frame from :func:`monthly_trend`.
        rules: thresholds.
    """
    half = len(trend) // 2
    if half == 0:
        return Verdict("wall.verdict.no_history", {"months": 0})
    then, now = _half(trend.iloc[-2 * half : -half]), _half(trend.iloc[-half:])
    params = {
        "months": half,
        "balance_then": then.balance,
        "balance_now": now.balance,
        "days_then": then.days,
        "days_now": now.days,
        "overdue_share_then": then.share,
        "overdue_share_now": now.share,
    }
    if not then.active:
        return Verdict("wall.verdict.no_history", params)
    return Verdict(f"wall.verdict.{_verdict_key(then, now, rules)}", params)


def _verdict_key(then: _Half, now: _Half, rules: VerdictRules) -> str:
    """The verdict of two halves that both have history (see :func:`trend_verdict`)."""
    if then.balance > 0:
        borrowing = now.balance > then.balance * (1 + rules.balance_up)
    else:
        borrowing = now.balance > 0
    change = None if then.days is None or now.days is None else now.days - then.days
    later = change is not None and change > rules.days_change
    faster = change is not None and -change > rules.days_change
    if borrowing and later:
        return "worse"
    if faster and (now.share < then.share or now.share == 0):
        return "better"
    if later:
        return "slower"
    if borrowing:
        return "more_credit"
    return "stable"
