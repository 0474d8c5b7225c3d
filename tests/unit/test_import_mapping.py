"""Import mapping: header guesses in Spanish and English, number and date conventions."""

from __future__ import annotations

import pytest

from data_access.importers.formats import (
    COMMA,
    DOT,
    detect_date_format,
    detect_decimal,
    plain_number,
)
from data_access.importers.mapping import guess_fields, guess_kind, normalise_header
from data_access.importers.plan import PlanError, plan_from_json, single_kind_plan
from data_access.importers.presets import PRESETS

IBM = [
    "countryCode",
    "customerID",
    "PaperlessDate",
    "invoiceNumber",
    "InvoiceDate",
    "DueDate",
    "InvoiceAmount",
    "Disputed",
    "SettledDate",
    "PaperlessBill",
    "DaysToSettle",
    "DaysLate",
]


@pytest.mark.parametrize(
    ("header", "folded"),
    [
        ("Fecha de Vencimiento", "fecha vencimiento"),
        ("  FECHA_DE_VENCIMIENTO ", "fecha vencimiento"),
        ("Nro. Factura", "number factura"),
        ("Número de factura", "number factura"),
        ("Nº factura", "number factura"),
        ("Invoice #", "invoice number"),
        ("customerID", "customer id"),
        ("InvoiceAmount", "invoice amount"),
        ("RIF/NIT/RUC", "rif nit ruc"),
    ],
)
def test_headers_fold_accents_case_punctuation_and_number_words(header, folded):
    assert normalise_header(header) == folded


@pytest.mark.parametrize(
    ("header", "field"),
    [
        # Spanish
        ("Nro. Factura", "number"),
        ("Número de factura", "number"),
        ("No. Factura", "number"),
        ("Folio", "number"),
        ("Cliente", "customer_code"),
        ("Código Cliente", "customer_code"),
        ("Fecha de emisión", "issue_date"),
        ("Fecha", "issue_date"),
        ("Fecha de vencimiento", "due_date"),
        ("Vence", "due_date"),
        ("Vencimiento", "due_date"),
        ("Monto", "amount"),
        ("Importe", "amount"),
        ("Moneda", "currency"),
        ("En disputa", "disputed"),
        ("Tipo de documento", "kind"),
        # English
        ("Invoice #", "number"),
        ("Invoice No.", "number"),
        ("Invoice Number", "number"),
        ("Customer ID", "customer_code"),
        ("Invoice Date", "issue_date"),
        ("Due Date", "due_date"),
        ("Amount", "amount"),
        ("Disputed", "disputed"),
        # Longer headers that contain a known name
        ("Fecha de vencimiento de la factura", "due_date"),
    ],
)
def test_invoice_headers_guessed(header, field):
    assert guess_fields("invoices", [header]) == {header: field}


@pytest.mark.parametrize(
    ("kind", "header", "field"),
    [
        ("customers", "RIF/NIT/RUC", "tax_id"),
        ("customers", "RUT", "tax_id"),
        ("customers", "Tax ID", "tax_id"),
        ("customers", "Razón Social", "name"),
        ("customers", "Customer Name", "name"),
        ("customers", "Código", "code"),
        ("customers", "Customer Code", "code"),
        ("customers", "Límite de crédito", "credit_limit"),
        ("customers", "Días de crédito", "payment_terms_days"),
        ("customers", "Vendedor", "seller_code"),
        ("payments", "Nº Recibo", "reference"),
        ("payments", "Fecha de pago", "date"),
        ("payments", "Payment Date", "date"),
        ("payments", "Forma de pago", "method"),
        ("payments", "Nro. Factura", "invoice_number"),
        ("payments", "Invoice #", "invoice_number"),
        ("contacts", "Correo electrónico", "email"),
        ("contacts", "Teléfono", "phone"),
        ("contacts", "Cargo", "role"),
        ("sellers", "Nombre del vendedor", "name"),
    ],
)
def test_other_kinds_headers_guessed(kind, header, field):
    assert guess_fields(kind, [header])[header] == field


def test_each_field_goes_to_one_column_the_best_match_first():
    guess = guess_fields("invoices", ["Fecha", "Fecha de emisión", "Notas", "Total", "Monto"])
    assert guess == {
        "Fecha": None,  # the exact "issue date" name wins over the plain "date"
        "Fecha de emisión": "issue_date",
        "Notas": None,
        "Total": "amount",  # same score: the leftmost
        "Monto": None,
    }


def test_ibm_headers_guessed_as_invoices_and_unknown_columns_ignored():
    guess = guess_fields("invoices", IBM)
    assert {h: f for h, f in guess.items() if f} == {
        "customerID": "customer_code",
        "invoiceNumber": "number",
        "InvoiceDate": "issue_date",
        "DueDate": "due_date",
        "InvoiceAmount": "amount",
        "Disputed": "disputed",
    }
    assert guess["PaperlessDate"] is None and guess["DaysLate"] is None
    assert guess_kind(IBM) == "invoices"


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        (["Código", "Razón social", "RIF"], "customers"),
        (["Recibo", "Cliente", "Fecha de pago", "Importe"], "payments"),
        (["Cliente", "Nombre", "Correo"], "contacts"),
        (["Nro. Factura", "Cliente", "Fecha", "Vence", "Monto"], "invoices"),
        # Amount unknown: still invoices (4 fields) rather than customers (code, name).
        (["Código cliente", "Razón social", "Factura", "Fecha", "Vence", "Saldo"], "invoices"),
        (["Foo", "Bar"], None),
    ],
)
def test_kind_guessed_from_headers(headers, kind):
    assert guess_kind(headers) == kind


