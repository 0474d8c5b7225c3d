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
CUSTOMERS_EXPORT = "customers-export"

# Customer page
CUSTOMER_DOCUMENTS = "customer-documents"
CUSTOMER_EXPORT = "customer-export"

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
PORTFOLIO_EXPORT = "portfolio-export"  # items: portfolio-export-csv, -xlsx, -pdf

# Sellers page
SELLERS_URL = "sellers-url"
SELLERS_AS_OF = "sellers-as-of"
SELLERS_TREEMAP = "sellers-treemap"
SELLERS_RANKING = "sellers-ranking"
SELLERS_COLLECTORS = "sellers-collectors"
SELLERS_EXPORT = "sellers-export"  # items: sellers-export-<dataset>-<ext>


# Export menus of the collections, activity, tasks, worklist, performance and quality
# pages (layouts.components.page_exports): "<page>-export" and one item per download.
def export_menu(page: str) -> str:
    """Id of a page's "Export" menu, e.g. ``collections-export``."""
    return f"{page}-export"


def export_item(page: object, dataset: object, ext: object) -> dict[str, object]:
    """Id of one download of a page's "Export" menu (its href follows the page's URL)."""
    return {"type": "export-item", "page": page, "dataset": dataset, "ext": ext}


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
WALL_LANGUAGE = "wall-language"
WALL_LANGUAGE_MESSAGE = "wall-language-message"
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
COLLECTIONS_URL = "collections-url"
COLLECTIONS_BY = "collections-by"
COLLECTIONS_RANGE = "collections-range"
COLLECTIONS_SELLER = "collections-seller"
COLLECTIONS_COLLECTOR = "collections-collector"
COLLECTIONS_TILES = "collections-tiles"
COLLECTIONS_CHART = "collections-chart"
COLLECTIONS_BY_SELLER = "collections-by-seller"
COLLECTIONS_BY_COLLECTOR = "collections-by-collector"
COLLECTIONS_BY_METHOD = "collections-by-method"
COLLECTIONS_BY_TAG = "collections-by-tag"
COLLECTIONS_LATEST = "collections-latest"
COLLECTIONS_LATEST_NOTE = "collections-latest-note"
COLLECTIONS_FORECAST = "collections-forecast"
COLLECTIONS_FORECAST_SUMMARY = "collections-forecast-summary"
COLLECTIONS_BACKTEST = "collections-backtest"
COLLECTIONS_BACKTEST_ERROR = "collections-backtest-error"

# Activity page (ACTIVITY_*)
ACTIVITY_URL = "activity-url"
ACTIVITY_COLLECTOR = "activity-collector"
ACTIVITY_CHANNEL = "activity-channel"
ACTIVITY_REASON = "activity-reason"
ACTIVITY_HASHTAG = "activity-hashtag"
ACTIVITY_DATES = "activity-dates"
ACTIVITY_PERIOD = "activity-period"
ACTIVITY_RESET = "activity-reset"
ACTIVITY_FEED = "activity-feed"
ACTIVITY_FEED_COUNT = "activity-feed-count"
ACTIVITY_MORE = "activity-more"
ACTIVITY_CURSOR = "activity-cursor"  # dcc.Store: id of the last note shown (keyset paging)
ACTIVITY_REASONS = "activity-reasons"
ACTIVITY_HASHTAGS = "activity-hashtags"
ACTIVITY_CONTACTS = "activity-contacts"
ACTIVITY_COVERAGE_TILE = "activity-coverage-tile"
ACTIVITY_UNCOVERED = "activity-uncovered"
ACTIVITY_UNCOVERED_GRID = "activity-uncovered-grid"
ACTIVITY_DUE_SOON = "activity-due-soon"
ACTIVITY_DUE_SOON_GRID = "activity-due-soon-grid"


def activity_hashtag(note_id: object, tag: object) -> dict[str, object]:
    """Id of a clickable hashtag of a note in the activity feed (filters the page by it)."""
    return {"type": "activity-hashtag", "note": note_id, "tag": tag}


# Tasks page (TASKS_*)
TASKS_URL = "tasks-url"
TASKS_VIEW = "tasks-view"
TASKS_ASSIGNEE = "tasks-assignee"
TASKS_SUPERVISOR = "tasks-supervisor"
TASKS_COUNTS = "tasks-counts"
TASKS_LIST = "tasks-list"
TASKS_MESSAGE = "tasks-message"
TASKS_REFRESH = "tasks-refresh"  # dcc.Store: bumped after a task is completed or reassigned
TASKS_PROMISES = "tasks-promises"
TASKS_BROKEN = "tasks-broken"


def tasks_complete(task_id: object) -> dict[str, object]:
    """Id of the "mark done" button of a task on the tasks page."""
    return {"type": "tasks-complete", "id": task_id}


