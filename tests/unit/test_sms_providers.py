"""The Twilio-compatible adapter against a local server speaking Twilio's API; the outbox."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from dashboard.sms_providers import (
    FAILED,
    SAVED,
    SENT,
    OutboxProvider,
    OutgoingSms,
    SendResult,
    SmsConfig,
    TwilioProvider,
    provider_for,
)

SID, TOKEN, SENDER = "AC0123456789abcdef", "s3cr3t:token", "+15005550006"


class FakeTwilio(ThreadingHTTPServer):
    """Answers ``POST /2010-04-01/Accounts/{sid}/Messages.json`` like Twilio does."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict[str, Any]] = []
        self.answer: tuple[int, dict[str, Any]] = (201, {"sid": "SM1", "status": "queued"})

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeTwilio

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        self.server.requests.append(
            {
                "path": self.path,
                "auth": self.headers.get("Authorization", ""),
                "type": self.headers.get("Content-Type", ""),
                "form": parse_qs(body, keep_blank_values=True),
            }
        )
        status, payload = self.server.answer
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        return


@pytest.fixture
def twilio() -> Iterator[FakeTwilio]:
    server = FakeTwilio()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _provider(base_url: str) -> TwilioProvider:
    config = SmsConfig(
        provider="twilio", account_sid=SID, auth_token=TOKEN, sender=SENDER, base_url=base_url
    )
    return TwilioProvider(config, timeout=5)


def test_the_adapter_posts_to_the_messages_resource_with_basic_auth(twilio: FakeTwilio) -> None:
    text = "Distribuidora: el pago está listo {C1} €"
    result = _provider(twilio.base_url).send(OutgoingSms(7, "+584145551234", text))

    assert result == SendResult(SENT, provider_id="SM1")
    (request,) = twilio.requests
    assert request["path"] == f"/2010-04-01/Accounts/{SID}/Messages.json"
    scheme, _, encoded = request["auth"].partition(" ")
    assert scheme == "Basic"
    assert base64.b64decode(encoded).decode() == f"{SID}:{TOKEN}"
    assert request["type"].startswith("application/x-www-form-urlencoded")
    assert request["form"] == {"To": ["+584145551234"], "From": [SENDER], "Body": [text]}


def test_a_twilio_error_is_a_failure_with_the_providers_message(twilio: FakeTwilio) -> None:
    twilio.answer = (
        400,
        {
            "code": 21211,
            "message": "The 'To' number +15005550001 is not a valid phone number.",
            "more_info": "https://www.twilio.com/docs/errors/21211",
            "status": 400,
        },
    )
    result = _provider(twilio.base_url).send(OutgoingSms(8, "+15005550001", "Hola"))
    assert result.status == FAILED
    assert result.error == (
        "The 'To' number +15005550001 is not a valid phone number. (error 21211)"
    )


def test_an_error_without_json_keeps_the_http_status(twilio: FakeTwilio) -> None:
    twilio.answer = (503, {})
    result = _provider(twilio.base_url).send(OutgoingSms(9, "+15005550006", "Hola"))
    assert (result.status, result.error) == (FAILED, "HTTP 503: {}")


def test_an_unreachable_provider_is_a_failure_not_an_exception(twilio: FakeTwilio) -> None:
    base_url = twilio.base_url
    twilio.shutdown()
    twilio.server_close()
    result = _provider(base_url).send(OutgoingSms(10, "+15005550006", "Hola"))
    assert result.status == FAILED
    assert result.error.startswith("provider unreachable:")


def test_the_outbox_is_the_default_and_writes_one_file_per_message(tmp_path: Path) -> None:
    provider = provider_for(SmsConfig(), tmp_path)
    assert isinstance(provider, OutboxProvider)
    result = provider.send(OutgoingSms(42, "+584145551234", "Hola Ana\n¿Todo bien?", "C1 Tornillo"))
    assert result.status == SAVED
    written = (tmp_path / "outbox" / "sms-42.txt").read_text(encoding="utf-8")
    head, _, body = written.partition("\n\n")
    assert "To: +584145551234" in head.splitlines()
    assert "Customer: C1 Tornillo" in head.splitlines()
    assert body == "Hola Ana\n¿Todo bien?\n"
    assert [p.name for p in (tmp_path / "outbox").iterdir()] == ["sms-42.txt"]