@pytest.mark.parametrize(
    ("text", "decimal", "plain"),
    [
        ("1234.56", DOT, "1234.56"),
        ("1,234.56", DOT, "1234.56"),
        ("1,234,567.8", DOT, "1234567.8"),
        ("$1,234.56", DOT, "1234.56"),
        ("US$ 1,234.56", DOT, "1234.56"),
        ("1234.56 USD", DOT, "1234.56"),
        ("(1,234.50)", DOT, "-1234.50"),
        ("-12", DOT, "-12"),
        ("1.234,56", COMMA, "1234.56"),
        ("1234,56", COMMA, "1234.56"),
        ("Bs. 1.234.567,89", COMMA, "1234567.89"),
        ("1 234,56 €", COMMA, "1234.56"),
        ("12", COMMA, "12"),
        ("1,234", COMMA, "1.234"),  # a comma is the decimal mark here: 1.234 (refused later)
        ("1.234,56", DOT, None),
        ("1,23,456.00", DOT, None),  # groups of three only
        ("12.34.56", COMMA, None),
        ("twelve", DOT, None),
        ("1.2.3", DOT, None),
    ],
)
def test_plain_number(text, decimal, plain):
    assert plain_number(text, decimal) == plain


@pytest.mark.parametrize(
    ("values", "decimal", "sure"),
    [
        (["1.234,56", "99,00"], COMMA, True),
        (["1,234.56", "99.00"], DOT, True),
        (["1234.56", "12.5"], DOT, True),
        (["1234,56"], COMMA, True),
        (["1.234.567"], COMMA, True),  # a repeated mark separates thousands
        (["$ 1,234", "15"], DOT, False),  # 1,234 reads as a thousand, but only that says so
        (["1.234", "2.500"], COMMA, False),
        (["1.234", "12.50"], DOT, True),  # a sure vote beats the unsure ones
        (["100", "25"], DOT, False),
        ([], DOT, False),
    ],
)
def test_decimal_mark_detected(values, decimal, sure):
    guess = detect_decimal(values)
    assert (guess.decimal, guess.sure) == (decimal, sure)


@pytest.mark.parametrize(
    ("values", "pattern", "choices"),
    [
        (["1/15/2013", "2/1/2013"], "%m/%d/%Y", ("%m/%d/%Y",)),  # day 15 decides: US
        (["15/01/2013", "02/01/2013"], "%d/%m/%Y", ("%d/%m/%Y",)),
        (["2024-01-31", "2024-02-01"], "%Y-%m-%d", ("%Y-%m-%d",)),
        (["31.01.2024"], "%d.%m.%Y", ("%d.%m.%Y",)),
        (["31-01-24"], "%d-%m-%y", ("%d-%m-%y",)),
        (["01/02/2024", "03/04/2024"], None, ("%d/%m/%Y", "%m/%d/%Y")),  # ambiguous: ask
        (["13/01/2024", "01/13/2024"], None, ("%d/%m/%Y", "%m/%d/%Y")),  # as many votes
        (["13/01/2024", "14/01/2024", "01/13/2024"], "%d/%m/%Y", ("%d/%m/%Y", "%m/%d/%Y")),
        (["13/01/2024", "19/13/2024"], "%d/%m/%Y", ("%d/%m/%Y",)),  # 19/13 is no date
        (["2024-01-31", "31/01/2024"], None, ()),  # mixed shapes
        (["n/a", "1/20/2024"], "%m/%d/%Y", ("%m/%d/%Y",)),  # non-dates are left to the import
    ],
)
def test_date_format_detected(values, pattern, choices):
    guess = detect_date_format(values)
    assert (guess.pattern, guess.choices) == (pattern, choices)
    assert guess.ambiguous == (pattern is None and len(choices) > 1)


def test_plan_json_round_trip_and_checks():
    plan = plan_from_json(PRESETS["ibm-receivables"], name="ibm")
    assert [kind for kind, _ in plan.ordered()] == ["customers", "invoices", "payments"]
    assert plan.kinds["payments"]["invoiceNumber"] == ("reference", "invoice_number")
    assert plan_from_json(plan.to_json()) == plan
    assert plan.problems(IBM) == []
    assert plan.problems(["customerID"]) != []


def test_plan_problems_name_missing_fields_and_columns():
    plan = plan_from_json({"kinds": {"invoices": {"Nro": "number", "Monto": ["amount"]}}})
    problems = plan.problems(["Nro"])
    assert "invoices: the file has no column 'Monto'" in problems
    assert "invoices: no column is mapped to the required field 'due_date'" in problems
    twice = plan_from_json({"kinds": {"sellers": {"A": "code", "B": "code", "C": "name"}}})
    assert twice.problems(["A", "B", "C"]) == ["sellers: 'code' is fed by more than one column"]


@pytest.mark.parametrize(
    "document",
    [
        {"kinds": {"bananas": {}}},
        {"kinds": {"invoices": {"A": "colour"}}},
        {"kinds": {}, "decimal": "semicolon"},
        {"kinds": {}, "date_format": "%d/%m"},
        {"kinds": []},
    ],
)
def test_bad_plans_refused(document):
    with pytest.raises(PlanError):
        plan_from_json(document)


def test_single_kind_plan_takes_our_column_names_in_any_case():
    plan = single_kind_plan("customers", ["CODE", "Name", "Extra"])
    assert plan.kinds == {"customers": {"CODE": ("code",), "Name": ("name",)}}


def test_every_field_of_every_kind_has_a_label_in_both_languages():
    from dashboard.i18n import CATALOG
    from data_access.importers.mapping import FIELDS

    missing = [
        f"import.field.{field}"
        for fields in FIELDS.values()
        for field in fields
        if f"import.field.{field}" not in CATALOG
    ]
    assert missing == []
