"""Guess which of our fields each column of a file holds, from its header alone.

Headers are compared after folding away accents, case, punctuation and words such as
"de" or "the", with camelCase split (``customerID`` reads as "customer id") and the
many ways of writing "number" (``Nro.``, ``No.``, ``Nº``, ``#``) read as one. A header
matches a field when it equals one of the field's names in Spanish or English, has the
same words in another order, is made only of names of that field (``RIF/NIT/RUC``),
or contains all the words of a longer name (``Fecha de vencimiento de la factura``).

Pure functions: no database, no Dash.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

KINDS = ("sellers", "customers", "contacts", "invoices", "payments")
FIELDS: dict[str, tuple[str, ...]] = {
    "sellers": ("code", "name", "email", "phone"),
    "customers": (
        "code", "name", "seller_code", "tags", "credit_limit", "payment_terms_days",
        "tax_id", "address", "city", "country", "latitude", "longitude", "language",
    ),
    "contacts": ("customer_code", "seller_code", "name", "role", "email", "phone", "is_primary"),
    "invoices": (
        "number", "customer_code", "issue_date", "due_date", "amount",
        "currency", "kind", "disputed", "applies_to",
    ),
    "payments": ("reference", "customer_code", "date", "amount", "method", "invoice_number"),
}  # fmt: skip
REQUIRED: dict[str, tuple[str, ...]] = {
    "sellers": ("code", "name"),
    "customers": ("code", "name"),
    "contacts": ("name",),
    "invoices": ("number", "customer_code", "issue_date", "due_date", "amount"),
    "payments": ("reference", "customer_code", "date", "amount"),
}
DATE_FIELDS = frozenset({"issue_date", "due_date", "date"})
MONEY_FIELDS = frozenset({"amount", "credit_limit"})
DECIMAL_FIELDS = MONEY_FIELDS | {"latitude", "longitude"}

_NUMBER_WORDS = frozenset({"no", "nro", "num", "numero", "number", "nr", "n", "nbr", "#"})
_STOP_WORDS = frozenset({"de", "del", "la", "el", "los", "las", "of", "the", "a", "en", "y"})

_CODE = "code, codigo, cod, id, clave"
_CUSTOMER = (
    "customer, customer code, customer id, customer number, customer account, client, "
    "client id, client code, account, account number, cliente, codigo cliente, "
    "id cliente, numero cliente, cod cliente, cuenta, cuenta cliente"
)
_SELLER = (
    "seller, seller code, seller id, salesperson, sales rep, sales rep id, rep, rep code, "
    "vendedor, codigo vendedor, id vendedor, cod vendedor, asesor, ejecutivo, agente"
)
_EMAIL = "email, e mail, mail, correo, correo electronico, email address"
_PHONE = (
    "phone, phone number, telephone, tel, mobile, cell, telefono, numero telefono, "
    "celular, movil, whatsapp"
)
_AMOUNT = "amount, total, value, monto, importe, valor, total amount, monto total"
_INVOICE = (
    "invoice, invoice number, invoice id, invoice no, document, document number, doc, "
    "factura, numero factura, id factura, documento, numero documento, folio, comprobante"
)
SYNONYMS: dict[str, dict[str, str]] = {
    "sellers": {
        "code": f"{_CODE}, seller code, seller id, codigo vendedor, id vendedor",
        "name": f"name, nombre, {_SELLER}, seller name, nombre vendedor",
        "email": _EMAIL,
        "phone": _PHONE,
    },
    "customers": {
        "code": f"{_CODE}, customer code, customer id, customer number, client id, client code, "
        "account number, codigo cliente, id cliente, numero cliente, cod cliente, cuenta",
        "name": "name, nombre, customer, customer name, client, client name, cliente, "
        "nombre cliente, razon social, company, company name, empresa, business name, "
        "denominacion",
        "seller_code": _SELLER,
        "tags": "tags, tag, etiquetas, etiqueta, segment, segmento, category, categoria",
        "credit_limit": "credit limit, credit line, limite credito, limite, cupo, "
        "cupo credito, linea credito",
        "payment_terms_days": "payment terms, terms, terms days, credit days, plazo, "
        "dias plazo, dias credito, condiciones pago, condicion pago, plazo pago",
        "tax_id": "tax id, tax number, vat, vat number, ein, tin, nif, cif, rif, nit, ruc, rut, "
        "cuit, rfc, cedula, identificacion fiscal, numero fiscal, documento fiscal",
        "address": "address, street, direccion, domicilio, calle",
        "city": "city, town, ciudad, localidad, municipio, poblacion",
        "country": "country, country code, pais, codigo pais",
        "latitude": "latitude, lat, latitud",
        "longitude": "longitude, lng, lon, long, longitud",
        "language": "language, lang, idioma, lengua",
    },
    "contacts": {
        "customer_code": _CUSTOMER,
        "seller_code": _SELLER,
        "name": "name, nombre, contact, contact name, contacto, nombre contacto, persona, "
        "full name, nombre completo",
        "role": "role, rol, cargo, position, title, job title, puesto",
        "email": _EMAIL,
        "phone": _PHONE,
        "is_primary": "primary, is primary, main, main contact, principal, contacto principal",
    },
    "invoices": {
        "number": _INVOICE,
        "customer_code": _CUSTOMER,
        "issue_date": "issue date, invoice date, date, document date, date issued, issued, "
        "fecha, fecha emision, emision, fecha factura, fecha documento, fecha expedicion",
        "due_date": "due date, due, due on, payment due, maturity, maturity date, vence, "
        "vencimiento, fecha vencimiento, fecha vence, fecha limite pago",
        "amount": f"{_AMOUNT}, invoice amount, invoice total, monto factura, total factura, "
        "importe factura, valor factura",
        "currency": "currency, currency code, moneda, divisa",
        "kind": "kind, type, document type, doc type, tipo, tipo documento, clase documento",
        "disputed": "disputed, dispute, in dispute, disputa, en disputa, disputada, reclamo, "
        "reclamada, objetada",
        "applies_to": "applies to, applied to, related invoice, original invoice, reference "
        "invoice, aplica a, factura referencia, factura origen, factura original, "
        "documento referencia",
    },
    "payments": {
        "reference": "reference, ref, payment reference, payment id, payment number, receipt, "
        "receipt number, transaction, transaction id, referencia, numero pago, id pago, "
        "recibo, numero recibo, comprobante pago, operacion, numero operacion",
        "customer_code": _CUSTOMER,
        "date": "date, payment date, paid on, date paid, settled date, settlement date, "
        "value date, fecha, fecha pago, fecha cobro, fecha valor, fecha abono",
        "amount": f"{_AMOUNT}, payment amount, amount paid, paid, paid amount, monto pagado, "
        "importe pagado, abono, monto abono",
        "method": "method, payment method, payment type, method of payment, metodo, "
        "metodo pago, forma pago, medio pago, tipo pago",
        "invoice_number": _INVOICE,
    },
}

EXACT, REORDERED, ALL_NAMES, CONTAINS = 4, 3, 2, 1


def _words(text: str) -> list[str]:
    """Lower-case words of a header: accents dropped, camelCase split, "#" kept."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", text)
    folded = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+|#", folded.casefold())


