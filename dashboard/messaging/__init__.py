"""Messages to customers: compose the statement e-mail and send it once.

``settings`` (CARTERA_SMTP_*, CARTERA_TONE_DAYS), ``placeholders`` (template checks and
filling), ``defaults`` (built-in templates, tone by age), ``documents`` (the PDFs),
``compose`` (pure: values, text and HTML parts, MIME), ``transport`` (SMTP or outbox),
``service`` (reads the database, ``deliver`` records and sends once), ``view`` (what the
pages show). Nothing here runs at import.
"""
