"""SMS, the pure parts: phone numbers to E.164, segment counting, message templates.

No SQL, Dash or Flask here (the service in :mod:`dashboard.sms_service` wires these to
the database and the provider).

* **Phone numbers** are parsed with ``phonenumbers`` (Google's libphonenumber). A number
  without a country code is read in the installation's region (``CARTERA_PHONE_REGION``):
  ``0414-555 1234`` in ``VE`` is ``+584145551234``. A number that does not parse, or is
  not a valid number of its country (wrong length, unassigned range), is refused with
  a reason key (:data:`PHONE_PROBLEMS`), never guessed at; the one repair is Mexico's
  old mobile prefix (``+52 1 55…`` is ``+52 55…`` since 2019).
* **Segments** follow GSM 03.38 / 3GPP TS 23.040. A text made only of GSM-7 characters
  (which include ``ñ``, ``Ñ``, ``é``, ``¿`` and ``¡``, but not ``á``, ``í``, ``ó``,
  ``ú``) is one SMS up to 160 septets; a longer one is split in parts of 153 (7 go to
  the header that joins them). The extension characters ``€ { } [ ] ~ ^ | \\`` and the
  form feed take two septets (an escape and the character), and a part never ends
  between the two. Any other character makes the whole text UCS-2: one SMS up to 70
  UTF-16 units, parts of 67; an emoji outside the Basic Multilingual Plane is two
  units and is never split. ``assets/sms_counter.js`` counts the same way in the browser
  (the tests run the same examples through both).
* **Templates**: one text per audience (the customer's contacts, the customer's seller)
  and language, filled from plain facts. The contacts' text names the collecting
  company, states the situation in one sentence and asks for the payment date (the
  rules of a good collection message); the seller's asks them to pick up the payment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import phonenumbers
from phonenumbers import (
    CountryCodeSource,
    NumberParseException,
    PhoneNumber,
    PhoneNumberFormat,
    PhoneNumberType,
)

# --- phone numbers ------------------------------------------------------------------

MISSING = "missing"  # no number at all
UNREADABLE = "unreadable"  # not a phone number (letters, too short, no country)
INVALID = "invalid"  # parses, but is not a valid number of its country
INVALID_LOCAL = "invalid_local"  # written without a country code, not valid in the region
PHONE_PROBLEMS = (MISSING, UNREADABLE, INVALID, INVALID_LOCAL)
_LANDLINE_TYPES = (PhoneNumberType.FIXED_LINE,)


class PhoneError(ValueError):
    """A phone number that cannot receive an SMS.

    Attributes:
        reason: one of :data:`PHONE_PROBLEMS`.
        raw: the number as written.
    """

    def __init__(self, reason: str, raw: str) -> None:
        self.reason = reason
        self.raw = raw
        super().__init__(f"{reason}: {raw!r}")


def to_e164(raw: str | None, region: str) -> str:
    """The E.164 form of ``raw`` (``+584145551234``); numbers without ``+`` read in ``region``.

    Args:
        raw: the number as written (spaces, dashes, dots, parentheses, a leading ``00``
            or ``+`` are fine).
        region: ISO 3166 alpha-2 country of numbers written without a country code.

    Raises:
        PhoneError: missing, unreadable, or not a valid number of its country.
    """
    text = (raw or "").strip()
    if not text:
        raise PhoneError(MISSING, text)
    try:
        parsed = phonenumbers.parse(text, region.upper(), keep_raw_input=True)
    except NumberParseException as exc:
        raise PhoneError(UNREADABLE, text) from exc
    number: PhoneNumber | None = parsed
    if not phonenumbers.is_valid_number(parsed):
        number = _without_old_mexican_mobile_prefix(parsed)
    if number is None or not phonenumbers.is_valid_number(number):
        local = parsed.country_code_source == CountryCodeSource.FROM_DEFAULT_COUNTRY
        raise PhoneError(INVALID_LOCAL if local else INVALID, text)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _without_old_mexican_mobile_prefix(number: PhoneNumber) -> PhoneNumber | None:
    """``+52 1 55 5555 1234`` (the "1" Mexico dropped in 2019) as ``+52 55 5555 1234``."""
    national = str(number.national_number)
    if number.country_code != 52 or len(national) != 11 or not national.startswith("1"):
        return None
    return PhoneNumber(country_code=52, national_number=int(national[1:]))


def is_landline(e164: str) -> bool:
    """Whether a valid E.164 number is a fixed line (it may not receive SMS)."""
    return phonenumbers.number_type(phonenumbers.parse(e164, None)) in _LANDLINE_TYPES


def display_phone(e164: str) -> str:
    """A valid E.164 number written the international way (``+58 414-5551234``)."""
    return phonenumbers.format_number(
        phonenumbers.parse(e164, None), PhoneNumberFormat.INTERNATIONAL
    )


# --- segments -----------------------------------------------------------------------

GSM7 = "gsm7"
UCS2 = "ucs2"
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[]~|€")
SINGLE = {GSM7: 160, UCS2: 70}
PART = {GSM7: 153, UCS2: 67}
MAX_SEGMENTS = 10  # longer texts are refused (about 1,500 GSM-7 characters)


@dataclass(frozen=True)
class SmsCount:
    """How a text travels as SMS.

    Attributes:
        encoding: ``"gsm7"`` or ``"ucs2"``.
        characters: characters as a person counts them (code points).
        units: septets (GSM-7) or UTF-16 units (UCS-2) the text takes.
        segments: SMS the text is sent as (0 for an empty text).
        remaining: units still free in the last SMS before another one is needed.
        non_gsm: the characters that forced UCS-2, in order of appearance, once each.
    """

    encoding: str
    characters: int
    units: int
    segments: int
    remaining: int
    non_gsm: tuple[str, ...]


def _unit_size(char: str, encoding: str) -> int:
    if encoding == GSM7:
        return 2 if char in GSM7_EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1


def count_segments(text: str) -> SmsCount:
    """Encoding, length and number of SMS of ``text`` (see the module docstring)."""
    non_gsm = tuple(
        dict.fromkeys(c for c in text if c not in GSM7_BASIC and c not in GSM7_EXTENSION)
    )
    encoding = UCS2 if non_gsm else GSM7
    sizes = [_unit_size(char, encoding) for char in text]
    units = sum(sizes)
    if units <= SINGLE[encoding]:
        segments = 1 if units else 0
        return SmsCount(encoding, len(text), units, segments, SINGLE[encoding] - units, non_gsm)
    part, segments, used = PART[encoding], 1, 0
    for size in sizes:  # a two-unit character never straddles two parts
        if used + size > part:
            segments, used = segments + 1, 0
        used += size
    return SmsCount(encoding, len(text), units, segments, part - used, non_gsm)


def too_long(count: SmsCount) -> bool:
    """Whether a text is longer than :data:`MAX_SEGMENTS` SMS."""
    return count.segments > MAX_SEGMENTS


# --- templates ----------------------------------------------------------------------

CONTACTS = "contacts"
SELLER = "seller"
AUDIENCES = (CONTACTS, SELLER)

TEMPLATES: Mapping[tuple[str, str, bool], str] = {
    (CONTACTS, "es", True): (
        "{company}: le recordamos que {customer} tiene {count} factura(s) vencida(s) por "
        "{overdue}; la más antigua tiene {days} días de atraso. Por favor confírmenos la "
        "fecha de pago. Si ya pagó, ignore este mensaje."
    ),
    (CONTACTS, "en", True): (
        "{company}: a reminder that {customer} has {count} overdue invoice(s) totalling "
        "{overdue}, the oldest {days} days late. Please confirm the payment date. "
        "If you have already paid, please ignore this message."
    ),
    (CONTACTS, "es", False): (
        "{company}: le recordamos que el saldo de {customer} es {balance}. Por favor "
        "confírmenos la fecha de pago. Si ya pagó, ignore este mensaje."
    ),
    (CONTACTS, "en", False): (
        "{company}: a reminder that the balance of {customer} is {balance}. Please confirm "
        "the payment date. If you have already paid, please ignore this message."
    ),
    (SELLER, "es", True): (
        "{company}: {seller}, por favor pase por la oficina de {customer} ({code}): "
        "el pago está listo. Saldo {balance}, vencido {overdue}."
    ),
    (SELLER, "en", True): (
        "{company}: {seller}, please drop by the office of {customer} ({code}): "
        "the payment is ready. Balance {balance}, overdue {overdue}."
    ),
    (SELLER, "es", False): (
        "{company}: {seller}, por favor pase por la oficina de {customer} ({code}): "
        "el pago está listo. Saldo {balance}."
    ),
    (SELLER, "en", False): (
        "{company}: {seller}, please drop by the office of {customer} ({code}): "
        "the payment is ready. Balance {balance}."
    ),
}


@dataclass(frozen=True)
class SmsFacts:
    """What a template says, already formatted for the reader's language.

    Attributes:
        company: the collecting company.
        customer: the customer's name; ``code`` its code.
        seller: the seller's name ("" when the customer has none).
        balance: the balance, as money text; ``overdue`` the overdue part.
        overdue_count: overdue invoices; ``days`` days overdue of the oldest one.
    """

    company: str
    customer: str
    code: str
    seller: str
    balance: str
    overdue: str
    overdue_count: int
    days: int


def draft(audience: str, language: str, facts: SmsFacts) -> str:
    """The prefilled text for ``audience`` (contacts or seller) in ``language`` (es, en).

    Contacts get a polite reminder with what is overdue and since when (or the balance
    when nothing is overdue yet); the seller is asked to pick up the payment.

    Raises:
        KeyError: an unknown audience or language.
    """
    template = TEMPLATES[(audience, language, facts.overdue_count > 0)]
    return template.format(
        company=facts.company,
        customer=facts.customer,
        code=facts.code,
        seller=facts.seller,
        balance=facts.balance,
        overdue=facts.overdue,
        count=facts.overdue_count,
        days=facts.days,
    )
