"""Mappings shipped with Cartera, offered next to the saved ones (as JSON documents).

``ibm-receivables`` reads IBM's public accounts-receivable sample (``ar_ibm.csv``):
one row per invoice with its customer and the date it was settled. The file yields
customers (the code is ``customerID``; the file has no names, so the code is the
name too), invoices (``Disputed`` is Yes/No) and one payment per invoice, dated
``SettledDate``, for the invoice's full amount, naming that invoice and using its
number as the payment's reference.
"""

from __future__ import annotations

from typing import Any

PRESETS: dict[str, dict[str, Any]] = {
    "ibm-receivables": {
        "kinds": {
            "customers": {"customerID": ["code", "name"], "countryCode": ["country"]},
            "invoices": {
                "invoiceNumber": ["number"],
                "customerID": ["customer_code"],
                "InvoiceDate": ["issue_date"],
                "DueDate": ["due_date"],
                "InvoiceAmount": ["amount"],
                "Disputed": ["disputed"],
            },
            "payments": {
                "invoiceNumber": ["reference", "invoice_number"],
                "customerID": ["customer_code"],
                "SettledDate": ["date"],
                "InvoiceAmount": ["amount"],
            },
        },
        "decimal": "dot",
        "date_format": "%m/%d/%Y",
    },
}
