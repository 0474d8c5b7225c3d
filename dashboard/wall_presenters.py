"""Format a customer's timeline events for people (locale-aware, pure)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dashboard import formatting as fmt
from dashboard.field_presenters import visit_meta
from dashboard.i18n import Translator

REASONS = ("forgot", "cannot_pay", "dispute", "unaware", "fraud", "other")
CHANNELS = ("call", "visit", "email", "sms", "whatsapp")


def _when(at: dt.datetime, language: str) -> str:
    if at.time() == dt.time():
        return fmt.date(at.date(), language)
    return f"{fmt.date(at.date(), language)} {at.strftime('%H:%M')}"


def _day(text: object, language: str) -> str:
    if not text:
        return ""
    return fmt.date(dt.date.fromisoformat(str(text)[:10]), language)


def _meta(event: dict[str, Any], t: Translator, language: str) -> str:
    kind = event["kind"]
    if kind in ("invoice", "debit_note", "credit_note"):
        parts = [t("timeline.due", date=_day(event["text"], language))]
        if str(event["status"]).lower() in ("1", "true"):
            parts.append(t("doc.disputed"))
        if event["detail"]:
            parts.append(t("timeline.settled", date=_day(event["detail"], language)))
        return " · ".join(parts)
    if kind == "payment":
        return " · ".join(str(p) for p in (event["text"], event["detail"]) if p)
    if kind == "note":
        return f"{t('channel.' + str(event['detail']))} · {t('reason.' + str(event['status']))}"
    if kind == "task":
        parts = [
            t("task.status." + str(event["status"])),
            t("timeline.due", date=_day(event["title"], language)),
        ]
        if event["detail"]:
            parts.append(t("timeline.promise_on", date=_day(event["detail"], language)))
        return " · ".join(parts)
    if kind == "visit":  # a check-in: verified or how far, and the fix's accuracy
        return visit_meta(event, t, language)
    if kind == "message":  # channel · status, in words where the texts know them
        return " · ".join(
            _label(t, f"message.{part}.{event[field]}", event[field])
            for part, field in (("channel", "detail"), ("status", "status"))
        )
    return f"{event['detail']} · {event['status']}"


def _label(t: Translator, key: str, fallback: object) -> str:
    try:
        return t(key)
    except KeyError:
        return str(fallback)


def timeline_events(
    events: list[dict[str, Any]],
    *,
    t: Translator,
    language: str,
    currency: str,
    promise_states: dict[int, str] | None = None,
) -> list[dict[str, object]]:
    """Raw timeline rows (data_access.timeline) as texts for the wall.

    ``promise_states`` maps task ids to kept / broken / pending, shown on promises.
    Open tasks carry ``task_id`` so the wall can offer to complete or reassign them.
    """
    states = promise_states or {}
    shown = []
    for event in events:
        kind = event["kind"]
        title = event["title"] or ""
        text = event["text"] if kind in ("note", "task") else ""
        if kind == "task":
            title = ""
        elif kind == "note":
            title = t("timeline.spoke_with", name=title) if title else ""
        elif kind == "message":
            text = event["text"]
        amount = event["amount"]
        meta = _meta(event, t, language)
        state = states.get(int(event["item_id"])) if kind == "task" else None
        if state:
            meta = f"{meta} · {t('promise.state.' + state)}"
        open_task = kind == "task" and event["status"] == "open"
        shown.append(
            {
                "kind": kind,
                "when": _when(event["at"], language),
                "title": title,
                "amount": fmt.money(amount, currency, language) if amount is not None else "",
                "text": text or "",
                "meta": meta,
                "task_id": event["item_id"] if open_task else None,
                "state": state or "",
            }
        )
    return shown


PAYMENT_COLORS = {"well": "success", "regular": "warning", "badly": "danger", None: "secondary"}


def category_badge(category: Any, *, t: Translator) -> tuple[str, str, str]:
    """(label, colour, explanation) of the automatic category, e.g. "A · pays badly"."""
    pays = t(f"wall.pays.{category.payment_class or 'none'}")
    label = f"{category.size_class} · {pays}"
    color = "danger" if category.watch else PAYMENT_COLORS.get(category.payment_class, "secondary")
    return label, color, t(category.explanation_key)


def credit_use(balance: Any, limit: Any, *, t: Translator, language: str) -> str:
    """``"82.5% used"`` of the credit limit (empty without a limit)."""
    if limit is None or limit <= 0:
        return ""
    return t("customer.credit_used", pct=fmt.percent(max(balance, 0) / limit, language))


def customer_facts(
    customer: Any, *, t: Translator, language: str, currency: str, balance: Any = 0
) -> list[tuple[str, str]]:
    """Seller, collector, credit limit and its use, terms, tags and address of a customer."""
    days = customer.payment_terms_days
    used = credit_use(balance, customer.credit_limit, t=t, language=language)
    limit = fmt.money(customer.credit_limit, currency, language)
    place = ", ".join(p for p in (customer.address, customer.city, customer.country) if p)
    return [
        (t("customer.seller"), customer.seller.name if customer.seller else ""),
        (t("customer.collector"), customer.collector.full_name if customer.collector else ""),
        (t("customer.credit_limit"), f"{limit} · {used}" if used else limit),
        (t("customer.terms"), "" if days is None else t("customer.terms_days", days=days)),
        (t("customer.address"), place),
    ]


def contact_rows(contacts: Any) -> list[dict[str, str]]:
    """Contacts as texts and links (``tel`` keeps only + and digits)."""
    rows = []
    for contact in contacts:
        phone = contact.phone or ""
        rows.append(
            {
                "id": str(contact.id),
                "name": contact.name,
                "role": contact.role or "",
                "phone": phone,
                "tel": "".join(ch for ch in phone if ch.isdigit() or ch == "+"),
                "email": contact.email or "",
                "primary": "1" if contact.is_primary else "",
            }
        )
    return rows


def _month_label(day: dt.date, language: str) -> str:
    from babel.dates import format_date

    return format_date(day, "MMM yy", locale=fmt.FORMAT_LOCALES.get(language, language))


def trend_chart(trend: Any, *, t: Translator, language: str) -> Any:
    """The trends figure with month names and legend in the user's language."""
    from dashboard.figures import trend_figure

    names = {
        key: t(f"wall.series.{key}")
        for key in ("invoiced", "collected", "balance", "overdue", "days_late")
    }
    return trend_figure(
        list(trend["month"]),
        invoiced=list(trend["invoiced"]),
        collected=list(trend["collected"]),
        balance=list(trend["balance"]),
        overdue=list(trend["overdue"]),
        days_late=list(trend["days_late"]),
        names=names,
        month_labels=[_month_label(m, language) for m in trend["month"]],
    )


def verdict_text(verdict: Any, *, t: Translator, language: str, currency: str = "USD") -> str:
    """The one-line verdict with its numbers formatted for the locale."""
    params: dict[str, object] = {}
    for key, value in verdict.params.items():
        if value is None:
            params[key] = t("common.none")
        elif key.startswith("balance"):
            params[key] = fmt.money(value, currency, language)
        elif key.startswith("overdue_share"):
            params[key] = fmt.percent(value, language)
        elif key.startswith("days"):
            params[key] = fmt.number(value, language, digits=1)
        else:
            params[key] = value
    return t(verdict.key, **params)


def bucket_line(
    aging: Any, titles: list[str], keys: list[str], *, language: str, currency: str
) -> list[tuple[str, str, str]]:
    """(key, title, amount) per aging bucket of one customer (zeros when nothing is open)."""
    first = aging.iloc[0] if not aging.empty else None
    return [
        (key, title, fmt.money(first[key] if first is not None else 0, currency, language))
        for key, title in zip(keys, titles, strict=True)
    ]
