"""Texts of the tasks page and of "who to call today": ``key: (english, spanish)``."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # Tasks page
    "tasks.title": ("Tasks", "Tareas"),
    "tasks.subtitle": (
        "What is due today, late, coming up and recently done; complete or reassign it here.",
        "Lo que vence hoy, lo atrasado, lo que viene y lo hecho; complétalo o reasígnalo aquí.",
    ),
    "tasks.view.today": ("Due today ({count})", "Vencen hoy ({count})"),
    "tasks.view.overdue": ("Overdue ({count})", "Atrasadas ({count})"),
    "tasks.view.pending": ("Coming up ({count})", "Próximas ({count})"),
    "tasks.view.done": (
        "Done, last {days} days ({count})",
        "Hechas, últimos {days} días ({count})",
    ),
    "tasks.assignee": ("Assignee", "Responsable"),
    "tasks.supervisor": ("Supervisor", "Supervisor"),
    "tasks.anyone": ("Anyone", "Cualquiera"),
    "tasks.empty.today": ("Nothing is due today.", "No vence nada hoy."),
    "tasks.empty.overdue": ("No overdue tasks.", "No hay tareas atrasadas."),
    "tasks.empty.pending": ("No tasks coming up.", "No hay tareas próximas."),
    "tasks.empty.done": (
        "No tasks were done in the last {days} days.",
        "No se hizo ninguna tarea en los últimos {days} días.",
    ),
    "tasks.limited": ("Showing the first {shown} of {count}.", "Se muestran {shown} de {count}."),
    "tasks.due_on": ("Due {date}", "Vence el {date}"),
    "tasks.due_today": ("Due today", "Vence hoy"),
    "tasks.late": ("{days} days late", "{days} días de atraso"),
    "tasks.in_days": ("in {days} days", "en {days} días"),
    "tasks.done_on": ("Done {date}", "Hecha el {date}"),
    "tasks.assigned_to": ("Assigned to {name}", "Asignada a {name}"),
    "tasks.supervised_by": ("supervised by {name}", "supervisa {name}"),
    "tasks.nobody": ("nobody", "nadie"),
    "tasks.promise": ("Promise to pay {amount} on {date}", "Promesa de pago de {amount} el {date}"),
    "tasks.not_yours": (
        "Only the customer's collector or a manager can change this task.",
        "Solo el cobrador del cliente o un gerente puede cambiar esta tarea.",
    ),
    "tasks.completed": ("Task marked done.", "Tarea marcada como hecha."),
    "tasks.reassigned": ("Task reassigned.", "Tarea reasignada."),
    "tasks.refused": (
        "That task cannot be changed: it is not yours to change or it is no longer open.",
        "Esa tarea no se puede cambiar: no te corresponde o ya no está abierta.",
    ),
    "tasks.promises_title": ("Promises to pay due today", "Promesas de pago que vencen hoy"),
    "tasks.promises_total": (
        "Promised today: {total} · still pending: {pending}",
        "Prometido para hoy: {total} · aún pendiente: {pending}",
    ),
    "tasks.promises_empty": (
        "No promises to pay are due today.",
        "Hoy no vence ninguna promesa de pago.",
    ),
    "tasks.paid_so_far": ("paid {amount}", "pagado {amount}"),
    "tasks.broken_title": (
        "Broken promises needing a new contact",
        "Promesas incumplidas que piden un nuevo contacto",
    ),
    "tasks.broken_help": (
        "Promised in the last {days} days, not kept, and no note since they broke.",
        "Prometidas en los últimos {days} días, no cumplidas y sin nota desde entonces.",
    ),
    "tasks.broken_row": (
        "{amount} promised for {date}, paid {paid}",
        "{amount} prometido para el {date}, pagado {paid}",
    ),
    "tasks.last_contact": ("last contact {date}", "último contacto {date}"),
    "tasks.never_contacted": ("never contacted", "nunca contactado"),
    "tasks.broken_empty": (
        "Every broken promise has been followed up.",
        "Todas las promesas incumplidas tienen seguimiento.",
    ),
    "tasks.open_wall": ("Open wall and add a note", "Abrir muro y anotar"),
    # Who to call today
    "worklist.title": ("Who to call today", "A quién llamar hoy"),
    "worklist.subtitle": (
        "Customers ranked by a score; the badges of each row are the parts that add up to it.",
        "Clientes ordenados por puntaje; las etiquetas de cada fila son las partes que lo suman.",
    ),
    "worklist.collector": ("Collector", "Cobrador"),
    "worklist.summary": (
        "{count} customers to work as of {date}",
        "{count} clientes por gestionar al {date}",
    ),
    "worklist.limited": ("Showing the top {shown}.", "Se muestran los primeros {shown}."),
    "worklist.empty": (
        "Nothing to do: no overdue customers and no promises to follow up.",
        "Nada pendiente: no hay clientes vencidos ni promesas por seguir.",
    ),
    "worklist.score": ("{points} pts", "{points} pts"),
    "worklist.part.overdue": ("overdue {amount} → {points} pts", "vencido {amount} → {points} pts"),
    "worklist.part.days": (
        "{days} days overdue (weighted) → {points} pts",
        "{days} días de atraso (ponderado) → {points} pts",
    ),
    "worklist.part.promise_today": (
        "promise due today {amount} → {points} pts",
        "promesa para hoy {amount} → {points} pts",
    ),
    "worklist.part.broken": (
        "broken promise, no contact since ({count}) → {points} pts",
        "promesa incumplida sin contacto desde entonces ({count}) → {points} pts",
    ),
    "worklist.part.contact": (
        "{days} days since the last contact → {points} pts",
        "{days} días desde el último contacto → {points} pts",
    ),
    "worklist.part.contact_never": (
        "never contacted → {points} pts",
        "nunca contactado → {points} pts",
    ),
    "worklist.part.dispute": (
        "disputed {amount} of the overdue → {points} pts",
        "{amount} del vencido en disputa → {points} pts",
    ),
    "worklist.disputed": ("In dispute", "En disputa"),
    "worklist.call": ("Call and note", "Llamar y anotar"),
    "worklist.how": (
        "Score = overdue (up to 35: the square root of its share of the list's 90th-percentile "
        "amount) + days overdue, amount-weighted (up to 20 at 90 days) + a promise due today "
        "(15) + a broken promise with no contact since (15) + days without contact (0 up to 7 "
        "days, 15 from 15 days) − the disputed share of the overdue (down to −15).",
        "Puntaje = vencido (hasta 35: raíz cuadrada de su parte del monto del percentil 90 de "
        "la lista) + días de atraso ponderados por monto (hasta 20 a los 90 días) + promesa que "
        "vence hoy (15) + promesa incumplida sin contacto desde entonces (15) + días sin "
        "contacto (0 hasta 7 días, 15 desde 15 días) − la parte del vencido en disputa (hasta "
        "−15).",
    ),
    "tasks.export_tasks": ("Tasks of this tab", "Tareas de esta pestaña"),
    "worklist.export_worklist": (
        "Worklist with the score's parts",
        "Lista con las partes del puntaje",
    ),
}
