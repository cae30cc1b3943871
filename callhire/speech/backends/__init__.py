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

_cache: dict[str, SpeechBackend] = {}
_lock = threading.Lock()


def get_backend(name: str | None = None) -> SpeechBackend:
    """Return the named backend (default: ``CALLHIRE_SPEECH_BACKEND``), loading it on first use."""
    from callhire.speech.audio import SpeechError

    name = name or os.environ.get("CALLHIRE_SPEECH_BACKEND") or DEFAULT_BACKEND
    if name not in BACKENDS:
        raise SpeechError(f"unknown speech backend {name!r}; known: {', '.join(sorted(BACKENDS))}")
    with _lock:  # two threads asking at once must not load the model twice
        if name not in _cache:
            _cache[name] = BACKENDS[name]()
        return _cache[name]


__all__ = ["BACKENDS", "DEFAULT_BACKEND", "Recognition", "SpeechBackend", "Word", "get_backend"]
