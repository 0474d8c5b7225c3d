"""Texts of the data-quality page: ``key: (english, spanish)``.

Document kinds reuse the timeline's keys (``timeline.kind.*``).
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "quality.title": ("Data quality: clean your database", "Calidad de datos: limpia tu base"),
    "quality.subtitle": (
        "What in the data gets in the way of collecting, each with a way to fix it.",
        "Lo que en los datos estorba la cobranza, cada cosa con su forma de arreglarla.",
    ),
    "quality.see_list": ("See the list", "Ver la lista"),
    "quality.shown": (
        "Showing the first {shown} of {total}.",
        "Se muestran los primeros {shown} de {total}.",
    ),
    "quality.refused": (
        "Only administrators and managers can fix data here.",
        "Solo administradores y gerentes pueden corregir datos aquí.",
    ),
    "quality.open_wall": ("Open wall", "Abrir muro"),
    # Summary tiles
    "quality.tile.contacts": (
        "Contacts with bad phone or e-mail",
        "Contactos con teléfono o correo malo",
    ),
    "quality.tile.contacts_note": (
        "{phones} phones, {emails} e-mails to fix",
        "{phones} teléfonos y {emails} correos por corregir",
    ),
    "quality.tile.unreachable": ("Customers nobody can reach", "Clientes sin forma de contacto"),
    "quality.tile.unreachable_note": ("of {total} customers", "de {total} clientes"),
    "quality.tile.duplicates": (
        "Probable duplicate customers",
        "Clientes probablemente duplicados",
    ),
    "quality.tile.duplicates_note": (
        "pairs: {tax} same tax id, {name} similar name",
        "pares: {tax} misma identificación fiscal, {name} nombre parecido",
    ),
    "quality.tile.dates": ("Impossible dates", "Fechas imposibles"),
    "quality.tile.dates_note": (
        "{documents} documents, {payments} payments",
        "{documents} documentos, {payments} pagos",
    ),
    "quality.tile.unapplied": (
        "Payments not matched to an invoice",
        "Pagos sin aplicar a una factura",
    ),
    "quality.tile.unapplied_note": (
        "{amount} unapplied, {customers} customers",
        "{amount} sin aplicar, {customers} clientes",
    ),
    # Problems
    "quality.problem.missing": ("Missing", "Falta"),
    "quality.problem.invalid": ("Not valid", "No es válido"),
    "quality.problem.no_country_code": ("No country code", "Sin código de país"),
    "quality.problem.bad_format": ("Badly written", "Mal escrito"),
    "quality.problem.due_before_issue": ("Due before it was issued", "Vence antes de emitirse"),
    "quality.problem.issued_in_future": ("Issued after today", "Emitido después de hoy"),
    "quality.problem.too_old": ("Dated before 1990", "Fechado antes de 1990"),
    "quality.problem.due_too_far": (
        "Due more than 10 years from today",
        "Vence en más de 10 años",
    ),
    "quality.problem.paid_before_invoice": (
        "Paid before its invoice was issued",
        "Pagado antes de emitirse su factura",
    ),
    "quality.problem.paid_in_future": ("Paid after today", "Pagado después de hoy"),
    # Grid columns
    "quality.col.code": ("Code", "Código"),
    "quality.col.customer": ("Customer", "Cliente"),
    "quality.col.contact": ("Contact", "Contacto"),
    "quality.col.role": ("Role", "Cargo"),
    "quality.col.phone": ("Phone", "Teléfono"),
    "quality.col.phone_problem": ("Phone problem", "Problema del teléfono"),
    "quality.col.email": ("E-mail", "Correo"),
    "quality.col.email_problem": ("E-mail problem", "Problema del correo"),
    "quality.col.suggestion": ("Suggestion", "Sugerencia"),
    "quality.col.contacts": ("Contacts", "Contactos"),
    "quality.col.why": ("Why", "Por qué"),
    "quality.col.reason": ("Why", "Por qué"),
    "quality.col.similarity": ("Name similarity", "Parecido del nombre"),
    "quality.col.first": ("Customer 1", "Cliente 1"),
    "quality.col.second": ("Customer 2", "Cliente 2"),
    "quality.col.name": ("Name", "Nombre"),
    "quality.col.tax_id": ("Tax id", "Identificación fiscal"),
    "quality.col.city": ("City", "Ciudad"),
    "quality.col.kind": ("Kind", "Tipo"),
    "quality.col.number": ("Number or reference", "Número o referencia"),
    "quality.col.date": ("Issued or paid", "Emitido o pagado"),
    "quality.col.due": ("Due", "Vence"),
    "quality.col.invoice": ("Invoice it pays", "Factura que paga"),
    "quality.col.invoice_date": ("Invoice issued", "Emisión de la factura"),
    "quality.col.problem": ("Problem", "Problema"),
    "quality.col.amount": ("Amount", "Monto"),
    "quality.col.reference": ("Reference", "Referencia"),
    "quality.col.paid_on": ("Paid on", "Fecha de pago"),
    "quality.col.age": ("Age (days)", "Antigüedad (días)"),
    "quality.col.unapplied": ("Unapplied", "Sin aplicar"),
    # Contacts
    "quality.contacts.title": (
        "Contacts with invalid or missing phones and e-mails",
        "Contactos con teléfonos y correos inválidos o faltantes",
    ),
    "quality.contacts.help": (
        "Phones are checked with libphonenumber; a number without a country code is read "
        "as a number of {region}. E-mails are checked by how they are written (no message "
        "is sent). Pick a row to fix it here.",
        "Los teléfonos se revisan con libphonenumber; un número sin código de país se lee "
        "como número de {region}. Los correos se revisan por cómo están escritos (no se "
        "envía nada). Elige una fila para corregirla aquí.",
    ),
    "quality.contacts.empty": (
        "Every contact has a valid phone and e-mail.",
        "Todos los contactos tienen teléfono y correo válidos.",
    ),
    "quality.fix.pick": (
        "Pick a contact in the list to fix its phone or e-mail here.",
        "Elige un contacto de la lista para corregir aquí su teléfono o correo.",
    ),
    "quality.fix.title": ("Fix {contact} ({customer})", "Corregir a {contact} ({customer})"),
    "quality.fix.phone": ("Phone", "Teléfono"),
    "quality.fix.email": ("E-mail", "Correo"),
    "quality.fix.problem": ("Now: {problem}.", "Ahora: {problem}."),
    "quality.fix.ok": ("Now: fine.", "Ahora: bien."),
    "quality.fix.use": ("Save the suggestion {value}", "Guardar la sugerencia {value}"),
    "quality.fix.save": ("Save phone and e-mail", "Guardar teléfono y correo"),
    "quality.fix.stored_as": (
        "Phones are saved in international format (E.164, like +584145551234).",
        "Los teléfonos se guardan en formato internacional (E.164, como +584145551234).",
    ),
    "quality.fix.saved": (
        "Saved {contact}: phone {phone}, e-mail {email}.",
        "Guardado {contact}: teléfono {phone}, correo {email}.",
    ),
    "quality.fix.blank": ("none", "ninguno"),
    "quality.fix.unchanged": (
        "Nothing changed: type a new value or clear the field first.",
        "No cambió nada: escribe un valor nuevo o vacía el campo primero.",
    ),
    "quality.fix.bad_phone": (
        "Phone: “{value}” is not a valid phone number (read as a number of {region} when it "
        "has no country code). Nothing was saved.",
        "Teléfono: «{value}» no es un número válido (se lee como número de {region} si no "
        "tiene código de país). No se guardó nada.",
    ),
    "quality.fix.bad_email": (
        "E-mail: “{value}” is not a valid address. Nothing was saved.",
        "Correo: «{value}» no es una dirección válida. No se guardó nada.",
    ),
    "quality.fix.refused_field": (
        "{field}: {message} Nothing was saved.",
        "{field}: {message} No se guardó nada.",
    ),
    "quality.fix.gone": (
        "That contact no longer exists or is not yours to change.",
        "Ese contacto ya no existe o no puedes cambiarlo.",
    ),
    "quality.fix.field.name": ("Name", "Nombre"),
    "quality.fix.field.role": ("Role", "Cargo"),
    # Unreachable customers
    "quality.unreachable.title": (
        "Customers with no reachable contact",
        "Clientes sin un contacto localizable",
    ),
    "quality.unreachable.help": (
        "No contact with a valid phone or e-mail. Open the customer's wall to add or fix "
        "its contacts.",
        "Ningún contacto con teléfono o correo válido. Abre el muro del cliente para "
        "agregar o corregir sus contactos.",
    ),
    "quality.unreachable.no_contacts": ("No contacts at all", "No tiene contactos"),
    "quality.unreachable.one_invalid": (
        "1 contact, without a valid phone or e-mail",
        "1 contacto, sin teléfono ni correo válido",
    ),
    "quality.unreachable.none_valid": (
        "{count} contacts, none with a valid phone or e-mail",
        "{count} contactos, ninguno con teléfono o correo válido",
    ),
    "quality.unreachable.empty": (
        "Every customer has a contact with a valid phone or e-mail.",
        "Todos los clientes tienen un contacto con teléfono o correo válido.",
    ),
    # Duplicates
    "quality.duplicates.title": (
        "Probable duplicate customers",
        "Clientes probablemente duplicados",
    ),
    "quality.duplicates.help": (
        "The same tax id (letters and digits compared, case ignored), or names at least "
        "90 % alike once accents, punctuation and legal suffixes (C.A., S.A., S.A.S., LLC, "
        "Inc, Ltda, de C.V.…) are removed, when the tax ids do not show two different "
        "companies. Merging is not automatic: open both walls; if they are one customer, "
        "import its documents again under one code. If not, mark the pair.",
        "La misma identificación fiscal (se comparan letras y dígitos, sin importar "
        "mayúsculas), o nombres parecidos en al menos un 90 % sin acentos, puntuación ni "
        "sufijos legales (C.A., S.A., S.A.S., LLC, Inc, Ltda, de C.V.…), cuando las "
        "identificaciones fiscales no muestran dos empresas distintas. La fusión no es "
        "automática: abre ambos muros; si son el mismo cliente, vuelve a importar sus "
        "documentos con un solo código. Si no, marca el par.",
    ),
    "quality.reason.tax_id": ("Same tax id", "Misma identificación fiscal"),
    "quality.reason.name": ("Similar name", "Nombre parecido"),
    "quality.dismiss": ("Not a duplicate", "No es un duplicado"),
    "quality.dismiss.pick": ("Pick a pair in the list first.", "Primero elige un par de la lista."),
    "quality.dismissed": (
        "Marked {first} and {second} as different customers.",
        "Se marcó a {first} y {second} como clientes distintos.",
    ),
    "quality.duplicates.empty": (
        "No probable duplicates.",
        "No hay clientes probablemente duplicados.",
    ),
    # Dates
    "quality.dates.title": (
        "Documents and payments with impossible dates",
        "Documentos y pagos con fechas imposibles",
    ),
    "quality.dates.help": (
        "Due before issued, issued or paid after today, dated before 1990, due more than 10 "
        "years from today, or paid before the invoice it names was issued. Documents are "
        "changed by the importer: correct the file and import it again (a row with the "
        "same number or reference updates it). The wall shows the customer's story.",
        "Vence antes de emitirse, emitido o pagado después de hoy, fechado antes de 1990, "
        "vence en más de 10 años, o pagado antes de emitirse la factura que indica. Los "
        "documentos se cambian con el importador: corrige el archivo e impórtalo de nuevo "
        "(una fila con el mismo número o referencia lo actualiza). El muro muestra la "
        "historia del cliente.",
    ),
    "quality.dates.empty": ("No impossible dates.", "No hay fechas imposibles."),
    # Unapplied payments
    "quality.unapplied.title": (
        "Payments not matched to any invoice",
        "Pagos no aplicados a ninguna factura",
    ),
    "quality.unapplied.help": (
        "Money received that pays no invoice yet (unapplied credit): it lowers the "
        "customer's balance and is applied by itself to the customer's next invoices. An "
        "old one is often a payment recorded under the wrong customer, or an invoice that "
        "was never imported. Age is in days since the payment.",
        "Dinero recibido que aún no paga ninguna factura (crédito sin aplicar): baja el "
        "saldo del cliente y se aplica solo a sus próximas facturas. Uno antiguo suele ser "
        "un pago registrado en el cliente equivocado, o una factura que nunca se importó. "
        "La antigüedad son los días desde el pago.",
    ),
    "quality.unapplied.empty": (
        "Every payment is applied to an invoice.",
        "Todos los pagos están aplicados a una factura.",
    ),
    "quality.export_contacts": ("Contacts with problems", "Contactos con problemas"),
    "quality.export_unapplied": ("Unapplied payments", "Pagos sin aplicar"),
    "quality.export_unreachable": (
        "Customers nobody can reach",
        "Clientes sin contacto localizable",
    ),
    "quality.export_duplicates": ("Probable duplicates", "Probables duplicados"),
}
