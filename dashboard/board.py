"""The meeting-room board's rules: which panels, how fast they turn, and its link tokens.

Pure: no Flask, no Dash, no database.

A board link's token is ``<random>.<signature>``: 24 random bytes and an HMAC of
them under the app's secret key for the purpose "board". The signature lets the
server drop a forged or mistyped token without a query, and binds the token to
this installation; the database keeps only :func:`token_hash` of the whole token,
so a copy of the database cannot be used to open a board. Changing ``SECRET_KEY``
invalidates every board link.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, urlencode

# Panel keys in their default order.
PANELS = ("kpis", "customers", "sellers", "collections", "promises", "notes")
DEFAULT_ROTATION = 20
ROTATION_LIMITS = (5, 600)
DEFAULT_REFRESH = 60
REFRESH_LIMITS = (5, 3600)
MAX_EXPIRY_DAYS = 3650
NAME_LENGTH = 80
TOKEN_PURPOSE = b"cartera-board:"
SIGNATURE_BYTES = 16

LinkState = Literal["active", "revoked", "expired"]


@dataclass(frozen=True)
class BoardConfig:
    """What a board shows: the panels in rotation order and its two intervals (seconds)."""

    panels: tuple[str, ...] = PANELS
    rotation_seconds: int = DEFAULT_ROTATION
    refresh_seconds: int = DEFAULT_REFRESH


def parse_panels(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """Known panel keys in the order given, each once; all panels when none is known.

    Args:
        text: ``"kpis,notes"`` or a sequence of keys (unknown keys are ignored).
    """
    items = text.split(",") if isinstance(text, str) else list(text or [])
    found: list[str] = []
    for item in items:
        key = str(item).strip().lower()
        if key in PANELS and key not in found:
            found.append(key)
    return tuple(found) or PANELS


def bounded(value: object, limits: tuple[int, int], default: int) -> int:
    """``value`` as whole seconds clipped to ``limits``; ``default`` when not a number."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    low, high = limits
    return max(low, min(high, number))


def parse_board_query(search: str | None) -> BoardConfig:
    """The board's settings from a URL query: ``?panels=kpis,notes&rotate=30&refresh=60``."""
    values = parse_qs((search or "").lstrip("?"))

    def first(key: str) -> str | None:
        found = values.get(key)
        return found[0] if found else None

    return BoardConfig(
        panels=parse_panels(first("panels")),
        rotation_seconds=bounded(first("rotate"), ROTATION_LIMITS, DEFAULT_ROTATION),
        refresh_seconds=bounded(first("refresh"), REFRESH_LIMITS, DEFAULT_REFRESH),
    )


def board_search(config: BoardConfig) -> str:
    """The URL query of a board's settings (the inverse of :func:`parse_board_query`)."""
    return "?" + urlencode(
        {
            "panels": ",".join(config.panels),
            "rotate": config.rotation_seconds,
            "refresh": config.refresh_seconds,
        }
    )


def link_config(panels: str, rotation_seconds: int, refresh_seconds: int) -> BoardConfig:
    """A stored board link's settings, read back within today's limits."""
    return BoardConfig(
        panels=parse_panels(panels),
        rotation_seconds=bounded(rotation_seconds, ROTATION_LIMITS, DEFAULT_ROTATION),
        refresh_seconds=bounded(refresh_seconds, REFRESH_LIMITS, DEFAULT_REFRESH),
    )


class LinkError(ValueError):
    """A board link form value that cannot be used; ``key`` names the text to show."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class LinkSpec:
    """A validated new board link."""

    name: str
    config: BoardConfig
    expires_in_days: int | None


def _whole(value: object, limits: tuple[int, int], key: str) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise LinkError(key) from None
    if not limits[0] <= number <= limits[1]:
        raise LinkError(key)
    return number


def validate_link(
    name: str | None,
    panels: Iterable[str] | None,
    rotation: object,
    refresh: object,
    expires_in_days: object = None,
) -> LinkSpec:
    """Check the board link form.

    Raises:
        LinkError: ``board.error.name`` (empty or too long), ``board.error.panels``
            (no known panel), ``board.error.rotation``, ``board.error.refresh`` or
            ``board.error.expiry`` (not a whole number within its limits).
    """
    clean = (name or "").strip()
    if not clean or len(clean) > NAME_LENGTH:
        raise LinkError("board.error.name")
    keys = [key for key in (panels or []) if key in PANELS]
    if not keys:
        raise LinkError("board.error.panels")
    days = None
    if expires_in_days not in (None, ""):
        days = _whole(expires_in_days, (1, MAX_EXPIRY_DAYS), "board.error.expiry")
    config = BoardConfig(
        panels=parse_panels(keys),
        rotation_seconds=_whole(rotation, ROTATION_LIMITS, "board.error.rotation"),
        refresh_seconds=_whole(refresh, REFRESH_LIMITS, "board.error.refresh"),
    )
    return LinkSpec(name=clean, config=config, expires_in_days=days)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _signature(secret: str, body: str) -> str:
    digest = hmac.new(secret.encode(), TOKEN_PURPOSE + body.encode(), hashlib.sha256).digest()
    return _b64(digest[:SIGNATURE_BYTES])


def new_token(secret: str) -> str:
    """A fresh board token signed with ``secret`` (shown once, never stored)."""
    body = _b64(secrets.token_bytes(24))
    return f"{body}.{_signature(secret, body)}"


def signature_ok(token: str | None, secret: str) -> bool:
    """Whether ``token`` is shaped like a board token and signed with ``secret``."""
    if not token or len(token) > 200 or token.count(".") != 1:
        return False
    body, signature = token.split(".")
    return bool(body) and hmac.compare_digest(signature, _signature(secret, body))


def token_hash(token: str) -> str:
    """The SHA-256 (hex) of a token: what the database keeps instead of the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def link_state(
    *, revoked_at: dt.datetime | None, expires_at: dt.datetime | None, now: dt.datetime
) -> LinkState:
    """``revoked`` once revoked, ``expired`` from ``expires_at`` on, else ``active``."""
    if revoked_at is not None:
        return "revoked"
    if expires_at is not None and now >= expires_at:
        return "expired"
    return "active"


def expiry(now: dt.datetime, days: int | None) -> dt.datetime | None:
    """When a link made ``now`` and valid for ``days`` days stops working (None: never)."""
    return None if days is None else now + dt.timedelta(days=days)


def figure_font_size(screen_height: object) -> int:
    """Chart text size (px) for a screen ``screen_height`` CSS pixels tall.

    About 1/54 of the height (20 px on a 1080-line screen, 40 px on 2160), clipped
    to 12..56; 20 when the height is unknown.
    """
    try:
        height = float(str(screen_height))
    except (TypeError, ValueError):
        return 20
    if height != height or height <= 0:  # NaN or nonsense
        return 20
    return int(max(12, min(56, round(height / 54))))
