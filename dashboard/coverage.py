"""Contact coverage of the overdue portfolio and the 8–15-day contact cadence. Pure pandas.

The product documents ask collectors to persist "at periodic intervals of 8 to 15
days, so as not to bother your customers". For each overdue customer, the days
since its latest note (today − the note's day) place it in one band:

* ``recent`` (0–7 days): contacted this week; calling again now would pester.
* ``due_soon`` (8–15 days): inside the cadence; due for its next contact.
* ``uncovered`` (16 days or more, or never contacted): nobody has followed it up.

*Coverage* is the share of overdue customers contacted in the last 15 days
(``recent`` + ``due_soon``) over all overdue customers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.aging import oldest_days

RECENT_DAYS = 7
CADENCE_DAYS = 15
BANDS = ("recent", "due_soon", "uncovered")
LIST_COLUMNS = [
    "customer_id",
    "code",
    "name",
    "collector_name",
    "overdue",
    "oldest_days_overdue",
    "days_since_contact",
    "last_reason",
]


def days_since(last_contact: dt.datetime | dt.date | None, today: dt.date) -> int | None:
    """Whole days from the day of ``last_contact`` to ``today``; None when never contacted.

    A note written later than ``today`` counts as today (0 days).
    """
    if last_contact is None or pd.isna(last_contact):
        return None
    day = last_contact.date() if isinstance(last_contact, dt.datetime) else last_contact
    return max((today - day).days, 0)


def contact_band(days: int | None) -> str:
    """``recent`` (≤ 7 days), ``due_soon`` (8–15) or ``uncovered`` (16+ or never)."""
    if days is None or days > CADENCE_DAYS:
        return "uncovered"
    return "recent" if days <= RECENT_DAYS else "due_soon"


@dataclass(frozen=True)
class Coverage:
    """The coverage tile and the two follow-up lists.

    Attributes:
        overdue_customers: customers with something overdue (the denominator).
        contacted: those with a note in the last 15 days (the numerator).
        due_soon: last contact 8–15 days ago, largest overdue first.
        uncovered: no contact for more than 15 days or never, largest overdue first.
    """

    overdue_customers: int
    contacted: int
    due_soon: pd.DataFrame
    uncovered: pd.DataFrame

    @property
    def share(self) -> float | None:
        """contacted ÷ overdue customers; None when nobody is overdue."""
        if not self.overdue_customers:
            return None
        return self.contacted / self.overdue_customers


def _list(frame: pd.DataFrame) -> pd.DataFrame:
    ordered = frame.assign(_overdue=[float(v) for v in frame["overdue"]]).sort_values(
        ["_overdue", "code"], ascending=[False, True], kind="stable"
    )
    return ordered[LIST_COLUMNS].reset_index(drop=True)


def coverage(rows: pd.DataFrame, *, today: dt.date) -> Coverage:
    """Coverage of the overdue customers in ``rows`` as of ``today``.

    Args:
        rows: one row per overdue customer, as :func:`data_access.activity_feed.coverage_rows`
            returns (customer_id, code, name, collector_name, overdue, oldest_due,
            last_contact, last_reason).
        today: the day the days are counted to.

    Returns:
        The counts and the lists; list rows carry ``oldest_days_overdue``,
        ``days_since_contact`` (None for never) and ``last_reason`` (None for never).
    """
    frame = rows.copy()
    days = [days_since(value, today) for value in frame["last_contact"]]
    frame["days_since_contact"] = pd.Series(days, index=frame.index, dtype=object)
    frame["oldest_days_overdue"] = [oldest_days(due, today) for due in frame["oldest_due"]]
    reasons = [r if isinstance(r, str) else None for r in frame["last_reason"]]
    frame["last_reason"] = pd.Series(reasons, index=frame.index, dtype=object)
    bands = [contact_band(d) for d in days]
    frame["band"] = bands
    return Coverage(
        overdue_customers=len(frame),
        contacted=sum(band != "uncovered" for band in bands),
        due_soon=_list(frame[frame["band"] == "due_soon"]),
        uncovered=_list(frame[frame["band"] == "uncovered"]),
    )