def header_words(header: str) -> tuple[str, ...]:
    """The significant words of a header, in order (number words read as ``number``).

    >>> header_words("Nro. de Factura")
    ('number', 'factura')
    >>> header_words("customerID")
    ('customer', 'id')
    """
    words = [("number" if word in _NUMBER_WORDS else word) for word in _words(header)]
    return tuple(word for word in words if word not in _STOP_WORDS)


def normalise_header(header: str) -> str:
    """A header folded for comparison: ``"Fecha de Vencimiento"`` -> ``"fecha vencimiento"``."""
    return " ".join(header_words(header))


@dataclass(frozen=True)
class _Names:
    exact: dict[str, str]  # folded name -> field
    by_words: list[tuple[frozenset[str], str]]
    single: dict[str, str]  # one-word names -> field


def _names(kind: str) -> _Names:
    exact: dict[str, str] = {}
    by_words: list[tuple[frozenset[str], str]] = []
    single: dict[str, str] = {}
    for field in FIELDS[kind]:
        names = [field.replace("_", " "), *SYNONYMS[kind].get(field, "").split(",")]
        for name in filter(None, (normalise_header(raw) for raw in names)):
            exact.setdefault(name, field)
            words = frozenset(name.split())
            by_words.append((words, field))
            if len(words) == 1:
                single.setdefault(name, field)
    return _Names(exact, by_words, single)


