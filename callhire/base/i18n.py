"""The language content is written in for the current request."""

from __future__ import annotations

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("en", "ms")


def content_language() -> str:
    """Return the active language if callhire writes content in it (en, ms), else English."""
    lang = get_language() or "en"
    return lang if lang in CONTENT_LANGUAGES else "en"
