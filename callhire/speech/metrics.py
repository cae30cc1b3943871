"""Speaking metrics computed from what a backend heard: rate, pauses, confidence, keywords."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callhire.speech.backends.base import Word
from callhire.speech.text import normalize

# A silence of 250 ms or more inside speech is a pause (the usual threshold in fluency research);
# one of 1 s or more is a long pause, the kind a caller notices as dead air.
PAUSE = 0.25
LONG_PAUSE = 1.0
# How far a speech stretch may lie from the nearest word and still belong to the answer.
NEAR = 0.3


@dataclass
class Pauses:
    """The silences inside an answer, from its first to its last spoken sound."""

    answer_seconds: float
    pause_seconds: float
    longest: float
    long_count: int
    count: int

    @property
    def ratio(self) -> float:
        return self.pause_seconds / self.answer_seconds if self.answer_seconds > 0 else 0.0


def answer_speech(speech: Sequence[tuple[float, float]], words: Sequence[Word]) -> list[tuple[float, float]]:
    """Return the speech stretches that carry words, dropping coughs and noise before or after the answer."""
    if not words:
        return list(speech)
    kept = []
    for start, end in speech:
        if any(w.start - NEAR <= end and w.end + NEAR >= start for w in words):
            kept.append((start, end))
    # The recogniser heard words where voice activity detection heard none (very quiet speech): trust the words.
    return kept or [(words[0].start, words[-1].end)]


def measure_pauses(speech: Sequence[tuple[float, float]], words: Sequence[Word]) -> Pauses:
    """Measure pauses as the gaps between speech stretches (voice activity detection) within the answer."""
    stretches = sorted(answer_speech(speech, words))
    if not stretches:
        return Pauses(0.0, 0.0, 0.0, 0, 0)
    gaps = [b[0] - a[1] for a, b in zip(stretches, stretches[1:], strict=False)]
    pauses = [g for g in gaps if g >= PAUSE]
    return Pauses(
        answer_seconds=stretches[-1][1] - stretches[0][0],
        pause_seconds=sum(pauses),
        longest=max(pauses, default=0.0),
        long_count=sum(1 for g in pauses if g >= LONG_PAUSE),
        count=len(pauses),
    )


def words_per_minute(word_count: int, answer_seconds: float) -> float:
    """Return the speaking rate over the whole answer, pauses included (what a listener experiences)."""
    return word_count * 60.0 / answer_seconds if answer_seconds > 0 else 0.0


def confidence(words: Sequence[Word]) -> float:
    """Return the recogniser's mean word probability: how sure it is of what it heard (0-1)."""
    return sum(w.probability for w in words) / len(words) if words else 0.0


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def find_keywords(keywords: Iterable[str], transcript: str) -> tuple[list[str], list[str]]:
    """Return (found, missed) keywords; a keyword may be a phrase, and "refund" also matches "refunded"."""
    heard = [_stem(w) for w in normalize(transcript)]
    found: list[str] = []
    missed: list[str] = []
    for keyword in keywords:
        phrase = [_stem(w) for w in normalize(keyword)]
        if not phrase:
            continue
        n = len(phrase)
        hit = any(heard[i : i + n] == phrase for i in range(len(heard) - n + 1))
        (found if hit else missed).append(keyword)
    return found, missed