def tasks_reassign(task_id: object) -> dict[str, object]:
    """Id of the "reassign to" select of a task on the tasks page."""
    return {"type": "tasks-reassign", "id": task_id}


# Worklist page, "who to call today" (WORKLIST_*)
WORKLIST_URL = "worklist-url"
WORKLIST_COLLECTOR = "worklist-collector"
WORKLIST_SUMMARY = "worklist-summary"
WORKLIST_LIST = "worklist-list"

# Performance page (PERFORMANCE_*)
PERFORMANCE_URL = "performance-url"
PERFORMANCE_MONTH = "performance-month"
PERFORMANCE_RANGE = "performance-range"
PERFORMANCE_PERIOD = "performance-period"
PERFORMANCE_COLLECTORS = "performance-collectors"
PERFORMANCE_SELLERS = "performance-sellers"
PERFORMANCE_DSO = "performance-dso"
PERFORMANCE_GOAL_MESSAGE = "performance-goal-message"
PERFORMANCE_REFRESH = "performance-refresh"  # dcc.Store: bumped after a goal is saved


def performance_grid(by: object) -> dict[str, object]:
    """Id of the performance grid of collectors or sellers (``by``); goals are edited in it."""
    return {"type": "performance-grid", "by": by}


# Import page (IMPORT_*)
IMPORT_UPLOAD = "import-upload"
IMPORT_FILE = "import-file"  # dcc.Store: token (SHA-256), name, rows, headers, samples
IMPORT_FILE_INFO = "import-file-info"
IMPORT_SAVED = "import-saved"
IMPORT_KINDS = "import-kinds"
IMPORT_DECIMAL = "import-decimal"
IMPORT_DATE_FORMAT = "import-date-format"
IMPORT_FORMAT_NOTE = "import-format-note"
IMPORT_BASE = "import-base"  # dcc.Store: the mapping to draw (a guess or a saved one)
IMPORT_PLAN = "import-plan"  # dcc.Store: the mapping as the selects say
IMPORT_MAPPING = "import-mapping"
IMPORT_MAPPING_NOTE = "import-mapping-note"
IMPORT_FIELD = "import-field"  # pattern-matching type: {"type", "kind", "column"}
IMPORT_MAPPING_NAME = "import-mapping-name"
IMPORT_SAVE = "import-save"
IMPORT_SAVE_MESSAGE = "import-save-message"
IMPORT_CHECK = "import-check"
IMPORT_RUN = "import-run"
IMPORT_CHECKED = "import-checked"  # dcc.Store: the settings of the last clean check
IMPORT_JOB = "import-job"  # dcc.Store: the running job's id and mode
IMPORT_POLL = "import-poll"
IMPORT_PROGRESS = "import-progress"
IMPORT_STATUS = "import-status"
IMPORT_PREVIEW = "import-preview"
IMPORT_SUMMARY = "import-summary"

# Data quality page (QUALITY_*)
QUALITY_LOAD = "quality-load"
QUALITY_CONTACTS_VERSION = "quality-contacts-version"
QUALITY_DUPLICATES_VERSION = "quality-duplicates-version"
QUALITY_CONTACTS_TILE = "quality-contacts-tile"
QUALITY_UNREACHABLE_TILE = "quality-unreachable-tile"
QUALITY_DUPLICATES_TILE = "quality-duplicates-tile"
QUALITY_DATES_TILE = "quality-dates-tile"
QUALITY_UNAPPLIED_TILE = "quality-unapplied-tile"
QUALITY_CONTACTS_GRID = "quality-contacts-grid"
QUALITY_UNREACHABLE_GRID = "quality-unreachable-grid"
QUALITY_DUPLICATES_GRID = "quality-duplicates-grid"
QUALITY_DATES_GRID = "quality-dates-grid"
QUALITY_UNAPPLIED_GRID = "quality-unapplied-grid"
QUALITY_FIX_CONTACT = "quality-fix-contact"
QUALITY_FIX_TITLE = "quality-fix-title"
QUALITY_FIX_PHONE = "quality-fix-phone"
QUALITY_FIX_PHONE_HELP = "quality-fix-phone-help"
QUALITY_FIX_PHONE_SUGGESTION = "quality-fix-phone-suggestion"
QUALITY_FIX_EMAIL = "quality-fix-email"
QUALITY_FIX_EMAIL_HELP = "quality-fix-email-help"
QUALITY_FIX_EMAIL_SUGGESTION = "quality-fix-email-suggestion"
QUALITY_FIX_SAVE = "quality-fix-save"
QUALITY_FIX_MESSAGE = "quality-fix-message"
QUALITY_DISMISS = "quality-dismiss"
QUALITY_DISMISS_MESSAGE = "quality-dismiss-message"
QUALITY_SECTION_CONTACTS = "quality-contacts"
QUALITY_SECTION_UNREACHABLE = "quality-unreachable"
QUALITY_SECTION_DUPLICATES = "quality-duplicates"
QUALITY_SECTION_DATES = "quality-dates"
QUALITY_SECTION_UNAPPLIED = "quality-unapplied"

