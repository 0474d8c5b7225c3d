"""What collectors write in the demo portfolio: note sentences, agreements and tasks.

Plain data and pure functions, like :mod:`data_access.demo.names`; every reason sentence
carries at least one hashtag, which :func:`hashtags` extracts for the note's tags.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

_HASHTAG = re.compile(r"#(\w+)")


def hashtags(body: str) -> list[str]:
    """The distinct hashtags of a note body, lower-case and without ``#``, in order."""
    return list(dict.fromkeys(tag.lower() for tag in _HASHTAG.findall(body)))


def money_text(amount: Decimal, lang: str) -> str:
    """``US$ 1.234,56`` in Spanish, ``US$1,234.56`` in English."""
    text = f"{amount:,.2f}"
    if lang == "es":
        return "US$ " + text.replace(",", "_").replace(".", ",").replace("_", ".")
    return "US$" + text


def date_text(day: dt.date, lang: str) -> str:
    """``31/01/2025`` in Spanish, ``Jan 31, 2025`` in English."""
    return day.strftime("%d/%m/%Y") if lang == "es" else day.strftime("%b %d, %Y")


# What a collector writes: who (opener), why (reason sentence) and the next step
# (agreement). Every reason sentence carries at least one hashtag.
OPENERS = {
    "es": {
        "call": "Llamé y atendió {contact}.",
        "visit": "Visita al cliente; me atendió {contact}.",
        "email": "Respuesta por correo de {contact}.",
        "sms": "SMS respondido por {contact}.",
        "whatsapp": "Conversación por WhatsApp con {contact}.",
    },
    "en": {
        "call": "Called and spoke with {contact}.",
        "visit": "Visited the customer; met {contact}.",
        "email": "E-mail reply from {contact}.",
        "sms": "Text reply from {contact}.",
        "whatsapp": "WhatsApp chat with {contact}.",
    },
}
REASON_TEXTS: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {
        "forgot": (
            "Se les pasó la factura {invoices}; la programan en el próximo lote de pagos. #olvido",
            "Olvidaron cargar {invoices} en el sistema de pagos. #olvido",
            "Tenían la factura {invoices} traspapelada. #olvido #traspapelada",
        ),
        "cannot_pay": (
            "Están cortos de caja por ventas bajas; piden unos días más. #sinliquidez",
            "Esperan cobrar a sus propios clientes para pagar {amount}. #flujodecaja",
            "El banco les congeló la línea de crédito. #sinliquidez #banco",
        ),
        "dispute": (
            "Reclaman diferencias de precio en {invoices}; piden nota de crédito. #reclamo",
            "La mercancía de {invoices} llegó dañada y retienen el pago. #devolucion #reclamo",
            "El pedido llegó incompleto; no pagan hasta aclarar. #reclamo #faltante",
        ),
        "unaware": (
            "No tienen registrada la factura {invoices}. #sinfactura",
            "No sabían que {invoices} tenía {days} días vencida. #sinfactura #estadodecuenta",
        ),
        "fraud": (
            "Los teléfonos no contestan y en la dirección no conocen la empresa. #fraude #legal",
            "Cerraron el local y no responden; quedan {amount} pendientes. #fraude #legal",
        ),
        "other": (
            "El gerente que firma los cheques está de vacaciones. #vacaciones",
            "Cambiaron de contador y están ordenando los pagos. #cambiodecontacto",
            "Están migrando de sistema administrativo. #sistema",
        ),
    },
    "en": {
        "forgot": (
            "They missed invoice {invoices}; it goes in the next payment run. #forgot",
            "Invoice {invoices} was never entered in their payables system. #forgot",
            "They had misplaced invoice {invoices}. #forgot #misplaced",
        ),
        "cannot_pay": (
            "Short on cash after a slow month; asked for a few more days. #cashflow",
            "Waiting on their own customers to pay {amount}. #cashflow",
            "Their bank froze the credit line. #cashflow #bank",
        ),
        "dispute": (
            "They dispute the prices on {invoices} and want a credit note. #dispute",
            "Goods on {invoices} arrived damaged; payment on hold. #dispute #returns",
            "The order arrived incomplete; no payment until it is sorted out. #dispute #shortage",
        ),
        "unaware": (
            "They have no record of invoice {invoices}. #noinvoice",
            "Did not know {invoices} was {days} days overdue. #noinvoice #statement",
        ),
        "fraud": (
            "Phones are dead and nobody at the address knows the company. #fraud #legal",
            "The store is closed and nobody answers; {amount} outstanding. #fraud #legal",
        ),
        "other": (
            "The manager who signs the checks is on vacation. #vacation",
            "They changed accountants and are sorting out payables. #newcontact",
            "They are migrating to a new accounting system. #systems",
        ),
    },
}
BROKEN_PROMISE = {
    "es": "No cumplió la promesa anterior. #promesaincumplida",
    "en": "The previous promise was not kept. #brokenpromise",
}
PROMISE_TAG = {"es": "#promesa", "en": "#promise"}
# fmt: off
METHOD_WORDS = {
    "es": {"transfer": "transferencia", "check": "cheque", "deposit": "depósito",
           "cash": "efectivo", "card": "tarjeta"},
    "en": {"transfer": "wire", "check": "check", "deposit": "deposit",
           "cash": "cash", "card": "card"},
}
# fmt: on
PAY_AGREEMENT = {
    "es": "Pagará {amount} el {date} por {method}.",
    "en": "Will pay {amount} by {date} by {method}.",
}
PAY_TASK = {
    "es": "Verificar el pago de {amount} prometido para el {date} ({invoices}).",
    "en": "Check the payment of {amount} promised for {date} ({invoices}).",
}
# action -> (agreement, task description)
ACTIONS: dict[str, dict[str, tuple[str, str]]] = {
    "es": {
        "copy": (
            "Reenviar la factura; confirman fecha de pago al recibirla.",
            "Enviar copia de la factura {invoices} al cliente.",
        ),
        "call": ("Volver a llamar el {date}.", "Llamar de nuevo al cliente el {date}."),
        "pickup": (
            "El vendedor pasa a retirar el cheque el {date}.",
            "Pedir al vendedor que busque el cheque el {date}.",
        ),
        "dispute": (
            "Revisar el reclamo con el vendedor.",
            "Revisar el reclamo de {invoices} y emitir nota de crédito si procede.",
        ),
        "legal": ("Pasar el caso a legal.", "Enviar el expediente de {invoices} a legal."),
    },
    "en": {
        "copy": (
            "Resend the invoice; they confirm a payment date on receipt.",
            "Send a copy of invoice {invoices} to the customer.",
        ),
        "call": ("Call again on {date}.", "Call the customer again on {date}."),
        "pickup": (
            "The sales rep collects the check on {date}.",
            "Ask the sales rep to collect the check on {date}.",
        ),
        "dispute": (
            "Review the claim with the sales rep.",
            "Review the claim on {invoices}; issue a credit note if it stands.",
        ),
        "legal": ("Hand the case to legal.", "Send the file of {invoices} to legal."),
    },
}


def promise_texts(
    lang: str, facts: dict[str, object], amount: Decimal, day: dt.date, method: str
) -> tuple[str, str]:
    """The agreement and the task description of a promise to pay ``amount`` by ``day``."""
    text = {
        **facts,
        "amount": money_text(amount, lang),
        "date": date_text(day, lang),
        "method": METHOD_WORDS[lang][method],
    }
    return PAY_AGREEMENT[lang].format(**text), PAY_TASK[lang].format(**text)


def action_texts(lang: str, action: str, facts: dict[str, object], day: dt.date) -> tuple[str, str]:
    """The agreement and the task description of a follow-up ``action`` due on ``day``."""
    text = {**facts, "date": date_text(day, lang)}
    agreement, description = ACTIONS[lang][action]
    return agreement.format(**text), description.format(**text)
