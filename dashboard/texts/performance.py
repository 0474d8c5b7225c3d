"""Texts of the performance page: ``key: (english, spanish)``."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "performance.title": (
        "Collector and seller performance",
        "Desempeño de cobradores y vendedores",
    ),
    "performance.subtitle": (
        "Contacts, promises, collections and portfolio health for the chosen period.",
        "Gestiones, promesas, cobros y salud de la cartera en el período elegido.",
    ),
    "performance.month": ("Month", "Mes"),
    "performance.range": ("Or dates", "O fechas"),
    "performance.custom": ("Custom dates", "Fechas a medida"),
    "performance.period_text": ("From {first} to {last}", "Del {first} al {last}"),
    "performance.collectors": ("Collectors", "Cobradores"),
    "performance.sellers": ("Sellers", "Vendedores"),
    "performance.dso_title": (
        "DSO at each month end, per collector",
        "DSO al cierre de cada mes, por cobrador",
    ),
    "performance.dso_axis": ("DSO (days)", "DSO (días)"),
    "performance.empty": (
        "Nobody to show for this period.",
        "No hay nadie que mostrar en este período.",
    ),
    "performance.col.name": ("Name", "Nombre"),
    "performance.col.contacts": ("Contacts", "Gestiones"),
    "performance.col.covered": ("Customers covered", "Clientes gestionados"),
    "performance.col.promises": ("Promises obtained", "Promesas obtenidas"),
    "performance.col.kept": ("Promises kept", "Promesas cumplidas"),
    "performance.col.collected": ("Collected", "Cobrado"),
    "performance.col.overdue": ("Overdue at period end", "Vencido al cierre"),
    "performance.col.dso": ("DSO (days), 6 months", "DSO (días), 6 meses"),
    "performance.col.goal": ("Goal {month}", "Meta {month}"),
    "performance.col.progress": ("Goal progress", "Avance de la meta"),
    "performance.col.pace": ("Pace", "Ritmo"),
    "performance.help.contacts_collector": (
        "Notes this person wrote in the period.",
        "Notas que esta persona escribió en el período.",
    ),
    "performance.help.contacts_seller": (
        "Notes written in the period about this seller's customers.",
        "Notas escritas en el período sobre los clientes de este vendedor.",
    ),
    "performance.help.covered": (
        "Different customers with at least one of those notes.",
        "Clientes distintos con al menos una de esas notas.",
    ),
    "performance.help.promises_collector": (
        (
            "Promises to pay (tasks with an amount) this person recorded in the period; cancelled "
            "ones left out."
        ),
        (
            "Promesas de pago (tareas con monto) que esta persona registró en el período, sin las "
            "canceladas."
        ),
    ),
    "performance.help.promises_seller": (
        (
            "Promises to pay recorded in the period for this seller's customers; cancelled ones "
            "left out."
        ),
        (
            "Promesas de pago registradas en el período para los clientes de este vendedor, sin "
            "las canceladas."
        ),
    ),
    "performance.help.kept": (
        "Promises whose date (plus the grace days) fell in the period: kept ÷ (kept + broken).",
        (
            "Promesas cuya fecha (más los días de gracia) cayó en el período: cumplidas ÷ "
            "(cumplidas + incumplidas)."
        ),
    ),
    "performance.help.collected": (
        "Payments dated in the period from the customers assigned now (current assignment).",
        "Pagos fechados en el período de los clientes asignados hoy (asignación actual).",
    ),
    "performance.help.overdue": (
        "Overdue ÷ (current + overdue) of the customers assigned now, on the period's last day.",
        "Vencido ÷ (al día + vencido) de los clientes asignados hoy, el último día del período.",
    ),
    "performance.help.dso": (
        (
            "Receivable ÷ net credit sales of the last 90 days × 90, at the end of each of the "
            "last 6 months (the last at the period end)."
        ),
        (
            "Saldo ÷ ventas a crédito netas de los últimos 90 días × 90, al cierre de cada uno de "
            "los últimos 6 meses (el último al cierre del período)."
        ),
    ),
    "performance.help.goal": (
        (
            "What should be collected in the month. Admins and managers: double-click to set it; "
            "leave it empty to remove it."
        ),
        (
            "Lo que debería cobrarse en el mes. Administradores y gerentes: doble clic para "
            "fijarla; vacía la elimina."
        ),
    ),
    "performance.help.progress": (
        "Collected in the goal's month up to the period end ÷ goal.",
        "Cobrado en el mes de la meta hasta el cierre del período ÷ meta.",
    ),
    "performance.help.pace": (
        "Against the goal pro rata to the day: goal × day of the month ÷ days in the month.",
        "Frente a la meta prorrateada al día: meta × día del mes ÷ días del mes.",
    ),
    "performance.kept_text": ("{rate} ({kept}/{decided})", "{rate} ({kept}/{decided})"),
    "performance.pace_ahead": ("{gap} ahead", "{gap} por encima"),
    "performance.pace_behind": ("{gap} behind", "{gap} por debajo"),
    "performance.pace_tip": (
        "Expected by {date}: {expected} ({share} of the goal)",
        "Esperado al {date}: {expected} ({share} de la meta)",
    ),
    "performance.note": (
        "Collected, overdue and DSO follow each customer's current collector or seller. "
        "Contacts and promises of a collector are the ones they recorded themselves.",
        "Cobrado, vencido y DSO siguen al cobrador o vendedor actual de cada cliente. "
        "Las gestiones y promesas de un cobrador son las que registró él mismo.",
    ),
    "performance.goal_hint": (
        "Double-click a goal to set it; leave it empty to remove it.",
        "Doble clic en una meta para fijarla; vacía la elimina.",
    ),
    "performance.goal_saved": (
        "Goal of {name} for {month}: {amount}.",
        "Meta de {name} para {month}: {amount}.",
    ),
    "performance.goal_cleared": (
        "Goal of {name} for {month} removed.",
        "Meta de {name} para {month} eliminada.",
    ),
    "performance.goal_forbidden": (
        "Only administrators and managers can set goals.",
        "Solo administradores y gerentes pueden fijar metas.",
    ),
    "performance.goal_error.required": (
        "Type an amount for the goal.",
        "Escribe un monto para la meta.",
    ),
    "performance.goal_error.invalid": (
        "“{value}” is not an amount. Type a number such as 25000 or 25000.50.",
        "“{value}” no es un monto. Escribe un número como 25000 o 25000,50.",
    ),
    "performance.goal_error.not_positive": (
        "A goal must be more than zero.",
        "La meta debe ser mayor que cero.",
    ),
    "performance.goal_error.too_many_decimals": (
        "A goal has at most two decimals.",
        "La meta tiene como máximo dos decimales.",
    ),
    "performance.goal_error.too_large": (
        "That goal is too large.",
        "Esa meta es demasiado grande.",
    ),
    "performance.goal_error.not_found": (
        "That collector or seller no longer exists.",
        "Ese cobrador o vendedor ya no existe.",
    ),
    "performance.export_collectors": ("By collector", "Por cobrador"),
    "performance.export_sellers": ("By seller", "Por vendedor"),
}
