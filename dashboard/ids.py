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

# Portfolio page (home)
PORTFOLIO_URL = "portfolio-url"
PORTFOLIO_AS_OF = "portfolio-as-of"
PORTFOLIO_SELLER = "portfolio-seller"
PORTFOLIO_COLLECTOR = "portfolio-collector"
PORTFOLIO_TAG = "portfolio-tag"
PORTFOLIO_MIN_BALANCE = "portfolio-min-balance"
PORTFOLIO_BUCKET = "portfolio-bucket"
PORTFOLIO_GROUP = "portfolio-group"
PORTFOLIO_TILES = "portfolio-tiles"
PORTFOLIO_TREEMAP = "portfolio-treemap"
PORTFOLIO_NOTE = "portfolio-note"
PORTFOLIO_RESET = "portfolio-reset"

# Sellers page
SELLERS_URL = "sellers-url"
SELLERS_AS_OF = "sellers-as-of"
SELLERS_TREEMAP = "sellers-treemap"
SELLERS_RANKING = "sellers-ranking"
SELLERS_COLLECTORS = "sellers-collectors"
