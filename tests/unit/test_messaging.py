"""Statement e-mail pieces that need no database: tones, placeholders, parts, settings."""

from __future__ import annotations

import datetime as dt
import smtplib
from decimal import Decimal

import pytest

from dashboard.config import ConfigError
from dashboard.i18n import translator
from dashboard.messaging import transport as transport_module
from dashboard.messaging.compose import (
    CompanyInfo,
    StatementFacts,
    compose_statement_email,
    email_message,
    situation,
)
from dashboard.messaging.defaults import DEFAULTS, TemplateText, tone_for
from dashboard.messaging.documents import Formats, Party, StatementLine
from dashboard.messaging.placeholders import (
    BLOCK_IN_SUBJECT,
    BRACES,
    MALFORMED,
    PLACEHOLDERS,
    UNKNOWN,
    Problem,
    TemplateError,
    check_template,
)
from dashboard.messaging.settings import SmtpConfig, parse_mail, parse_smtp, parse_tone_days
from dashboard.messaging.transport import DeliveryError, SmtpTransport

AS_OF = dt.date(2024, 3, 31)


def _line(number: str, days: int, amount: str) -> StatementLine:
    due = AS_OF - dt.timedelta(days=days)
    return StatementLine(
        number,
        "invoice",
        due - dt.timedelta(days=30),
        due,
        Decimal(amount),
        Decimal(amount),
        max(days, 0),
    )


def _facts(*lines: StatementLine, overdue_only: bool = True) -> StatementFacts:
    return StatementFacts(
        Party("C9", "Ana <b>& Hijos</b>"), AS_OF, lines, overdue_only=overdue_only
    )


def _f(language: str) -> Formats:
    return Formats(translator(language), language, "USD")


@pytest.mark.parametrize(
    ("days", "tone"),
    [(-5, "friendly"), (0, "friendly"), (3, "friendly"), (15, "friendly"), (16, "concern"),
     (30, "concern"), (60, "concern"), (61, "firm"), (120, "firm")],
)  # fmt: skip
def test_the_tone_follows_the_age_of_the_debt(days, tone):
    assert tone_for(days, (15, 60)) == tone


def test_tone_limits_come_from_the_environment():
    assert parse_tone_days("10, 45") == (10, 45)
    for bad in ("60,15", "15", "a,b", "15,15"):
        with pytest.raises(ConfigError, match="CARTERA_TONE_DAYS"):
            parse_tone_days(bad)


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        ("Hola {customer_name}", "{situation}\n\n{invoice_list}", []),
        ("Hola {{literal}}", "{company}", []),
        ("Hola {cliente}", "x", [Problem("subject", UNKNOWN, "{cliente}")]),
        ("x", "{customer_name.__doc__}", [Problem("body", MALFORMED, "{customer_name.__doc__}")]),
        ("x", "{total:>10}", [Problem("body", MALFORMED, "{total}")]),
        ("x", "{total!r}", [Problem("body", MALFORMED, "{total}")]),
        ("x", "{0}", [Problem("body", MALFORMED, "{0}")]),
        ("x", "abre { y no cierra", [Problem("body", BRACES)]),
        ("{invoice_list}", "x", [Problem("subject", BLOCK_IN_SUBJECT, "{invoice_list}")]),
    ],
)  # fmt: skip
def test_unknown_or_malformed_placeholders_are_refused(subject, body, expected):
    if not expected:
        check_template(subject, body)
        return
    with pytest.raises(TemplateError) as refused:
        check_template(subject, body)
    assert refused.value.problems == expected


@pytest.mark.parametrize("key", sorted(DEFAULTS))
def test_built_in_templates_use_only_known_placeholders_and_every_rule(key):
    template = DEFAULTS[key]
    check_template(template.subject, template.body)
    for needed in ("{company}", "{situation}", "{invoice_list}", "{payment_instructions}",
                   "{payment_notice}", "{signature}", "{customer_name}"):  # fmt: skip
        assert needed in template.body
    assert "{company}" in template.subject and "{days_late}" in template.subject


def test_every_placeholder_is_documented_in_both_languages():
    for name in PLACEHOLDERS:
        assert translator("es")(f"templates.placeholder.{name}")


