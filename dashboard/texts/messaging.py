"""Texts of messaging: ``key: (english, spanish)``."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {}

# SMS on the wall (sms.*)
TEXTS.update(
    {
        "sms.open": ("Send SMS", "Enviar SMS"),
        "sms.title": ("Send an SMS", "Enviar un SMS"),
        "sms.audience": ("To", "Para"),
        "sms.audience.contacts": ("The customer's contacts", "Los contactos del cliente"),
        "sms.audience.seller": (
            "The customer's seller (to pick up the payment)",
            "El vendedor del cliente (para retirar el pago)",
        ),
        "sms.language": ("Language of the text", "Idioma del texto"),
        "sms.recipients": ("Recipients", "Destinatarios"),
        "sms.text": ("Text (you can change it)", "Texto (puede cambiarlo)"),
        "sms.counter": (
            "{characters} characters · {segments} SMS ({encoding}) · {remaining} left in this SMS",
            "{characters} caracteres · {segments} SMS ({encoding}) · "
            "quedan {remaining} en este SMS",
        ),
        "sms.gsm7": ("GSM-7", "GSM-7"),
        "sms.ucs2": ("Unicode", "Unicode"),
        "sms.unicode_because": (
            "Sent as Unicode, 70 characters per SMS, because of: {characters}",
            "Se envía como Unicode, 70 caracteres por SMS, por: {characters}",
        ),
        "sms.too_long": ("Too long: at most {max} SMS.", "Demasiado largo: máximo {max} SMS."),
        "sms.send": ("Send", "Enviar"),
        "sms.cancel": ("Close", "Cerrar"),
        "sms.outbox_notice": (
            "No SMS provider is configured: messages are saved to the outbox, not sent.",
            "No hay proveedor de SMS configurado: los mensajes se guardan en la bandeja de "
            "salida, no se envían.",
        ),
        "sms.provider_notice": (
            "Messages are sent through the SMS provider ({provider}).",
            "Los mensajes se envían por el proveedor de SMS ({provider}).",
        ),
        "sms.seller": ("seller", "vendedor"),
        "sms.landline": ("landline: may not receive SMS", "fijo: puede no recibir SMS"),
        "sms.none.contacts": (
            "This customer has no contacts with a phone number.",
            "Este cliente no tiene contactos con número de teléfono.",
        ),
        "sms.none.seller": ("This customer has no seller.", "Este cliente no tiene vendedor."),
        "sms.phone.missing": ("{name}: no phone number.", "{name}: no tiene número de teléfono."),
        "sms.phone.unreadable": (
            "{name}: “{phone}” is not a phone number.",
            "{name}: «{phone}» no es un número de teléfono.",
        ),
        "sms.phone.invalid": (
            "{name}: “{phone}” is not a valid phone number.",
            "{name}: «{phone}» no es un número de teléfono válido.",
        ),
        "sms.phone.invalid_local": (
            "{name}: “{phone}” is not a valid phone number in {region} (write the country "
            "code, such as +57, if it is from elsewhere).",
            "{name}: «{phone}» no es un número de teléfono válido en {region} (escriba el "
            "código de país, como +57, si es de otro país).",
        ),
        "sms.error.title": ("The SMS was not sent:", "El SMS no se envió:"),
        "sms.error.empty": ("Write the text of the SMS.", "Escriba el texto del SMS."),
        "sms.error.too_long": (
            "The text is too long: at most {max} SMS.",
            "El texto es demasiado largo: máximo {max} SMS.",
        ),
        "sms.error.no_recipients": (
            "Choose at least one recipient.",
            "Elija al menos un destinatario.",
        ),
        "sms.error.recipient": (
            "A recipient is not one of this customer's contacts or its seller.",
            "Un destinatario no es contacto ni vendedor de este cliente.",
        ),
        "sms.error.expired": (
            "This form has expired: close it and open it again.",
            "Este formulario expiró: ciérrelo y ábralo de nuevo.",
        ),
        "sms.error.read_only": (
            "Your role cannot send messages.",
            "Su rol no puede enviar mensajes.",
        ),
        "sms.result": ("{name} ({phone}): {status}", "{name} ({phone}): {status}"),
        "sms.status.sent": ("sent.", "enviado."),
        "sms.status.outbox": (
            "saved to the outbox, not sent (no SMS provider is configured).",
            "guardado en la bandeja de salida, no enviado (no hay proveedor de SMS).",
        ),
        "sms.status.failed": ("failed: {error}", "falló: {error}"),
        "sms.status.sending": ("being sent…", "enviándose…"),
        "sms.duplicate": (
            "(already sent from this form: not sent again)",
            "(ya enviado desde este formulario: no se envió de nuevo)",
        ),
    }
)


# Statement e-mail: the e-mail itself (customer's language) and the wall's modal (message.*)
TEXTS.update(
    {
        "message.days_late.none": ("not overdue", "sin atraso"),
        "message.days_late.one": ("1 day overdue", "1 día de atraso"),
        "message.days_late.many": ("{days} days overdue", "{days} días de atraso"),
        "message.situation.one": (
            "you have 1 overdue invoice for {total}, {days_late}",
            "tiene 1 factura vencida por {total}, con {days_late}",
        ),
        "message.situation.many": (
            "you have {count} overdue invoices totalling {total}; the oldest is {days_late}",
            "tiene {count} facturas vencidas por un total de {total}; la más antigua tiene {days_late}",
        ),
        "message.situation.none_one": (
            "you have 1 open invoice for {total}, not yet due",
            "tiene 1 factura abierta por {total}, aún no vencida",
        ),
        "message.situation.none_many": (
            "you have {count} open invoices totalling {total}, none of them overdue yet",
            "tiene {count} facturas abiertas por un total de {total}, ninguna vencida todavía",
        ),
        "message.situation.open_also": (
            "; your whole open balance is {open_total}",
            "; su saldo abierto total es de {open_total}",
        ),
        "message.pay.title": ("How to pay", "Instrucciones de pago"),
        "message.pay.cheque": (
            "Make cheques payable to {payee}.",
            "Emitir cheque a nombre de {payee}.",
        ),
        "message.pay.accounts": (
            "Make deposits or transfers to these accounts:",
            "Realizar depósitos o transferencias a las siguientes cuentas:",
        ),
        "message.notice.title": ("How to notify a payment", "Notificación del pago"),
        "message.notice.prepare": (
            "Prepare the payment receipt with this information:",
            "Preparar el soporte de pago con la siguiente información:",
        ),
        "message.notice.date": ("Payment date.", "Fecha de pago."),
        "message.notice.invoices": (
            "Number of the invoice or invoices paid.",
            "Número de factura o facturas pagadas.",
        ),
        "message.notice.bank": (
            "Bank and account number where the payment was made.",
            "Banco y número de cuenta donde se realizó el pago.",
        ),
        "message.notice.amount": ("Amount paid.", "Monto del pago."),
        "message.notice.reference": (
            "Reference number of the deposit or transfer.",
            "Número de referencia del depósito o transferencia.",
        ),
        "message.notice.send": ("Send the payment receipt to:", "Enviar el soporte de pago:"),
        "message.notice.email": ("E-mail: {value}", "Email: {value}"),
        "message.notice.fax": ("Fax: {value}", "Fax: {value}"),
        "message.notice.office": ("Office: {value}", "Oficina: {value}"),
        "message.department": (
            "Collections Department, {company}",
            "Departamento de Cobros, {company}",
        ),
        "message.pdf.aging": (
            "Aging of the open documents",
            "Antigüedad de los documentos abiertos",
        ),
        "message.pdf.number": ("Number", "Número"),
        "message.pdf.issuer": ("Issued by", "Emitida por"),
        "message.pdf.customer": ("Customer", "Cliente"),
        "message.pdf.tax_id": ("Tax id", "RIF / NIT"),
        "message.pdf.address": ("Address", "Dirección"),
        "message.pdf.open_amount": ("Open on {date}", "Pendiente al {date}"),
        "message.pdf.copy_of": (
            "Copy from the records of {company}",
            "Copia de los registros de {company}",
        ),
        "message.pdf.copy_note": (
            "Copy made by {company} from its records on {date}. It does not replace the original "
            "document.",
            "Copia generada por {company} a partir de sus registros el {date}. No sustituye al "
            "documento original.",
        ),
        "message.file.statement": (
            "statement-{code}-{date}.pdf",
            "estado-de-cuenta-{code}-{date}.pdf",
        ),
        "message.file.invoice": ("{kind}-{number}.pdf", "{kind}-{number}.pdf"),
        "message.file.kind.invoice": ("invoice", "factura"),
        "message.file.kind.debit_note": ("debit-note", "nota-de-debito"),
        "message.open": ("Send statement", "Enviar estado de cuenta"),
        "message.title": ("Send the statement by e-mail", "Enviar el estado de cuenta por correo"),
        "message.outbox_note": (
            "No mail server is configured (CARTERA_SMTP_HOST): the e-mail will be saved to the "
            "outbox, not sent.",
            "No hay servidor de correo configurado (CARTERA_SMTP_HOST): el correo se guardará en "
            "la bandeja de salida, no se enviará.",
        ),
        "message.recipients": (
            "Recipients (contacts with an e-mail)",
            "Destinatarios (contactos con correo)",
        ),
        "message.no_contacts": (
            "No contact of this customer has a valid e-mail address: add one, or type it below.",
            "Ningún contacto de este cliente tiene un correo válido: agregue uno o escríbalo abajo.",
        ),
        "message.bad_contact_email": (
            "{name} is left out: {email} is not a valid address.",
            "{name} queda fuera: {email} no es una dirección válida.",
        ),
        "message.other": ("Other addresses", "Otras direcciones"),
        "message.other_hint": ("Separated by commas.", "Separadas por comas."),
        "message.scope": ("Invoices", "Facturas"),
        "message.scope.overdue": ("Overdue only", "Solo las vencidas"),
        "message.scope.open": ("Every open invoice", "Todas las abiertas"),
        "message.tone": ("Tone", "Tono"),
        "message.tone.auto": (
            "Automatic, by the age of the debt",
            "Automático, por la antigüedad de la deuda",
        ),
        "message.tone.auto_is": ("Automatic: {tone}", "Automático: {tone}"),
        "message.tone.friendly": ("Friendly reminder", "Recordatorio amable"),
        "message.tone.concern": ("Concern", "Preocupación"),
        "message.tone.firm": ("Firm, with escalation", "Firme, con escalamiento"),
        "message.language": ("Language of the e-mail", "Idioma del correo"),
        "message.language.es": ("Spanish", "Español"),
        "message.language.en": ("English", "Inglés"),
        "message.preview": ("Preview", "Vista previa"),
        "message.subject": ("Subject", "Asunto"),
        "message.attached": ("Attached: {files}", "Anexos: {files}"),
        "message.send": ("Send", "Enviar"),
        "message.cancel": ("Close", "Cerrar"),
        "message.result.sent": ("Sent to {to}.", "Enviado a {to}."),
        "message.result.outbox": (
            "Saved to the outbox, not sent (no mail server is configured). Recipients: {to}.",
            "Guardado en la bandeja de salida, no enviado (no hay servidor de correo "
            "configurado). Destinatarios: {to}.",
        ),
        "message.result.failed": ("Not sent: {error}", "No se envió: {error}"),
        "message.result.note": ("Note: {note}", "Nota: {note}"),
        "message.result.already": (
            "This form was already used ({status}): nothing was sent again. Close and reopen it "
            "to send another.",
            "Este formulario ya se usó ({status}): no se envió nada de nuevo. Ciérrelo y ábralo "
            "otra vez para enviar otro.",
        ),
        "message.error.no_recipient": (
            "Recipients: choose a contact or type an address.",
            "Destinatarios: elija un contacto o escriba una dirección.",
        ),
        "message.error.bad_contact": (
            "Recipients: {name} has no valid e-mail address.",
            "Destinatarios: {name} no tiene un correo válido.",
        ),
        "message.error.bad_address": (
            "Other addresses: {address} is not a valid e-mail address.",
            "Otras direcciones: {address} no es una dirección de correo válida.",
        ),
        "message.error.too_many": (
            "Other addresses: too many addresses for one e-mail (254 characters at most).",
            "Otras direcciones: demasiadas direcciones para un correo (254 caracteres como máximo).",
        ),
        "message.error.nothing_overdue": (
            'This customer has no overdue invoices: choose "Every open invoice".',
            'Este cliente no tiene facturas vencidas: elija "Todas las abiertas".',
        ),
        "message.error.nothing_open": (
            "This customer has no open invoices: there is no statement to send.",
            "Este cliente no tiene facturas abiertas: no hay estado de cuenta que enviar.",
        ),
        "message.error.bad_tone": ("Tone: choose one of the list.", "Tono: elija uno de la lista."),
        "message.error.read_only": (
            "You cannot send messages for this customer.",
            "No puede enviar mensajes para este cliente.",
        ),
        "message.status.sending": ("sending", "enviando"),
        "message.status.sent": ("sent", "enviado"),
        "message.status.outbox": ("in the outbox, not sent", "en la bandeja de salida, no enviado"),
        "message.status.failed": ("failed", "falló"),
        "message.status.queued": ("queued", "en cola"),
        "message.channel.email": ("E-mail", "Correo"),
        "message.channel.sms": ("SMS", "SMS"),
    }
)

# Templates page (templates.*)
TEXTS.update(
    {
        "templates.title": ("Message templates", "Plantillas de mensajes"),
        "templates.intro": (
            "The statement e-mail in three tones, chosen by the age of the debt (friendly up to "
            "{friendly} days overdue, concern up to {concern}, then firm; CARTERA_TONE_DAYS), in "
            "Spanish and English. Leave a template as it is to keep the built-in text.",
            "El correo de estado de cuenta en tres tonos, elegidos por la antigüedad de la deuda "
            "(amable hasta {friendly} días de atraso, preocupación hasta {concern}, luego firme; "
            "CARTERA_TONE_DAYS), en español e inglés. Si no cambia una plantilla, se usa el texto "
            "incluido.",
        ),
        "templates.tone": ("Tone", "Tono"),
        "templates.language": ("Language", "Idioma"),
        "templates.subject": ("Subject", "Asunto"),
        "templates.body": ("Body", "Cuerpo"),
        "templates.body_hint": (
            "Plain text; a blank line starts a new paragraph. The HTML part is made from it.",
            "Texto simple; una línea en blanco empieza un párrafo. La parte HTML se genera a "
            "partir de él.",
        ),
        "templates.placeholders": ("Placeholders", "Marcadores"),
        "templates.customer": ("Preview on customer", "Vista previa con el cliente"),
        "templates.no_customer": (
            "No customer has open invoices to preview with.",
            "Ningún cliente tiene facturas abiertas para la vista previa.",
        ),
        "templates.default": ("Built-in text", "Texto incluido"),
        "templates.edited": ("Edited by {user} on {date}", "Editada por {user} el {date}"),
        "templates.save": ("Save template", "Guardar plantilla"),
        "templates.reset": ("Back to the built-in text", "Volver al texto incluido"),
        "templates.saved": ("Template saved.", "Plantilla guardada."),
        "templates.was_reset": ("Back to the built-in text.", "Se volvió al texto incluido."),
        "templates.fix": ("Fix the template first:", "Corrija la plantilla primero:"),
        "templates.preview": ("Live preview", "Vista previa"),
        "templates.problem.unknown": (
            "{field}: {name} is not a placeholder (see the list).",
            "{field}: {name} no es un marcador (vea la lista).",
        ),
        "templates.problem.malformed": (
            "{field}: {name} must be written as a bare name, like {{customer_name}}.",
            "{field}: {name} debe escribirse como un nombre solo, como {{customer_name}}.",
        ),
        "templates.problem.braces": (
            "{field}: a brace is not closed; write {{{{ or }}}} for a literal brace.",
            "{field}: hay una llave sin cerrar; escriba {{{{ o }}}} para una llave literal.",
        ),
        "templates.problem.block_in_subject": (
            "{field}: {name} is a list or table and cannot go in the subject.",
            "{field}: {name} es una lista o tabla y no puede ir en el asunto.",
        ),
        "templates.problem.required": ("{field}: required.{name}", "{field}: obligatorio.{name}"),
        "templates.problem.too_long": (
            "{field}: too long.{name}",
            "{field}: demasiado largo.{name}",
        ),
        "templates.company": (
            "Company details used in messages",
            "Datos de la empresa usados en los mensajes",
        ),
        "templates.company_hint": (
            "Stored here; an empty company name uses CARTERA_COMPANY and an empty collections "
            "e-mail uses CARTERA_SMTP_REPLY_TO.",
            "Se guardan aquí; si el nombre está vacío se usa CARTERA_COMPANY y si el correo de "
            "cobros está vacío, CARTERA_SMTP_REPLY_TO.",
        ),
        "templates.company.company_name": ("Company name", "Nombre de la empresa"),
        "templates.company.cheque_payee": ("Cheques payable to", "Cheques a nombre de"),
        "templates.company.bank_accounts": (
            "Bank accounts (one per line: bank: number)",
            "Cuentas bancarias (una por línea: banco: número)",
        ),
        "templates.company.notify_email": ("Payment notices: e-mail", "Avisos de pago: correo"),
        "templates.company.notify_fax": ("Payment notices: fax", "Avisos de pago: fax"),
        "templates.company.notify_office": (
            "Payment notices: office phone",
            "Avisos de pago: teléfono de la oficina",
        ),
        "templates.company.collections_name": (
            "Collections contact: name",
            "Contacto de cobros: nombre",
        ),
        "templates.company.collections_phone": (
            "Collections contact: phone",
            "Contacto de cobros: teléfono",
        ),
        "templates.company.collections_email": (
            "Collections contact: e-mail",
            "Contacto de cobros: correo",
        ),
        "templates.company.default_language": (
            "Language for customers without one",
            "Idioma para clientes sin uno",
        ),
        "templates.company_save": ("Save company details", "Guardar datos de la empresa"),
        "templates.company_saved": ("Company details saved.", "Datos de la empresa guardados."),
        "templates.company_fix": ("Not saved: {problems}", "No se guardó: {problems}"),
        "templates.company_bad": ("{field} ({reason})", "{field} ({reason})"),
        "templates.placeholder.company": ("the collecting company", "la empresa que cobra"),
        "templates.placeholder.customer_name": ("the customer's name", "el nombre del cliente"),
        "templates.placeholder.customer_code": ("the customer's code", "el código del cliente"),
        "templates.placeholder.as_of": ("the statement's date", "la fecha del estado de cuenta"),
        "templates.placeholder.overdue_count": (
            "how many invoices are overdue",
            "cuántas facturas están vencidas",
        ),
        "templates.placeholder.overdue_total": ("their open total", "su total pendiente"),
        "templates.placeholder.oldest_days": (
            "days overdue of the oldest",
            "días de atraso de la más antigua",
        ),
        "templates.placeholder.days_late": (
            "the same in words: 84 days overdue",
            "lo mismo en palabras: 84 días de atraso",
        ),
        "templates.placeholder.open_count": (
            "how many invoices are open",
            "cuántas facturas están abiertas",
        ),
        "templates.placeholder.open_total": ("their open total", "su total pendiente"),
        "templates.placeholder.balance": (
            "open total minus unapplied credit",
            "total abierto menos créditos sin aplicar",
        ),
        "templates.placeholder.total": (
            "total of the invoices in the e-mail (overdue or all open)",
            "total de las facturas del correo (vencidas o todas las abiertas)",
        ),
        "templates.placeholder.situation": (
            "the situation in one sentence (count, total, oldest)",
            "la situación en una frase (cantidad, total, la más antigua)",
        ),
        "templates.placeholder.cheque_payee": (
            "who cheques are payable to",
            "a nombre de quién van los cheques",
        ),
        "templates.placeholder.collections_name": (
            "the collections contact",
            "el contacto de cobros",
        ),
        "templates.placeholder.collections_phone": ("their phone", "su teléfono"),
        "templates.placeholder.collections_email": ("their e-mail", "su correo"),
        "templates.placeholder.invoice_list": (
            "table of the invoices (own paragraph)",
            "tabla de las facturas (párrafo propio)",
        ),
        "templates.placeholder.payment_instructions": (
            "how to pay (own paragraph)",
            "cómo pagar (párrafo propio)",
        ),
        "templates.placeholder.payment_notice": (
            "how to notify a payment (own paragraph)",
            "cómo notificar un pago (párrafo propio)",
        ),
        "templates.placeholder.signature": (
            "the collections signature (own paragraph)",
            "la firma de cobros (párrafo propio)",
        ),
    }
)
