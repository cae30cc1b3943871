"""Spoken test audio made on the spot with Debian's espeak-ng (no recordings are kept in git)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

VOICES = {"en": "en-us", "ms": "ms"}


def speak_wav(text: str, path: Path, *, lang: str = "en", rate: int = 150) -> Path:
    """Write `text` spoken by espeak-ng to a WAV file at `path` and return the path."""
    subprocess.run(  # noqa: S603 - fixed program
        ["espeak-ng", "-v", VOICES[lang], "-s", str(rate), "-w", str(path), text], check=True, capture_output=True
    )
    return path


def webm_from_wav(wav: Path) -> bytes:
    """Encode a WAV as WebM/Opus, the way Chrome's MediaRecorder records."""
    import av  # installed with faster-whisper

    out = io.BytesIO()
    with av.open(str(wav)) as source, av.open(out, "w", format="webm") as target:
        stream = target.add_stream("libopus", rate=48000)
        stream.layout = "mono"
        resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
        for frame in source.decode(audio=0):
            for part in resampler.resample(frame):
                for packet in stream.encode(part):
                    target.mux(packet)
        for part in resampler.resample(None):
            for packet in stream.encode(part):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)
    return out.getvalue()


def spoken_webm(text: str, *, lang: str = "en") -> bytes:
    """Return `text` spoken by espeak-ng as WebM/Opus bytes."""
    with tempfile.TemporaryDirectory() as folder:
        return webm_from_wav(speak_wav(text, Path(folder) / "speech.wav", lang=lang))
