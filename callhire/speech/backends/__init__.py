"""Speech-recognition backends, chosen by name like Django's session backends.

``get_backend()`` returns the backend named by the environment variable
``CALLHIRE_SPEECH_BACKEND`` (default ``whisper-tiny.en``), built once per process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from callhire.speech.backends.base import Recognition, SpeechBackend, Word

DEFAULT_BACKEND = "whisper-tiny.en"


def _whisper_tiny_en() -> SpeechBackend:
    from callhire.speech.backends.whisper import tiny_en

    return tiny_en()


#: Name -> factory. A factory imports its engine late, so listing backends costs nothing.
BACKENDS: dict[str, Callable[[], SpeechBackend]] = {
    "whisper-tiny.en": _whisper_tiny_en,
}

#: Name -> the languages (ISO 639-1) the backend can score, known without loading it, so a web
#: process picks voice items the worker will be able to score. Each backend declares the same.
LANGUAGES: dict[str, tuple[str, ...]] = {
    "whisper-tiny.en": ("en",),
}

_cache: dict[str, SpeechBackend] = {}
_lock = threading.Lock()


def backend_name(name: str | None = None) -> str:
    """Return the backend a call would use: ``name``, else ``CALLHIRE_SPEECH_BACKEND``, else the default."""
    return name or os.environ.get("CALLHIRE_SPEECH_BACKEND") or DEFAULT_BACKEND


def scoring_languages(name: str | None = None) -> tuple[str, ...]:
    """Return the languages the (configured) backend can score, without loading its model."""
    from callhire.speech.audio import SpeechError

    name = backend_name(name)
    if name not in LANGUAGES:
        raise SpeechError(f"unknown speech backend {name!r}; known: {', '.join(sorted(BACKENDS))}")
    return LANGUAGES[name]


def get_backend(name: str | None = None) -> SpeechBackend:
    """Return the named backend (default: ``CALLHIRE_SPEECH_BACKEND``), loading it on first use."""
    from callhire.speech.audio import SpeechError

    name = backend_name(name)
    if name not in BACKENDS:
        raise SpeechError(f"unknown speech backend {name!r}; known: {', '.join(sorted(BACKENDS))}")
    with _lock:  # two threads asking at once must not load the model twice
        if name not in _cache:
            _cache[name] = BACKENDS[name]()
        return _cache[name]


__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "LANGUAGES",
    "Recognition",
    "SpeechBackend",
    "Word",
    "backend_name",
    "get_backend",
    "scoring_languages",
]
