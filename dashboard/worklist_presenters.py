"""Plain, formatted rows of "who to call today" for the page and the CLI (pure)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from dashboard import formatting as fmt
from dashboard.i18n import Translator
from dashboard.tasks_presenters import wall_path
from dashboard.worklist import Ranked


def _pts(points: Decimal, language: str) -> str:
    return fmt.number(points, language, digits=1)


def _badges(item: Ranked, t: Translator, language: str, currency: str) -> list[tuple[str, str]]:
    """(text, tone) of each part that moves the score, in the score's order."""
    c, p = item.customer, item.parts
    badges: list[tuple[str, str]] = []
    if c.overdue > 0:
        amount = fmt.money(c.overdue, currency, language)
        badges.append(
            (t("worklist.part.overdue", amount=amount, points=_pts(p.overdue, language)), "danger")
        )
    if c.days_overdue > 0:
        days = fmt.number(c.days_overdue, language)
        badges.append(
            (t("worklist.part.days", days=days, points=_pts(p.days, language)), "warning")
        )
    if c.promises_today:
        amount = fmt.money(c.promised_today, currency, language)
        text = t(
            "worklist.part.promise_today", amount=amount, points=_pts(p.promise_today, language)
        )
        badges.append((text, "primary"))
    if c.broken:
        count = fmt.number(c.broken, language)
        badges.append(
            (t("worklist.part.broken", count=count, points=_pts(p.broken, language)), "danger")
        )
    if c.days_since_contact is None:
        badges.append((t("worklist.part.contact_never", points=_pts(p.contact, language)), "info"))
    else:
        days = fmt.number(c.days_since_contact, language)
        tone = "info" if p.contact > 0 else "light"
        badges.append(
            (t("worklist.part.contact", days=days, points=_pts(p.contact, language)), tone)
        )
    if p.dispute < 0:
        amount = fmt.money(c.disputed_overdue, currency, language)
        badges.append(
            (
                t("worklist.part.dispute", amount=amount, points=_pts(p.dispute, language)),
                "secondary",
            )
        )
    return badges


def worklist_rows(
    ranked: list[Ranked], *, t: Translator, language: str, currency: str, limit: int
) -> list[dict[str, object]]:
    """The first ``limit`` rows of the worklist: rank, customer, score, badges, link."""
    return [
        {
            "rank": fmt.number(item.rank, language),
            "code": item.customer.code,
            "customer": item.customer.name,
            "href": wall_path(item.customer.code, note=True),
            "score": t("worklist.score", points=_pts(item.score, language)),
            "badges": _badges(item, t, language, currency),
            "disputed": item.customer.disputed,
        }
        for item in ranked[:limit]
    ]


def worklist_table(ranked: list[Ranked]) -> pd.DataFrame:
    """The worklist for the CLI: rank, customer, score, each part's points and measure."""
    rows = []
    for item in ranked:
        c, p = item.customer, item.parts
        rows.append(
            {
                "rank": item.rank,
                "customer_code": c.code,
                "customer_name": c.name,
                "score": f"{item.score:.1f}",
                **{f"{key}_points": f"{points:.1f}" for key, points in p.items()},
                "overdue": c.overdue,
                "days_overdue": c.days_overdue,
                "promised_today": c.promised_today,
                "broken_promises": c.broken,
                "days_since_contact": "" if c.days_since_contact is None else c.days_since_contact,
                "disputed_overdue": c.disputed_overdue,
                "disputed": c.disputed,
            }
        )
    return pd.DataFrame(rows, columns=WORKLIST_COLUMNS)


WORKLIST_COLUMNS = [
    "rank",
    "customer_code",
    "customer_name",
    "score",
    "overdue_points",
    "days_points",
    "promise_today_points",
    "broken_points",
    "contact_points",
    "dispute_points",
    "overdue",
    "days_overdue",
    "promised_today",
    "broken_promises",
    "days_since_contact",
    "disputed_overdue",
    "disputed",
]
