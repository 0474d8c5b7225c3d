"""SMS, the pure parts: E.164 numbers, segment counting (Python and the browser's JS), texts."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from dashboard.config import ConfigError, load_settings
from dashboard.i18n import translator
from dashboard.sms import (
    INVALID,
    INVALID_LOCAL,
    MISSING,
    UNREADABLE,
    PhoneError,
    SmsFacts,
    count_segments,
    display_phone,
    draft,
    is_landline,
    to_e164,
)
from dashboard.sms_providers import OUTBOX, TWILIO, SmsConfig, load_sms_config
from layouts.sms_modal import counter_labels
from tests.unit.sms_cases import CASES, NON_GSM

COUNTER_JS = Path(__file__).resolve().parents[2] / "assets" / "sms_counter.js"


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        # Venezuela: mobile and Caracas landline, national and international forms
        ("0414-555 1234", "VE", "+584145551234"),
        ("(0212) 555.12.34", "VE", "+582125551234"),
        ("+58 414 5551234", "US", "+584145551234"),
        ("00 58 414 555 1234", "MX", "+584145551234"),
        # Colombia: mobile and Bogotá landline (601)
        ("310 555 1234", "CO", "+573105551234"),
        ("601 555 1234", "CO", "+576015551234"),
        ("+57 (310) 555-1234", "VE", "+573105551234"),
        # Mexico: ten digits, with or without +52
        ("55 5555 1234", "MX", "+525555551234"),
        ("+52 1 55 5555 1234", "US", "+525555551234"),  # the old mobile "1"
        ("+52 81 5555 1234", "VE", "+528155551234"),
        # United States
        ("(212) 555-0199", "US", "+12125550199"),
        ("+1 212 555 0199", "VE", "+12125550199"),
        ("1-212-555-0199", "US", "+12125550199"),
    ],
)
def test_numbers_are_normalised_to_e164(raw: str, region: str, expected: str) -> None:
    assert to_e164(raw, region) == expected


@pytest.mark.parametrize(
    ("raw", "region", "reason"),
    [
        ("", "VE", MISSING),
        ("   ", "VE", MISSING),
        (None, "VE", MISSING),
        ("n/a", "VE", UNREADABLE),
        ("sin teléfono", "CO", UNREADABLE),
        ("123", "VE", INVALID_LOCAL),  # too short for any country
        ("0000000", "VE", INVALID_LOCAL),
        ("0414-555 12", "VE", INVALID_LOCAL),  # a digit short
        ("555 1234", "US", INVALID_LOCAL),  # no area code
        ("(212) 555-0199", "MX", INVALID_LOCAL),  # a US number read as Mexican
        ("+58 999 5551234", "US", INVALID),  # no such Venezuelan area
        ("0058 999 5551234", "VE", INVALID),  # the same, dialled from Venezuela
        ("+1 123 555 0199", "US", INVALID),  # US area codes do not start with 1
        ("+506 555-9989", "VE", INVALID),  # Costa Rica has eight digits
    ],
)
def test_bad_numbers_are_refused_with_a_reason(raw: str | None, region: str, reason: str) -> None:
    with pytest.raises(PhoneError) as refused:
        to_e164(raw, region)
    assert refused.value.reason == reason
    assert refused.value.raw == (raw or "").strip()


def test_refusal_messages_name_the_recipient_and_the_number() -> None:
    t = translator("en")
    text = t("sms.phone.invalid_local", name="Ana Pérez", phone="0414-555 12", region="VE")
    assert text == (
        "Ana Pérez: “0414-555 12” is not a valid phone number in VE "
        "(write the country code, such as +57, if it is from elsewhere)."
    )
    assert "Ana Pérez" in translator("es")("sms.phone.unreadable", name="Ana Pérez", phone="n/a")


def test_landlines_are_told_apart_and_numbers_shown_internationally() -> None:
    assert is_landline("+582125551234")
    assert not is_landline("+584145551234")
    assert display_phone("+584145551234") == "+58 414-5551234"


@pytest.mark.parametrize(("name", "text", "encoding", "chars", "units", "segments", "left"), CASES)
def test_segments_are_counted_like_the_network(
    name: str, text: str, encoding: str, chars: int, units: int, segments: int, left: int
) -> None:
    count = count_segments(text)
    assert (count.encoding, count.characters, count.units) == (encoding, chars, units), name
    assert (count.segments, count.remaining) == (segments, left), name


@pytest.mark.parametrize(("text", "expected"), NON_GSM)
def test_the_characters_forcing_unicode_are_listed(text: str, expected: list[str]) -> None:
    assert list(count_segments(text).non_gsm) == expected


def _node(script: str) -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (the browser test runs the same cases in Chromium)")
    done = subprocess.run(
        [node, "-e", script], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


def test_the_browser_counter_agrees_with_python_on_every_case() -> None:
    texts = [case[1] for case in CASES] + [text for text, _ in NON_GSM]
    script = (
        f"const sms = require({json.dumps(str(COUNTER_JS))});"
        f"const texts = {json.dumps(texts)};"
        "process.stdout.write(JSON.stringify(texts.map(sms.count)));"
    )
    results = json.loads(_node(script))
    for text, got in zip(texts, results, strict=True):
        count = count_segments(text)
        expected = {
            "encoding": count.encoding,
            "characters": count.characters,
            "units": count.units,
            "segments": count.segments,
            "remaining": count.remaining,
            "non_gsm": list(count.non_gsm),
        }
        assert got == expected, text


def test_the_browser_counter_text_is_filled_in_the_users_language() -> None:
    labels = counter_labels(translator("es"))
    script = (
        f"const sms = require({json.dumps(str(COUNTER_JS))});"
        f"const labels = {json.dumps(labels)};"
        "process.stdout.write(JSON.stringify("
        "[sms.counter('Está listo', labels), sms.counter('a'.repeat(1600), labels)]));"
    )
    (summary, hint), (_, too_long) = json.loads(_node(script))
    assert summary == "10 caracteres · 1 SMS (Unicode) · quedan 60 en este SMS"
    assert hint == "Se envía como Unicode, 70 caracteres por SMS, por: á"
    assert too_long == "Demasiado largo: máximo 10 SMS."


FACTS = SmsFacts(
    company="Distribuidora Andina",
    customer="Ferretería El Tornillo",
    code="C1",
    seller="Pedro Vende",
    balance="1.250,00 US$",
    overdue="1.000,00 US$",
    overdue_count=2,
    days=60,
)


def test_contacts_get_a_polite_reminder_with_the_overdue_and_its_age() -> None:
    text = draft("contacts", "es", FACTS)
    assert text.startswith("Distribuidora Andina: le recordamos que Ferretería El Tornillo")
    assert "2 factura(s) vencida(s) por 1.000,00 US$" in text
    assert "60 días de atraso" in text and "fecha de pago" in text
    english = draft("contacts", "en", FACTS)
    assert "2 overdue invoice(s) totalling 1.000,00 US$, the oldest 60 days late" in english


def test_with_nothing_overdue_contacts_are_reminded_of_the_balance() -> None:
    current = SmsFacts(**{**FACTS.__dict__, "overdue_count": 0, "days": 0, "overdue": "0"})
    text = draft("contacts", "en", current)
    assert "the balance of Ferretería El Tornillo is 1.250,00 US$" in text
    assert "overdue" not in text


def test_the_seller_is_asked_to_pick_up_the_payment() -> None:
    assert draft("seller", "en", FACTS) == (
        "Distribuidora Andina: Pedro Vende, please drop by the office of Ferretería El "
        "Tornillo (C1): the payment is ready. Balance 1.250,00 US$, overdue 1.000,00 US$."
    )
    assert "el pago está listo" in draft("seller", "es", FACTS)


def test_the_english_reminder_is_gsm7_and_fits_two_sms() -> None:
    plain = SmsFacts(**{**FACTS.__dict__, "customer": "Northwind Supplies", "overdue": "$10.01"})
    english = count_segments(draft("contacts", "en", plain))
    assert (english.encoding, english.segments) == ("gsm7", 2)


def test_sms_settings_default_to_the_outbox() -> None:
    assert load_sms_config({}) == SmsConfig()
    assert not load_sms_config({"CARTERA_SMS_PROVIDER": "outbox"}).sends
    settings = load_settings({"SECRET_KEY": "k" * 32, "CARTERA_INSTANCE": "/tmp/x"})
    assert settings.sms is not None and settings.sms.provider == OUTBOX


def test_twilio_settings_are_read_and_checked() -> None:
    env = {
        "CARTERA_SMS_PROVIDER": "Twilio",
        "CARTERA_SMS_ACCOUNT_SID": "AC123",
        "CARTERA_SMS_AUTH_TOKEN": "tok",
        "CARTERA_SMS_FROM": "+15005550006",
        "CARTERA_SMS_BASE_URL": "http://127.0.0.1:8999/",
    }
    config = load_sms_config(env)
    assert (config.provider, config.sends, config.base_url) == (
        TWILIO,
        True,
        "http://127.0.0.1:8999",
    )
    assert load_sms_config({**env, "CARTERA_SMS_BASE_URL": ""}).base_url == (
        "https://api.twilio.com"
    )
    with pytest.raises(ConfigError, match="CARTERA_SMS_AUTH_TOKEN, CARTERA_SMS_FROM"):
        load_sms_config({"CARTERA_SMS_PROVIDER": "twilio", "CARTERA_SMS_ACCOUNT_SID": "AC1"})
    with pytest.raises(ConfigError, match="plain http is allowed on loopback only"):
        load_sms_config({**env, "CARTERA_SMS_BASE_URL": "http://sms.example.com"})
    with pytest.raises(ConfigError, match="CARTERA_SMS_PROVIDER"):
        load_sms_config({"CARTERA_SMS_PROVIDER": "pigeon"})
