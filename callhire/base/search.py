"""Full-text search over applications: names, email, the team's notes and the CV text.

On PostgreSQL every application keeps a ``tsvector`` (``Application.search_vector``, GIN
indexed) built with the 'simple' configuration: words are lower-cased but never stemmed and no
stop words are dropped. Candidates' names (Malay, Chinese, Indian, English) must match exactly
as written, and an English stemmer would mangle Malay words ("perkhidmatan" is not an English
word with a suffix), so exact words serve both languages; a recruiter types "call" or "calls"
as they mean it. Name and email weigh most (A), then notes (B), then the CV (C).

SQLite (the embedded default) has no such index: the same fields are searched with
case-insensitive substring matches, which is plenty for the few thousand rows it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from callhire.base.models import Application, Note

CONFIG = "simple"
MAX_QUERY = 200  # characters; longer queries are cut, not refused
# A ranked query must read every match's document, so a query matching a quarter of a million
# applications would take most of a second. Only the newest RANK_LIMIT matches are ranked and
# returned; a recruiter narrows a search that broad with another word or a filter.
RANK_LIMIT = 2000
# Weights of name/email (A), notes (B) and CV text (C); D is unused.
WEIGHTS = [0.0, 0.2, 0.5, 1.0]  # D, C, B, A as PostgreSQL orders them


def search_applications(queryset: QuerySet[Application], query: str) -> QuerySet[Application]:
    """Return the applications in queryset that match query, best match first (annotated ``rank``).

    The words must all appear (in any of the fields); "a phrase" in quotes must appear as
    written, and -word excludes. A query without any word returns the queryset unchanged.
    """
    query = (query or "")[:MAX_QUERY].strip()
    if not re.search(r"\w", query):
        return queryset
    if not parse_terms(query)[0]:
        # Only exclusions ("-sales"): no index can find what lacks a word, so nothing matches.
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return _search_postgres(queryset, query)
    return _search_substrings(queryset, query)


def _search_postgres(queryset: QuerySet[Application], text: str) -> QuerySet[Application]:
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    matches = queryset.filter(search_vector=query)
    # The newest matches first: with few matches PostgreSQL reads them from the GIN index and
    # sorts them; with very many it walks the date index and stops after RANK_LIMIT.
    newest = matches.order_by("-created").values("pk")[:RANK_LIMIT]
    rank = SearchRank(F("search_vector"), query, weights=WEIGHTS)
    return queryset.filter(pk__in=newest).annotate(rank=rank).order_by("-rank", "-created", "-pk")


_TERM = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')


def parse_terms(text: str) -> tuple[list[str], list[str]]:
    """Split a query into the terms to find and the terms to exclude ("quoted phrases" kept whole)."""
    wanted, excluded = [], []
    for minus_phrase, phrase, minus_word, word in _TERM.findall(text):
        term = (phrase or word).strip()
        if not re.search(r"\w", term) or term.lower() == "or":
            continue
        (excluded if (minus_phrase or minus_word) else wanted).append(term)
    return wanted[:10], excluded[:10]


def _term_filters(term: str) -> tuple[Q, Q, Q]:
    noted = Note.objects.filter(text__icontains=term).values("application_id")
    return Q(name__icontains=term) | Q(email__icontains=term), Q(pk__in=noted), Q(cv_text__icontains=term)


def _search_substrings(queryset: QuerySet[Application], text: str) -> QuerySet[Application]:
    wanted, excluded = parse_terms(text)
    if not wanted:
        return queryset.none()
    rank: Any = Value(0.0)
    for term in wanted:
        head, notes, cv = _term_filters(term)
        queryset = queryset.filter(head | notes | cv)
        rank = (
            rank
            + Case(When(head, then=Value(WEIGHTS[3])), default=Value(0.0))
            + Case(When(notes, then=Value(WEIGHTS[2])), default=Value(0.0))
            + Case(When(cv, then=Value(WEIGHTS[1])), default=Value(0.0))
        )
    for term in excluded:
        head, notes, cv = _term_filters(term)
        queryset = queryset.exclude(head | notes | cv)
    return queryset.annotate(rank=ExpressionWrapper(rank, output_field=FloatField())).order_by(
        "-rank", "-created", "-pk"
    )


def search_document() -> SearchVector:
    """Return the expression that builds an application's search document from its row and notes."""
    notes = (
        Note.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(text=StringAgg("text", " "))
        .values("text")
    )
    return (
        SearchVector("name", "email", config=CONFIG, weight="A")
        + SearchVector(Coalesce(Subquery(notes), Value(""), output_field=TextField()), config=CONFIG, weight="B")
        + SearchVector("cv_text", config=CONFIG, weight="C")
    )


def search_refresh(pks: Iterable[int] | None = None, *, using: str = "default") -> int:
    """Rebuild the search document of the given applications (all when pks is None).

    Call it after changing names, CV text or notes with queryset.update() or bulk_update(),
    which send no signals. Returns the number of applications updated (0 off PostgreSQL).
    """
    if connections[using].vendor != "postgresql":
        return 0
    rows = Application.objects.using(using)
    if pks is not None:
        rows = rows.filter(pk__in=list(pks))
    return rows.update(search_vector=search_document())


_SEARCHED = {"name", "email", "cv_text"}


@receiver(post_save, sender=Application, dispatch_uid="search_application_saved")
def _application_saved(sender, instance: Application, update_fields=None, using="default", **kwargs) -> None:
    if update_fields is None or _SEARCHED & set(update_fields):
        search_refresh([instance.pk], using=using)


@receiver(post_save, sender=Note, dispatch_uid="search_note_saved")
@receiver(post_delete, sender=Note, dispatch_uid="search_note_deleted")
def _note_changed(sender, instance: Note, using="default", **kwargs) -> None:
    search_refresh([instance.application_id], using=using)
