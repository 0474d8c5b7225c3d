"""The page table: which paths exist and which roles may open them.

Used both by the request guard (HTTP level) and by the page router callback
(which renders content for any pathname the browser sends), so the two agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALL_ROLES = ("admin", "manager", "collector", "viewer")


@dataclass(frozen=True)
class Page:
    """A page: its name, path pattern (``<param>`` segments) and allowed roles."""

    name: str
    pattern: str
    roles: tuple[str, ...] = ALL_ROLES

    @property
    def regex(self) -> re.Pattern[str]:
        """The pattern compiled, each ``<name>`` matching one path segment."""
        body = re.sub(r"<(\w+)>", r"(?P<\1>[^/]+)", self.pattern.rstrip("/") or "/")
        return re.compile(f"^{body}/?$")


PAGES = (
    Page("home", "/"),
    Page("sellers", "/sellers"),
    Page("customers", "/customers"),
    Page("customer", "/customers/<code>"),
    Page("collections", "/collections"),
    Page("activity", "/activity"),
    Page("tasks", "/tasks"),
    Page("worklist", "/worklist", roles=("admin", "manager", "collector")),
    Page("performance", "/performance"),
    Page("users", "/admin/users", roles=("admin",)),
    Page("import", "/admin/import", roles=("admin", "manager")),
    Page("quality", "/admin/quality", roles=("admin", "manager")),
    Page("templates", "/admin/templates", roles=("admin",)),
    Page("board", "/board", roles=("admin", "manager", "viewer")),
    Page("field", "/field", roles=("admin", "manager", "collector")),
    Page("campaigns", "/campaigns", roles=("admin", "manager")),
    Page("reminders", "/admin/reminders", roles=("admin", "manager")),
)


def match(path: str) -> tuple[Page, dict[str, str]] | None:
    """The page for ``path`` and its parameters, or None for an unknown path."""
    for page in PAGES:
        found = page.regex.match(path or "/")
        if found:
            return page, found.groupdict()
    return None


def allowed(page: Page, role: str) -> bool:
    """Whether ``role`` may open ``page``."""
    return role in page.roles
