"""Where e-mails go: an SMTP server, or the outbox folder when none is configured.

A transport takes a finished :class:`email.message.EmailMessage` and either delivers
it (``sent``), keeps it (``outbox``), or raises
:class:`DeliveryError` with a reason a person can read. It knows the From and
Reply-To addresses the messages carry.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import tempfile
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from dashboard.messaging.settings import MailSettings, SmtpConfig


class DeliveryError(RuntimeError):
    """The message could not be handed over; the text says why (no password in it)."""


@dataclass(frozen=True)
class Delivery:
    """How a hand-over went: ``sent`` or ``outbox``, and a note (some recipients refused)."""

    status: str
    note: str | None = None


class Transport(Protocol):
    """Something that delivers or keeps e-mails."""

    @property
    def kind(self) -> str:
        """``smtp`` or ``outbox``."""
        ...

    @property
    def sender(self) -> str:
        """The From address."""
        ...

    @property
    def reply_to(self) -> str | None:
        """The Reply-To address, if any."""
        ...

    def send(self, message: EmailMessage, *, name: str) -> Delivery:
        """Deliver or keep ``message``; says whether it was sent or kept in the outbox.

        ``name`` identifies the message (for the outbox file name).
        """
        ...


@dataclass(frozen=True)
class OutboxTransport:
    """No server: each message is written to ``folder/<name>.eml`` and not sent."""

    folder: Path
    sender: str = "cartera@localhost"
    reply_to: str | None = None
    kind: str = "outbox"

    def send(self, message: EmailMessage, *, name: str) -> Delivery:
        """Write the message as an ``.eml`` file (atomically: no half-written files)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{name}.eml"
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(message.as_bytes())
            os.replace(temporary, target)
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise DeliveryError(f"outbox: cannot write {target}: {error.strerror}") from error
        return Delivery("outbox")


def _reason(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = ", ".join(f"{addr} ({code})" for addr, (code, _) in error.recipients.items())
        return f"recipients refused: {refused}"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "SMTP login refused"
    if isinstance(error, smtplib.SMTPResponseException):
        raw = error.smtp_error
        text = raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)
        return f"SMTP {error.smtp_code}: {text}"
    return f"{type(error).__name__}: {error}"


@dataclass(frozen=True)
class SmtpTransport:
    """An SMTP server: STARTTLS, implicit TLS (ssl) or plain, with an optional login."""

    config: SmtpConfig
    sender: str
    reply_to: str | None = None
    kind: str = "smtp"

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        if config.security == "ssl":
            return smtplib.SMTP_SSL(
                config.host,
                config.port,
                timeout=config.timeout,
                context=ssl.create_default_context(),
            )
        return smtplib.SMTP(config.host, config.port, timeout=config.timeout)

    def send(self, message: EmailMessage, *, name: str) -> Delivery:
        """Hand the message to the server. A refusal of the whole message raises
        DeliveryError; when only some recipients are refused it was sent to the others,
        so it is ``sent`` with a note naming the refused ones (a retry would repeat it)."""
        config = self.config
        try:
            with self._connect() as smtp:
                if config.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if config.user and config.password:
                    smtp.login(config.user, config.password)
                refused = smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(_reason(error)) from error
        if refused:
            return Delivery("sent", _reason(smtplib.SMTPRecipientsRefused(refused)))
        return Delivery("sent")


def transport_for(mail: MailSettings | None, instance_path: Path) -> Transport:
    """SMTP when configured, else the outbox under ``<instance>/outbox``."""
    mail = mail or MailSettings()
    if mail.smtp is None:
        return OutboxTransport(instance_path / "outbox", mail.sender, mail.reply_to)
    return SmtpTransport(mail.smtp, mail.sender, mail.reply_to)
