"""Template placeholders: which exist, checking a template, filling it in. Pure.

A template is text with ``{name}`` placeholders; ``{{`` and ``}}`` write a literal
brace. Only the names of :data:`PLACEHOLDERS` are allowed, bare: no attribute or
index access, conversion or format spec (``{customer_name.upper}``, ``{total:>10}``),
so filling a template can never reach into Python objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from string import Formatter

# name -> is it a block (a list or table shown on its own lines)?
PLACEHOLDERS: dict[str, bool] = {
    "company": False,
    "customer_name": False,
    "customer_code": False,
    "as_of": False,
    "overdue_count": False,
    "overdue_total": False,
    "oldest_days": False,
    "days_late": False,
    "open_count": False,
    "open_total": False,
    "balance": False,
    "total": False,
    "situation": False,
    "cheque_payee": False,
    "collections_name": False,
    "collections_phone": False,
    "collections_email": False,
    "invoice_list": True,
    "payment_instructions": True,
    "payment_notice": True,
    "signature": True,
}
BLOCKS = frozenset(name for name, block in PLACEHOLDERS.items() if block)

# Problem keys (texts: templates.problem.<key>).
UNKNOWN = "unknown"
MALFORMED = "malformed"
BRACES = "braces"
BLOCK_IN_SUBJECT = "block_in_subject"
REQUIRED = "required"
TOO_LONG = "too_long"


@dataclass(frozen=True)
class Problem:
    """Something wrong in one field of a template: ``key`` names it, ``name`` says where."""

    field: str  # subject | body
    key: str
    name: str = ""


class TemplateError(ValueError):
    """A template that cannot be saved or used; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.field}: {p.key} {p.name}".strip() for p in problems))


def _pieces(text: str) -> Iterator[tuple[str, str | None, str | None, str | None]]:
    return iter(Formatter().parse(text))


def fields_of(text: str) -> list[str]:
    """The placeholder names used in ``text``, in order (raises ValueError on bad braces)."""
    return [name for _literal, name, _spec, _conv in _pieces(text) if name is not None]


def problems_in(field: str, text: str, *, max_len: int) -> list[Problem]:
    """Every problem of one template field (empty list when it is fine)."""
    if not text.strip():
        return [Problem(field, REQUIRED)]
    if len(text) > max_len:
        return [Problem(field, TOO_LONG)]
    try:
        pieces = list(_pieces(text))
    except ValueError:
        return [Problem(field, BRACES)]
    found: list[Problem] = []
    for _literal, name, spec, conversion in pieces:
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            found.append(Problem(field, MALFORMED, "{" + name + "}"))
        elif name not in PLACEHOLDERS:
            found.append(Problem(field, UNKNOWN, "{" + name + "}"))
        elif field == "subject" and name in BLOCKS:
            found.append(Problem(field, BLOCK_IN_SUBJECT, "{" + name + "}"))
    return found


def check_template(subject: str, body: str) -> None:
    """Refuse a template with unknown or malformed placeholders.

    Raises:
        TemplateError: with every problem of the subject and the body.
    """
    problems = problems_in("subject", subject, max_len=300)
    problems += problems_in("body", body, max_len=20000)
    if problems:
        raise TemplateError(problems)


def fill(text: str, values: Mapping[str, str], *, literal: Callable[[str], str] = str) -> str:
    """``text`` with each placeholder replaced by ``values[name]`` (already formatted).

    ``literal`` transforms the template's own text (``html.escape`` for the HTML part);
    values are inserted as given. Assumes :func:`check_template` passed.
    """
    out = []
    for text_part, name, _spec, _conversion in _pieces(text):
        out.append(literal(text_part))
        if name is not None:
            out.append(values[name])
    return "".join(out)