def test_the_situation_in_one_sentence_in_each_language():
    facts = _facts(
        _line("F-1", 84, "123000.00"), _line("F-2", 20, "123.12"), _line("F-3", -3, "10")
    )
    assert situation(facts, _f("es")) == (
        "tiene 2 facturas vencidas por un total de 123.123,12\xa0US$; "
        "la más antigua tiene 84 días de atraso"
    )
    every = _facts(*facts.lines, overdue_only=False)
    assert situation(every, _f("en")) == (
        "you have 2 overdue invoices totalling $123,123.12; the oldest is 84 days overdue"
        "; your whole open balance is $123,133.12"
    )
    assert situation(_facts(_line("F-1", 1, "5")), _f("en")) == (
        "you have 1 overdue invoice for $5.00, 1 day overdue"
    )
    assert situation(_facts(_line("F-3", -3, "10"), overdue_only=False), _f("es")) == (
        "tiene 1 factura abierta por 10,00\xa0US$, aún no vencida"
    )


def test_both_parts_say_the_same_and_html_is_escaped():
    company = CompanyInfo(
        name="ACME & Co",
        cheque_payee="ACME SRL",
        bank_accounts=("Banco Uno: 0105",),
        notify_fax="+1 809 540 4082",
        collections_name="Andrea Figuera",
        collections_email="afiguera@acme.example.com",
    )
    template = TemplateText(
        "Aviso {company} ({total})",
        "Estimado {customer_name}:\n\n<script>x</script> {situation}.\n\n{invoice_list}\n\n"
        "{payment_instructions}\n\n{payment_notice}\n\n{signature}",
    )
    facts = _facts(_line("F-1", 40, "1000.00"))
    composed = compose_statement_email(
        facts, company, template, to=["a@example.com"], tone="concern", f=_f("es")
    )
    assert composed.subject == "Aviso ACME & Co (1.000,00 US$)"
    assert composed.text.startswith("Estimado Ana <b>& Hijos</b>:\n\n<script>x</script> tiene 1")
    assert "- Emitir cheque a nombre de ACME SRL." in composed.text
    assert (
        "    - Banco Uno: 0105" in composed.text and "    - Fax: +1 809 540 4082" in composed.text
    )
    assert "Andrea Figuera\nDepartamento de Cobros, ACME & Co\nafiguera@" in composed.text
    html = composed.html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Ana &lt;b&gt;&amp; Hijos&lt;/b&gt;" in html
    assert "<td" in html and "F-1" in html and "<li>Banco Uno: 0105</li>" in html
    assert 'href="mailto:afiguera@acme.example.com"' in html


def test_the_mime_structure_is_mixed_holding_alternative_then_attachments():
    from dashboard.messaging.compose import Attachment, ComposedEmail

    composed = ComposedEmail(
        to=("a@example.com", "b@example.com"),
        subject="Recordatorio de pago ACME (84 días de atraso)",
        text="hola\n",
        html="<p>hola</p>",
        attachments=(Attachment("estado.pdf", b"%PDF-1.4 x"),),
    )
    message = email_message(
        composed, sender="Cobros <c@acme.example.com>", reply_to="p@acme.example.com"
    )
    assert message.get_content_type() == "multipart/mixed"
    first, second = message.get_payload()  # type: ignore[misc]
    assert first.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in first.get_payload()] == ["text/plain", "text/html"]
    assert second.get_filename() == "estado.pdf" and second.get_content() == b"%PDF-1.4 x"
    assert message["To"] == "a@example.com, b@example.com"
    assert message["Reply-To"] == "p@acme.example.com"
    assert "@acme.example.com>" in message["Message-ID"]
    assert (
        b"Subject: Recordatorio de pago ACME (84 =?utf-8?q?d=C3=ADas?= de atraso)"
        in message.as_bytes()
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({"CARTERA_SMTP_HOST": "mail.example"}, SmtpConfig("mail.example", 587, "starttls")),
        (
            {"CARTERA_SMTP_HOST": "m", "CARTERA_SMTP_SECURITY": "SSL"},
            SmtpConfig("m", 465, "ssl"),
        ),
        (
            {"CARTERA_SMTP_HOST": "m", "CARTERA_SMTP_SECURITY": "none", "CARTERA_SMTP_PORT": "26"},
            SmtpConfig("m", 26, "none"),
        ),
        (
            {"CARTERA_SMTP_HOST": "m", "CARTERA_SMTP_USER": "u", "CARTERA_SMTP_PASSWORD": "p",
             "CARTERA_SMTP_TIMEOUT": "10"},
            SmtpConfig("m", 587, "starttls", "u", "p", 10.0),
        ),
    ],
)  # fmt: skip
def test_smtp_settings_are_parsed(env, expected):
    assert parse_smtp(env) == expected


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"CARTERA_SMTP_HOST": "m", "CARTERA_SMTP_SECURITY": "tls"}, "CARTERA_SMTP_SECURITY"),
        ({"CARTERA_SMTP_HOST": "m", "CARTERA_SMTP_PORT": "70000"}, "CARTERA_SMTP_PORT"),
        ({"CARTERA_SMTP_HOST": "m", "CARTERA_SMTP_USER": "u"}, "CARTERA_SMTP_USER"),
        ({"CARTERA_SMTP_HOST": "m", "CARTERA_SMTP_TIMEOUT": "0"}, "CARTERA_SMTP_TIMEOUT"),
        ({"CARTERA_SMTP_HOST": "m"}, "CARTERA_SMTP_FROM"),
        ({"CARTERA_SMTP_FROM": "not an address"}, "CARTERA_SMTP_FROM"),
        ({"CARTERA_SMTP_REPLY_TO": "x@"}, "CARTERA_SMTP_REPLY_TO"),
    ],
)
def test_bad_mail_settings_name_the_variable(env, variable):
    with pytest.raises(ConfigError, match=variable):
        parse_mail(env)


