"""The data-quality checks, as pure functions: phones, e-mails, duplicates, dates.

No SQL, Dash or Flask here: :mod:`data_access.quality` reads the rows, these functions
judge them, :mod:`dashboard.quality_view` formats them for the page.

* **Phones** are parsed with ``phonenumbers`` (Google's libphonenumber), a number
  without a country code in the installation's default region (``CARTERA_PHONE_REGION``).
  A phone is *missing* (blank), *invalid* (does not parse, or is not a valid number
  of its country: wrong length or an unassigned range), *without country code* (valid
  only in the default region: the suggestion is its E.164 form, ``+584145551234``), or
  *badly written* (valid and international, but with characters the wall's contact
  form refuses, such as dots or letters: the suggestion is again E.164).
* **E-mails** are checked for syntax only with ``email-validator``
  (``check_deliverability=False``: no DNS lookups, so it works offline), without
  internationalised local parts (``josé@…``), which the wall's form and many mail
  servers refuse. A bad address gets a suggestion when a cleaned-up version (blanks
  and ``mailto:`` removed, ``Name <address>`` unwrapped, stray punctuation at the ends
  stripped) is valid.
* **Duplicates** (see :func:`duplicate_pairs`): the same tax id, or very similar names
  when the tax ids do not contradict each other.
* **Dates**: the earliest plausible date is 1990-01-01; an issue or payment date after
  today, or a due date more than ten years after today, is impossible.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import CountryCodeSource, NumberParseException, PhoneNumberFormat

from dashboard.sms import PhoneError, to_e164

# Problem keys (translated as ``quality.problem.<key>``).
MISSING = "missing"
INVALID = "invalid"
NO_COUNTRY_CODE = "no_country_code"
BAD_FORMAT = "bad_format"

# What the wall's contact form accepts (data_access.contacts.valid_phone): digits,
# blanks, "-", "(", ")" and a leading "+".
_FORM_PHONE = re.compile(r"\+?[0-9 ()\-]+")
_ANGLE_ADDRESS = re.compile(r"<([^<>]+)>")

EARLIEST_DATE = dt.date(1990, 1, 1)
FAR_FUTURE_YEARS = 10
NAME_SIMILARITY = 0.90
NEIGHBOURS = 6  # sorted-neighbourhood window (names compared with the next 6 in each order)
MAX_SAME_NAME_GROUP = 50  # identical names compared all-with-all up to this group size
LEGAL_SUFFIXES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(suffix.split())
            for suffix in (
                "sa",
                "sas",
                "ca",
                "srl",
                "sl",
                "sac",
                "saa",
                "spa",
                "eirl",
                "ltda",
                "ltd",
                "llc",
                "inc",
                "corp",
                "co",
                "cia",
                "y cia",
                "plc",
                "gmbh",
                "de cv",
                "s de rl",
                "de rl",
            )
        ),
        key=len,
        reverse=True,
    )
)


@dataclass(frozen=True)
class FieldCheck:
    """The verdict on one phone or e-mail: a problem key (None when fine) and a suggestion."""

    problem: str | None = None
    suggestion: str | None = None

    @property
    def usable(self) -> bool:
        """Whether the value can be used to reach someone (valid, maybe badly written)."""
        return self.problem in (None, NO_COUNTRY_CODE, BAD_FORMAT)


@lru_cache(maxsize=65536)
def check_phone(raw: str | None, region: str) -> FieldCheck:
    """Judge a phone number; numbers without a country code are read in ``region``.

    Examples: ``"0414-555.12.34"`` in VE has no country code (suggestion
    ``"+584145551234"``); ``"+58 414 5551234"`` is fine; ``"(305) 555-0100"`` in US has
    no country code (``"+13055550100"``); ``"n/a"`` and ``"123"`` are invalid.
    """
    text = (raw or "").strip()
    if not text:
        return FieldCheck(MISSING)
    number = _parse_phone(text, region)
    if number is None or not phonenumbers.is_valid_number(number):
        return FieldCheck(INVALID, _plus_suggestion(text))
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if number.country_code_source == CountryCodeSource.FROM_DEFAULT_COUNTRY:
        return FieldCheck(NO_COUNTRY_CODE, e164)
    if not _FORM_PHONE.fullmatch(text):
        return FieldCheck(BAD_FORMAT, e164)
    return FieldCheck()


def _parse_phone(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region, keep_raw_input=True)
    except NumberParseException:
        return None


def _plus_suggestion(text: str) -> str | None:
    """E.164 of ``+digits`` when an invalid number is a valid one missing its ``+``."""
    digits = "".join(char for char in text if char.isdigit())
    if text.lstrip().startswith("+") or not 8 <= len(digits) <= 15:
        return None
    number = _parse_phone("+" + digits, "ZZ")
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def normalise_phone(raw: str, region: str) -> str:
    """The E.164 form of a valid phone (what the page stores); blank stays blank.

    The same normalisation as SMS sending (:func:`dashboard.sms.to_e164`).

    Raises:
        ValueError: the phone is not a valid number (message key ``invalid``).
    """
    text = raw.strip()
    if not text:
        return ""
    try:
        return to_e164(text, region)
    except PhoneError as error:
        raise ValueError(INVALID) from error


def _valid_email(text: str) -> str | None:
    """The normalised address, or None when ``text`` is not a valid address."""
    try:
        found = validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        return None
    return str(found.normalized)


def _cleaned_email(text: str) -> str:
    wrapped = _ANGLE_ADDRESS.search(text)
    if wrapped:
        text = wrapped.group(1)
    text = "".join(text.split())
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    return text.strip(".,;:'\"()[]")


@lru_cache(maxsize=65536)
def check_email(raw: str | None) -> FieldCheck:
    """Judge an e-mail address by its syntax (no DNS lookups).

    Examples: ``"juan@"``, ``"sin correo"`` and ``"correo@empresa"`` are invalid without
    a suggestion; ``" Juan@Empresa.com. "`` is invalid, suggestion ``"Juan@empresa.com"``.
    """
    text = (raw or "").strip()
    if not text:
        return FieldCheck(MISSING)
    if raw == text and _valid_email(text) is not None:
        return FieldCheck()
    cleaned = _cleaned_email(text)
    return FieldCheck(INVALID, _valid_email(cleaned) if cleaned else None)


def normalise_email(raw: str) -> str:
    """The normalised form of a valid address (domain lower-cased); blank stays blank.

    Raises:
        ValueError: not a valid address (message key ``invalid``).
    """
    text = raw.strip()
    if not text:
        return ""
    found = _valid_email(text)
    if found is None:
        raise ValueError(INVALID)
    return found


class BadValue(ValueError):
    """A value typed for ``field`` (``"phone"`` or ``"email"``) that is not valid."""

    def __init__(self, field: str, value: str) -> None:
        self.field = field
        self.value = value
        super().__init__(f"{field}: {value!r} is not valid")


def contact_edit(
    *,
    current: tuple[str | None, str | None],
    typed: tuple[str | None, str | None],
    region: str,
) -> dict[str, str]:
    """What to save of a fix form: the changed fields only, validated and normalised.

    A field typed as it is stored is left alone (so a contact whose other value is
    still bad can be fixed one value at a time); a changed phone is stored in E.164
    (:func:`normalise_phone`), a changed e-mail normalised (:func:`normalise_email`),
    and a field emptied is stored empty.

    Args:
        current: the stored ``(phone, email)``.
        typed: the form's ``(phone, email)``.
        region: where a phone without a country code is read.

    Returns:
        ``{"phone": ..., "email": ...}`` with only the fields to change (maybe none).

    Raises:
        BadValue: a changed value that is not a valid phone or address (phone first).
    """
    changes: dict[str, str] = {}
    normalisers = (
        ("phone", lambda text: normalise_phone(text, region)),
        ("email", normalise_email),
    )
    for (field, normalise), stored, new in zip(normalisers, current, typed, strict=True):
        text = (new or "").strip()
        if text == (stored or "").strip():
            continue
        try:
            changes[field] = normalise(text)
        except ValueError:
            raise BadValue(field, text) from None
    return changes


def suggestion_edit(field: str, stored: str | None, region: str) -> dict[str, str]:
    """The change that applies the suggestion for a stored phone or e-mail (maybe none)."""
    check = check_phone(stored, region) if field == "phone" else check_email(stored)
    return {field: check.suggestion} if check.suggestion else {}


# --- contacts and reachability -------------------------------------------------------


@dataclass(frozen=True)
class ContactCheck:
    """A contact's phone and e-mail verdicts."""

    contact_id: int
    customer_id: int
    phone: FieldCheck
    email: FieldCheck

    @property
    def has_problem(self) -> bool:
        """Whether the phone or the e-mail is missing, invalid or could be written better."""
        return self.phone.problem is not None or self.email.problem is not None

    @property
    def reachable(self) -> bool:
        """Whether the contact has a usable phone or e-mail."""
        return self.phone.usable or self.email.usable