# Wall: statement email and SMS (MESSAGE_*)
# ... the statement e-mail modal (MESSAGE_*)
WALL_OPEN_MESSAGE = "wall-open-message"
MESSAGE_MODAL = "message-modal"
MESSAGE_TOKEN = "message-token"  # dcc.Store: idempotency token, new each time the modal opens
MESSAGE_OUTBOX_NOTE = "message-outbox-note"
MESSAGE_CONTACTS = "message-contacts"
MESSAGE_OTHER = "message-other"
MESSAGE_SCOPE = "message-scope"
MESSAGE_TONE = "message-tone"
MESSAGE_LANGUAGE = "message-language"
MESSAGE_SUBJECT = "message-subject"
MESSAGE_PREVIEW = "message-preview"
MESSAGE_ATTACHMENTS = "message-attachments"
MESSAGE_PREVIEW_ERROR = "message-preview-error"
MESSAGE_RESULT = "message-result"
MESSAGE_SEND = "message-send"
MESSAGE_CANCEL = "message-cancel"
# ... the SMS modal (SMS_*)
WALL_OPEN_SMS = "wall-open-sms"
SMS_MODAL = "sms-modal"
SMS_TOKEN = "sms-token"  # dcc.Store: idempotency token, new each time the modal opens
SMS_FORM = "sms-form"  # dcc.Store: recipients and prefilled texts per audience
SMS_LABELS = "sms-labels"  # dcc.Store: the counter's texts in the user's language
SMS_NOTICE = "sms-notice"
SMS_AUDIENCE = "sms-audience"
SMS_LANGUAGE = "sms-language"
SMS_RECIPIENTS = "sms-recipients"
SMS_RECIPIENTS_NOTE = "sms-recipients-note"
SMS_TEXT = "sms-text"
SMS_COUNTER = "sms-counter"
SMS_HINT = "sms-hint"
SMS_RESULT = "sms-result"
SMS_SEND = "sms-send"
SMS_CANCEL = "sms-cancel"

# Templates page (TEMPLATES_*)
TEMPLATES_TONE = "templates-tone"
TEMPLATES_LANGUAGE = "templates-language"
TEMPLATES_SUBJECT = "templates-subject"
TEMPLATES_BODY = "templates-body"
TEMPLATES_CUSTOMER = "templates-customer"
TEMPLATES_STATE = "templates-state"  # badge: built-in default or edited by whom, when
TEMPLATES_PROBLEMS = "templates-problems"
TEMPLATES_PREVIEW_SUBJECT = "templates-preview-subject"
TEMPLATES_PREVIEW = "templates-preview"
TEMPLATES_SAVE = "templates-save"
TEMPLATES_RESET = "templates-reset"
TEMPLATES_MESSAGE = "templates-message"
TEMPLATES_REFRESH = "templates-refresh"  # dcc.Store: bumped after a save or reset
TEMPLATES_COMPANY_SAVE = "templates-company-save"
TEMPLATES_COMPANY_MESSAGE = "templates-company-message"


def company_field(key: object) -> dict[str, object]:
    """Id of one company setting's input on the templates page."""
    return {"type": "templates-company", "key": key}


# Campaigns page (CAMPAIGNS_*)
CAMPAIGNS_URL = "campaigns-url"  # dcc.Location (refresh): opens a campaign once it is made
CAMPAIGNS_TOKEN = "campaigns-token"  # dcc.Store: the form's token (a double click makes one)
CAMPAIGNS_NAME = "campaigns-name"
CAMPAIGNS_CHANNEL = "campaigns-channel"
CAMPAIGNS_TONE = "campaigns-tone"
CAMPAIGNS_DOCUMENTS = "campaigns-documents"
CAMPAIGNS_BUCKET = "campaigns-bucket"
CAMPAIGNS_TAG = "campaigns-tag"
CAMPAIGNS_SELLER = "campaigns-seller"
CAMPAIGNS_COLLECTOR = "campaigns-collector"
CAMPAIGNS_MIN_BALANCE = "campaigns-min-balance"
CAMPAIGNS_SUMMARY = "campaigns-summary"
CAMPAIGNS_AUDIENCE_EXCLUDED = "campaigns-audience-excluded"
CAMPAIGNS_PREVIEW_CUSTOMER = "campaigns-preview-customer"
CAMPAIGNS_PREVIEW_SUBJECT = "campaigns-preview-subject"
CAMPAIGNS_PREVIEW = "campaigns-preview"  # iframe (srcDoc) of the e-mail
CAMPAIGNS_PREVIEW_TEXT = "campaigns-preview-text"  # the SMS text
CAMPAIGNS_SEND = "campaigns-send"
CAMPAIGNS_FORM_ERROR = "campaigns-form-error"
CAMPAIGNS_LIST = "campaigns-list"
CAMPAIGNS_ID = "campaigns-id"  # dcc.Store: the campaign shown (detail view)
CAMPAIGNS_POLL = "campaigns-poll"
CAMPAIGNS_PROGRESS = "campaigns-progress"
CAMPAIGNS_STATUS = "campaigns-status"
CAMPAIGNS_COUNTS = "campaigns-counts"
CAMPAIGNS_FAILED = "campaigns-failed"
CAMPAIGNS_RESUME = "campaigns-resume"
CAMPAIGNS_RETRY = "campaigns-retry"
CAMPAIGNS_ACTION_MESSAGE = "campaigns-action-message"

