"""Texts of the field page: ``key: (english, spanish)``.

``field.js.*`` texts are handed to ``assets/field.js`` (the phone's outbox) through
the page; ``timeline.*`` ones label check-ins on a customer's wall.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "field.title": ("Today in the field", "Hoy en la calle"),
    "field.collector": ("Collector", "Cobrador"),
    "field.summary": (
        "{count} customers to visit on {date}",
        "{count} clientes para visitar el {date}",
    ),
    "field.no_collector": (
        "No collector has customers you can see.",
        "Ningún cobrador tiene clientes que puedas ver.",
    ),
    "field.empty": (
        "Nothing due today: no promises, no tasks and nothing overdue on the list.",
        "Nada para hoy: sin promesas, sin tareas y nada vencido en la lista.",
    ),
    "field.locate": ("Sort by distance", "Ordenar por distancia"),
    "field.order.priority": (
        "In order of priority (promises due today first).",
        "En orden de prioridad (primero las promesas que vencen hoy).",
    ),
    "field.order.distance": (
        "Nearest first, from where you are (± {accuracy}).",
        "Los más cercanos primero, desde donde estás (± {accuracy}).",
    ),
    "field.distance": ("{distance} from you", "a {distance} de ti"),
    "field.no_coordinates": ("no coordinates", "sin coordenadas"),
    "field.balance": ("Balance", "Saldo"),
    "field.overdue": ("Overdue", "Vencido"),
    "field.last_excuse": ("Last excuse", "Última excusa"),
    "field.next_promise": ("Next promise", "Próxima promesa"),
    "field.none": ("—", "—"),
    "field.promise_on": ("{amount} on {date}", "{amount} el {date}"),
    "field.promise_no_amount": ("on {date}", "el {date}"),
    "field.reason.promise_today": (
        "Promised {amount} today",
        "Prometió {amount} para hoy",
    ),
    "field.reason.task_today": ("Task today: {text}", "Tarea de hoy: {text}"),
    "field.reason.task_overdue": (
        "Task overdue since {date}: {text}",
        "Tarea atrasada desde el {date}: {text}",
    ),
    "field.reason.worklist": ("#{rank} on the call list", "N.º {rank} en la lista de llamadas"),
    "field.call": ("Call {name}", "Llamar a {name}"),
    "field.no_phone": ("No phone", "Sin teléfono"),
    "field.wall": ("Open wall", "Ver ficha"),
    "field.checkin": ("Check in", "Registrar visita"),
    "field.note": ("Write a note", "Escribir nota"),
    "field.note.reason": ("Why they have not paid", "Por qué no ha pagado"),
    "field.note.contact": ("Spoke with", "Hablé con"),
    "field.note.body": ("What they said (#hashtags welcome)", "Qué dijo (puedes usar #etiquetas)"),
    "field.note.save": ("Save note", "Guardar nota"),
    "field.visited": (
        "Checked in at {time}: {verdict}",
        "Visita registrada a las {time}: {verdict}",
    ),
    "field.verdict.verified": (
        "verified, {distance} from the address",
        "verificada, a {distance} de la dirección",
    ),
    "field.verdict.too_far": ("not verified, {distance} away", "no verificada, a {distance}"),
    "field.verdict.imprecise": (
        "not verified, the position is too vague (± {accuracy})",
        "no verificada, la posición es muy imprecisa (± {accuracy})",
    ),
    "field.verdict.not_verified": ("not verified, {distance} away", "no verificada, a {distance}"),
    "field.verdict.no_coordinates": (
        "not verified, the customer has no coordinates",
        "no verificada, el cliente no tiene coordenadas",
    ),
    "field.saved.note": ("Note saved.", "Nota guardada."),
    "field.saved.repeat": (
        "Already received earlier; stored once.",
        "Ya había llegado antes; se guardó una sola vez.",
    ),
    # Errors of the JSON endpoints (shown on the phone)
    "field.error.forbidden": ("Not allowed.", "No permitido."),
    "field.error.csrf": (
        "The page is out of date; reload it and try again.",
        "La página está desactualizada; recárgala e inténtalo de nuevo.",
    ),
    "field.error.bad_request": (
        "The request is not valid JSON.",
        "La solicitud no es JSON válido.",
    ),
    "field.error.not_found": ("Customer not found.", "Cliente no encontrado."),
    "field.error.read_only": ("Your role is read-only.", "Tu rol es de solo lectura."),
    "field.error.field": ("{field}: {problem}", "{field}: {problem}"),
    "field.error.in_the_future": (
        "the time is in the future; check the phone's clock",
        "la hora está en el futuro; revisa el reloj del teléfono",
    ),
    "field.error.too_old": (
        "older than {days} days; it can no longer be sent",
        "tiene más de {days} días; ya no se puede enviar",
    ),
    "field.error.required": ("missing", "falta"),
    "field.error.invalid": ("not valid", "no es válido"),
    "field.error.out_of_range": ("out of range", "fuera de rango"),
    "field.error.conflict": (
        "this id was already used for something else",
        "este identificador ya se usó para otra cosa",
    ),
    "field.error.other": ("not accepted ({code})", "no aceptado ({code})"),
    "field.field.client_id": ("id", "identificador"),
    "field.field.recorded_at": ("time", "hora"),
    "field.field.latitude": ("latitude", "latitud"),
    "field.field.longitude": ("longitude", "longitud"),
    "field.field.accuracy_m": ("accuracy", "precisión"),
    "field.field.customer_id": ("customer", "cliente"),
    "field.field.channel": ("channel", "canal"),
    "field.field.reason": ("reason", "motivo"),
    "field.field.body": ("what they said", "qué dijo"),
    "field.field.contact_name": ("spoke with", "hablé con"),
    "field.field.contact_id": ("contact", "contacto"),
    "field.field.agreement": ("agreement", "acuerdo"),
    # assets/field.js (the outbox on the phone)
    "field.js.online": ("Online", "Con conexión"),
    "field.js.offline": (
        "Offline: what you save stays on this phone and is sent when the connection returns.",
        "Sin conexión: lo que guardes queda en este teléfono y se envía al volver la conexión.",
    ),
    "field.js.nothing_waiting": ("Everything is sent.", "Todo está enviado."),
    "field.js.notes_one": ("1 note", "1 nota"),
    "field.js.notes_many": ("{count} notes", "{count} notas"),
    "field.js.checkins_one": ("1 check-in", "1 visita"),
    "field.js.checkins_many": ("{count} check-ins", "{count} visitas"),
    "field.js.and": ("and", "y"),
    "field.js.waiting": ("{items} waiting to be sent", "{items} por enviar"),
    "field.js.send_now": ("Send now", "Enviar ahora"),
    "field.js.discard": ("Discard", "Descartar"),
    "field.js.kind.note": ("Note", "Nota"),
    "field.js.kind.checkin": ("Check-in", "Visita"),
    "field.js.refused": ("Refused: {error}", "Rechazado: {error}"),
    "field.js.sign_in": (
        "Your session ended: sign in again to send what is waiting.",
        "Tu sesión terminó: vuelve a entrar para enviar lo pendiente.",
    ),
    "field.js.queued": (
        "Saved on this phone; it will be sent when the connection returns.",
        "Guardado en este teléfono; se enviará cuando vuelva la conexión.",
    ),
    "field.js.sending": ("Sending…", "Enviando…"),
    "field.js.locating": ("Getting your position…", "Obteniendo tu posición…"),
    "field.js.no_location": (
        "Could not get your position: {reason}",
        "No se pudo obtener tu posición: {reason}",
    ),
    "field.js.denied": ("permission denied", "permiso denegado"),
    "field.js.unavailable": ("position unavailable", "posición no disponible"),
    "field.js.timeout": ("it took too long", "tardó demasiado"),
    "field.js.unsupported": (
        "this browser cannot share its position",
        "este navegador no puede compartir su posición",
    ),
    "field.js.body_required": (
        "Write what they said before saving.",
        "Escribe qué dijo antes de guardar.",
    ),
    "field.js.contact_required": ("Say whom you spoke with.", "Indica con quién hablaste."),
    # The wall's timeline shows check-ins
    "timeline.kind.visit": ("Check-in", "Visita"),
    "timeline.visit.accuracy": ("± {accuracy}", "± {accuracy}"),
}
