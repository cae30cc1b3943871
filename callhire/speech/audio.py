"""Read a recording and check it is usable before any recognition runs."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

SAMPLE_RATE = 16_000
MAX_SECONDS = 600  # ten minutes: far longer than any voice-test answer; stops a huge file eating a worker
MIN_SECONDS = 1.0
# A recording whose loudest stretch is quieter than this holds no speech: a muted or unplugged microphone.
SILENT_DB = -45.0
# Samples this close to full scale are clipped; a few are normal for a loud voice, a share this big is not.
CLIP_LEVEL = 0.985
CLIP_SHARE = 0.002


class SpeechError(Exception):
    """A recording that cannot be scored; the message says why in plain words."""


def load_audio(path: str | os.PathLike[str]) -> np.ndarray:
    """Decode any format the browser records (WAV, webm/opus, ogg/opus, mp4/aac) to 16 kHz mono float32."""
    from faster_whisper.audio import decode_audio  # PyAV; imported late so `import callhire.speech` stays light

    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise SpeechError(f"{path}: no such file") from None
    except OSError as exc:
        raise SpeechError(f"{path}: {exc.strerror}") from None
    if size == 0:
        raise SpeechError("the recording is empty (0 bytes)")
    try:
        audio = decode_audio(os.fspath(path), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many kinds (InvalidDataError, ValueError, IndexError) for bad input
        raise SpeechError(f"the file is not audio that can be read ({type(exc).__name__})") from None
    if not isinstance(audio, np.ndarray) or audio.size == 0:
        raise SpeechError("the recording holds no sound")
    if audio.size > MAX_SECONDS * SAMPLE_RATE:
        raise SpeechError(f"the recording is longer than {MAX_SECONDS // 60} minutes")
    return audio


def measure_audio(audio: np.ndarray) -> dict[str, Any]:
    """Return duration, peak, loudness and the problem, if any, of decoded audio."""
    duration = audio.size / SAMPLE_RATE
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if audio.size else 0.0
    rms_db = 20 * np.log10(max(rms, 1e-10))
    # Loudness of the loudest tenth of 50 ms frames: speech with long pauses still counts as speech.
    frame = SAMPLE_RATE // 20
    n = audio.size // frame
    if n:
        frames = audio[: n * frame].reshape(n, frame).astype(np.float64)
        frame_db = 10 * np.log10(np.maximum(np.mean(frames**2, axis=1), 1e-20))
        active_db = float(np.percentile(frame_db, 90))
    else:
        active_db = rms_db
    silent = active_db < SILENT_DB
    clipped = bool(audio.size) and float(np.mean(np.abs(audio) >= CLIP_LEVEL)) > CLIP_SHARE
    problem = ""
    if silent:
        problem = "silent"
    elif duration < MIN_SECONDS:
        problem = "too_short"
    elif clipped:
        problem = "clipped"
    return {
        "duration": round(duration, 3),
        "peak": round(peak, 4),
        "rms_db": round(float(rms_db), 1),
        "silent": bool(silent),
        "clipped": bool(clipped),
        "problem": problem,
    }


def check_audio(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Check a recording without recognising it: readable, long enough, not silent, not clipped.

    Never raises for bad input: an unreadable file gives ``problem == "unreadable"`` and a
    ``message`` saying why, so an upload form can answer at once.
    """
    try:
        audio = load_audio(path)
    except SpeechError as exc:
        return {
            "duration": 0.0,
            "peak": 0.0,
            "rms_db": -200.0,
            "silent": True,
            "clipped": False,
            "problem": "unreadable",
            "message": str(exc),
        }
    return measure_audio(audio)
