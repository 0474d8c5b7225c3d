"""What the statement modal and the templates page show, as plain values. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashboard import formatting as fmt
from dashboard.i18n import Translator
from dashboard.messaging.compose import ComposedEmail
from dashboard.messaging.placeholders import Problem
from data_access.messages import valid_address

RESULT_COLORS = {"sent": "success", "outbox": "warning", "failed": "danger", "sending": "info"}


def recipient_choices(
    contacts: Sequence[Any], t: Translator
) -> tuple[list[dict[str, str]], list[str], list[str]]:
    """Checklist options of the contacts with a valid address, the ones ticked at first
    (the primary contact, else every one) and the names left out with the reason."""
    options, ticked, left_out = [], [], []
    for contact in contacts:
        email = (contact.email or "").strip()
        if not valid_address(email):
            left_out.append(t("message.bad_contact_email", name=contact.name, email=email))
            continue
        options.append({"label": f"{contact.name} <{email}>", "value": str(contact.id)})
        if contact.is_primary:
            ticked.append(str(contact.id))
    return options, ticked or [option["value"] for option in options], left_out


def file_size(size: int, language: str) -> str:
    """``12 KB`` (at least 1 KB)."""
    return f"{fmt.number(max(1, round(size / 1024)), language)} KB"


def attachment_rows(composed: ComposedEmail, language: str) -> list[tuple[str, str]]:
    """(file name, size) of each attachment."""
    return [(a.filename, file_size(len(a.content), language)) for a in composed.attachments]


def result_view(
    status: str, error: str | None, fresh: bool, to: str, t: Translator
) -> tuple[str, str]:
    """What the modal says after "Send" (text, colour): sent, kept in the outbox (not
    sent), failed with the reason, or already done for this form."""
    if not fresh:
        return t("message.result.already", status=t(f"message.status.{status}")), "info"
    if status == "failed":
        return t("message.result.failed", error=error or ""), "danger"
    key = "message.result.sent" if status == "sent" else "message.result.outbox"
    text = t(key, to=to)
    if error:
        text += " " + t("message.result.note", note=error)
    return text, RESULT_COLORS.get(status, "info")


def problem_texts(problems: Sequence[Problem], t: Translator) -> list[str]:
    """One sentence per template problem, naming the field and the placeholder."""
    return [
        t(f"templates.problem.{p.key}", field=t(f"templates.{p.field}"), name=p.name)
        for p in problems
    ]
