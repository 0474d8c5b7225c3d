"""The data-quality checks (dashboard.quality): phones, e-mails, duplicates, dates."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pandas as pd
import pytest

from dashboard import quality_view as view
from dashboard.config import ConfigError, load_settings
from dashboard.i18n import translator
from dashboard.quality import (
    BAD_FORMAT,
    INVALID,
    MISSING,
    NEIGHBOURS,
    NO_COUNTRY_CODE,
    BadValue,
    ContactCheck,
    CustomerKey,
    FieldCheck,
    _Entry,
    _name_candidates,
    check_contacts,
    check_email,
    check_phone,
    contact_edit,
    date_bounds,
    document_date_problems,
    duplicate_pairs,
    name_similarity,
    normalise_email,
    normalise_name,
    normalise_phone,
    normalise_tax_id,
    payment_date_problems,
    suggestion_edit,
    unreachable_customers,
)
from dashboard.quality_service import ContactsResult
from data_access.quality import CONTACT_COLUMNS


@pytest.mark.parametrize(
    ("raw", "region", "problem", "suggestion"),
    [
        # Spanish-speaking formats: a Venezuelan mobile written the local way.
        ("0414-555.12.34", "VE", NO_COUNTRY_CODE, "+584145551234"),
        ("0212 555 1234", "VE", NO_COUNTRY_CODE, "+582125551234"),
        ("+58 414 5551234", "VE", None, None),
        ("+58 414 5551234", "US", None, None),  # the region only matters without "+"
        ("(305) 555-0100", "US", NO_COUNTRY_CODE, "+13055550100"),
        ("+1 305-555-0100", "CO", None, None),
        ("+57 601 555 1234", "VE", None, None),
        # Valid and international, but with characters the wall's form refuses.
        ("+58 414 555.12.34", "US", BAD_FORMAT, "+584145551234"),
        # A valid number that lost its "+": suggested with it.
        ("58 414 5551234", "US", INVALID, "+584145551234"),
        # Read in the wrong region it is not a number at all.
        ("0414-555.12.34", "US", INVALID, None),
        # Too short for its country (Mexico City numbers have 10 digits).
        ("+52 55 555-1234", "US", INVALID, None),
        ("123", "VE", INVALID, None),
        ("0000000", "VE", INVALID, None),
        ("n/a", "VE", INVALID, None),
        ("sin teléfono", "CO", INVALID, None),
        ("", "VE", MISSING, None),
        ("   ", "VE", MISSING, None),
        (None, "VE", MISSING, None),
    ],
)
def test_check_phone(raw, region, problem, suggestion):
    assert check_phone(raw, region) == FieldCheck(problem, suggestion)


@pytest.mark.parametrize(
    ("raw", "problem", "suggestion"),
    [
        ("juan.perez@empresa.com.ve", None, None),
        ("ana@bücher.example", None, None),  # internationalised domains are fine
        ("juan@", INVALID, None),
        ("sin correo", INVALID, None),
        ("n/a", INVALID, None),
        ("correo@empresa", INVALID, None),  # no top-level domain
        ("juan..perez@empresa.com", INVALID, None),
        ("josé@correo.es", INVALID, None),  # non-ASCII mailbox names are refused
        (" Juan@Empresa.COM. ", INVALID, "Juan@empresa.com"),
        ("mailto:ana@empresa.co", INVALID, "ana@empresa.co"),
        ("Ana Pérez <ana@empresa.com>", INVALID, "ana@empresa.com"),
        ("ana @ empresa.com", INVALID, "ana@empresa.com"),
        ("", MISSING, None),
        (None, MISSING, None),
    ],
)
def test_check_email(raw, problem, suggestion):
    assert check_email(raw) == FieldCheck(problem, suggestion)


def test_normalising_what_is_saved():
    assert normalise_phone("0414-555.12.34", "VE") == "+584145551234"
    assert normalise_phone("  ", "VE") == ""
    assert normalise_email("Ana@EMPRESA.com") == "Ana@empresa.com"
    with pytest.raises(ValueError, match="invalid"):
        normalise_phone("0414-555.12.34", "US")
    with pytest.raises(ValueError, match="invalid"):
        normalise_email("correo@empresa")


def test_contact_edit_saves_only_what_changed():
    stored = ("n/a", "juan@")
    # The e-mail is left as it is (still bad): the phone alone can be fixed.
    assert contact_edit(current=stored, typed=("0414 555 1234", "juan@"), region="VE") == {
        "phone": "+584145551234"
    }
    assert contact_edit(current=stored, typed=(" n/a ", "juan@"), region="VE") == {}
    assert contact_edit(current=stored, typed=("n/a", ""), region="VE") == {"email": ""}
    assert contact_edit(current=(None, None), typed=("", None), region="VE") == {}


def test_contact_edit_refuses_a_bad_new_value_naming_the_field():
    with pytest.raises(BadValue) as raised:
        contact_edit(current=("n/a", "a@b.com"), typed=("555", "a@b.com"), region="VE")
    assert (raised.value.field, raised.value.value) == ("phone", "555")
    with pytest.raises(BadValue) as raised:
        contact_edit(current=(None, None), typed=("", " sin correo "), region="VE")
    assert (raised.value.field, raised.value.value) == ("email", "sin correo")


def test_suggestion_edit():
    assert suggestion_edit("phone", "(305) 555-0100", "US") == {"phone": "+13055550100"}
    assert suggestion_edit("email", "mailto:ana@x.co", "US") == {"email": "ana@x.co"}
    assert suggestion_edit("phone", "n/a", "US") == {}


def test_reachability():
    checks = check_contacts(
        [
            (1, 10, "n/a", "juan@"),  # customer 10: nothing usable...
            (2, 10, None, None),
            (3, 20, "0414 555 1234", None),  # 20: a phone without country code still rings
            (4, 30, "n/a", "ana@empresa.com"),  # 30: the e-mail will do
        ],
        "VE",
    )
    assert [c.has_problem for c in checks] == [True, True, True, True]
    assert [c.reachable for c in checks] == [False, False, True, True]
    assert unreachable_customers([10, 20, 30, 40], checks) == [10, 40]  # 40 has no contacts
    assert not ContactCheck(5, 50, FieldCheck(), FieldCheck()).has_problem


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("J-12.345.678-9", "J123456789"),
        ("j123456789", "J123456789"),
        ("900.123.456-7", "9001234567"),
        ("", ""),
        (None, ""),
        ("N/A", ""),  # too short to be a tax id
        ("00000000", ""),  # placeholders
        ("J-00000000-0", ""),
    ],
)
def test_normalise_tax_id(raw, key):
    assert normalise_tax_id(raw) == key


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Distribuidora Los Andes, C.A.", "distribuidora los andes"),
        ("DISTRIBUIDORA LOS ANDES S.A. de C.V.", "distribuidora los andes"),
        ("Ferretería El Tornillo S.A.S.", "ferreteria el tornillo"),
        ("Northwind Supplies, Inc.", "northwind supplies"),
        ("Acme LLC", "acme"),
        ("Comercial Bolívar Ltda.", "comercial bolivar"),
        ("Inversiones Sucre S. de R.L.", "inversiones sucre"),
        ("Hermanos Pérez y Cía", "hermanos perez"),
        ("S.A.", "sa"),  # never emptied
        ("Casa Sa", "casa"),
    ],
)
def test_normalise_name(raw, name):
    assert normalise_name(raw) == name


def test_name_similarity():
    assert name_similarity("distribuidora los andes", "distribuidora los andes") == 1.0
    assert name_similarity("distribuidora los andes", "distribuidora los andez") >= 0.95
    assert name_similarity("panaderia la espiga", "la espiga panaderia") == 1.0  # word order
    assert name_similarity("acme", "acne") < 0.9


HAND_MADE = [
    CustomerKey(1, "Distribuidora Los Andes, C.A.", "J-12345678-9", "A1"),
    CustomerKey(2, "DISTRIBUIDORA LOS ANDES S.A.", "j123456789", "A2"),
    CustomerKey(3, "Distribuidora Los Andez", None, "A3"),
    CustomerKey(4, "Ferretería El Tornillo S.A.S.", "900123456-7", "F1"),
    CustomerKey(5, "Ferreteria El Tornillo LLC", "800999888-1", "F2"),  # another company
    CustomerKey(6, "Panadería La Espiga Inc.", None, "P1"),
    CustomerKey(7, "La Espiga Panadería", "", "P2"),
    CustomerKey(8, "Northwind Supplies", "00000000", "N1"),  # placeholder tax id
    CustomerKey(9, "Northwind Suplies Co.", "0", "N2"),
    CustomerKey(10, "Acme", None, "X1"),
    CustomerKey(11, "Acne", None, "X2"),
    CustomerKey(12, "Zapatería Central", "J-55555555-1", "Z1"),
    CustomerKey(13, "Textiles del Sur", "j555555551", "Z2"),  # same tax id, other name
]


def test_duplicate_pairs_on_hand_made_names():
    found = {(p.first.id, p.second.id): p for p in duplicate_pairs(HAND_MADE)}
    assert set(found) == {(1, 2), (12, 13), (1, 3), (2, 3), (6, 7), (8, 9)}
    assert [found[pair].reason for pair in [(1, 2), (12, 13)]] == ["tax_id", "tax_id"]
    assert found[(1, 2)].similarity == 1.0 and found[(12, 13)].similarity < 0.5
    assert {found[pair].reason for pair in [(1, 3), (2, 3), (6, 7), (8, 9)]} == {"name"}
    assert found[(6, 7)].similarity == 1.0
    ordered = duplicate_pairs(HAND_MADE)
    assert [p.reason for p in ordered[:2]] == ["tax_id", "tax_id"]  # strongest first
    assert ordered[0].first.code == "A1" and ordered[0].second.code == "A2"


def test_dismissed_pairs_are_left_out():
    found = duplicate_pairs(HAND_MADE, dismissed=[(3, 1), (12, 13)])
    assert {(p.first.id, p.second.id) for p in found} == {(1, 2), (2, 3), (6, 7), (8, 9)}


def _names(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    kinds = ["Distribuidora", "Ferretería", "Comercial", "Inversiones", "Farmacia"]
    words = ["andes", "sol", "norte", "caribe", "llano", "roble", "ceiba", "palma", "rio", "mar"]
    return [
        f"{rng.choice(kinds)} {' '.join(rng.choices(words, k=3))} {i:05d}" for i in range(count)
    ]


def test_blocking_keeps_comparisons_linear():
    names = _names(5000, seed=1)
    entries = [
        _Entry(CustomerKey(i, name), normalise_name(name), "", Counter(normalise_name(name)))
        for i, name in enumerate(names)
    ]
    assert len(_name_candidates(entries)) <= 5000 * 3 * NEIGHBOURS  # not 12.5 million


def test_blocking_still_finds_typos_among_many_names():
    names = _names(3000, seed=2)
    customers = [CustomerKey(i, name, f"T{i:08d}9") for i, name in enumerate(names)]
    typos = {
        3000: "X" + names[10][1:],  # first letter changed
        3001: names[20][:-1] + "x",  # last letter changed
        3002: names[30].upper().replace(" ", ", ") + " S.A.",
    }
    customers += [CustomerKey(i, name, None) for i, name in typos.items()]
    found = {(p.first.id, p.second.id) for p in duplicate_pairs(customers)}
    assert {(10, 3000), (20, 3001), (30, 3002)} <= found


@pytest.mark.parametrize(
    ("issue", "due", "problems"),
    [
        ("2024-03-01", "2024-03-31", []),
        ("2024-03-01", "2024-02-28", ["due_before_issue"]),
        ("2024-04-01", "2024-05-01", ["issued_in_future"]),  # today is 2024-03-31
        ("1989-12-31", "1990-01-30", ["too_old"]),
        ("2024-03-01", "2034-04-01", ["due_too_far"]),
        ("2024-03-01", "2034-03-31", []),  # exactly ten years ahead
    ],
)
def test_document_date_problems(issue, due, problems):
    bounds = date_bounds(dt.date(2024, 3, 31))
    day = dt.date.fromisoformat
    assert document_date_problems(day(issue), day(due), bounds) == problems


def test_payment_date_problems():
    bounds = date_bounds(dt.date(2024, 3, 31))
    day = dt.date.fromisoformat
    assert payment_date_problems(day("2024-03-01"), day("2024-02-01"), bounds) == []
    assert payment_date_problems(day("2024-03-01"), None, bounds) == []
    assert payment_date_problems(day("2024-03-01"), day("2024-03-15"), bounds) == [
        "paid_before_invoice"
    ]
    assert payment_date_problems(day("2024-04-01"), None, bounds) == ["paid_in_future"]
    assert payment_date_problems(day("1985-06-01"), None, bounds) == ["too_old"]


def test_date_bounds_on_a_leap_day():
    assert date_bounds(dt.date(2024, 2, 29)).latest_due == dt.date(2034, 2, 28)


@pytest.mark.parametrize(
    ("env", "region"),
    [
        ({}, "US"),
        ({"CARTERA_CURRENCY": "COP"}, "CO"),
        ({"CARTERA_CURRENCY": "VES"}, "VE"),
        ({"CARTERA_CURRENCY": "EUR"}, "US"),  # shared by many countries
        ({"CARTERA_PHONE_REGION": "ve"}, "VE"),
        ({"CARTERA_CURRENCY": "COP", "CARTERA_PHONE_REGION": "MX"}, "MX"),
    ],
)
def test_phone_region_setting(tmp_path, env, region):
    settings = load_settings({"CARTERA_INSTANCE": str(tmp_path), **env}, testing=True)
    assert settings.phone_region == region


def test_phone_region_must_be_a_known_country(tmp_path):
    with pytest.raises(ConfigError, match="CARTERA_PHONE_REGION"):
        load_settings({"CARTERA_INSTANCE": str(tmp_path), "CARTERA_PHONE_REGION": "XX"})


def test_contact_list_is_capped_but_the_tile_counts_everything(monkeypatch):
    monkeypatch.setattr(view, "MAX_LIST_ROWS", 2)
    rows = [(i, 1, "C1", "Uno", f"P{i}", None, "n/a", "ok@empresa.com", False) for i in range(3)]
    rows.append((3, 1, "C1", "Uno", "Fine", None, "+58 414 5551234", "ok@empresa.com", False))
    contacts = pd.DataFrame(rows, columns=CONTACT_COLUMNS, dtype=object)
    checks = check_contacts([(row[0], row[1], row[6], row[7]) for row in rows], "VE")
    t = translator("en")
    listed = view.contact_rows(contacts, checks, t)
    assert [row["contact"] for row in listed] == ["P0", "P1"]
    assert listed[0]["phone_problem"] == "Not valid" and listed[0]["email_problem"] == ""
    customers = pd.DataFrame([(1, "C1", "Uno", None, None, 4)], dtype=object)
    result = ContactsResult(contacts, checks, customers, [])
    tile, unreachable = view.contact_tiles(result, len(listed), t, "en")
    assert (tile.value, tile.tone) == ("3", "warn")
    assert tile.note == "3 phones, 0 e-mails to fix · Showing the first 2 of 3."
    assert (unreachable.value, unreachable.tone) == ("0", "good")
