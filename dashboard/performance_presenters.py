"""The performance page's rows, texts and DSO chart, in the user's language. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.i18n import Translator
from dashboard.performance import GoalProgress, OwnerPerformance, PerformanceQuery
from dashboard.performance import recent_months as _recent_months

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[Decimal | None]) -> str:
    """One block character per value, scaled between the row's lowest and highest.

    A missing value is a thin space-like dot; all equal values sit in the middle.
    """
    known = [value for value in values if value is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    marks = []
    for value in values:
        if value is None:
            marks.append("·")
        elif high == low:
            marks.append(SPARKS[len(SPARKS) // 2])
        else:
            level = int((value - low) / (high - low) * (len(SPARKS) - 1) + Decimal("0.5"))
            marks.append(SPARKS[level])
    return "".join(marks)


def month_options(today: dt.date, language: str) -> list[tuple[str, str]]:
    """``("2026-11", "November 2026")`` for this month and the 23 before it."""
    return [
        (f"{month:%Y-%m}", fmt.date(month, language, style="LLLL yyyy").capitalize())
        for month in _recent_months(today)
    ]


def period_text(query: PerformanceQuery, *, t: Translator, language: str) -> str:
    """ "From Nov 1, 2026 to Nov 23, 2026" in the user's language."""
    return t(
        "performance.period_text",
        first=fmt.date(query.first, language),
        last=fmt.date(query.last, language),
    )


def _days(value: Decimal | None, t: Translator, language: str) -> str:
    if value is None:
        return t("common.none")
    return t("kpi.days", value=fmt.number(value, language, digits=1))


def _dso_number(value: Decimal | None, t: Translator, language: str) -> str:
    return t("common.none") if value is None else fmt.number(value, language, digits=1)


def dso_tooltip(
    points: Sequence[dt.date], values: Sequence[Decimal | None], *, t: Translator, language: str
) -> str:
    """ "Jun 30, 2026: 45.1 days · …" for the DSO cell's tooltip."""
    return " · ".join(
        f"{fmt.date(day, language)}: {_days(value, t, language)}"
        for day, value in zip(points, values, strict=True)
    )


def _goal_texts(
    goal: GoalProgress | None, as_of: dt.date, *, t: Translator, language: str, currency: str
) -> dict[str, object]:
    if goal is None:
        return {
            "goal": "",
            "goal_value": None,
            "goal_text": t("common.none"),
            "progress": None,
            "progress_text": "",
            "pace": None,
            "pace_text": "",
            "pace_tip": "",
        }
    gap = goal.collected - goal.expected
    pace_key = "performance.pace_ahead" if goal.on_pace else "performance.pace_behind"
    return {
        "goal": format(goal.goal, "f"),
        "goal_value": float(goal.goal),
        "goal_text": fmt.money(goal.goal, currency, language),
        "progress": float(goal.progress),
        "progress_text": fmt.percent(goal.progress, language),
        "pace": None if goal.pace is None else float(goal.pace),
        "pace_text": t(pace_key, gap=fmt.money(abs(gap), currency, language)),
        "pace_tip": t(
            "performance.pace_tip",
            date=fmt.date(as_of, language),
            expected=fmt.money(goal.expected, currency, language),
            share=fmt.percent(goal.expected / goal.goal, language),
        ),
        "on_pace": goal.on_pace,
    }


def grid_rows(
    rows: Sequence[OwnerPerformance],
    *,
    points: Sequence[dt.date],
    t: Translator,
    language: str,
    currency: str,
) -> list[dict[str, object]]:
    """One grid row per collector or seller: raw numbers to sort on, texts to show."""
    result: list[dict[str, object]] = []
    for row in rows:
        rate = row.kept.rate
        last_dso = row.dso[-1] if row.dso else None
        result.append(
            {
                "key": row.key,
                "name": row.name,
                "contacts": row.contacts,
                "covered": row.customers_covered,
                "promises": row.promises_made,
                "kept_rate": None if rate is None else float(rate),
                "kept_text": t(
                    "performance.kept_text",
                    rate=fmt.percent(rate, language),
                    kept=row.kept.kept,
                    decided=row.kept.decided,
                ),
                "collected": float(row.collected),
                "collected_text": fmt.money(row.collected, currency, language),
                "overdue": None if row.overdue_share is None else float(row.overdue_share),
                "overdue_text": fmt.percent(row.overdue_share, language),
                "dso": None if last_dso is None else float(last_dso),
                "dso_text": f"{sparkline(row.dso)}  {_dso_number(last_dso, t, language)}",
                "dso_tip": dso_tooltip(points, row.dso, t=t, language=language),
                **_goal_texts(row.goal, points[-1], t=t, language=language, currency=currency),
            }
        )
    return result


def _month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def dso_figure(
    rows: Sequence[OwnerPerformance],
    *,
    points: Sequence[dt.date],
    t: Translator,
    language: str,
) -> go.Figure:
    """One line per collector or seller: the DSO at each month end and the period end."""
    labels = [
        fmt.date(day, language, style="MMM yyyy" if _month_end(day) else "medium") for day in points
    ]
    figure = go.Figure()
    for row in rows:
        figure.add_trace(
            go.Scatter(
                x=labels,
                y=[None if value is None else float(value) for value in row.dso],
                name=row.name,
                mode="lines+markers",
                hovertemplate="%{fullData.name}<br>%{x}: %{y:.1f}<extra></extra>",
            )
        )
    figure.update_layout(
        margin={"l": 40, "r": 10, "t": 10, "b": 30},
        yaxis_title=t("performance.dso_axis"),
        legend={"orientation": "h", "y": -0.2},
        hovermode="closest",
        template="plotly_white",
        height=320,
    )
    return figure
