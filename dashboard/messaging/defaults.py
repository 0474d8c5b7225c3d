"""The built-in statement e-mails: three tones in Spanish and English, and the tone by age.

They follow the eight rules of a good collection e-mail (docs/seeds, "Modelo de un
email de cobros"): a descriptive, urgent subject naming the company, the amount and
the days late; the collecting company named in the first line; the situation in one
sentence and the action we need; the statement and invoices attached; how to pay; how
to notify a payment; how to reach the collections department; and a tone that grows
firmer with the age of the debt. An admin can replace any of them on /admin/templates.
"""

from __future__ import annotations

from dataclasses import dataclass

TONES = ("friendly", "concern", "firm")


@dataclass(frozen=True)
class TemplateText:
    """A subject and a body with ``{placeholders}`` (see dashboard.messaging.placeholders)."""

    subject: str
    body: str


def tone_for(oldest_days: int, limits: tuple[int, int]) -> str:
    """The tone for a debt whose oldest invoice is ``oldest_days`` overdue.

    Up to ``limits[0]`` days (or not yet due): a friendly reminder; up to ``limits[1]``:
    concern at not having been paid; beyond: a firm notice announcing escalation.
    """
    friendly_until, concern_until = limits
    if oldest_days <= friendly_until:
        return "friendly"
    return "concern" if oldest_days <= concern_until else "firm"


_CLOSING_ES = """Atentamente,

{signature}

{payment_instructions}

{payment_notice}"""

_CLOSING_EN = """Kind regards,

{signature}

{payment_instructions}

{payment_notice}"""

DEFAULTS: dict[tuple[str, str], TemplateText] = {
    ("friendly", "es"): TemplateText(
        "Recordatorio de pago {company} ({total}, {days_late})",
        """Estimado {customer_name}:

Reciba un cordial saludo de parte de {company}. Al revisar su estado de cuenta vemos que \
{situation}. Le anexamos el estado de cuenta y una copia de cada factura.

Le agradeceremos que nos confirme la fecha en que realizará el pago.

{invoice_list}

Si ya realizó el pago, envíenos el soporte y lo aplicaremos de inmediato.

"""
        + _CLOSING_ES,
    ),
    ("concern", "es"): TemplateText(
        "Pago pendiente con {company}: {total} ({days_late})",
        """Estimado {customer_name}:

Le escribimos de {company} porque nos preocupa no haber recibido su pago: {situation}. \
Le anexamos el estado de cuenta y una copia de cada factura.

Necesitamos que nos confirme esta semana la fecha en que realizará el pago. Si algo le \
impide pagar estas facturas, respóndanos y lo resolvemos juntos.

{invoice_list}

Para nosotros es muy importante que todos nuestros clientes se mantengan al día en sus \
pagos para seguir brindándoles el nivel de servicio al que están acostumbrados.

"""
        + _CLOSING_ES,
    ),
    ("firm", "es"): TemplateText(
        "Aviso de cobro {company}: {total} con {days_late}, acción requerida",
        """Estimado {customer_name}:

Le escribimos de {company}. A pesar de nuestros recordatorios, {situation}. Le anexamos el \
estado de cuenta y una copia de cada factura.

Necesitamos el pago, o una fecha de pago confirmada, en los próximos cinco días hábiles. \
De lo contrario nos veremos obligados a suspender su crédito y a remitir el caso a \
nuestro departamento legal.

{invoice_list}

Si ya realizó el pago, envíenos hoy mismo el soporte para detener este proceso.

"""
        + _CLOSING_ES,
    ),
    ("friendly", "en"): TemplateText(
        "Payment reminder from {company} ({total}, {days_late})",
        """Dear {customer_name},

Warm greetings from {company}. Reviewing your statement of account, we see that \
{situation}. Your statement and a copy of each invoice are attached.

Please confirm the date on which you will make the payment.

{invoice_list}

If you have already paid, send us the payment details and we will apply it right away.

"""
        + _CLOSING_EN,
    ),
    ("concern", "en"): TemplateText(
        "Payment overdue to {company}: {total} ({days_late})",
        """Dear {customer_name},

We are writing from {company} because we are concerned that we have not received your \
payment: {situation}. Your statement and a copy of each invoice are attached.

We need you to confirm this week the date on which you will pay. If something prevents \
you from paying these invoices, reply to this e-mail and we will sort it out together.

{invoice_list}

It is very important to us that all our customers keep their accounts up to date, so that \
we can keep giving you the service you are used to.

"""
        + _CLOSING_EN,
    ),
    ("firm", "en"): TemplateText(
        "Collection notice from {company}: {total}, {days_late}, action required",
        """Dear {customer_name},

We are writing from {company}. Despite our reminders, {situation}. Your statement and a \
copy of each invoice are attached.

We need the payment, or a confirmed payment date, within the next five business days. \
Otherwise we will have to suspend your credit and refer the account to our legal \
department.

{invoice_list}

If you have already paid, send us the payment details today to stop this process.

"""
        + _CLOSING_EN,
    ),
}


def default_template(tone: str, language: str) -> TemplateText:
    """The built-in statement template for ``tone`` and ``language`` (es or en)."""
    return DEFAULTS[(tone, language if language in ("es", "en") else "es")]
