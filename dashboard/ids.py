"""Every component id in one place, prefixed per page."""

from __future__ import annotations

# Shell
URL = "shell-url"
PAGE = "shell-page"
NAVBAR = "shell-navbar"

# Customers page
CUSTOMERS_SEARCH = "customers-search"
CUSTOMERS_GRID = "customers-grid"
CUSTOMERS_COUNT = "customers-count"

# Customer page
CUSTOMER_DOCUMENTS = "customer-documents"

# Users page
USERS_GRID = "users-grid"
