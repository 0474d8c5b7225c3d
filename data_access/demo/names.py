"""Word lists and small builders of names for the demo portfolio (:mod:`data_access.demo`).

Everything here is plain data or a pure function of a ``random.Random``; nothing touches
the database. Names mix Spanish and English on purpose; e-mail domains use the reserved
``.example`` top-level domain and phone numbers the fictional ``555`` exchange, so a
demo that sends messages can never reach a real company. What collectors write lives
in :mod:`data_access.demo.texts`.
"""

from __future__ import annotations

import random
import re
import unicodedata

INDUSTRIES = (
    "hardware",
    "food",
    "pharma",
    "textiles",
    "construction",
    "electronics",
    "auto-parts",
    "agro",
    "office-supplies",
)
SEGMENTS = ("wholesale", "retail")

ES_TYPES: dict[str, tuple[str, ...]] = {
    "hardware": ("Ferretería", "Ferretería Industrial", "Tornillería", "Materiales"),
    "food": ("Distribuidora de Alimentos", "Panadería", "Abastos", "Víveres", "Distribuidora"),
    "pharma": ("Farmacia", "Droguería", "Laboratorios", "Botica"),
    "textiles": ("Textiles", "Confecciones", "Tejidos", "Boutique"),
    "construction": ("Constructora", "Materiales de Construcción", "Agregados", "Inversiones"),
    "electronics": ("Electrónica", "Comercial Electrónica", "Tecnología", "Importadora"),
    "auto-parts": ("Repuestos", "Autopartes", "Lubricantes", "Cauchos"),
    "agro": ("Agropecuaria", "Agroinsumos", "Semillas", "Granja"),
    "office-supplies": ("Papelería", "Suministros de Oficina", "Librería", "Comercial"),
}
# fmt: off
ES_NAMES = (
    "Los Andes", "El Tornillo", "San José", "La Económica", "Del Caribe", "El Progreso",
    "La Esperanza", "Santa Rosa", "El Sol", "La Estrella", "Don Pedro", "Hermanos Rodríguez",
    "El Llano", "La Montaña", "San Rafael", "Guayacán", "El Samán", "Las Palmas", "La Ceiba",
    "Bolívar", "Del Norte", "Del Sur", "Central", "Oriente", "Occidente", "El Roble",
    "La Victoria", "San Miguel", "Santa Fe", "El Dorado", "Monteverde", "Río Grande",
    "La Cumbre", "El Faro", "La Fortuna", "El Puente", "Alianza", "Continental", "Nacional",
    "La Primavera", "El Mirador", "San Cristóbal", "La Candelaria", "El Triunfo", "Mi Tierra",
    "Los Próceres", "Altamira", "Las Mercedes", "Valle Verde", "Doña Carmen", "El Arado",
    "La Colonia", "Tres Ríos", "Cinco Estrellas", "El Girasol", "La Ruta", "Santa Elena",
)
ES_SUFFIXES = ("C.A.", "S.A.", "S.A.S.", "S.R.L.", "Ltda.", "& Hijos", "S.A. de C.V.", "")

EN_TYPES: dict[str, tuple[str, ...]] = {
    "hardware": ("Hardware", "Tools", "Fasteners"),
    "food": ("Foods", "Provisions", "Grocers", "Bakery"),
    "pharma": ("Pharma", "Drugstore", "Health Supply"),
    "textiles": ("Textiles", "Apparel", "Fabrics"),
    "construction": ("Builders", "Construction", "Building Supply"),
    "electronics": ("Electronics", "Tech", "Components"),
    "auto-parts": ("Auto Parts", "Motors", "Tire & Lube"),
    "agro": ("Agri Supply", "Farms", "Seeds"),
    "office-supplies": ("Office Supply", "Paper", "Supplies"),
}
EN_NAMES = (
    "Northwind", "Bluewater", "Summit", "Redwood", "Pioneer", "Atlas", "Keystone", "Harbor",
    "Silverline", "Evergreen", "Lakeside", "Ironclad", "Crescent", "Brightway", "Granite",
    "Falcon", "Maple", "Cedar", "Horizon", "Liberty", "Oakridge", "Riverside", "Sterling",
    "Sunrise", "Trident", "Union", "Vanguard", "Westfield", "Golden Gate", "Pacific",
    "Coastal", "Prairie", "Frontier", "Beacon", "Clearwater", "Starlight", "Bayside",
)
EN_SUFFIXES = ("LLC", "Inc.", "Corp.", "Ltd.", "Co.")

