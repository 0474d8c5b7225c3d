"""Texts of the collections page: ``key: (english, spanish)``."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "collections.title": ("Collections", "Cobranza"),
    "collections.subtitle": (
        "Cash received by period, who brought it in, and what to expect in the coming weeks.",
        "Lo cobrado por período, quién lo trajo y lo que se espera en las próximas semanas.",
    ),
    "collections.seller": ("Seller", "Vendedor"),
    "collections.collector": ("Collector", "Cobrador"),
    "collections.all": ("All", "Todos"),
    "collections.by": ("Show by", "Ver por"),
    "collections.by.day": ("Day", "Día"),
    "collections.by.week": ("Week", "Semana"),
    "collections.by.month": ("Month", "Mes"),
    "collections.range": ("Dates", "Fechas"),
    "collections.range_note": (
        "At most 24 months, ending today at the latest.",
        "Como máximo 24 meses, hasta hoy.",
    ),
    "collections.tile.yesterday": ("Collected yesterday", "Cobrado ayer"),
    "collections.tile.week": ("Collected this week", "Cobrado esta semana"),
    "collections.tile.month": ("Collected this month", "Cobrado este mes"),
    "collections.tile.year": ("Collected this year", "Cobrado este año"),
    "collections.tile.change": ("{arrow} {pct} vs {previous}", "{arrow} {pct} vs {previous}"),
    "collections.tile.no_base": (
        "nothing in {previous} to compare with",
        "nada en {previous} para comparar",
    ),
    "collections.tile.payments": ("{count} payments", "{count} pagos"),
    "collections.help.yesterday": (
        "Payments dated {current}, against the day before ({previous}).",
        "Pagos con fecha {current}, contra el día anterior ({previous}).",
    ),
    "collections.help.week": (
        "Payments dated this ISO week to date (Monday {current}), against the same days "
        "of the previous week ({previous}).",
        "Pagos de esta semana ISO hasta hoy (lunes {current}), contra los mismos días de "
        "la semana anterior ({previous}).",
    ),
    "collections.help.month": (
        "Payments dated this month to date ({current}), against the first days of the "
        "previous month, as many as have passed this month ({previous}).",
        "Pagos de este mes hasta hoy ({current}), contra los primeros días del mes "
        "anterior, tantos como van de este mes ({previous}).",
    ),
    "collections.help.year": (
        "Payments dated this year to date ({current}), against the first days of the "
        "previous year, as many as have passed this year ({previous}).",
        "Pagos de este año hasta hoy ({current}), contra los primeros días del año "
        "anterior, tantos como van de este año ({previous}).",
    ),
    "collections.span": ("{first} – {last}", "{first} – {last}"),
    "collections.chart": ("Collected by period", "Cobrado por período"),
    "collections.chart_note": (
        "Every period is shown, with zero when nothing came in. The line is the same "
        "period a year earlier (52 weeks earlier for days and weeks).",
        "Se muestran todos los períodos, con cero cuando no entró nada. La línea es el "
        "mismo período un año antes (52 semanas antes para días y semanas).",
    ),
    "collections.trace.current": ("Collected", "Cobrado"),
    "collections.trace.year_earlier": ("A year earlier", "Un año antes"),
    "collections.week_label": ("W{week} {year}", "S{week} {year}"),
    "collections.hover": (
        "{span}<br>{amount} · {count} payments",
        "{span}<br>{amount} · {count} pagos",
    ),
    "collections.breakdown": ("Who and how, in these dates", "Quién y cómo, en estas fechas"),
    "collections.breakdown.seller": ("By seller", "Por vendedor"),
    "collections.breakdown.collector": ("By collector", "Por cobrador"),
    "collections.breakdown.method": ("By payment method", "Por forma de pago"),
    "collections.breakdown.tag": ("By tag", "Por etiqueta"),
    "collections.breakdown.none": ("(none)", "(ninguno)"),
    "collections.tag_note": (
        "A customer with several tags counts in full under each, so tags add up to more "
        "than the total.",
        "Un cliente con varias etiquetas cuenta completo en cada una, así que las "
        "etiquetas suman más que el total.",
    ),
    "collections.latest": ("Latest payments", "Últimos pagos"),
    "collections.latest_note": (
        "The newest {count} payments in these dates. Days late: amount-weighted days from "
        "each paid invoice's due date to the day the payment met it (negative = early; "
        "blank when the payment is not applied).",
        "Los {count} pagos más recientes en estas fechas. Días de atraso: días desde el "
        "vencimiento de cada factura pagada hasta el día en que el pago se le aplicó, "
        "ponderados por monto (negativo = antes de tiempo; vacío si el pago no está aplicado).",
    ),
    "collections.col.date": ("Date", "Fecha"),
    "collections.col.customer": ("Customer", "Cliente"),
    "collections.col.amount": ("Amount", "Monto"),
    "collections.col.reference": ("Reference", "Referencia"),
    "collections.col.method": ("Method", "Forma de pago"),
    "collections.col.invoices": ("Invoices paid", "Facturas pagadas"),
    "collections.col.days_late": ("Days late", "Días de atraso"),
    "collections.forecast": ("Cash-in forecast", "Pronóstico de cobros"),
    "collections.forecast_note": (
        "Each open invoice on its due date moved by its customer's usual lateness "
        "(amount-weighted, last 12 months; the portfolio's median, {median} days, for "
        "customers without history). One already P days later than usual is expected P "
        "days from now (at most 13 weeks: older debt shows as later). Pending promises "
        "to pay count on their dates and replace the same amount of the customer's "
        "earliest invoices, so nothing counts twice.",
        "Cada factura abierta en su vencimiento, corrido por el atraso habitual de su "
        "cliente (ponderado por monto, últimos 12 meses; la mediana de la cartera, {median} "
        "días, para clientes sin historia). Una que ya lleva P días de atraso más de lo "
        "habitual se espera dentro de P días (a lo sumo 13 semanas: la deuda más vieja "
        "queda para después). Las "
        "promesas de pago pendientes cuentan en su fecha y reemplazan el mismo monto de "
        "las facturas más próximas del cliente, así nada cuenta dos veces.",
    ),
    "collections.forecast.next4": ("Expected next 4 weeks", "Esperado próximas 4 semanas"),
    "collections.forecast.next13": ("Expected next 13 weeks", "Esperado próximas 13 semanas"),
    "collections.forecast.beyond": ("Expected later", "Esperado después"),
    "collections.forecast.invoices": ("Invoices", "Facturas"),
    "collections.forecast.promises": ("Promises to pay", "Promesas de pago"),
    "collections.backtest": ("How good is the forecast?", "¿Qué tan bueno es el pronóstico?"),
    "collections.backtest_note": (
        "For each of the last {weeks} weeks: the forecast for that week as it would have "
        "been made on its Monday (open invoices and pending promises as of the Sunday "
        "before, lateness from the 12 months before the first of these weeks) against what "
        "actually came in.",
        "Para cada una de las últimas {weeks} semanas: el pronóstico de esa semana tal como "
        "se habría hecho el lunes (facturas abiertas y promesas pendientes al domingo "
        "anterior, atraso de los 12 meses previos a la primera de esas semanas) contra lo "
        "que realmente entró.",
    ),
    "collections.backtest.forecast": ("Forecast", "Pronóstico"),
    "collections.backtest.actual": ("Received", "Recibido"),
    "collections.error.mae": ("Mean absolute error", "Error absoluto medio"),
    "collections.error.mape": ("Mean absolute % error", "Error porcentual absoluto medio"),
    "collections.error.bias": ("Bias", "Sesgo"),
    "collections.error.bias_value": (
        "{amount} a week ({pct} of what came in)",
        "{amount} por semana ({pct} de lo recibido)",
    ),
    "collections.error.over": (
        "The forecast expected more than came in: read it as an upper bound.",
        "El pronóstico esperaba más de lo que entró: léalo como un máximo.",
    ),
    "collections.error.under": (
        "The forecast expected less than came in: read it as a floor.",
        "El pronóstico esperaba menos de lo que entró: léalo como un mínimo.",
    ),
    "collections.error.none": (
        "Not enough history to measure the forecast yet.",
        "Aún no hay historia suficiente para medir el pronóstico.",
    ),
    "collections.empty": ("No payments in these dates.", "No hay pagos en estas fechas."),
    "collections.export_collections": ("Collections by period", "Cobranza por período"),
    "collections.export_payments": ("Latest payments", "Últimos pagos"),
    "collections.export_breakdowns": (
        "By seller, collector, method and tag",
        "Por vendedor, cobrador, forma de pago y etiqueta",
    ),
    "collections.export_forecast": (
        "Cash forecast (13 weeks)",
        "Pronóstico de cobros (13 semanas)",
    ),
    "collections.export_forecast_backtest": ("Forecast backtest", "Prueba del pronóstico"),
}
