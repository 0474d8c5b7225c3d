"""Who may see which customers. Every query that returns customer data takes a Scope."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, true

from data_access.models import Customer

FULL_ACCESS_ROLES = ("admin", "manager", "viewer")


@dataclass(frozen=True)
class Scope:
    """The user a query runs for: collectors see only the customers assigned to them."""

    user_id: int | None
    role: str

    @classmethod
    def everything(cls) -> Scope:
        """Unrestricted scope, for the CLI and background jobs."""
        return cls(user_id=None, role="admin")

    @property
    def restricted(self) -> bool:
        """Whether this scope sees only its own customers."""
        return self.role not in FULL_ACCESS_ROLES

    def customer_clause(self) -> ColumnElement[bool]:
        """A WHERE clause on ``customers`` limiting rows to what this scope may see."""
        if not self.restricted:
            return true()
        return Customer.collector_id == self.user_id