def test_mail_settings_keep_the_display_name_and_hide_the_password():
    mail = parse_mail(
        {
            "CARTERA_SMTP_HOST": "m",
            "CARTERA_SMTP_FROM": "Cobros ACME <cobros@acme.example.com>",
            "CARTERA_SMTP_USER": "u",
            "CARTERA_SMTP_PASSWORD": "hunter2",
        }
    )
    assert mail.sender == "Cobros ACME <cobros@acme.example.com>" and mail.reply_to is None
    assert "hunter2" not in repr(mail)
    assert parse_mail({}).smtp is None  # no host: the outbox


class FakeSmtp:
    """Records what SmtpTransport asks of smtplib."""

    calls: list[tuple[str, object]] = []

    def __init__(self, host: str, port: int, timeout: float, **kwargs: object) -> None:
        FakeSmtp.calls.append(("connect", (type(self).__name__, host, port, "context" in kwargs)))

    def __enter__(self) -> FakeSmtp:
        return self

    def __exit__(self, *_: object) -> None:
        FakeSmtp.calls.append(("quit", None))

    def starttls(self, context: object) -> None:
        FakeSmtp.calls.append(("starttls", context is not None))

    def login(self, user: str, password: str) -> None:
        if password != "right":
            raise smtplib.SMTPAuthenticationError(535, b"bad credentials")
        FakeSmtp.calls.append(("login", user))

    def send_message(self, message: object) -> dict[str, object]:
        FakeSmtp.calls.append(("send", None))
        return {}


class FakeSmtpSsl(FakeSmtp):
    pass


@pytest.mark.parametrize(
    ("security", "expected"),
    [
        ("starttls", [("connect", ("FakeSmtp", "h", 587, False)), ("starttls", True),
                      ("login", "u"), ("send", None), ("quit", None)]),
        ("ssl", [("connect", ("FakeSmtpSsl", "h", 587, True)), ("login", "u"),
                 ("send", None), ("quit", None)]),
        ("none", [("connect", ("FakeSmtp", "h", 587, False)), ("login", "u"),
                  ("send", None), ("quit", None)]),
    ],
)  # fmt: skip
def test_starttls_and_ssl_are_used_as_configured(monkeypatch, security, expected):
    monkeypatch.setattr(transport_module.smtplib, "SMTP", FakeSmtp)
    monkeypatch.setattr(transport_module.smtplib, "SMTP_SSL", FakeSmtpSsl)
    FakeSmtp.calls = []
    smtp = SmtpTransport(SmtpConfig("h", 587, security, "u", "right"), "c@example.com")
    assert smtp.send(email_message_for_test(), name="1").status == "sent"
    assert FakeSmtp.calls == expected


def test_a_refused_login_is_a_delivery_error_without_the_password(monkeypatch):
    monkeypatch.setattr(transport_module.smtplib, "SMTP", FakeSmtp)
    smtp = SmtpTransport(SmtpConfig("h", 587, "starttls", "u", "wrong-secret"), "c@example.com")
    with pytest.raises(DeliveryError) as failed:
        smtp.send(email_message_for_test(), name="1")
    assert str(failed.value) == "SMTP login refused" and "wrong-secret" not in str(failed.value)


def email_message_for_test():  # type: ignore[no-untyped-def]
    from dashboard.messaging.compose import ComposedEmail

    return email_message(
        ComposedEmail(to=("a@example.com",), subject="s", text="t", html="<p>t</p>"),
        sender="c@example.com",
        reply_to=None,
    )
