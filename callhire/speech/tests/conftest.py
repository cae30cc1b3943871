from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from callhire.speech import testaudio

SCRIPT = "Thank you for calling Acme support. My name is Sam and I will help you with your order today."
MISREAD = "Thank you for calling Acme. My name is Sam and I will take your parcel tomorrow."
ANSWER = "I am sorry your parcel is late. I will send you a refund today."


def record_like_a_browser(samples: np.ndarray, path: Path, container: str, codec: str) -> Path:
    """Encode 16 kHz samples as MediaRecorder would: webm/opus, ogg/opus or (Safari) mp4/aac at 48 kHz."""
    import av

    with av.open(str(path), "w", format=container) as out:
        stream: Any = out.add_stream(codec, rate=48000)  # an audio stream; PyAV types it as any kind
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray((samples * 32767).astype(np.int16)[None, :], format="s16", layout="mono")
        frame.sample_rate = 16000
        # Encoders take fixed-size frames (AAC: 1024 samples); the resampler cuts them.
        resampler = av.AudioResampler(
            format=stream.format.name, layout="mono", rate=48000, frame_size=stream.codec_context.frame_size or None
        )
        written = 0
        for resampled in resampler.resample(frame) + resampler.resample(None):
            resampled.pts, written = written, written + resampled.samples  # mp4 needs timestamps
            for packet in stream.encode(resampled):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


@pytest.fixture(scope="session")
def clips(tmp_path_factory) -> dict[str, Path]:
    """Recordings made once per session: the script read well, misread, with long pauses, noisy, clipped, silent."""
    if not testaudio.available():
        pytest.skip("espeak-ng and sox are needed (make sysdeps)")
    folder = tmp_path_factory.mktemp("speech")
    clean = testaudio.speak(folder / "clean.wav", SCRIPT)
    return {
        "clean": clean,
        "misread": testaudio.speak(folder / "misread.wav", MISREAD),
        "pauses": testaudio.speak(folder / "pauses.wav", SCRIPT, pauses={3: 2.0, 7: 1.5, 13: 2.5}),
        "noisy": testaudio.noisy(clean, folder / "noisy.wav", level=0.5),
        "clipped": testaudio.louder(clean, folder / "clipped.wav"),
        "silent": testaudio.silence(folder / "silent.wav"),
        "answer": testaudio.speak(folder / "answer.wav", ANSWER),
    }


@pytest.fixture(scope="session")
def scored(clips) -> dict[str, dict[str, Any]]:
    """Each spoken clip scored once per session against the script (the model loads once)."""
    from callhire.speech import score_recording

    results = {
        name: score_recording(clips[name], kind="read", script=SCRIPT)
        for name in ("clean", "misread", "pauses", "noisy")
    }
    results["answer"] = score_recording(clips["answer"], kind="call", keywords=["sorry", "refund", "tracking number"])
    return results
