"""Pure component trees, one module per page. Layouts never touch the database."""
