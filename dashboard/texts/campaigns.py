"""Texts of campaigns and reminder sequences: ``key: (english, spanish)``."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- campaigns ---------------------------------------------------------------
    "campaigns.title": ("Campaigns", "Campañas"),
    "campaigns.subtitle": (
        "One message to every customer of a segment: who gets it, who is left out and why.",
        "Un mensaje a cada cliente de un segmento: quién lo recibe, quién queda fuera y por qué.",
    ),
    "campaigns.new": ("New campaign", "Nueva campaña"),
    "campaigns.name": ("Name", "Nombre"),
    "campaigns.channel": ("Channel", "Canal"),
    "campaigns.channel.email": ("E-mail with the statement", "Correo con el estado de cuenta"),
    "campaigns.channel.sms": ("SMS", "SMS"),
    "campaigns.documents": ("Invoices", "Facturas"),
    "campaigns.documents.overdue": ("Overdue only", "Solo las vencidas"),
    "campaigns.documents.open": ("Every open invoice", "Todas las pendientes"),
    "campaigns.preview_for": ("Preview for", "Vista previa para"),
    "campaigns.preview": ("Preview of the message", "Vista previa del mensaje"),
    "campaigns.excluded": ("Left out", "Quedan fuera"),
    "campaigns.send": ("Send campaign", "Enviar campaña"),
    "campaigns.list": ("Campaigns sent", "Campañas enviadas"),
    "campaigns.none": ("No campaign yet.", "Todavía no hay campañas."),
    "campaigns.will_receive": ("Recipients: {count}.", "Destinatarios: {count}."),
    "campaigns.left_out": ("Left out: {count}.", "Quedan fuera: {count}."),
    "campaigns.nobody_left_out": ("Nobody is left out.", "Nadie queda fuera."),
    "campaigns.more": ("… and {count} more.", "… y {count} más."),
    "campaigns.duration": (
        "About {minutes} min at {rate} messages a minute.",
        "Unos {minutes} min a {rate} mensajes por minuto.",
    ),
    "campaigns.pace": (
        "Messages go out in the background, {rate} a minute at most (CARTERA_SEND_RATE); you "
        "can close the page. Each customer gets one message, even if the campaign is resumed.",
        "Los mensajes salen en segundo plano, {rate} por minuto como máximo "
        "(CARTERA_SEND_RATE); puede cerrar la página. Cada cliente recibe un solo mensaje, "
        "aunque la campaña se reanude.",
    ),
    "campaigns.outbox_note": (
        "No SMTP server (or SMS provider) is configured: messages are saved to the outbox, "
        "not sent.",
        "No hay servidor SMTP (ni proveedor de SMS) configurado: los mensajes se guardan en la "
        "bandeja de salida, no se envían.",
    ),
    "campaigns.everyone": ("Every customer", "Todos los clientes"),
    "campaigns.col.name": ("Campaign", "Campaña"),
    "campaigns.col.created": ("Created", "Creada"),
    "campaigns.col.channel": ("Channel", "Canal"),
    "campaigns.col.status": ("Status", "Estado"),
    "campaigns.col.progress": ("Handled", "Procesados"),
    "campaigns.col.code": ("Code", "Código"),
    "campaigns.col.customer": ("Customer", "Cliente"),
    "campaigns.col.reason": ("Why", "Motivo"),
    "campaigns.col.recipient": ("Recipient", "Destinatario"),
    "campaigns.reason.disputed": (
        "An invoice is in dispute",
        "Tiene una factura en disputa",
    ),
    "campaigns.reason.promise": (
        "A promise to pay is pending",
        "Tiene una promesa de pago pendiente",
    ),
    "campaigns.reason.nothing_overdue": ("Nothing overdue", "Nada vencido"),
    "campaigns.reason.nothing_open": ("Nothing open", "Nada pendiente"),
    "campaigns.reason.no_email": (
        "No contact with a valid e-mail address",
        "Ningún contacto con un correo válido",
    ),
    "campaigns.reason.no_phone": (
        "No contact with a valid mobile number",
        "Ningún contacto con un celular válido",
    ),
    "campaigns.reason.no_recipient": ("No recipient", "Sin destinatario"),
    "campaigns.reason.not_found": ("Customer not found", "Cliente no encontrado"),
    "campaigns.status.sending": ("Sending", "Enviando"),
    "campaigns.status.done": ("Finished", "Terminada"),
    "campaigns.status.interrupted": (
        "Interrupted: resume it to send the rest",
        "Interrumpida: reanúdela para enviar el resto",
    ),
    "campaigns.count.sent": ("sent", "enviados"),
    "campaigns.count.outbox": ("in the outbox, not sent", "en la bandeja de salida, sin enviar"),
    "campaigns.count.failed": ("failed", "fallidos"),
    "campaigns.count.sending": (
        "interrupted while sending (check before sending again)",
        "interrumpidos al enviar (verifique antes de reenviar)",
    ),
    "campaigns.count.pending": ("waiting", "en espera"),
    "campaigns.count.skipped": ("nothing left to send", "ya nada que enviar"),
    "campaigns.count.excluded": ("left out", "fuera"),
    "campaigns.back": ("All campaigns", "Todas las campañas"),
    "campaigns.detail_subtitle": (
        "{date} · {channel} · {segment}",
        "{date} · {channel} · {segment}",
    ),
    "campaigns.resume": ("Resume", "Reanudar"),
    "campaigns.retry": ("Retry the failed ones", "Reintentar los fallidos"),
    "campaigns.resuming": ("Resuming…", "Reanudando…"),
    "campaigns.retrying": ("Retrying {count}…", "Reintentando {count}…"),
    "campaigns.failed": ("Failed", "Fallidos"),
    "campaigns.no_failures": ("No failures.", "Ningún fallo."),
    "campaigns.not_found": ("Campaign not found", "Campaña no encontrada"),
    "campaigns.not_allowed": (
        "Only admins and managers can send campaigns.",
        "Solo administradores y gerentes pueden enviar campañas.",
    ),
    "campaigns.bad_segment": ("{field}: not a valid value.", "{field}: no es un valor válido."),
    "campaigns.invalid.name": (
        "Name: required, 120 characters at most.",
        "Nombre: obligatorio, 120 caracteres como máximo.",
    ),
    "campaigns.invalid.channel": ("Channel: choose one.", "Canal: elija uno."),
    "campaigns.invalid.tone": ("Tone: choose one.", "Tono: elija uno."),
    "campaigns.invalid.recipients": (
        "Nobody in this segment can receive it.",
        "Nadie en este segmento puede recibirla.",
    ),
    # --- reminder sequences --------------------------------------------------------
    "reminders.title": ("Reminder sequences", "Recordatorios automáticos"),
    "reminders.subtitle": (
        "Reminders sent by themselves, relative to each invoice's due date.",
        "Recordatorios que salen solos, según la fecha de vencimiento de cada factura.",
    ),
    "reminders.levels": ("Levels", "Niveles"),
    "reminders.edit": ("Add or change a level", "Agregar o cambiar un nivel"),
    "reminders.level": ("Level", "Nivel"),
    "reminders.new_level": ("New level", "Nivel nuevo"),
    "reminders.days": ("Days from the due date", "Días desde el vencimiento"),
    "reminders.days_hint": (
        "Negative: before the due date (-3 is three days before); 7 is seven days after.",
        "Negativo: antes del vencimiento (-3 es tres días antes); 7 es siete días después.",
    ),
    "reminders.name": ("Name", "Nombre"),
    "reminders.active": ("Active", "Activo"),
    "reminders.save": ("Save level", "Guardar nivel"),
    "reminders.delete": ("Delete level", "Eliminar nivel"),
    "reminders.saved": ("Saved.", "Guardado."),
    "reminders.deleted": ("Deleted.", "Eliminado."),
    "reminders.choose_level": ("Choose a level first.", "Elija primero un nivel."),
    "reminders.invalid.name": (
        "Name: 80 characters at most.",
        "Nombre: 80 caracteres como máximo.",
    ),
    "reminders.invalid.days": (
        "Days: a whole number from -60 to 3650.",
        "Días: un número entero de -60 a 3650.",
    ),
    "reminders.invalid.channel": ("Channel: choose one.", "Canal: elija uno."),
    "reminders.invalid.tone": ("Tone: choose one.", "Tono: elija uno."),
    "reminders.invalid.level.in_use": (
        "Reminders were sent at this level: deactivate it instead.",
        "Ya se enviaron recordatorios de este nivel: desactívelo en su lugar.",
    ),
    "reminders.days.before": (
        "{days} days before the due date",
        "{days} días antes del vencimiento",
    ),
    "reminders.days.on": ("On the due date", "El día del vencimiento"),
    "reminders.days.after": (
        "{days} days after the due date",
        "{days} días después del vencimiento",
    ),
    "reminders.due": ("Due today, {date}", "Para hoy, {date}"),
    "reminders.due_note": (
        "What `cartera remind` would send now (nothing is sent from this page).",
        "Lo que `cartera remind` enviaría ahora (esta página no envía nada).",
    ),
    "reminders.sent": ("Sent lately", "Enviados recientemente"),
    "reminders.how": ("How it works", "Cómo funciona"),
    "reminders.rule": (
        "Each day, an invoice reaches the highest level whose days have passed since its due "
        "date. A customer gets one message, at the highest level among its invoices not yet "
        "reminded at that level, covering all of them; a level is never sent twice for the "
        "same invoice. After days without running, only the highest level reached is sent, "
        "once. Customers with an invoice in dispute or a pending promise to pay are paused. "
        "Schedule `cartera remind` once a day (cron); `--dry-run` only prints.",
        "Cada día, una factura alcanza el nivel más alto cuyos días ya pasaron desde su "
        "vencimiento. Cada cliente recibe un solo mensaje, del nivel más alto entre sus "
        "facturas aún no recordadas en ese nivel, que las cubre todas; nunca se envía dos "
        "veces el mismo nivel por la misma factura. Tras días sin ejecutarse, solo se envía "
        "el nivel más alto alcanzado, una vez. Los clientes con una factura en disputa o una "
        "promesa de pago pendiente quedan en pausa. Programe `cartera remind` una vez al día "
        "(cron); `--dry-run` solo muestra.",
    ),
    "reminders.col.days": ("When", "Cuándo"),
    "reminders.col.name": ("Name", "Nombre"),
    "reminders.col.segment": ("Customers", "Clientes"),
    "reminders.col.channel": ("Channel", "Canal"),
    "reminders.col.tone": ("Tone", "Tono"),
    "reminders.col.active": ("Active", "Activo"),
    "reminders.col.code": ("Code", "Código"),
    "reminders.col.customer": ("Customer", "Cliente"),
    "reminders.col.level": ("Level", "Nivel"),
    "reminders.col.invoices": ("Invoices", "Facturas"),
    "reminders.col.amount": ("Amount", "Monto"),
    "reminders.col.recipient": ("Recipient", "Destinatario"),
    "reminders.col.status": ("Status", "Estado"),
    "reminders.col.date": ("Date", "Fecha"),
    "reminders.yes": ("Yes", "Sí"),
    "reminders.no": ("No", "No"),
    "reminders.would_send": ("Would be sent", "Se enviaría"),
    "reminders.paused": ("Paused: {reason}", "En pausa: {reason}"),
    "reminders.skipped": ("Nothing left to remind", "Ya nada que recordar"),
    "reminders.no_levels": (
        "No level yet: add one below (e.g. -3, 7, 30 and 60 days).",
        "Todavía no hay niveles: agregue uno abajo (p. ej. -3, 7, 30 y 60 días).",
    ),
    "reminders.nothing_due": ("Nothing is due today.", "Nada que enviar hoy."),
    "reminders.none_sent": ("No reminder sent yet.", "Todavía no se envió ningún recordatorio."),
}
