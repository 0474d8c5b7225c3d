"""Texts of the import page: ``key: (english, spanish)``.

The reasons given for rejected rows come from the importers (English, as in the
command line's report).
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "import.title": ("Import data", "Importar datos"),
    "import.subtitle": (
        "Bring in sellers, customers, contacts, invoices and payments from your system's "
        "exports. Nothing is written until the whole file is right.",
        "Traiga vendedores, clientes, contactos, facturas y pagos de las exportaciones de su "
        "sistema. No se escribe nada hasta que todo el archivo esté correcto.",
    ),
    # 1. The file
    "import.step_file": ("1. The file", "1. El archivo"),
    "import.upload": (
        "Drag a CSV or Excel file here, or click to choose one",
        "Arrastre aquí un archivo CSV o Excel, o haga clic para elegirlo",
    ),
    "import.upload_hint": (
        "CSV in UTF-8 (separated by , or ;) or .xlsx (first sheet); row 1 holds the column names.",
        "CSV en UTF-8 (separado por , o ;) o .xlsx (primera hoja); la fila 1 tiene los "
        "nombres de las columnas.",
    ),
    "import.file_info": (
        "{name}: {rows} rows, {columns} columns.",
        "{name}: {rows} filas, {columns} columnas.",
    ),
    "import.file_type": (
        "Only .csv and .xlsx files can be imported.",
        "Solo se pueden importar archivos .csv y .xlsx.",
    ),
    "import.file_bad": (
        "This file cannot be read: {reason}",
        "No se puede leer el archivo: {reason}",
    ),
    "import.no_file": ("Upload a file first.", "Primero suba un archivo."),
    # 2. The mapping
    "import.step_mapping": ("2. What each column holds", "2. Qué tiene cada columna"),
    "import.saved": ("Saved mapping", "Asignación guardada"),
    "import.saved_placeholder": (
        "Start from a saved mapping…",
        "Partir de una asignación guardada…",
    ),
    "import.kinds": ("This file holds", "Este archivo tiene"),
    "import.kinds_help": (
        "One file can hold several kinds, e.g. invoices with their customers and payments; "
        "they are imported in this order.",
        "Un archivo puede tener varios tipos, p. ej. facturas con sus clientes y pagos; se "
        "importan en este orden.",
    ),
    "import.kind.sellers": ("Sellers", "Vendedores"),
    "import.kind.customers": ("Customers", "Clientes"),
    "import.kind.contacts": ("Contacts", "Contactos"),
    "import.kind.invoices": ("Invoices and notes", "Facturas y notas"),
    "import.kind.payments": ("Payments", "Pagos"),
    "import.decimal": ("Numbers", "Números"),
    "import.decimal.dot": ("1,234.56 (decimal point)", "1,234.56 (punto decimal)"),
    "import.decimal.comma": ("1.234,56 (decimal comma)", "1.234,56 (coma decimal)"),
    "import.date_format": ("Dates", "Fechas"),
    "import.detected": ("Detected from the file.", "Detectado en el archivo."),
    "import.decimal_assumed": (
        "No amount shows its decimal mark; a point is assumed.",
        "Ningún monto muestra su separador decimal; se asume punto.",
    ),
    "import.date_ambiguous": (
        "The dates fit both day-first and month-first (no day above 12): choose.",
        "Las fechas sirven como día/mes y como mes/día (ningún día pasa de 12): elija.",
    ),
    "import.date_unknown": (
        "The dates fit no known format: choose one.",
        "Las fechas no tienen un formato conocido: elija uno.",
    ),
    "import.col.column": ("Column", "Columna"),
    "import.col.sample": ("First values", "Primeros valores"),
    "import.col.fields": ("Goes to", "Va a"),
    "import.ignore": ("Ignore", "Ignorar"),
    "import.required_missing": (
        "{kind}: choose a column for {fields}.",
        "{kind}: elija una columna para {fields}.",
    ),
    "import.fed_twice": (
        "{kind}: {field} comes from more than one column.",
        "{kind}: {field} viene de más de una columna.",
    ),
    "import.mapping_ready": (
        "Every required field has a column.",
        "Todos los campos obligatorios tienen columna.",
    ),
    "import.fix_mapping": (
        "Complete the mapping first (see the warning above).",
        "Complete primero la asignación (vea el aviso de arriba).",
    ),
    "import.mapping_name": ("Save this mapping as", "Guardar esta asignación como"),
    "import.save": ("Save mapping", "Guardar asignación"),
    "import.saved_ok": ("Mapping “{name}” saved.", "Asignación «{name}» guardada."),
    "import.save_failed": ("Not saved: {reason}", "No se guardó: {reason}"),
    # Fields
    "import.field.code": ("Code", "Código"),
    "import.field.name": ("Name", "Nombre"),
    "import.field.email": ("E-mail", "Correo"),
    "import.field.phone": ("Phone", "Teléfono"),
    "import.field.seller_code": ("Seller code", "Código de vendedor"),
    "import.field.tags": ("Tags (; separated)", "Etiquetas (separadas por ;)"),
    "import.field.credit_limit": ("Credit limit", "Límite de crédito"),
    "import.field.payment_terms_days": ("Payment terms (days)", "Plazo de pago (días)"),
    "import.field.tax_id": ("Tax id", "RIF / NIT / RUC"),
    "import.field.address": ("Address", "Dirección"),
    "import.field.city": ("City", "Ciudad"),
    "import.field.country": ("Country", "País"),
    "import.field.latitude": ("Latitude", "Latitud"),
    "import.field.longitude": ("Longitude", "Longitud"),
    "import.field.language": ("Language for messages", "Idioma de los mensajes"),
    "import.field.customer_code": ("Customer code", "Código de cliente"),
    "import.field.role": ("Role", "Cargo"),
    "import.field.is_primary": ("Primary contact", "Contacto principal"),
    "import.field.number": ("Number", "Número"),
    "import.field.issue_date": ("Issue date", "Fecha de emisión"),
    "import.field.due_date": ("Due date", "Fecha de vencimiento"),
    "import.field.amount": ("Amount", "Monto"),
    "import.field.currency": ("Currency", "Moneda"),
    "import.field.kind": (
        "Kind (invoice, credit_note, debit_note)",
        "Tipo (invoice, credit_note, debit_note)",
    ),
    "import.field.disputed": ("Disputed (yes/no)", "En disputa (sí/no)"),
    "import.field.applies_to": ("Applies to invoice", "Aplica a la factura"),
    "import.field.reference": ("Reference", "Referencia"),
    "import.field.date": ("Date", "Fecha"),
    "import.field.method": ("Method", "Forma de pago"),
    "import.field.invoice_number": ("Invoice paid", "Factura pagada"),
    # 3. Check and import
    "import.step_check": ("3. Check, then import", "3. Revisar e importar"),
    "import.check": ("Check the file", "Revisar el archivo"),
    "import.run": ("Import", "Importar"),
    "import.run_hint": (
        "Import is enabled once a check of these settings found no problem. The whole "
        "file is imported or nothing is.",
        "Importar se habilita cuando una revisión con esta configuración no encontró "
        "problemas. Se importa todo el archivo o nada.",
    ),
    "import.progress.start": ("Starting…", "Comenzando…"),
    "import.progress.read": (
        "{kind}: {done} of {total} rows read",
        "{kind}: {done} de {total} filas leídas",
    ),
    "import.progress.write": (
        "{kind}: checking against the database and writing…",
        "{kind}: verificando contra la base de datos y escribiendo…",
    ),
    "import.progress.done_check": ("Check finished.", "Revisión terminada."),
    "import.progress.done_import": ("Import finished.", "Importación terminada."),
    "import.progress.failed": (
        "The job stopped unexpectedly; nothing was imported.",
        "El proceso se detuvo inesperadamente; no se importó nada.",
    ),
    # Preview and summary
    "import.preview_title": (
        "First {count} rows of the file",
        "Primeras {count} filas del archivo",
    ),
    "import.col.row": ("Row", "Fila"),
    "import.problems": (
        "{count} problem(s) in {rows} row(s); nothing has been written.",
        "{count} problema(s) en {rows} fila(s); no se ha escrito nada.",
    ),
    "import.problems_shown": ("The first {shown}:", "Los primeros {shown}:"),
    "import.no_problems": (
        "No problems: the file is ready to import.",
        "Sin problemas: el archivo está listo para importar.",
    ),
    "import.where_file": ("File", "Archivo"),
    "import.where_header": ("Header", "Encabezado"),
    "import.where_row": ("Row {row}", "Fila {row}"),
    "import.would_title": ("What the import would do", "Lo que haría la importación"),
    "import.summary_title": ("Imported: {file}", "Importado: {file}"),
    "import.summary_audit": (
        "Recorded in the audit trail with your name, the time and the file's SHA-256.",
        "Registrado en la auditoría con su nombre, la hora y el SHA-256 del archivo.",
    ),
    "import.refused": (
        "Nothing was imported: {count} problem(s).",
        "No se importó nada: {count} problema(s).",
    ),
    "import.col.kind": ("Data", "Datos"),
    "import.col.created": ("Created", "Creados"),
    "import.col.updated": ("Updated", "Actualizados"),
    "import.col.unchanged": ("Unchanged", "Sin cambios"),
    "import.col.rejected": ("Rejected", "Rechazados"),
}
