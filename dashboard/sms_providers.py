"""Where an SMS goes: a provider interface, a Twilio-compatible adapter and the outbox.

Configured from the environment (the ``CARTERA_SMS_*`` variables, kept raw in
:attr:`dashboard.config.Settings.sms` and parsed here by :func:`load_sms_config`):

========================  ===================================================  ==========
variable                  meaning                                              default
========================  ===================================================  ==========
CARTERA_SMS_PROVIDER      ``twilio`` sends through a Twilio-compatible API;    ``outbox``
                          ``outbox`` only stores (nothing is sent)
CARTERA_SMS_ACCOUNT_SID   the account (the user of HTTP basic auth)
CARTERA_SMS_AUTH_TOKEN    its secret (the password of HTTP basic auth)
CARTERA_SMS_FROM          the sender: a number in E.164 or a sender id
CARTERA_SMS_BASE_URL      the API's address (``http://`` only on loopback)     Twilio's
========================  ===================================================  ==========

The adapter POSTs ``{base}/2010-04-01/Accounts/{sid}/Messages.json`` with the form
fields ``To``, ``From`` and ``Body`` and basic auth ``sid:token``; a 2xx answer means
the provider took the message (its ``sid`` is kept), anything else is a failure with
the provider's own message (``{"code": 21211, "message": "..."}``) or the HTTP status.
The outbox writes ``<instance>/outbox/sms-<id>.txt`` and reports ``outbox``.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from dashboard.config import ConfigError

OUTBOX = "outbox"
TWILIO = "twilio"
PROVIDERS = (OUTBOX, TWILIO)
TWILIO_BASE_URL = "https://api.twilio.com"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
TIMEOUT_SECONDS = 15

# Outcomes (stored in Message.status).
SENT = "sent"
FAILED = "failed"
SAVED = "outbox"


@dataclass(frozen=True)
class SmsConfig:
    """Which provider, and its credentials (empty for the outbox)."""

    provider: str = OUTBOX
    account_sid: str = ""
    auth_token: str = ""
    sender: str = ""
    base_url: str = TWILIO_BASE_URL

    @property
    def sends(self) -> bool:
        """Whether messages really leave (False: they only go to the outbox)."""
        return self.provider != OUTBOX


def _base_url(text: str) -> str:
    url = urllib.parse.urlsplit(text.strip())
    loopback = url.hostname in LOOPBACK_HOSTS
    if url.scheme not in ("https", "http") or not url.hostname:
        raise ConfigError(f"CARTERA_SMS_BASE_URL: not an http(s) address: {text!r}")
    if url.scheme == "http" and not loopback:
        raise ConfigError("CARTERA_SMS_BASE_URL: plain http is allowed on loopback only")
    return text.strip().rstrip("/")


def load_sms_config(env: Mapping[str, str]) -> SmsConfig:
    """Parse the ``CARTERA_SMS_*`` variables (see the module docstring).

    Raises:
        ConfigError: an unknown provider, or ``twilio`` without its account, token or
            sender, or a base URL that is not https (plain http only on loopback).
    """
    provider = (env.get("CARTERA_SMS_PROVIDER") or OUTBOX).strip().lower()
    if provider not in PROVIDERS:
        raise ConfigError(f"CARTERA_SMS_PROVIDER: one of {', '.join(PROVIDERS)}, got {provider!r}")
    if provider == OUTBOX:
        return SmsConfig()
    config = SmsConfig(
        provider=provider,
        account_sid=env.get("CARTERA_SMS_ACCOUNT_SID", "").strip(),
        auth_token=env.get("CARTERA_SMS_AUTH_TOKEN", "").strip(),
        sender=env.get("CARTERA_SMS_FROM", "").strip(),
        base_url=_base_url(env.get("CARTERA_SMS_BASE_URL") or TWILIO_BASE_URL),
    )
    missing = [
        name
        for name, value in (
            ("CARTERA_SMS_ACCOUNT_SID", config.account_sid),
            ("CARTERA_SMS_AUTH_TOKEN", config.auth_token),
            ("CARTERA_SMS_FROM", config.sender),
        )
        if not value
    ]
    if missing:
        raise ConfigError(f"CARTERA_SMS_PROVIDER=twilio needs {', '.join(missing)}")
    return config


@dataclass(frozen=True)
class OutgoingSms:
    """One SMS to hand over: the stored message's id, the E.164 number and the text."""

    message_id: int
    to: str
    body: str
    customer: str = ""


