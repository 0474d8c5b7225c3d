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

# Customer wall
WALL_CUSTOMER = "wall-customer"  # dcc.Store with the customer code (re-checked on the server)
WALL_MONTHS = "wall-months"
WALL_TRENDS = "wall-trends"
WALL_VERDICT = "wall-verdict"
WALL_KINDS = "wall-kinds"
WALL_TIMELINE = "wall-timeline"
WALL_MORE = "wall-more"
WALL_OPEN_NOTE = "wall-open-note"
NOTE_MODAL = "note-modal"
NOTE_CONTACT = "note-contact"
NOTE_CONTACT_NAME = "note-contact-name"
NOTE_CHANNEL = "note-channel"
NOTE_REASON = "note-reason"
NOTE_BODY = "note-body"
NOTE_AGREEMENT = "note-agreement"
NOTE_DISPUTED = "note-disputed"
NOTE_WITH_PROMISE = "note-with-promise"
PROMISE_DESCRIPTION = "promise-description"
PROMISE_ASSIGNEE = "promise-assignee"
PROMISE_SUPERVISOR = "promise-supervisor"
PROMISE_DUE = "promise-due"
PROMISE_AMOUNT = "promise-amount"
PROMISE_DATE = "promise-date"
PROMISE_DOCUMENTS = "promise-documents"
NOTE_SAVE = "note-save"
NOTE_CANCEL = "note-cancel"
NOTE_ERRORS = "note-errors"
WALL_TAGS = "wall-tags"
WALL_TAGS_SAVE = "wall-tags-save"
WALL_TAGS_MESSAGE = "wall-tags-message"
WALL_CONTACTS = "wall-contacts"
CONTACT_MODAL = "contact-modal"
CONTACT_ADD = "contact-add"
CONTACT_ID = "contact-id"
CONTACT_NAME = "contact-name"
CONTACT_ROLE = "contact-role"
CONTACT_PHONE = "contact-phone"
CONTACT_EMAIL = "contact-email"
CONTACT_PRIMARY = "contact-primary"
CONTACT_SAVE = "contact-save"
CONTACT_ERRORS = "contact-errors"


def task_complete(task_id: object) -> dict[str, object]:
    """Id of the "mark done" button of an open task on the wall."""
    return {"type": "task-complete", "id": task_id}


def task_reassign(task_id: object) -> dict[str, object]:
    """Id of the "reassign to" select of an open task on the wall."""
    return {"type": "task-reassign", "id": task_id}


def contact_edit(contact_id: object) -> dict[str, object]:
    """Id of a contact's "edit" button on the wall."""
    return {"type": "contact-edit", "id": contact_id}


# Collections page (COLLECTIONS_*)

# Activity page (ACTIVITY_*)

# Tasks page (TASKS_*)

# Worklist page, "who to call today" (WORKLIST_*)

# Performance page (PERFORMANCE_*)
