"""Texts of the activity page: ``key: (english, spanish)``.

Channels and excuse categories reuse the wall's note modal keys (``channel.*``,
``reason.*``), so a category reads the same where it is written and where it is read.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "activity.title": ("Activity: the notes", "Actividad: las notas"),
    "activity.subtitle": (
        "What customers are saying, and who is being followed up.",
        "Qué están diciendo los clientes y a quién se le está dando seguimiento.",
    ),
    # Filters
    "activity.collector": ("Collector (author)", "Cobrador (autor)"),
    "activity.channel": ("Channel", "Canal"),
    "activity.reason": ("Excuse", "Excusa"),
    "activity.hashtag": ("Hashtag", "Hashtag"),
    "activity.dates": ("Dates", "Fechas"),
    "activity.period": ("Bars per", "Barras por"),
    "activity.period_week": ("Week", "Semana"),
    "activity.period_month": ("Month", "Mes"),
    "activity.all": ("All", "Todos"),
    "activity.reset": ("Clear filters", "Quitar filtros"),
    # Coverage
    "activity.coverage": ("Coverage", "Cobertura"),
    "activity.coverage_help": (
        "Overdue customers with a note in the last {days} days, as of {date}.",
        "Clientes vencidos con una nota en los últimos {days} días, al {date}.",
    ),
    "activity.coverage_count": (
        "{contacted} of {total} overdue customers",
        "{contacted} de {total} clientes vencidos",
    ),
    "activity.coverage_scope": (
        "Coverage follows the collector filter (customers assigned to them), not the others.",
        "La cobertura sigue al filtro de cobrador (clientes asignados a él), no a los demás.",
    ),
    "activity.uncovered": (
        "Nobody has contacted them for more than {days} days",
        "Nadie los ha contactado en más de {days} días",
    ),
    "activity.uncovered_count": ("{count} customers", "{count} clientes"),
    "activity.due_soon": (
        "Due for a contact soon (last contact {low}–{high} days ago)",
        "Toca contactarlos pronto (último contacto hace {low}–{high} días)",
    ),
    "activity.list_cut": (
        "{count} customers; the {shown} largest overdue amounts are listed.",
        "{count} clientes; se listan los {shown} con mayor monto vencido.",
    ),
    "activity.list_empty": ("Nobody here.", "Nadie aquí."),
    "activity.never": ("never", "nunca"),
    "activity.col.customer": ("Customer", "Cliente"),
    "activity.col.code": ("Code", "Código"),
    "activity.col.collector": ("Collector", "Cobrador"),
    "activity.col.overdue": ("Overdue", "Vencido"),
    "activity.col.oldest": ("Oldest days overdue", "Días de la más vencida"),
    "activity.col.since": ("Days since contact", "Días sin contacto"),
    "activity.col.last_reason": ("Last excuse", "Última excusa"),
    # Charts
    "activity.reasons_chart": ("Excuses over time", "Excusas en el tiempo"),
    "activity.hashtags_chart": ("Top hashtags", "Hashtags más usados"),
    "activity.hashtags_hint": (
        "Click a bar to filter by it.",
        "Haz clic en una barra para filtrar.",
    ),
    "activity.contacts_chart": (
        "Contacts per collector per day",
        "Contactos por cobrador por día",
    ),
    "activity.notes_unit": ("notes", "notas"),
    "activity.no_author": ("(no author)", "(sin autor)"),
    "activity.week_axis": ("Week starting on Monday", "Semana que empieza el lunes"),
    "activity.month_axis": ("Month", "Mes"),
    "activity.chart_empty": ("No notes in this range.", "No hay notas en este rango."),
    # Feed
    "activity.feed": ("Latest contacts", "Últimos contactos"),
    "activity.feed_count": ("Matching notes: {count}", "Notas que coinciden: {count}"),
    "activity.feed_empty": (
        "No notes match these filters.",
        "Ninguna nota coincide con estos filtros.",
    ),
    "activity.more": ("Load more", "Cargar más"),
    "activity.by": ("by {name}", "por {name}"),
    "activity.with": ("Spoke with {name}", "Habló con {name}"),
    "activity.agreed": ("Agreed: {text}", "Acordado: {text}"),
    "activity.filter_tag": ("Show only #{tag}", "Mostrar solo #{tag}"),
    "activity.export_notes": ("Notes (with the filters)", "Notas (con los filtros)"),
    "activity.export_coverage": ("Customers to follow up", "Clientes por contactar"),
    "activity.export_excuses": ("Excuses over time", "Excusas en el tiempo"),
    "activity.export_hashtags": ("Top hashtags", "Hashtags más usados"),
    "activity.export_contacts_per_day": (
        "Contacts per collector per day",
        "Gestiones por cobrador por día",
    ),
}
