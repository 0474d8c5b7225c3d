"""Spanish and English texts, and the choice of language for a request.

Every text shown to a user lives in ``CATALOG`` as ``key: (english, spanish)``: the
shell, portfolio and wall texts here, the larger pages' in :mod:`dashboard.texts`;
a test checks both are present and carry the same ``{placeholders}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from dashboard.texts import (
    activity,
    board,
    campaigns,
    collections,
    field,
    import_page,
    messaging,
    performance,
    quality,
    tasks,
)

LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"

BASE_TEXTS: dict[str, tuple[str, str]] = {
    # Shell
    "app.tagline": ("Collections dashboard", "Tablero de cobranzas"),
    "nav.home": ("Portfolio", "Cartera"),
    "nav.customers": ("Customers", "Clientes"),
    "nav.users": ("Users", "Usuarios"),
    "nav.sellers": ("Sellers", "Vendedores"),
    "nav.logout": ("Sign out", "Cerrar sesión"),
    "nav.collections": ("Collections", "Cobranzas"),
    "nav.activity": ("Activity", "Gestiones"),
    "nav.tasks": ("Tasks", "Tareas"),
    "nav.worklist": ("Call today", "Llamar hoy"),
    "nav.performance": ("Performance", "Desempeño"),
    "nav.data": ("Data", "Datos"),
    "nav.admin": ("Admin", "Administración"),
    "nav.board": ("Board", "Pantalla"),
    "nav.field": ("Field", "En la calle"),
    "nav.messages": ("Messages", "Mensajes"),
    "nav.campaigns": ("Campaigns", "Campañas"),
    "nav.reminders": ("Reminder sequences", "Recordatorios automáticos"),
    "nav.templates": ("Message templates", "Plantillas de mensajes"),
    "nav.import": ("Import", "Importar"),
    "nav.quality": ("Data quality", "Calidad de datos"),
    "lang.es": ("Español", "Español"),
    "lang.en": ("English", "English"),
    "role.admin": ("Administrator", "Administrador"),
    "role.manager": ("Manager", "Gerente"),
    "role.collector": ("Collector", "Cobrador"),
    "role.viewer": ("Viewer", "Consulta"),
    # Login
    "login.title": ("Sign in", "Iniciar sesión"),
    "login.username": ("Username", "Usuario"),
    "login.password": ("Password", "Contraseña"),
    "login.submit": ("Sign in", "Entrar"),
    "login.failed": ("Wrong username or password.", "Usuario o contraseña incorrectos."),
    "login.expired": (
        "The form expired; please try again.",
        "El formulario expiró; inténtalo de nuevo.",
    ),
    "login.required": ("Please sign in to continue.", "Inicia sesión para continuar."),
    "logout.done": ("You have signed out.", "Cerraste la sesión."),
    "bucket.current": ("Current", "Al día"),
    "bucket.days": ("{label} days", "{label} días"),
    # Customers
    "customers.title": ("Customers", "Clientes"),
    "customers.search": (
        "Search by code, name, seller, tag…",
        "Buscar por código, nombre, vendedor, etiqueta…",
    ),
    "customers.count": ("{count} customers", "{count} clientes"),
    "customers.col.code": ("Code", "Código"),
    "customers.col.name": ("Customer", "Cliente"),
    "customers.col.seller": ("Seller", "Vendedor"),
    "customers.col.collector": ("Collector", "Cobrador"),
    "customers.col.tags": ("Tags", "Etiquetas"),
    "customers.col.balance": ("Balance", "Saldo"),
    "customers.col.overdue": ("Overdue", "Vencido"),
    "customers.col.oldest": ("Days overdue", "Días vencido"),
    "customers.empty": ("No customers to show.", "No hay clientes para mostrar."),
    # Customer page
    "customer.back": ("← All customers", "← Todos los clientes"),
    "customer.code": ("Code {code}", "Código {code}"),
    "customer.seller": ("Seller", "Vendedor"),
    "customer.collector": ("Collector", "Cobrador"),
    "customer.credit_limit": ("Credit limit", "Límite de crédito"),
    "customer.terms": ("Payment terms", "Condiciones de pago"),
    "customer.terms_days": ("{days} days", "{days} días"),
    "customer.balance": ("Balance", "Saldo"),
    "customer.overdue": ("Overdue", "Vencido"),
    "customer.unapplied": ("Unapplied credit", "Crédito sin aplicar"),
    "customer.oldest": ("Oldest days overdue", "Días de vencido (máx.)"),
    "customer.open_documents": ("Open documents", "Documentos abiertos"),
    "customer.no_open": (
        "Nothing open: this customer owes nothing.",
        "Nada pendiente: este cliente no debe nada.",
    ),
    "doc.number": ("Number", "Número"),
    "doc.kind": ("Kind", "Tipo"),
    "doc.issue_date": ("Issued", "Emisión"),
    "doc.due_date": ("Due", "Vencimiento"),
    "doc.amount": ("Amount", "Monto"),
    "doc.open_amount": ("Open", "Pendiente"),
    "doc.days_overdue": ("Days overdue", "Días vencido"),
    "doc.bucket": ("Bucket", "Rango"),
    "doc.disputed": ("Disputed", "En disputa"),
    "kind.invoice": ("Invoice", "Factura"),
    "kind.debit_note": ("Debit note", "Nota de débito"),
    "kind.credit_note": ("Credit note", "Nota de crédito"),
    "common.none": ("—", "—"),
    "common.yes": ("Yes", "Sí"),
    "common.no": ("No", "No"),
    # Users
    "users.title": ("Users", "Usuarios"),
    "users.subtitle": (
        "Add users with `cartera user add USERNAME --role ROLE`.",
        "Agrega usuarios con `cartera user add USUARIO --role ROL`.",
    ),
    "users.col.username": ("Username", "Usuario"),
    "users.col.name": ("Name", "Nombre"),
    "users.col.role": ("Role", "Rol"),
    "users.col.customers": ("Assigned customers", "Clientes asignados"),
    "users.col.active": ("Active", "Activo"),
    # Treemaps
    "treemap.colorbar": (
        "Weighted days overdue (by amount)",
        "Días de vencido ponderados por monto",
    ),
    "treemap.others": ("Others ({count} customers)", "Otros ({count} clientes)"),
    "treemap.others_one": ("Others (1 customer)", "Otros (1 cliente)"),
    "treemap.no_seller": ("No seller", "Sin vendedor"),
    "treemap.no_tag": ("No tag", "Sin etiqueta"),
    "treemap.balance": ("Balance", "Saldo"),
    "treemap.overdue": ("Overdue", "Vencido"),
    "treemap.oldest": ("Oldest days overdue", "Días de vencido (máx.)"),
    "treemap.seller": ("Seller", "Vendedor"),
    "treemap.last_note": ("Last note", "Última nota"),
    "treemap.next_promise": ("Next promise", "Próxima promesa"),
    "treemap.overdue_pct": ("% overdue", "% vencido"),
    "treemap.customers": ("Customers", "Clientes"),
    # KPI tooltips (dashboard.kpis.KPI_HELP); net credit sales = invoices + debit notes − credit notes
    "kpi.help.total_receivable": (
        "What customers owe as of the date: open invoices and debit notes minus unapplied payments and credit notes.",
        "Lo que deben los clientes a la fecha: facturas y notas de débito abiertas menos pagos y notas de crédito sin aplicar.",
    ),
    "kpi.help.overdue": (
        "Open amount of invoices and debit notes past their due date (due today is not overdue).",
        "Saldo abierto de facturas y notas de débito con la fecha de vencimiento ya pasada (lo que vence hoy no está vencido).",
    ),
    "kpi.help.overdue_pct": (
        "Overdue ÷ (not yet due + overdue) × 100, before unapplied credit.",
        "Vencido ÷ (por vencer + vencido) × 100, sin restar el crédito sin aplicar.",
    ),
    "kpi.help.current": (
        "Open amount not yet due, including what falls due today.",
        "Saldo abierto que aún no vence, incluido lo que vence hoy.",
    ),
    "kpi.help.dso_standard_90": (
        "Days sales outstanding: total receivable ÷ net credit sales (invoices + debit notes − credit notes) of the last 90 days × 90.",
        "Días de venta en la calle: total por cobrar ÷ ventas netas a crédito (facturas + notas de débito − notas de crédito) de los últimos 90 días × 90.",
    ),
    "kpi.help.dso_countback": (
        "Countback DSO: the receivable is matched against net credit sales month by month, newest first (this month's elapsed days, then whole months); each covered month adds its days, the last one pro rata. Blank if 24 months of sales do not cover it.",
        "DSO por agotamiento: el saldo se descuenta de las ventas netas a crédito mes a mes, del más reciente hacia atrás (los días transcurridos de este mes y luego meses completos); cada mes cubierto suma sus días y el último, en proporción. En blanco si 24 meses de ventas no lo cubren.",
    ),
    "kpi.help.best_possible_dso": (
        "Best possible DSO: not yet due ÷ net credit sales of the last 90 days × 90, the DSO if every customer paid on time.",
        "Mejor DSO posible: por vencer ÷ ventas netas a crédito de los últimos 90 días × 90, el DSO si todos pagaran a tiempo.",
    ),
    "kpi.help.add": (
        "Average days delinquent: DSO (90 days) minus best possible DSO, the days that late payment adds.",
        "Días promedio de atraso: DSO (90 días) menos el mejor DSO posible, los días que agregan los pagos tardíos.",
    ),
    "kpi.help.cei_month": (
        "Collection effectiveness this month: (receivable at the end of last month + this month's net credit sales − receivable now) ÷ (the same − not yet due now) × 100. 100 means everything collectible was collected.",
        "Efectividad de cobranza del mes: (saldo al cierre del mes anterior + ventas netas a crédito del mes − saldo actual) ÷ (lo mismo − por vencer actual) × 100. 100 significa que se cobró todo lo cobrable.",
    ),
    "kpi.help.collected_day": (
        "Payments received yesterday.",
        "Pagos recibidos ayer.",
    ),
    "kpi.help.collected_week": (
        "Payments received this week, from Monday to the date.",
        "Pagos recibidos esta semana, del lunes a la fecha.",
    ),
    "kpi.help.collected_month": (
        "Payments received this month, from the 1st to the date.",
        "Pagos recibidos este mes, del día 1 a la fecha.",
    ),
    "kpi.help.promises_due": (
        "Promises to pay due on the date that are not kept yet.",
        "Promesas de pago que vencen en la fecha y aún no se cumplen.",
    ),
    "kpi.help.promises_broken": (
        "Promises to pay broken this month: their deadline (promise date plus grace days) passed without the promised amount being paid.",
        "Promesas de pago incumplidas este mes: su plazo (fecha prometida más días de gracia) pasó sin que se pagara el monto prometido.",
    ),
    # Portfolio (home) page
    "portfolio.title": ("Who to call first", "A quién llamar primero"),
    "portfolio.subtitle": (
        "Each rectangle is a customer: big = owes a lot, red = very overdue.",
        "Cada rectángulo es un cliente: grande = debe mucho, rojo = muy vencido.",
    ),
    "portfolio.as_of": ("As of", "Al"),
    "portfolio.seller": ("Seller", "Vendedor"),
    "portfolio.collector": ("Collector", "Cobrador"),
    "portfolio.tag": ("Tag", "Etiqueta"),
    "portfolio.min_balance": ("Minimum balance", "Saldo mínimo"),
    "portfolio.bucket": ("Overdue at least", "Vencido al menos"),
    "portfolio.any_age": ("Any age", "Cualquier antigüedad"),
    "portfolio.bucket_option": ("{days}+ days", "{days}+ días"),
    "portfolio.group": ("Group by", "Agrupar por"),
    "portfolio.group_none": ("Customer", "Cliente"),
    "portfolio.group_seller": ("Seller", "Vendedor"),
    "portfolio.group_tag": ("Tag", "Etiqueta"),
    "portfolio.all": ("All", "Todos"),
    "portfolio.reset": ("Clear filters", "Quitar filtros"),
    "portfolio.empty": (
        "No customer owes anything with these filters.",
        "Ningún cliente debe nada con estos filtros.",
    ),
    "portfolio.note": (
        "{shown} of {owing} customers with a balance drawn; {credit} with a credit balance not shown. Colour: amount-weighted days overdue.",
        "{shown} de {owing} clientes con saldo dibujados; {credit} con saldo a favor no se muestran. Color: días de vencido ponderados por monto.",
    ),
    "portfolio.kpi_scope": (
        "Tiles follow the seller, collector and tag filters.",
        "Los indicadores siguen los filtros de vendedor, cobrador y etiqueta.",
    ),
    "portfolio.vs": ("vs {date}", "vs {date}"),
    "kpi.total_receivable": ("Total receivable", "Total por cobrar"),
    "kpi.overdue": ("Overdue", "Vencido"),
    "kpi.current": ("Not yet due", "Por vencer"),
    "kpi.dso_standard_90": ("DSO (90 days)", "DSO (90 días)"),
    "kpi.dso_countback": ("Countback DSO", "DSO por agotamiento"),
    "kpi.best_possible_dso": ("Best possible DSO", "Mejor DSO posible"),
    "kpi.add": ("Average days delinquent", "Días promedio de atraso"),
    "kpi.cei_month": ("CEI this month", "CEI del mes"),
    "kpi.collected_day": ("Collected yesterday", "Cobrado ayer"),
    "kpi.collected_week": ("Collected this week", "Cobrado esta semana"),
    "kpi.collected_month": ("Collected this month", "Cobrado este mes"),
    "kpi.promises_due": ("Promises due today", "Promesas que vencen hoy"),
    "kpi.promises_broken": ("Broken promises (month)", "Promesas incumplidas (mes)"),
    "kpi.days": ("{value} days", "{value} días"),
    "kpi.share": ("{pct} overdue", "{pct} vencido"),
    # Sellers page
    "sellers.title": ("Sellers", "Vendedores"),
    "sellers.export_sellers": ("Seller ranking", "Ranking de vendedores"),
    "sellers.export_collectors": ("Collector ranking", "Ranking de cobradores"),
    "sellers.export_aging": ("Aging by seller", "Antigüedad por vendedor"),
    "sellers.subtitle": (
        "Each rectangle is a seller's portfolio: the redder, the more overdue. Click one to see its customers.",
        "Cada rectángulo es la cartera de un vendedor: más rojo, más vencida. Haz clic para ver sus clientes.",
    ),
    "sellers.ranking": ("Sellers", "Vendedores"),
    "sellers.collectors": ("Collectors", "Cobradores"),
    "sellers.col.name": ("Name", "Nombre"),
    "sellers.col.customers": ("Customers", "Clientes"),
    "sellers.col.balance": ("Balance", "Saldo"),
    "sellers.col.overdue_pct": ("% overdue", "% vencido"),
    "sellers.col.dso": ("DSO (90 days)", "DSO (90 días)"),
    "sellers.col.kept": ("Promises kept", "Promesas cumplidas"),
    "sellers.col.decided": ("Promises decided (90 days)", "Promesas decididas (90 días)"),
    # Customer wall: timeline
    "timeline.title": ("Timeline", "Historia"),
    "timeline.empty": ("Nothing here yet.", "Aún no hay nada aquí."),
    "timeline.more": ("Show older", "Ver anteriores"),
    "timeline.kind.invoice": ("Invoice", "Factura"),
    "timeline.kind.debit_note": ("Debit note", "Nota de débito"),
    "timeline.kind.credit_note": ("Credit note", "Nota de crédito"),
    "timeline.kind.payment": ("Payment", "Pago"),
    "timeline.kind.note": ("Note", "Nota"),
    "timeline.kind.task": ("Task", "Tarea"),
    "timeline.kind.message": ("Message", "Mensaje"),
    "timeline.due": ("due {date}", "vence {date}"),
    "timeline.settled": ("paid off {date}", "pagada {date}"),
    "timeline.promise_on": ("promised payment {date}", "pago prometido {date}"),
    "timeline.spoke_with": ("Spoke with {name}", "Hablé con {name}"),
    "channel.call": ("Call", "Llamada"),
    "channel.visit": ("Visit", "Visita"),
    "channel.email": ("Email", "Correo"),
    "channel.sms": ("SMS", "SMS"),
    "channel.whatsapp": ("WhatsApp", "WhatsApp"),
    "reason.forgot": ("Forgot / disorder", "Olvido / desorden"),
    "reason.cannot_pay": ("Cannot pay", "No puede pagar"),
    "reason.dispute": ("Dissatisfied / dispute", "Insatisfecho / disputa"),
    "reason.unaware": ("Did not know of the charge", "No sabía del cobro"),
    "reason.fraud": ("Suspected fraud", "Sospecha de fraude"),
    "reason.other": ("Other", "Otro"),
    "task.status.open": ("Open", "Pendiente"),
    "task.status.done": ("Done", "Hecha"),
    "task.status.cancelled": ("Cancelled", "Cancelada"),
    # Customer wall: layout, contacts, excuse and promise modal
    "wall.trends": ("Trends", "Tendencias"),
    "wall.months": ("{n} months", "{n} meses"),
    "contacts.title": ("Contacts", "Contactos"),
    "contacts.primary": ("Primary", "Principal"),
    "contacts.none": ("No contacts yet.", "Aún no hay contactos."),
    "note.open": ("Add note and promise", "Registrar excusa y promesa"),
    "note.title": ("What did the customer say?", "¿Qué dijo el cliente?"),
    "note.excuse": ("The excuse", "La excusa"),
    "note.contact": ("Who I spoke with", "Con quién hablé"),
    "note.pick_contact": ("Pick a contact", "Elige un contacto"),
    "note.contact_name": ("…or type a name", "…o escribe un nombre"),
    "note.or_type_name": ("Name and role", "Nombre y cargo"),
    "note.channel": ("Channel", "Canal"),
    "note.reason": ("Why they have not paid", "Por qué no ha pagado"),
    "note.pick_reason": ("Pick a reason", "Elige un motivo"),
    "note.body": ("What they said (#hashtags welcome)", "Qué dijo (puedes usar #etiquetas)"),
    "note.body_hint": (
        "e.g. Waiting for the check to clear #cheque",
        "p. ej. Espera que se acredite el cheque #cheque",
    ),
    "note.agreement": ("What we agreed", "Qué acordamos"),
    "note.agreement_hint": ("e.g. Pays half on Friday", "p. ej. Paga la mitad el viernes"),
    "note.disputed": ("Invoices in dispute", "Facturas en disputa"),
    "note.disputed_hint": ("Only for a dispute", "Solo si hay disputa"),
    "note.with_promise": ("Also record a promise / task", "Registrar también una promesa / tarea"),
    "note.cancel": ("Cancel", "Cancelar"),
    "note.save": ("Save", "Guardar"),
    "note.fix": ("Please fix the fields marked below.", "Corrige los campos marcados."),
    "promise.title": ("The promise", "La promesa"),
    "note.task_only": (
        "To record only a task, leave the excuse above empty.",
        "Para registrar solo una tarea, deja vacía la excusa de arriba.",
    ),
    "promise.description": ("What I will do", "Qué haré"),
    "promise.description_hint": (
        "e.g. Call Friday to confirm the transfer",
        "p. ej. Llamar el viernes para confirmar la transferencia",
    ),
    "promise.assignee": ("Who", "Quién"),
    "promise.supervisor": ("Supervisor", "Supervisor"),
    "promise.due": ("By when", "Para cuándo"),
    "promise.amount": ("Promised amount", "Monto prometido"),
    "promise.date": ("Promised payment date", "Fecha de pago prometida"),
    "promise.documents": ("Invoices", "Facturas"),
    # Customer wall: automatic category (dashboard.wall_metrics.Category.explanation_key)
    "wall.category.big_good": (
        "Big customer that pays on time or close to it: look after the relationship.",
        "Cliente grande que paga a tiempo o casi: cuida la relación.",
    ),
    "wall.category.big_late": (
        "Big customer that pays late: watch it closely and call early.",
        "Cliente grande que paga tarde: vigílalo de cerca y llama temprano.",
    ),
    "wall.category.small_good": (
        "Smaller customer that pays on time or close to it: routine follow-up is enough.",
        "Cliente menor que paga a tiempo o casi: basta el seguimiento de rutina.",
    ),
    "wall.category.small_late": (
        "Smaller customer that pays late: remind early and keep its credit in check.",
        "Cliente menor que paga tarde: recuérdale temprano y controla su crédito.",
    ),
    "wall.category.no_history": (
        "No invoice paid in the last 12 months: no payment record to judge yet.",
        "Ninguna factura pagada en los últimos 12 meses: aún no hay historial de pagos para juzgar.",
    ),
    # Customer wall: trend verdict (dashboard.wall_metrics.trend_verdict; values formatted by the caller)
    "wall.verdict.worse": (
        "Borrowing more and paying later: average balance {balance_then} → {balance_now}, {days_then} → {days_now} days late (last {months} months vs the {months} before).",
        "Debe más y paga más tarde: saldo promedio {balance_then} → {balance_now}, {days_then} → {days_now} días de atraso (últimos {months} meses frente a los {months} anteriores).",
    ),
    "wall.verdict.better": (
        "Paying faster: {days_then} → {days_now} days late, overdue {overdue_share_then} → {overdue_share_now} of the balance (last {months} months vs the {months} before).",
        "Paga más rápido: {days_then} → {days_now} días de atraso, vencido {overdue_share_then} → {overdue_share_now} del saldo (últimos {months} meses frente a los {months} anteriores).",
    ),
    "wall.verdict.slower": (
        "Paying later: {days_then} → {days_now} days late (last {months} months vs the {months} before).",
        "Paga más tarde: {days_then} → {days_now} días de atraso (últimos {months} meses frente a los {months} anteriores).",
    ),
    "wall.verdict.more_credit": (
        "Using more credit: average balance {balance_then} → {balance_now} (last {months} months vs the {months} before).",
        "Usa más crédito: saldo promedio {balance_then} → {balance_now} (últimos {months} meses frente a los {months} anteriores).",
    ),
    "wall.verdict.stable": (
        "Stable: no big change in balance or payment speed (last {months} months vs the {months} before).",
        "Estable: sin grandes cambios en saldo ni en rapidez de pago (últimos {months} meses frente a los {months} anteriores).",
    ),
    "wall.verdict.no_history": (
        "Not enough history to compare yet.",
        "Aún no hay historial suficiente para comparar.",
    ),
    "wall.pays.well": ("pays well", "paga bien"),
    "wall.pays.regular": ("pays regularly", "paga regular"),
    "wall.pays.badly": ("pays badly", "paga mal"),
    "wall.pays.none": ("no payment history", "sin historial de pagos"),
    "wall.series.invoiced": ("Invoiced", "Facturado"),
    "wall.series.collected": ("Collected", "Cobrado"),
    "wall.series.balance": ("Month-end balance", "Saldo a fin de mes"),
    "wall.series.overdue": ("Overdue at month end", "Vencido a fin de mes"),
    "wall.series.days_late": ("Average days late", "Días de atraso promedio"),
    "customer.address": ("Address", "Dirección"),
    # Field messages (data_access.activity / contacts ValidationError keys)
    "field.required": ("Required.", "Obligatorio."),
    "field.too_short": ("Too short.", "Demasiado corto."),
    "field.too_long": ("Too long.", "Demasiado largo."),
    "field.invalid": ("Not valid.", "No es válido."),
    "field.invalid_choice": ("Pick one of the options.", "Elige una de las opciones."),
    "field.not_found": ("Not found.", "No existe."),
    "field.inactive": ("That user is not active.", "Ese usuario no está activo."),
    "field.read_only": ("Your role cannot make changes.", "Tu rol no puede hacer cambios."),
    "field.in_the_past": ("Must be today or later.", "Debe ser hoy o después."),
    "field.not_positive": ("Must be more than zero.", "Debe ser mayor que cero."),
    "field.too_many_decimals": ("At most two decimals.", "Máximo dos decimales."),
    "field.too_large": ("Too large.", "Demasiado grande."),
    "field.not_open_charge": (
        "Only open invoices of this customer.",
        "Solo facturas abiertas de este cliente.",
    ),
    "field.only_for_dispute": (
        "Only when the reason is a dispute.",
        "Solo si el motivo es una disputa.",
    ),
    "field.not_open": ("Already closed.", "Ya está cerrada."),
    "field.exceeds_balance": ("More than the customer owes.", "Más de lo que debe el cliente."),
    "promise.state.kept": ("promise kept", "promesa cumplida"),
    "promise.state.broken": ("promise broken", "promesa incumplida"),
    "promise.state.pending": ("promise pending", "promesa pendiente"),
    "customer.credit_used": ("{pct} used", "{pct} usado"),
    "task.complete": ("Mark done", "Marcar hecha"),
    "task.reassign": ("Reassign to…", "Reasignar a…"),
    "tags.edit": ("Tags (comma-separated)", "Etiquetas (separadas por comas)"),
    "tags.save": ("Save tags", "Guardar etiquetas"),
    "tags.saved": ("Tags saved.", "Etiquetas guardadas."),
    "contacts.add": ("Add contact", "Agregar contacto"),
    "contacts.edit": ("Edit", "Editar"),
    "contacts.name": ("Name", "Nombre"),
    "contacts.role": ("Role", "Cargo"),
    "contacts.phone": ("Phone", "Teléfono"),
    "contacts.email": ("Email", "Correo"),
    "contacts.make_primary": ("Primary contact", "Contacto principal"),
    # Errors
    "error.not_found": ("Page not found", "Página no encontrada"),
    "error.not_found_body": ("There is nothing at {path}.", "No hay nada en {path}."),
    "error.customer_not_found": (
        "Customer {code} does not exist or is not assigned to you.",
        "El cliente {code} no existe o no está asignado a ti.",
    ),
    "error.forbidden": ("You do not have access to this page.", "No tienes acceso a esta página."),
    # Exports (menus, PDF documents)
    "export.menu": ("Export", "Exportar"),
    "wall.language": ("Write to this customer in", "Escribirle a este cliente en"),
    "wall.language_default": ("The company's language", "El idioma de la empresa"),
    "wall.language_saved": (
        "Saved: e-mails and SMS will use it.",
        "Guardado: los correos y SMS lo usarán.",
    ),
    "customers.export_invoices": ("Open invoices (aging)", "Facturas pendientes (antigüedad)"),
    "export.csv": ("CSV (data)", "CSV (datos)"),
    "export.xlsx": ("Excel (XLSX)", "Excel (XLSX)"),
    "export.pdf": ("PDF", "PDF"),
    "export.aging_pdf": ("Aging report (PDF)", "Antigüedad de saldos (PDF)"),
    "export.statement_pdf": ("Statement of account (PDF)", "Estado de cuenta (PDF)"),
    "export.hint": (
        "Downloads carry the filters shown on the page.",
        "Las descargas llevan los filtros de la página.",
    ),
    "export.aging_title": ("Accounts receivable aging", "Antigüedad de cuentas por cobrar"),
    "export.statement_title": ("Statement of account", "Estado de cuenta"),
    "export.as_of": ("As of {date}", "Al {date}"),
    "export.total": ("Total", "Total"),
    "export.statement_balance": ("Balance due: {balance}", "Saldo a pagar: {balance}"),
    "export.statement_credit": (
        "Less credit received and not yet applied: {credit}",
        "Menos pagos recibidos aún sin aplicar: {credit}",
    ),
    "export.col.customer_code": ("Code", "Código"),
    "export.col.customer_name": ("Customer", "Cliente"),
    "export.col.seller_code": ("Code", "Código"),
    "export.col.seller_name": ("Seller", "Vendedor"),
    "export.col.balance": ("Balance", "Saldo"),
    "export.col.unapplied": ("Unapplied", "Sin aplicar"),
    "export.col.number": ("Document", "Documento"),
    "export.col.kind": ("Type", "Tipo"),
    "export.col.issue_date": ("Issued", "Emisión"),
    "export.col.due_date": ("Due", "Vencimiento"),
    "export.col.amount": ("Amount", "Monto"),
    "export.col.open_amount": ("Open", "Pendiente"),
    "export.col.days_overdue": ("Days overdue", "Días vencidos"),
    "export.kind.invoice": ("Invoice", "Factura"),
    "export.kind.debit_note": ("Debit note", "Nota de débito"),
    "export.kind.credit_note": ("Credit note", "Nota de crédito"),
}


CATALOG: dict[str, tuple[str, str]] = {
    **BASE_TEXTS,
    **collections.TEXTS,
    **activity.TEXTS,
    **tasks.TEXTS,
    **performance.TEXTS,
    **import_page.TEXTS,
    **quality.TEXTS,
    **messaging.TEXTS,
    **campaigns.TEXTS,
    **board.TEXTS,
    **field.TEXTS,
}


def translate(key: str, language: str, **values: object) -> str:
    """The text for ``key`` in ``language`` with ``{placeholders}`` filled in.

    An unknown key raises KeyError: missing texts are bugs, not blanks.
    """
    english, spanish = CATALOG[key]
    text = spanish if language == "es" else english
    return text.format(**values) if values else text


Translator = Callable[..., str]


def translator(language: str) -> Translator:
    """A ``t(key, **values)`` function bound to ``language``."""

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    return t


def best_language(accepted: Iterable[tuple[str, float]], default: str = DEFAULT_LANGUAGE) -> str:
    """Pick es or en from Accept-Language ``(tag, quality)`` pairs, best quality first."""
    for tag, _quality in sorted(accepted, key=lambda pair: -pair[1]):
        primary = tag.split("-")[0].split("_")[0].lower()
        if primary in LANGUAGES:
            return primary
    return default
