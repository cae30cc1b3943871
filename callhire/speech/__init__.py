"""Placeholder for the speech core, written on another branch; the lead replaces this file at merge.

It only states the contract the web side is coded against. Every call raises NotImplementedError.
"""

from __future__ import annotations

from typing import Any


class SpeechError(Exception):
    """The audio cannot be scored (unreadable or empty); the message says why."""


def check_audio(path: Any) -> dict[str, Any]:
    raise NotImplementedError("callhire.speech is provided by the speech branch")


def score_recording(
    path: Any, *, kind: str = "read", script: str = "", keywords: Any = (), language: str = "en", backend: Any = None
) -> dict[str, Any]:
    raise NotImplementedError("callhire.speech is provided by the speech branch")
