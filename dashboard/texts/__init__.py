"""Texts of the larger pages, one module per page, merged into :data:`dashboard.i18n.CATALOG`.

Each module holds ``TEXTS: dict[str, tuple[str, str]]`` as ``key: (english, spanish)``,
keys prefixed with the page's name.
"""