def check_contacts(
    contacts: Iterable[tuple[int, int, str | None, str | None]], region: str
) -> list[ContactCheck]:
    """Verdicts for ``(contact_id, customer_id, phone, email)`` rows, in their order."""
    return [
        ContactCheck(contact_id, customer_id, check_phone(phone, region), check_email(email))
        for contact_id, customer_id, phone, email in contacts
    ]


def unreachable_customers(customer_ids: Iterable[int], checks: Iterable[ContactCheck]) -> list[int]:
    """The customers (in the order given) none of whose contacts has a usable phone or e-mail."""
    reachable = {check.customer_id for check in checks if check.reachable}
    return [customer_id for customer_id in customer_ids if customer_id not in reachable]


# --- duplicates ----------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerKey:
    """What duplicate detection reads of a customer."""

    id: int
    name: str
    tax_id: str | None = None
    code: str = ""


@dataclass(frozen=True)
class DuplicatePair:
    """Two customers that are probably the same one; ``first.id < second.id``."""

    first: CustomerKey
    second: CustomerKey
    reason: str  # "tax_id" or "name"
    similarity: float  # of the normalised names, 0-1


def normalise_tax_id(raw: str | None) -> str:
    """Letters and digits only, upper case (``"j-12.345.678-9"`` → ``"J123456789"``).

    Placeholders count as no tax id (empty string): fewer than five letters and
    digits, or fewer than two different digits (``"0000000"``, ``"J-00000000-0"``,
    ``"PENDIENTE"``).
    """
    text = unicodedata.normalize("NFKD", raw or "").encode("ascii", "ignore").decode()
    key = "".join(char for char in text if char.isalnum()).upper()
    digits = {char for char in key if char.isdigit()}
    if len(key) < 5 or len(digits) <= 1:
        return ""
    return key


