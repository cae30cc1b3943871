"""Full-text search over applications.

A plain stand-in on this branch: the PostgreSQL-ranked version is built on the `search`
branch and replaces this module at the merge. Keep the signature.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from callhire.base.models import Application, Note


def search_applications(queryset: QuerySet[Application], query: str) -> QuerySet[Application]:
    """Return the applications whose name, email, CV text or notes contain every word of the query."""
    for word in query.split()[:10]:
        notes = Note.objects.filter(application=OuterRef("pk"), text__icontains=word)
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(email__icontains=word) | Q(cv_text__icontains=word) | Exists(notes)
        )
    return queryset
