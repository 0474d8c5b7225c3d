"""Field mode as texts: cards of the day's list, check-in verdicts, endpoint errors (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dashboard import formatting as fmt
from dashboard.field import Reason, Stop
from dashboard.geo import format_distance
from dashboard.i18n import Translator
from dashboard.tasks_presenters import wall_path

REASON_TONES = {
    "promise_today": "primary",
    "task_today": "warning",
    "task_overdue": "danger",
    "worklist": "secondary",
}
TEXT_LIMIT = 140


def _short(text: str, limit: int = TEXT_LIMIT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def verdict_text(
    status: str,
    *,
    distance_m: float | None,
    accuracy_m: float | None,
    t: Translator,
    language: str,
) -> str:
    """``"verified, 42 m from the address"``, ``"not verified, 2.3 km away"``, ..."""
    distance = format_distance(distance_m, language) if distance_m is not None else ""
    accuracy = format_distance(accuracy_m, language) if accuracy_m is not None else ""
    if status == "no_coordinates" or (distance_m is None and status != "imprecise"):
        return t("field.verdict.no_coordinates")
    return t(f"field.verdict.{status}", distance=distance, accuracy=accuracy)


def _float(text: object) -> float | None:
    try:
        return None if text in (None, "") else float(str(text))
    except ValueError:
        return None


def visit_meta(event: Mapping[str, Any], t: Translator, language: str) -> str:
    """A check-in of the wall's timeline (data_access.timeline): verdict · accuracy."""
    accuracy = _float(event.get("text"))
    verdict = verdict_text(
        str(event.get("status")),
        distance_m=_float(event.get("detail")),
        accuracy_m=accuracy,
        t=t,
        language=language,
    )
    if accuracy is None:
        return verdict
    shown = format_distance(accuracy, language)
    return f"{verdict} · {t('timeline.visit.accuracy', accuracy=shown)}"


def reason_badge(reason: Reason, *, t: Translator, language: str, currency: str) -> tuple[str, str]:
    """(text, tone) of one reason a customer is on the day's list."""
    tone = REASON_TONES[reason.kind]
    if reason.kind == "promise_today":
        amount = fmt.money(reason.amount, currency, language) if reason.amount else ""
        return t("field.reason.promise_today", amount=amount), tone
    if reason.kind == "worklist":
        return t("field.reason.worklist", rank=reason.rank), tone
    day = fmt.date(reason.day, language) if reason.day else ""
    return t(f"field.reason.{reason.kind}", text=_short(reason.text, 80), date=day), tone


def next_promise_text(
    promise: tuple[dt.date, Decimal | None] | None, *, t: Translator, language: str, currency: str
) -> str:
    """``"$200.00 on Apr 5, 2024"``, or a dash without an open promise."""
    if promise is None:
        return t("field.none")
    day, amount = promise
    when = fmt.date(day, language)
    if amount is None:
        return t("field.promise_no_amount", date=when)
    return t("field.promise_on", amount=fmt.money(amount, currency, language), date=when)


def tel_href(phone: str) -> str:
    """``tel:`` link of a phone as written (keeps + and digits), empty without digits."""
    digits = "".join(ch for ch in str(phone or "") if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if any(ch.isdigit() for ch in digits) else ""


@dataclass(frozen=True)
class CardData:
    """What one card needs, read from the database (see dashboard.field_service)."""

    stop: Stop
    customer: Mapping[str, Any]  # a row of data_access.visits.field_customers
    last_note: str
    next_promise: tuple[dt.date, Decimal | None] | None
    visit: Mapping[str, Any] | None  # today's latest check-in, if any
    distance_m: float | None


def _visited(visit: Mapping[str, Any] | None, t: Translator, language: str) -> str:
    if not visit:
        return ""
    status = "verified" if visit["verified"] else "not_verified"
    if visit["distance_m"] is None:
        status = "no_coordinates"
    verdict = verdict_text(
        status, distance_m=visit["distance_m"], accuracy_m=None, t=t, language=language
    )
    return t("field.visited", time=visit["recorded_at"].strftime("%H:%M"), verdict=verdict)


def field_card(data: CardData, *, t: Translator, language: str, currency: str) -> dict[str, object]:
    """Plain texts and links of a card (the layout only places them)."""
    row = data.customer
    place = ", ".join(part for part in (row["address"], row["city"]) if part)
    located = row["latitude"] is not None and row["longitude"] is not None
    distance = ""
    if data.distance_m is not None:
        distance = t("field.distance", distance=format_distance(data.distance_m, language))
    elif not located:
        distance = t("field.no_coordinates")
    return {
        "customer_id": int(row["customer_id"]),
        "code": str(row["code"]),
        "name": str(row["name"]),
        "wall": wall_path(str(row["code"])),
        "place": place,
        "distance": distance,
        "reasons": [
            reason_badge(reason, t=t, language=language, currency=currency)
            for reason in data.stop.reasons
        ],
        "balance": fmt.money(row["balance"], currency, language),
        "overdue": fmt.money(row["overdue"], currency, language),
        "last_excuse": _short(data.last_note) if data.last_note else t("field.none"),
        "next_promise": next_promise_text(
            data.next_promise, t=t, language=language, currency=currency
        ),
        "tel": tel_href(str(row["phone"] or "")),
        "contact": str(row["contact_name"] or ""),
        "visited": _visited(data.visit, t, language),
    }


def error_text(errors: Mapping[str, str], *, t: Translator, max_age_days: int) -> str:
    """A ValidationError's fields as one sentence: ``"time: the time is in the future…"``."""
    parts = []
    for field, key in sorted(errors.items()):
        label = _lookup(t, f"field.field.{field}", field)
        problem = _lookup(t, f"field.error.{key}", "", days=max_age_days)
        parts.append(
            t("field.error.field", field=label, problem=problem or t("field.error.other", code=key))
        )
    return "; ".join(parts)


def _lookup(t: Translator, key: str, fallback: str, **values: object) -> str:
    try:
        return t(key, **values)
    except KeyError:
        return fallback
