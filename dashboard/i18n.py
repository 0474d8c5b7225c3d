"""Spanish and English texts, and the choice of language for a request.

Every text shown to a user lives in ``CATALOG`` as ``key: (english, spanish)``;
a test checks both are present and carry the same ``{placeholders}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"

CATALOG: dict[str, tuple[str, str]] = {
    # Shell
    "app.tagline": ("Collections dashboard", "Tablero de cobranzas"),
    "nav.home": ("Portfolio", "Cartera"),
    "nav.customers": ("Customers", "Clientes"),
    "nav.users": ("Users", "Usuarios"),
    "nav.language": ("Language", "Idioma"),
    "nav.logout": ("Sign out", "Cerrar sesión"),
    "nav.signed_in_as": ("Signed in as {name}", "Sesión de {name}"),
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
    # Portfolio summary
    "home.title": ("Portfolio", "Cartera"),
    "home.as_of": ("As of {date}", "Al {date}"),
    "home.total": ("Total receivable", "Total por cobrar"),
    "home.overdue": ("Overdue", "Vencido"),
    "home.current": ("Not yet due", "Por vencer"),
    "home.customers_owing": ("Customers owing", "Clientes con saldo"),
    "home.overdue_share": ("{pct} of the portfolio", "{pct} de la cartera"),
    "home.by_bucket": ("Aging by days overdue", "Antigüedad por días de vencido"),
    "home.empty": (
        "No receivables yet. Import invoices or load the demo portfolio with `cartera demo`.",
        "Aún no hay cuentas por cobrar. Importa facturas o carga la cartera de demostración con `cartera demo`.",
    ),
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
    # Errors
    "error.not_found": ("Page not found", "Página no encontrada"),
    "error.not_found_body": ("There is nothing at {path}.", "No hay nada en {path}."),
    "error.customer_not_found": (
        "Customer {code} does not exist or is not assigned to you.",
        "El cliente {code} no existe o no está asignado a ti.",
    ),
    "error.forbidden": ("You do not have access to this page.", "No tienes acceso a esta página."),
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