# Reminder sequences page (REMINDERS_*)
REMINDERS_LEVEL = "reminders-level"  # which level the form edits ("new" or an id)
REMINDERS_NAME = "reminders-name"
REMINDERS_DAYS = "reminders-days"
REMINDERS_CHANNEL = "reminders-channel"
REMINDERS_TONE = "reminders-tone"
REMINDERS_ACTIVE = "reminders-active"
REMINDERS_BUCKET = "reminders-bucket"
REMINDERS_TAG = "reminders-tag"
REMINDERS_SELLER = "reminders-seller"
REMINDERS_COLLECTOR = "reminders-collector"
REMINDERS_MIN_BALANCE = "reminders-min-balance"
REMINDERS_SAVE = "reminders-save"
REMINDERS_DELETE = "reminders-delete"
REMINDERS_MESSAGE = "reminders-message"
REMINDERS_LEVELS = "reminders-levels"
REMINDERS_DUE = "reminders-due"
REMINDERS_SENT = "reminders-sent"
REMINDERS_REFRESH = "reminders-refresh"  # dcc.Store: bumped after a save or delete

# Board, the meeting-room screen (BOARD_*)
BOARD_SCREEN = "board-screen"  # the full-screen frame
BOARD_CONFIG = "board-config"  # dcc.Store: panels, intervals, ping address and texts for JS
BOARD_VIEWPORT = "board-viewport"  # dcc.Store: the window's size, set once on load
BOARD_INTERVAL = "board-interval"  # the one dcc.Interval: refresh and server check
BOARD_OFFLINE = "board-offline"  # dcc.Store: since when the server is unreachable (or None)
BOARD_UPDATED = "board-updated"
BOARD_BANNER = "board-banner"
BOARD_STOPPED = "board-stopped"  # the overlay of a revoked or expired link
BOARD_STOPPED_TEXT = "board-stopped-text"
BOARD_KPIS = "board-kpis"
BOARD_CUSTOMERS = "board-customers"
BOARD_SELLERS = "board-sellers"
BOARD_COLLECTIONS = "board-collections"
BOARD_COLLECTIONS_CHART = "board-collections-chart"
BOARD_PROMISES = "board-promises"
BOARD_NOTES = "board-notes"
BOARD_LINK_NAME = "board-link-name"
BOARD_LINK_PANELS = "board-link-panels"
BOARD_LINK_ROTATION = "board-link-rotation"
BOARD_LINK_REFRESH = "board-link-refresh"
BOARD_LINK_EXPIRES = "board-link-expires"
BOARD_LINK_CREATE = "board-link-create"
BOARD_LINK_MESSAGE = "board-link-message"
BOARD_LINK_LIST = "board-link-list"


def board_panel(key: str) -> str:
    """Id of one rotating panel of the board (``board-panel-kpis``...)."""
    return f"board-panel-{key}"


def board_revoke(link_id: object) -> dict[str, object]:
    """Id of the revoke button of one board link."""
    return {"type": "board-revoke", "index": link_id}


# Field mode, the collector's phone (FIELD_*)
FIELD_URL = "field-url"
FIELD_ROOT = "field-root"  # carries data-csrf, data-user, data-texts for assets/field.js
FIELD_COLLECTOR = "field-collector"
FIELD_SUMMARY = "field-summary"
FIELD_LOCATE = "field-locate"
FIELD_LOCATION = "field-location"  # the phone's position state, written by field.js
FIELD_POSITION = "field-position"  # dcc.Store: {lat, lon, accuracy}, set by field.js
FIELD_SYNC = "field-sync"  # dcc.Store: bumped by field.js after the outbox sent something
FIELD_OUTBOX = "field-outbox"  # filled by field.js: what waits to be sent
FIELD_LIST = "field-list"
