"""Texts of the board page: ``key: (english, spanish)``."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # The screen
    "board.title": ("Board", "Pantalla"),
    "board.updated": ("updated {time}", "actualizado {time}"),
    "board.loading": ("Loading…", "Cargando…"),
    "board.offline": (
        "Cannot reach the server since {time} — retrying",
        "No hay conexión con el servidor desde las {time} — reintentando",
    ),
    "board.revoked": ("This board link was revoked", "Este enlace de pantalla fue revocado"),
    "board.expired": ("This board link has expired", "Este enlace de pantalla venció"),
    "board.stopped_hint": (
        "Ask an administrator for a new link.",
        "Pide un enlace nuevo a un administrador.",
    ),
    "board.signed_out": (
        "Signed out: sign in again to see the board.",
        "Sesión cerrada: vuelve a iniciar sesión para ver la pantalla.",
    ),
    "board.invalid.title": (
        "This board link is not valid",
        "Este enlace de pantalla no es válido",
    ),
    "board.invalid.body": (
        "It was revoked, it expired, or it was copied incompletely. "
        "Ask an administrator for a new link.",
        "Fue revocado, venció o se copió incompleto. Pide un enlace nuevo a un administrador.",
    ),
    "board.exit": ("Back to Cartera", "Volver a Cartera"),
    "board.manage": ("Board links", "Enlaces de pantalla"),
    # Panels
    "board.panel.kpis": ("Key figures", "Indicadores"),
    "board.panel.customers": (
        "Customers: who owes the most, and how late",
        "Clientes: quién debe más y con cuánto atraso",
    ),
    "board.panel.sellers": (
        "Sellers: balance and how late",
        "Vendedores: saldo y atraso",
    ),
    "board.panel.collections": (
        "Collections: this month against last month",
        "Cobranza: este mes contra el mes pasado",
    ),
    "board.panel.promises": ("Promises to pay due today", "Promesas de pago que vencen hoy"),
    "board.panel.notes": ("Latest notes", "Últimas gestiones"),
    "board.short.kpis": ("Key figures", "Indicadores"),
    "board.short.customers": ("Customers", "Clientes"),
    "board.short.sellers": ("Sellers", "Vendedores"),
    "board.short.collections": ("Collections", "Cobranza"),
    "board.short.promises": ("Promises", "Promesas"),
    "board.short.notes": ("Notes", "Gestiones"),
    "board.map_legend": (
        "Area: balance · colour: days overdue (weighted by amount)",
        "Área: saldo · color: días de atraso (ponderados por monto)",
    ),
    "board.collections.this_month": ("This month to date", "Este mes a la fecha"),
    "board.collections.last_month": (
        "Last month to the same day",
        "Mes pasado al mismo día",
    ),
    "board.collections.last_total": ("All of last month", "Todo el mes pasado"),
    "board.collections.change": ("{change} against last month", "{change} contra el mes pasado"),
    "board.collections.no_change": (
        "nothing collected last month to compare with",
        "el mes pasado no se cobró nada con qué comparar",
    ),
    "board.collections.day": ("Day of the month", "Día del mes"),
    "board.collections.series_this": ("This month", "Este mes"),
    "board.collections.series_last": ("Last month", "Mes pasado"),
    "board.collections.payments": ("{count} payments", "{count} pagos"),
    "board.promises.summary": (
        "{count} due today · {total} promised · {pending} still pending",
        "{count} vencen hoy · {total} prometido · {pending} aún pendiente",
    ),
    "board.promises.none": (
        "No promises to pay are due today.",
        "Hoy no vence ninguna promesa de pago.",
    ),
    "board.more": ("and {count} more", "y {count} más"),
    "board.notes.none": ("No notes yet.", "Aún no hay gestiones."),
    # Board links (admins)
    "board.links.title": ("Board links", "Enlaces de pantalla"),
    "board.links.subtitle": (
        "A board link opens this board on a meeting-room screen with nobody signed in: "
        "read-only, the board and nothing else, until it is revoked or expires.",
        "Un enlace de pantalla abre este tablero en el televisor de la sala sin iniciar "
        "sesión: solo lectura, solo la pantalla, hasta que lo revoques o venza.",
    ),
    "board.links.new": ("New board link", "Nuevo enlace de pantalla"),
    "board.links.name": ("Name (where the screen is)", "Nombre (dónde está la pantalla)"),
    "board.links.panels": ("Panels, in this order", "Paneles, en este orden"),
    "board.links.rotation": ("Seconds per panel", "Segundos por panel"),
    "board.links.refresh": ("Refresh every (seconds)", "Actualizar cada (segundos)"),
    "board.links.expires": (
        "Valid for (days; empty: until revoked)",
        "Válido por (días; vacío: hasta revocarlo)",
    ),
    "board.links.create": ("Create link", "Crear enlace"),
    "board.links.created": (
        "Link created. Copy it now: it is shown only this once.",
        "Enlace creado. Cópialo ahora: solo se muestra esta vez.",
    ),
    "board.links.open_hint": (
        "Open it in the screen's browser. Opening it in this browser signs you out.",
        "Ábrelo en el navegador de la pantalla. Abrirlo en este navegador cierra tu sesión.",
    ),
    "board.links.preview": ("Preview the board", "Ver la pantalla"),
    "board.links.none": ("No board links yet.", "Aún no hay enlaces de pantalla."),
    "board.links.revoke": ("Revoke", "Revocar"),
    "board.links.revoked_done": (
        "Link “{name}” revoked: its screen stops at its next refresh.",
        "Enlace «{name}» revocado: su pantalla se detiene en la próxima actualización.",
    ),
    "board.links.admin_only": (
        "Only administrators manage board links.",
        "Solo los administradores gestionan los enlaces de pantalla.",
    ),
    "board.col.name": ("Name", "Nombre"),
    "board.col.panels": ("Panels", "Paneles"),
    "board.col.timing": ("Per panel / refresh", "Por panel / actualización"),
    "board.col.timing_value": ("{rotate} s / {refresh} s", "{rotate} s / {refresh} s"),
    "board.col.created": ("Created", "Creado"),
    "board.col.expires": ("Expires", "Vence"),
    "board.col.last_seen": ("Last seen", "Visto por última vez"),
    "board.col.state": ("State", "Estado"),
    "board.created_by": ("{date} by {name}", "{date} por {name}"),
    "board.never": ("never", "nunca"),
    "board.not_yet": ("not yet", "todavía no"),
    "board.state.active": ("active", "activo"),
    "board.state.revoked": ("revoked", "revocado"),
    "board.state.expired": ("expired", "vencido"),
    "board.error.name": (
        "Give the link a name (up to 80 characters).",
        "Ponle un nombre al enlace (hasta 80 caracteres).",
    ),
    "board.error.panels": ("Choose at least one panel.", "Elige al menos un panel."),
    "board.error.rotation": (
        "Seconds per panel: a whole number from 5 to 600.",
        "Segundos por panel: un número entero de 5 a 600.",
    ),
    "board.error.refresh": (
        "Refresh: a whole number of seconds from 5 to 3600.",
        "Actualizar: un número entero de segundos de 5 a 3600.",
    ),
    "board.error.expiry": (
        "Valid for: a whole number of days from 1 to 3650, or empty.",
        "Válido por: un número entero de días de 1 a 3650, o vacío.",
    ),
}