def normalise_name(raw: str) -> str:
    """Lower case, accents and punctuation removed, legal suffixes dropped from the end.

    ``"Distribuidora Los Andes, C.A."`` and ``"DISTRIBUIDORA LOS ANDES S.A. de C.V."``
    both become ``"distribuidora los andes"``. Dots are removed before splitting, so
    ``S.A.S.`` is the token ``sas``; suffixes (``LEGAL_SUFFIXES``) are only removed at
    the end and never leave the name empty.
    """
    text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode().lower()
    tokens = re.findall(r"[a-z0-9]+", text.replace(".", ""))
    stripped = True
    while stripped:
        stripped = False
        for suffix in LEGAL_SUFFIXES:
            size = len(suffix)
            if len(tokens) > size and tuple(tokens[-size:]) == suffix:
                tokens = tokens[:-size]
                stripped = True
                break
    return " ".join(tokens)


def name_similarity(first: str, second: str) -> float:
    """Similarity of two normalised names, 0-1: the better of difflib's ratio on the
    names and on their words sorted (so word order does not matter)."""
    if first == second:
        return 1.0
    plain = SequenceMatcher(None, first, second).ratio()
    ordered = SequenceMatcher(None, _sorted_words(first), _sorted_words(second)).ratio()
    return max(plain, ordered)


def _similarity_bound(first: Counter[str], second: Counter[str], size: int) -> float:
    """An upper bound of :func:`name_similarity` from character counts (difflib's
    ``quick_ratio``, the same for both word orders); ``size`` is both lengths summed."""
    if not size:
        return 1.0
    if len(first) > len(second):
        first, second = second, first
    shared = sum(min(count, second[char]) for char, count in first.items())
    return 2.0 * shared / size


def _sorted_words(name: str) -> str:
    return " ".join(sorted(name.split()))


@dataclass(frozen=True)
class _Entry:
    customer: CustomerKey
    name: str
    tax: str
    chars: Counter[str]


def _tax_pairs(entries: Sequence[_Entry]) -> set[tuple[int, int]]:
    """Index pairs (into ``entries``, smaller first) sharing a normalised tax id."""
    groups: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        if entry.tax:
            groups.setdefault(entry.tax, []).append(index)
    return {pair for group in groups.values() for pair in _all_pairs(group)}


def _all_pairs(group: Sequence[int]) -> list[tuple[int, int]]:
    return [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]