@dataclass(frozen=True)
class SendResult:
    """What the provider said: ``sent``, ``failed`` or ``outbox``, its id, the error."""

    status: str
    provider_id: str = ""
    error: str = ""


class SmsProvider(Protocol):
    """Something that delivers an SMS (or keeps it)."""

    name: str

    def send(self, sms: OutgoingSms) -> SendResult:
        """Hand ``sms`` over; never raises for a refusal or a network problem."""
        ...


class OutboxProvider:
    """No provider configured: write the SMS to ``<instance>/outbox`` and send nothing."""

    name = OUTBOX

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, message_id: int) -> Path:
        """The file of message ``message_id``."""
        return self.folder / f"sms-{message_id}.txt"

    def send(self, sms: OutgoingSms) -> SendResult:
        """Write the SMS to its file (replacing a half-written one)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        lines = [f"To: {sms.to}", f"Message-Id: {sms.message_id}", f"Date: {stamp}"]
        if sms.customer:
            lines.append(f"Customer: {sms.customer}")
        path = self.path_for(sms.message_id)
        partial = path.with_suffix(".tmp")
        partial.write_text("\n".join(lines) + "\n\n" + sms.body + "\n", encoding="utf-8")
        partial.replace(path)
        return SendResult(SAVED)


def _provider_error(status: int, payload: bytes) -> str:
    """The provider's own message from a Twilio-style JSON error, else the HTTP status."""
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if isinstance(data, dict) and data.get("message"):
        code = data.get("code")
        suffix = f" (error {code})" if code else ""
        return f"{data['message']}{suffix}"
    text = payload.decode("utf-8", "replace").strip()[:200]
    return f"HTTP {status}" + (f": {text}" if text else "")


class TwilioProvider:
    """A Twilio-compatible REST API (Twilio itself, or any server speaking its dialect)."""

    name = TWILIO

    def __init__(self, config: SmsConfig, *, timeout: float = TIMEOUT_SECONDS) -> None:
        self.config = config
        self.timeout = timeout

    @property
    def url(self) -> str:
        """Where messages are POSTed."""
        sid = urllib.parse.quote(self.config.account_sid, safe="")
        return f"{self.config.base_url}/2010-04-01/Accounts/{sid}/Messages.json"

    def _opener(self) -> urllib.request.OpenerDirector:
        """The environment's proxies, except for an API on loopback (tests, a local relay)."""
        host = urllib.parse.urlsplit(self.config.base_url).hostname
        if host in LOOPBACK_HOSTS:
            return urllib.request.build_opener(urllib.request.ProxyHandler({}))
        return urllib.request.build_opener()

    def _request(self, sms: OutgoingSms) -> urllib.request.Request:
        form = {"To": sms.to, "From": self.config.sender, "Body": sms.body}
        secret = f"{self.config.account_sid}:{self.config.auth_token}".encode()
        return urllib.request.Request(
            self.url,
            data=urllib.parse.urlencode(form).encode("utf-8"),
            method="POST",
            headers={
                "Authorization": "Basic " + base64.b64encode(secret).decode("ascii"),
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": "application/json",
            },
        )

    def send(self, sms: OutgoingSms) -> SendResult:
        """POST the SMS; a refusal or a network problem is a ``failed`` result."""
        try:
            with self._opener().open(self._request(sms), timeout=self.timeout) as answer:
                payload = answer.read()
        except urllib.error.HTTPError as refused:
            with refused:
                return SendResult(FAILED, error=_provider_error(refused.code, refused.read()))
        except (urllib.error.URLError, TimeoutError, OSError) as problem:
            reason = getattr(problem, "reason", problem)
            return SendResult(FAILED, error=f"provider unreachable: {reason}")
        try:
            provider_id = str(json.loads(payload.decode("utf-8")).get("sid") or "")
        except (UnicodeDecodeError, ValueError, AttributeError):
            provider_id = ""
        return SendResult(SENT, provider_id=provider_id)


def provider_for(config: SmsConfig, instance_path: Path) -> SmsProvider:
    """The provider ``config`` names (the outbox in ``instance_path/outbox`` by default)."""
    if config.provider == TWILIO:
        return TwilioProvider(config)
    return OutboxProvider(instance_path / "outbox")
