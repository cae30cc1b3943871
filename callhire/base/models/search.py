"""Storage for full-text search: the GIN index on the applications' search document.

The document itself (``Application.search_vector``) is a PostgreSQL ``tsvector`` kept up to
date by ``callhire.base.search``; SQLite leaves the column empty and searches the text columns.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex


class PostgresGinIndex(GinIndex):
    """A GIN index on PostgreSQL, and no index at all on a database without GIN (SQLite)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""  # the schema editor runs it as an empty statement
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().remove_sql(model, schema_editor, **kwargs)