def _name_candidates(entries: Sequence[_Entry]) -> set[tuple[int, int]]:
    """Index pairs (smaller first) worth comparing by name: blocking, not all-with-all.

    Identical normalised names are compared all-with-all (groups of up to
    ``MAX_SAME_NAME_GROUP``); besides, the sorted-neighbourhood method: each name is
    compared with the next ``NEIGHBOURS`` names in three orders (the name; the name
    spelt backwards, so a typo in the first letters still sorts close; its words
    sorted). About ``n × 3 × NEIGHBOURS`` pairs instead of ``n²/2``.
    """
    pairs: set[tuple[int, int]] = set()
    same: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        same.setdefault(entry.name, []).append(index)
    for group in same.values():
        if 1 < len(group) <= MAX_SAME_NAME_GROUP:
            pairs.update(_all_pairs(group))
    orders = (lambda name: name, lambda name: name[::-1], _sorted_words)
    for order in orders:
        ranked = sorted(range(len(entries)), key=lambda index: order(entries[index].name))
        for position, index in enumerate(ranked):
            for other in ranked[position + 1 : position + 1 + NEIGHBOURS]:
                pairs.add((min(index, other), max(index, other)))
    return pairs


def _name_match(first: _Entry, second: _Entry, threshold: float) -> float | None:
    """The names' similarity when at least ``threshold`` and the tax ids agree, else None."""
    if first.tax and second.tax and first.tax != second.tax:
        return None
    if first.name == second.name:
        return 1.0
    size = len(first.name) + len(second.name)
    if 2.0 * min(len(first.name), len(second.name)) / size < threshold:
        return None
    if _similarity_bound(first.chars, second.chars, size) < threshold:
        return None
    similarity = name_similarity(first.name, second.name)
    return similarity if similarity >= threshold else None


def duplicate_pairs(
    customers: Iterable[CustomerKey],
    *,
    dismissed: Iterable[tuple[int, int]] = (),
    threshold: float = NAME_SIMILARITY,
) -> list[DuplicatePair]:
    """Probable duplicate customers: the same tax id first, then by name similarity.

    A pair is reported when both have the same normalised tax id
    (:func:`normalise_tax_id`), or when their normalised names
    (:func:`normalise_name`) have a similarity (:func:`name_similarity`) of at least
    ``threshold`` (0.90) and their tax ids do not contradict each other (one or both
    missing; two different tax ids are two companies that happen to have similar
    names). Pairs in ``dismissed`` (two customer ids, marked "not a duplicate") are
    left out. Candidates come from blocking (:func:`_name_candidates`), so 10,000
    customers cost tens of thousands of cheap comparisons, not fifty million.
    """
    entries = []
    for customer in customers:
        name = normalise_name(customer.name)
        entries.append(_Entry(customer, name, normalise_tax_id(customer.tax_id), Counter(name)))
    skip = {(min(pair), max(pair)) for pair in dismissed}
    by_tax = _tax_pairs(entries)
    found: list[DuplicatePair] = []
    for a, b in by_tax | _name_candidates(entries):
        first, second = sorted((entries[a], entries[b]), key=lambda entry: entry.customer.id)
        if (first.customer.id, second.customer.id) in skip:
            continue
        if (a, b) in by_tax:
            similarity = name_similarity(first.name, second.name)
            found.append(DuplicatePair(first.customer, second.customer, "tax_id", similarity))
            continue
        match = _name_match(first, second, threshold)
        if match is not None:
            found.append(DuplicatePair(first.customer, second.customer, "name", match))
    found.sort(key=lambda p: (p.reason != "tax_id", -p.similarity, p.first.id, p.second.id))
    return found


# --- dates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DateBounds:
    """The plausible range of dates on a given day."""

    earliest: dt.date
    latest_issue: dt.date
    latest_due: dt.date


def date_bounds(today: dt.date) -> DateBounds:
    """From 1990-01-01; issue and payment dates up to today, due dates up to ten years on."""
    try:
        far = today.replace(year=today.year + FAR_FUTURE_YEARS)
    except ValueError:  # 29 February
        far = today.replace(year=today.year + FAR_FUTURE_YEARS, day=28)
    return DateBounds(earliest=EARLIEST_DATE, latest_issue=today, latest_due=far)


def document_date_problems(issue: dt.date, due: dt.date, bounds: DateBounds) -> list[str]:
    """What is impossible about a document's dates (problem keys; empty when nothing)."""
    problems = []
    if due < issue:
        problems.append("due_before_issue")
    if issue > bounds.latest_issue:
        problems.append("issued_in_future")
    if issue < bounds.earliest or due < bounds.earliest:
        problems.append("too_old")
    if due > bounds.latest_due:
        problems.append("due_too_far")
    return problems


def payment_date_problems(
    paid: dt.date, invoice_issued: dt.date | None, bounds: DateBounds
) -> list[str]:
    """What is impossible about a payment's date (problem keys; empty when nothing)."""
    problems = []
    if invoice_issued is not None and paid < invoice_issued:
        problems.append("paid_before_invoice")
    if paid > bounds.latest_issue:
        problems.append("paid_in_future")
    if paid < bounds.earliest:
        problems.append("too_old")
    return problems
