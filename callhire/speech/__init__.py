"""Speech scoring for the voice test: plain Python, no Django.

    from callhire.speech import score_recording, check_audio, SpeechError

``check_audio(path)`` is fast (no recognition) and tells an upload form whether a recording is
usable; ``score_recording(path, kind=..., script=..., keywords=...)`` recognises the speech with
the backend chosen by ``CALLHIRE_SPEECH_BACKEND`` and returns every metric with clarity, fluency
and overall scores (0-100); ``scoring_languages()`` says which languages it can score, without
loading a model. See docs/speech.md.
"""

from __future__ import annotations

from callhire.speech.audio import SpeechError, check_audio
from callhire.speech.backends import get_backend, scoring_languages
from callhire.speech.scoring import score_recording

__all__ = ["SpeechError", "check_audio", "get_backend", "score_recording", "scoring_languages"]
