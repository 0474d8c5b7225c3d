"""E-mail settings from the environment: the SMTP server, the sender and the tone limits.

=========================  ====================================================  =================
variable                   meaning                                               default
=========================  ====================================================  =================
CARTERA_SMTP_HOST          SMTP server; unset: messages go to the outbox          (outbox)
CARTERA_SMTP_PORT          its port                                              587 / 465 / 25
CARTERA_SMTP_SECURITY      ``starttls``, ``ssl`` (implicit TLS) or ``none``       starttls
CARTERA_SMTP_USER          login (together with CARTERA_SMTP_PASSWORD)            none
CARTERA_SMTP_PASSWORD      its password                                          none
CARTERA_SMTP_FROM          From address (``Name <addr>``), required with a host   cartera@localhost
CARTERA_SMTP_REPLY_TO      Reply-To address                                      none
CARTERA_SMTP_TIMEOUT       seconds to wait for the server                        30
CARTERA_TONE_DAYS          last day overdue of the friendly and concerned tones  15,60
=========================  ====================================================  =================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.utils import parseaddr

from email_validator import EmailNotValidError, validate_email

from dashboard.config import ConfigError

SMTP_SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class SmtpConfig:
    """How to reach the SMTP server (the password never shows in a repr)."""

    host: str
    port: int
    security: str = "starttls"  # starttls | ssl | none
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0


@dataclass(frozen=True)
class MailSettings:
    """E-mail: the SMTP server (None: messages go to the outbox), sender and tone limits."""

    smtp: SmtpConfig | None = None
    sender: str = "cartera@localhost"
    reply_to: str | None = None
    tone_days: tuple[int, int] = (15, 60)  # friendly up to 15 days, concern up to 60, then firm


def parse_smtp(env: Mapping[str, str]) -> SmtpConfig | None:
    """``CARTERA_SMTP_HOST/PORT/SECURITY/USER/PASSWORD/TIMEOUT``; None without a host.

    Raises:
        ConfigError: a value is unusable; the message names the variable.
    """
    host = env.get("CARTERA_SMTP_HOST", "").strip()
    if not host:
        return None
    security = env.get("CARTERA_SMTP_SECURITY", "").strip().lower() or "starttls"
    if security not in SMTP_SECURITY:
        raise ConfigError(f"CARTERA_SMTP_SECURITY: one of starttls, ssl, none; got {security!r}")
    port_text = env.get("CARTERA_SMTP_PORT", "").strip() or str(DEFAULT_PORTS[security])
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"CARTERA_SMTP_PORT: a port number 1-65535, got {port_text!r}")
    timeout_text = env.get("CARTERA_SMTP_TIMEOUT", "").strip() or "30"
    if not timeout_text.isdigit() or not 0 < int(timeout_text) <= 600:
        raise ConfigError(f"CARTERA_SMTP_TIMEOUT: whole seconds 1-600, got {timeout_text!r}")
    user = env.get("CARTERA_SMTP_USER") or None
    password = env.get("CARTERA_SMTP_PASSWORD") or None
    if (user is None) != (password is None):
        raise ConfigError("CARTERA_SMTP_USER and CARTERA_SMTP_PASSWORD: set both or neither")
    return SmtpConfig(host, int(port_text), security, user, password, float(timeout_text))


def parse_tone_days(text: str) -> tuple[int, int]:
    """``"15,60"``: the last day overdue of the friendly tone and of the concerned tone."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or int(parts[0]) >= int(parts[1]):
        raise ConfigError(f"CARTERA_TONE_DAYS: two increasing day limits like 15,60, got {text!r}")
    return int(parts[0]), int(parts[1])


def _address(variable: str, text: str) -> str:
    """A From/Reply-To value (``Name <addr>`` or ``addr``) with a valid address."""
    name, addr = parseaddr(text)
    try:
        validate_email(addr, check_deliverability=False)
    except EmailNotValidError as error:
        raise ConfigError(f"{variable}: not an e-mail address: {text!r} ({error})") from None
    return str(Address(display_name=name, addr_spec=addr)) if name else addr


def parse_mail(env: Mapping[str, str]) -> MailSettings:
    """Mail settings from the environment (see the module docstring).

    Raises:
        ConfigError: a value is unusable, or a server is set without a From address.
    """
    smtp = parse_smtp(env)
    sender = env.get("CARTERA_SMTP_FROM", "").strip()
    if smtp is not None and not sender:
        raise ConfigError("CARTERA_SMTP_FROM: required when CARTERA_SMTP_HOST is set")
    reply_to = env.get("CARTERA_SMTP_REPLY_TO", "").strip()
    return MailSettings(
        smtp=smtp,
        sender=_address("CARTERA_SMTP_FROM", sender) if sender else "cartera@localhost",
        reply_to=_address("CARTERA_SMTP_REPLY_TO", reply_to) if reply_to else None,
        tone_days=parse_tone_days(env.get("CARTERA_TONE_DAYS", "15,60")),
    )