ES_FIRST = (
    "Juan", "María", "José", "Ana", "Luis", "Carmen", "Carlos", "Rosa", "Pedro", "Marisol",
    "Maribel", "Jorge", "Gabriela", "Andrea", "Miguel", "Luisa", "Rafael", "Patricia",
    "Fernando", "Daniela", "Ricardo", "Elena", "Alejandro", "Sofía", "Manuel", "Carolina",
    "Diego", "Valentina", "Héctor", "Beatriz", "Andrés", "Mónica", "Javier", "Teresa",
)
ES_LAST = (
    "Pérez", "González", "Rodríguez", "Martínez", "García", "López", "Hernández", "Ramírez",
    "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Morales", "Romero", "Suárez", "Castillo",
    "Vargas", "Rojas", "Mendoza", "Guzmán", "Herrera", "Medina", "Aguilar", "Figuera",
    "Salazar", "Contreras", "Navarro", "Ortega", "Delgado",
)
EN_FIRST = (
    "John", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "James", "Emily",
    "Daniel", "Sarah", "Thomas", "Laura", "Kevin", "Rachel", "Brian", "Megan", "Steven", "Olivia",
)
EN_LAST = (
    "Smith", "Johnson", "Brown", "Miller", "Wilson", "Moore", "Taylor", "Anderson", "Thomas",
    "Jackson", "White", "Harris", "Martin", "Thompson", "Clark", "Lewis", "Walker", "Young",
)
COLLECTORS = (
    ("ana", "Ana Morales"),
    ("carlos", "Carlos Rivas"),
    ("lucia", "Lucía Fernández"),
    ("miguel", "Miguel Ángel Soto"),
    ("sofia", "Sofía Paredes"),
    ("diego", "Diego Herrera"),
    ("valentina", "Valentina Ruiz"),
    ("jorge", "Jorge Linares"),
)
MANAGER = ("gerente", "Gabriela Figuera")

# (city, country, phone prefix, latitude, longitude)
CITIES: tuple[tuple[str, str, str, float, float], ...] = (
    ("Caracas", "Venezuela", "+58 212", 10.4806, -66.9036),
    ("Maracaibo", "Venezuela", "+58 261", 10.6427, -71.6125),
    ("Valencia", "Venezuela", "+58 241", 10.1620, -68.0077),
    ("Barquisimeto", "Venezuela", "+58 251", 10.0678, -69.3474),
    ("Bogotá", "Colombia", "+57 601", 4.7110, -74.0721),
    ("Medellín", "Colombia", "+57 604", 6.2442, -75.5812),
    ("Cali", "Colombia", "+57 602", 3.4516, -76.5320),
    ("Barranquilla", "Colombia", "+57 605", 10.9685, -74.7813),
    ("Ciudad de México", "México", "+52 55", 19.4326, -99.1332),
    ("Guadalajara", "México", "+52 33", 20.6597, -103.3496),
    ("Monterrey", "México", "+52 81", 25.6866, -100.3161),
    ("Lima", "Perú", "+51 1", -12.0464, -77.0428),
    ("Arequipa", "Perú", "+51 54", -16.4090, -71.5375),
    ("Santiago", "Chile", "+56 2", -33.4489, -70.6693),
    ("Valparaíso", "Chile", "+56 32", -33.0472, -71.6127),
    ("Buenos Aires", "Argentina", "+54 11", -34.6037, -58.3816),
    ("Córdoba", "Argentina", "+54 351", -31.4201, -64.1888),
    ("Quito", "Ecuador", "+593 2", -0.1807, -78.4678),
    ("Guayaquil", "Ecuador", "+593 4", -2.1710, -79.9224),
    ("Santo Domingo", "República Dominicana", "+1 809", 18.4861, -69.9312),
    ("Ciudad de Panamá", "Panamá", "+507", 8.9824, -79.5199),
    ("San José", "Costa Rica", "+506", 9.9281, -84.0907),
    ("Ciudad de Guatemala", "Guatemala", "+502", 14.6349, -90.5069),
    ("Montevideo", "Uruguay", "+598 2", -34.9011, -56.1645),
    ("San Juan", "Puerto Rico", "+1 787", 18.4655, -66.1057),
)
STREETS = (
    "Bolívar", "Libertador", "Sucre", "Miranda", "Principal", "Las Américas", "Colón",
    "San Martín", "Juárez", "Reforma", "Universidad", "Los Próceres", "Urdaneta", "Junín",
)
BANKS = ("Banco Nacional", "Banco Mercantil", "Banco Provincial", "Banco del Pacífico",
         "Banco Popular", "Banco Santander", "BBVA", "Banco de Crédito", "Citibank")
