"""Make recordings for tests with espeak-ng and sox (Debian packages; `make sysdeps` installs them).

Speech synthesis stands in for a candidate: it reads exactly what it is given, so a test controls
what was said, how fast and where the pauses fall.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

RATE = 16_000


def available() -> bool:
    """Return whether espeak-ng and sox are installed."""
    return bool(shutil.which("espeak-ng") and shutil.which("sox"))


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=60)


def speak(
    path: Path, text: str, *, wpm: int = 150, pauses: dict[int, float] | None = None, voice: str = "en-us"
) -> Path:
    """Write ``text`` spoken at ``wpm`` as 16 kHz mono WAV; ``pauses`` maps a word index to seconds of silence before it."""
    words = text.split()
    parts = []
    for i, word in enumerate(words):
        if pauses and i in pauses:
            parts.append(f'<break time="{int(pauses[i] * 1000)}ms"/>')
        parts.append(escape(word))
    raw = path.with_suffix(".raw.wav")
    _run("espeak-ng", "-m", "-v", voice, "-s", str(wpm), "-w", str(raw), f"<speak>{' '.join(parts)}</speak>")
    # Half a second of room tone either side, as a real recording has.
    _run("sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(path), "pad", "0.5", "0.5")
    raw.unlink()
    return path


def silence(path: Path, seconds: float = 3.0) -> Path:
    """Write digital silence."""
    _run("sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(path), "trim", "0", str(seconds))
    return path


def louder(source: Path, path: Path, db: float = 30.0) -> Path:
    """Write ``source`` amplified by ``db`` decibels, clipping it the way an overdriven microphone does."""
    _run("sox", str(source), str(path), "gain", str(db))
    return path


def noisy(source: Path, path: Path, level: float = 0.3) -> Path:
    """Write ``source`` mixed with white noise of the given amplitude (0-1)."""
    seconds = subprocess.run(("soxi", "-D", str(source)), check=True, capture_output=True, text=True).stdout.strip()
    noise = path.with_suffix(".noise.wav")
    _run(
        "sox",
        "-n",
        "-r",
        str(RATE),
        "-c",
        "1",
        "-b",
        "16",
        str(noise),
        "synth",
        seconds,
        "whitenoise",
        "vol",
        str(level),
    )
    _run("sox", "-m", str(source), str(noise), str(path))
    noise.unlink()
    return path
