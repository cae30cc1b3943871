"""Score one recording: recognise it, measure it, and turn the measures into 0-100 scores."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import numpy as np

from callhire.speech import calibration, metrics
from callhire.speech.alignment import align_words
from callhire.speech.audio import SpeechError, load_audio, measure_audio
from callhire.speech.backends import SpeechBackend, get_backend
from callhire.speech.text import normalize

KINDS = ("read", "call")


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def measure(
    audio: np.ndarray,
    *,
    kind: str = "read",
    script: str = "",
    keywords: Iterable[str] = (),
    language: str = "en",
    backend: SpeechBackend | str | None = None,
) -> dict[str, Any]:
    """Return every metric of decoded 16 kHz audio (no scores); raise SpeechError if it cannot be measured."""
    if kind not in KINDS:
        raise SpeechError(f"unknown kind {kind!r}; use 'read' or 'call'")
    engine = backend if isinstance(backend, SpeechBackend) else get_backend(backend)
    if language not in engine.languages:
        raise SpeechError(
            f"the speech backend {engine.name} recognises {', '.join(engine.languages)} only, not {language!r}"
        )
    script_words = normalize(script) if kind == "read" else []
    if kind == "read" and not script_words:
        raise SpeechError("a read-aloud recording needs the script that was read")
    checked = measure_audio(audio)
    if checked["silent"]:
        raise SpeechError("the recording is silent: no speech was heard")
    heard = engine.transcribe(audio, language)
    if not heard.words:
        raise SpeechError("no speech was heard in the recording")
    heard_words = normalize(heard.text)
    pauses = metrics.measure_pauses(heard.speech, heard.words)
    result: dict[str, Any] = {
        "model": engine.name,
        "language": language,
        "kind": kind,
        "duration": checked["duration"],
        "transcript": heard.text,
        "words": [{"word": w.word, "start": w.start, "end": w.end, "probability": w.probability} for w in heard.words],
        "wer": None,
        "errors": [],
        "script_probability": None,
        "wpm": round(metrics.words_per_minute(len(heard_words), pauses.answer_seconds), 1),
        "pause_ratio": round(pauses.ratio, 3),
        "longest_pause": round(pauses.longest, 2),
        "long_pauses": pauses.long_count,
        "confidence": round(metrics.confidence(heard.words), 3),
        "addressed": None,
        "keywords_found": [],
        "keywords_missed": [],
        "answer_seconds": round(pauses.answer_seconds, 2),
        "clipped": checked["clipped"],
    }
    if kind == "read":
        edits, matched = align_words(script_words, heard_words)
        result["wer"] = round(len(edits) / len(script_words), 3)
        result["errors"] = [
            {"op": e.op, "expected": e.expected, "heard": e.heard, "position": e.position} for e in edits
        ]
        # Forced alignment uses the script as written (lower case, punctuation kept), not the normalised
        # words: a speaker who reads "it's" says "it's", not "it is".
        written = script.lower().split()
        starts = _script_starts(matched, heard_words, heard.words, len(script_words))
        if starts is not None and len(written) != len(script_words):
            starts = [starts[min(int(i * len(starts) / len(written)), len(starts) - 1)] for i in range(len(written))]
        probs = engine.align(audio, written, language, starts, heard=heard)
        result["script_probability"] = round(float(np.mean(probs)), 3) if probs else 0.0
    else:
        keyword_list = [k for k in keywords if k.strip()]
        found, missed = metrics.find_keywords(keyword_list, heard.text)
        result["keywords_found"], result["keywords_missed"] = found, missed
        result["addressed"] = round(len(found) / len(keyword_list), 3) if keyword_list else None
    return result


def _script_starts(
    matched: list[int | None], heard_words: list[str], words: list[Any], count: int
) -> list[float] | None:
    """Estimate when each script word was said, from the transcript words it matched, to window long scripts."""
    if not words:
        return None
    # The recogniser's words and the normalised words differ in number ("42" -> "forty two"); map by share.
    per_norm = [
        words[min(int(i * len(words) / max(len(heard_words), 1)), len(words) - 1)].start
        for i in range(len(heard_words))
    ]
    starts: list[float] = []
    last = 0.0
    for i in range(count):
        j = matched[i]
        if j is not None and j < len(per_norm):
            last = per_norm[j]
        starts.append(last)
    return starts


def score_recording(
    path: str | os.PathLike[str],
    *,
    kind: str = "read",
    script: str = "",
    keywords: Iterable[str] = (),
    language: str = "en",
    backend: SpeechBackend | str | None = None,
) -> dict[str, Any]:
    """Recognise and score one recording; return a JSON-serialisable dict (see docs/speech.md).

    ``kind`` is "read" (the candidate read ``script`` aloud) or "call" (a free answer to a sample
    call, checked for ``keywords``). Raises SpeechError, with a message fit to show, for audio that
    is unreadable, empty or silent, or in a language the backend does not recognise.
    """
    audio = load_audio(path)
    result = measure(audio, kind=kind, script=script, keywords=keywords, language=language, backend=backend)
    result.update(calibration.scores(result))
    result["explanations"] = explain(result)
    return result


def explain(r: dict[str, Any]) -> dict[str, str]:
    """Return one plain-English sentence per metric saying what it measured in this recording."""
    out = {
        "transcript": f"What the speech recogniser ({r['model']}) heard, {len(r['words'])} words.",
        "wpm": f"Spoke {r['wpm']:.0f} words a minute over {r['answer_seconds']:.1f} seconds of answer, pauses included.",
        "pause_ratio": f"Silent pauses of a quarter second or more took up {_pct(r['pause_ratio'])} of the answer.",
        "longest_pause": f"The longest pause inside the answer lasted {r['longest_pause']:.1f} seconds.",
        "long_pauses": f"{r['long_pauses']} pauses lasted a second or more.",
        "confidence": f"The recogniser was on average {_pct(r['confidence'])} sure of each word it heard; "
        "unclear speech and noise lower it.",
        "answer_seconds": f"The answer lasted {r['answer_seconds']:.1f} seconds from first to last word.",
        "clarity": "How clearly the words were pronounced, on a 0-100 scale calibrated against expert ratings; "
        "an accent as such does not lower it.",
        "fluency": "How smoothly the candidate spoke (rate and pauses), 0-100, calibrated against expert ratings.",
        "overall": "Clarity and fluency together, 0-100, calibrated against experts' overall ratings.",
    }
    if r["kind"] == "read":
        missed = sum(1 for e in r["errors"] if e["op"] == "missed")
        added = sum(1 for e in r["errors"] if e["op"] == "added")
        changed = sum(1 for e in r["errors"] if e["op"] == "changed")
        out["wer"] = (
            f"{_pct(r['wer'])} of the script's words were read differently: "
            f"{missed} missed, {added} added, {changed} changed."
        )
        out["script_probability"] = (
            f"Told what the script says, the recogniser found the sound matched its words {_pct(r['script_probability'])} "
            "of the time on average."
        )
    else:
        if r["addressed"] is None:
            out["addressed"] = "No keywords were set for this call, so whether the answer addressed it was not checked."
        else:
            out["addressed"] = (
                f"The answer used {len(r['keywords_found'])} of the "
                f"{len(r['keywords_found']) + len(r['keywords_missed'])} keywords the employer set."
            )
    return out
