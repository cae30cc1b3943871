"""The interface every speech-recognition backend implements."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Word:
    """One recognised word with its timing (seconds) and the recogniser's probability (0-1)."""

    word: str
    start: float
    end: float
    probability: float


@dataclass
class Recognition:
    """What a backend heard in one recording."""

    text: str
    words: list[Word] = field(default_factory=list)
    # Speech stretches found by voice activity detection, as (start, end) seconds.
    speech: list[tuple[float, float]] = field(default_factory=list)
    # Backend-private work done while recognising (Whisper's encoding of the first 30 s) that
    # ``align`` may reuse for the same audio instead of computing it again.
    reuse: object = field(default=None, repr=False, compare=False)


class SpeechBackend:
    """A speech recogniser the voice test can use (subclass it and register it in ``BACKENDS``).

    A backend is built once per process by ``get_backend`` and then shared, so ``transcribe``
    and ``align`` must be safe to call from several threads at once (a lock is enough).
    Nothing may be downloaded at run time: a backend loads weights that are installed with a
    package and checks them by hash.
    """

    #: The name a setting uses to pick this backend, e.g. ``whisper-tiny.en``.
    name: str = ""
    #: Languages (ISO 639-1) the backend recognises and can score; the web side offers voice
    #: items only in these (an English-only model must not be handed a Malay script).
    languages: tuple[str, ...] = ()

    def transcribe(self, audio: np.ndarray, language: str) -> Recognition:
        """Return the words heard in 16 kHz mono audio, with timings, probabilities and speech stretches."""
        raise NotImplementedError

    def align(
        self,
        audio: np.ndarray,
        words: list[str],
        language: str,
        starts: list[float] | None = None,
        heard: Recognition | None = None,
    ) -> list[float]:
        """Return, for each of ``words`` (the script), how probable the recogniser finds it in the audio (0-1).

        ``starts`` estimates when each word was said (seconds), for backends that must cut long audio.
        ``heard`` is what ``transcribe`` returned for the same audio, so a backend can reuse its work.

        This is forced alignment: the recogniser is told what should have been said and reports
        how well the sound supports each word, which is evidence of pronunciation that free
        recognition (which guesses the likeliest sentence) hides.
        """
        raise NotImplementedError