def _score(words: tuple[str, ...], names: _Names) -> tuple[int, str] | None:
    """The best (score, field) for a header's words, or None."""
    if not words:
        return None
    folded = " ".join(words)
    if folded in names.exact:
        return EXACT, names.exact[folded]
    present = frozenset(words)
    for name_words, field in names.by_words:
        if name_words == present:
            return REORDERED, field
    fields = {names.single.get(word) for word in present - {"number"}}
    if len(fields) == 1 and None not in fields:
        return ALL_NAMES, fields.pop()  # type: ignore[return-value]
    best: tuple[int, str] | None = None
    longest = (1, False)
    for name_words, field in names.by_words:
        size = (len(name_words), _contiguous(name_words, words))
        if size > longest and name_words <= present:
            best, longest = (CONTAINS, field), size
    return best


def _contiguous(name_words: frozenset[str], words: tuple[str, ...]) -> bool:
    """Whether the name's words stand next to each other in the header."""
    width = len(name_words)
    return any(set(words[i : i + width]) == name_words for i in range(len(words) - width + 1))


def guess_fields(kind: str, headers: Sequence[str]) -> dict[str, str | None]:
    """Which field of ``kind`` each header holds (None: ignore the column).

    Each field goes to one header at most: better matches first, then headers of more
    words (the more specific), then the leftmost.

    Raises:
        ValueError: ``kind`` is not one of :data:`KINDS`.
    """
    if kind not in FIELDS:
        raise ValueError(f"unknown import kind '{kind}' (expected {', '.join(KINDS)})")
    names = _names(kind)
    scored = []
    for position, header in enumerate(headers):
        words = header_words(header)
        found = _score(words, names)
        if found is not None:
            scored.append((-found[0], -len(words), position, found[1]))
    guess: dict[str, str | None] = dict.fromkeys(headers)
    taken: set[str] = set()
    for _rank, _width, position, field in sorted(scored):
        header = headers[position]
        if field not in taken and guess[header] is None:
            guess[header] = field
            taken.add(field)
    return guess


def missing_required(kind: str, fields: Iterable[str]) -> list[str]:
    """Required fields of ``kind`` that no column feeds.

    Contacts need ``customer_code`` or ``seller_code`` besides their name.
    """
    present = set(fields)
    missing = [field for field in REQUIRED[kind] if field not in present]
    if kind == "contacts" and not {"customer_code", "seller_code"} & present:
        missing.append("customer_code")
    return missing


def guess_kind(headers: Sequence[str]) -> str | None:
    """The kind most of the headers belong to (None when no header is known).

    The kind with the most fields found wins; on a tie the one whose required fields
    are all found, then the later in :data:`KINDS` (documents before parties, since a
    document file names its customer). An invoice export without a known amount
    column is still guessed as invoices, and the page asks for the amount.
    """
    best: tuple[int, bool, int, str] | None = None
    for position, kind in enumerate(KINDS):
        mapped = [field for field in guess_fields(kind, headers).values() if field]
        candidate = (len(mapped), not missing_required(kind, mapped), position, kind)
        if mapped and (best is None or candidate > best):
            best = candidate
    return best[3] if best else None
