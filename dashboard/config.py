"""Settings read from the environment, with safe defaults for a single machine."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import phonenumbers

if TYPE_CHECKING:
    from dashboard.messaging.settings import MailSettings
    from dashboard.sms_providers import SmsConfig

DEFAULT_BUCKETS = (30, 60, 90, 120)
KNOWN_WEAK_KEYS = frozenset({"", "dev", "changeme", "secret", "change-me", "cartera"})
SUPPORTED_LOCALES = ("es", "en")


class ConfigError(RuntimeError):
    """The configuration cannot be used as given."""


@dataclass(frozen=True)
class Settings:
    """Everything create_app() and the CLI need to know about this installation."""

    database_url: str
    secret_key: str
    instance_path: Path
    default_locale: str | None = None
    currency: str = "USD"
    company_name: str = "Cartera"
    aging_boundaries: tuple[int, ...] = DEFAULT_BUCKETS
    promise_grace_days: int = 0
    pays_well_days: int = 5  # amount-weighted days late up to this: "pays well"
    pays_regular_days: int = 30  # up to this: "pays regularly"; beyond: "pays badly"
    phone_region: str = "US"  # where phone numbers without a country code are read
    mail: MailSettings | None = None  # e-mail (CARTERA_SMTP_*): dashboard.messaging.settings
    sms: SmsConfig | None = None  # SMS (CARTERA_SMS_*): dashboard.sms_providers, None = outbox
    send_rate: int = 30  # campaign messages per minute at most (CARTERA_SEND_RATE)
    testing: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with some fields replaced."""
        return replace(self, **changes)


def project_root() -> Path:
    """The directory that holds ``instance/`` (the working directory by default)."""
    return Path(os.environ.get("CARTERA_HOME", os.getcwd()))


def parse_boundaries(text: str) -> tuple[int, ...]:
    """Parse ``"30,60,90,120"`` into strictly increasing positive day limits."""
    try:
        values = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise ConfigError(f"CARTERA_AGING_BUCKETS: not a list of whole days: {text!r}") from exc
    if not values or any(v <= 0 for v in values) or list(values) != sorted(set(values)):
        raise ConfigError(
            f"CARTERA_AGING_BUCKETS: need increasing positive days like 30,60,90,120, got {text!r}"
        )
    return values


def _grace_days(text: str) -> int:
    if not text.strip().isdigit() or int(text) > 60:
        raise ConfigError(f"CARTERA_PROMISE_GRACE_DAYS: a whole number of days 0-60, got {text!r}")
    return int(text)


def _payment_classes(text: str) -> tuple[int, int]:
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or int(parts[0]) >= int(parts[1]):
        raise ConfigError(
            f"CARTERA_PAYMENT_CLASSES: two increasing day limits like 5,30, got {text!r}"
        )
    return int(parts[0]), int(parts[1])


# Currencies of one country only: the default phone region when CARTERA_PHONE_REGION
# is unset (USD and EUR are shared by many countries, so they fall back to US).
CURRENCY_REGIONS = {
    "ARS": "AR", "BOB": "BO", "BRL": "BR", "CLP": "CL", "COP": "CO", "CRC": "CR",
    "DOP": "DO", "GTQ": "GT", "HNL": "HN", "MXN": "MX", "NIO": "NI", "PAB": "PA",
    "PEN": "PE", "PYG": "PY", "UYU": "UY", "VES": "VE", "GBP": "GB", "CAD": "CA",
}  # fmt: skip


def _phone_region(env: Mapping[str, str], currency: str) -> str:
    """CARTERA_PHONE_REGION (ISO 3166 alpha-2), else the currency's country, else US."""
    text = env.get("CARTERA_PHONE_REGION", "").strip().upper()
    if not text:
        return CURRENCY_REGIONS.get(currency, "US")
    if text not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigError(f"CARTERA_PHONE_REGION: not a country code like VE, CO or US: {text!r}")
    return text


def _send_rate(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 6000:
        raise ConfigError(f"CARTERA_SEND_RATE: messages per minute 1-6000, got {text!r}")
    return int(text)


def _secret_key(instance: Path, env: Mapping[str, str], testing: bool) -> str:
    key = env.get("SECRET_KEY")
    if key is not None:
        if key.strip().lower() in KNOWN_WEAK_KEYS and not testing:
            raise ConfigError("SECRET_KEY is a known default; set a long random value")
        return key
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Read settings from ``env`` (default: the process environment).

    Variables: DATABASE_URL, SECRET_KEY, CARTERA_LOCALE, CARTERA_CURRENCY,
    CARTERA_COMPANY, CARTERA_AGING_BUCKETS, CARTERA_PROMISE_GRACE_DAYS,
    CARTERA_PAYMENT_CLASSES, CARTERA_PHONE_REGION, CARTERA_INSTANCE.
    """
    env = os.environ if env is None else env
    testing = bool(overrides.get("testing", False))
    instance = Path(env.get("CARTERA_INSTANCE", str(project_root() / "instance")))
    url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'cartera.db'}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    locale = env.get("CARTERA_LOCALE") or None
    if locale is not None and locale not in SUPPORTED_LOCALES:
        raise ConfigError(f"CARTERA_LOCALE: must be one of {', '.join(SUPPORTED_LOCALES)}")
    currency = env.get("CARTERA_CURRENCY", "USD").upper()
    if len(currency) != 3 or not currency.isalpha():
        raise ConfigError(f"CARTERA_CURRENCY: not an ISO 4217 code: {currency!r}")
    settings = Settings(
        database_url=url,
        secret_key=overrides.pop("secret_key", None) or _secret_key(instance, env, testing),
        instance_path=instance,
        default_locale=locale,
        currency=currency,
        company_name=env.get("CARTERA_COMPANY", "Cartera"),
        aging_boundaries=parse_boundaries(env.get("CARTERA_AGING_BUCKETS", "30,60,90,120")),
        promise_grace_days=_grace_days(env.get("CARTERA_PROMISE_GRACE_DAYS", "0")),
    )
    well, regular = _payment_classes(env.get("CARTERA_PAYMENT_CLASSES", "5,30"))
    settings = settings.with_overrides(
        pays_well_days=well,
        pays_regular_days=regular,
        phone_region=_phone_region(env, currency),
        send_rate=_send_rate(env.get("CARTERA_SEND_RATE", "30")),
    )
    from dashboard.messaging.settings import parse_mail  # it imports ConfigError from here

    settings = settings.with_overrides(mail=parse_mail(env))
    from dashboard.sms_providers import load_sms_config  # it imports ConfigError from here

    settings = settings.with_overrides(sms=load_sms_config(env))
    return settings.with_overrides(**overrides) if overrides else settings