METHODS = ("transfer", "check", "deposit", "cash", "card")
CONTACT_ROLES = {
    "es": ("Cuentas por pagar", "Tesorería", "Gerente general", "Compras", "Administración"),
    "en": ("Accounts payable", "Treasurer", "Owner", "Purchasing", "Controller"),
}
# fmt: on
BAD_PHONES = ("123", "n/a", "0000000", "sin teléfono")
BAD_EMAILS = ("juan@", "sin correo", "n/a", "correo@empresa")


def ascii_slug(text: str, sep: str = "-") -> str:
    """Lower-case ASCII slug of ``text`` (accents dropped, other characters to ``sep``)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, plain.lower()).strip(sep)


def company_name(rng: random.Random, lang: str, industry: str) -> str:
    """A plausible company name in ``lang`` ("es" or "en") for ``industry``."""
    if lang == "es":
        parts = (rng.choice(ES_TYPES[industry]), rng.choice(ES_NAMES), rng.choice(ES_SUFFIXES))
    else:
        parts = (rng.choice(EN_NAMES), rng.choice(EN_TYPES[industry]), rng.choice(EN_SUFFIXES))
    return " ".join(part for part in parts if part)


def person_name(rng: random.Random, lang: str) -> str:
    """A first and last name in ``lang``."""
    if lang == "es":
        return f"{rng.choice(ES_FIRST)} {rng.choice(ES_LAST)}"
    return f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"


# Where the city's numbering plan needs more (or fewer) digits than "555-NNNN", the
# digits that make the number valid for libphonenumber (CARTERA_PHONE_REGION checks).
PHONE_LEAD = {
    "+52 55": "5",
    "+52 33": "3",
    "+52 81": "8",
    "+56 2": "2",
    "+54 11": "5",
    "+507": "6",
    "+506": "8",
    "+502": "5",
}


def phone(rng: random.Random, prefix: str) -> str:
    """A fictional phone number (``555`` exchange) with the city's prefix, valid in its plan."""
    if prefix == "+51 54":  # Arequipa: six-digit local numbers
        return f"{prefix} 555-{rng.randrange(1000):03d}"
    return f"{prefix} {PHONE_LEAD.get(prefix, '')}555-{rng.randrange(10000):04d}"


def email(name: str, domain: str) -> str:
    """``first.last@domain`` for a person's name."""
    return f"{ascii_slug(name, '.')}@{domain}"


def tax_id(index: int, country: str) -> str:
    """A tax id unique per customer index (the digits are a bijection of the index)."""
    digits = f"{(index * 7919 + 10_000_019) % 100_000_000:08d}"
    check = sum(int(d) for d in digits) % 10
    formats = {
        "Venezuela": f"J-{digits}-{check}",
        "Colombia": f"9{digits}-{check}",
        "Perú": f"20{digits}{check}",
        "Chile": f"{digits[:2]}.{digits[2:5]}.{digits[5:]}-{check}",
        "Argentina": f"30-{digits}-{check}",
        "Puerto Rico": f"66-{digits[1:]}",
    }
    return formats.get(country, f"{ascii_slug(country)[:3].upper()}-{digits}{check}")


def address(rng: random.Random, lang: str) -> str:
    """A street address line."""
    street = rng.choice(STREETS)
    if lang == "en":
        return f"{rng.randint(10, 9999)} {street} Ave."
    return f"Av. {street}, local {rng.randint(1, 120)}"
