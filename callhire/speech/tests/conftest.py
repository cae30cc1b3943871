from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from callhire.speech import testaudio

SCRIPT = "Thank you for calling Acme support. My name is Sam and I will help you with your order today."
MISREAD = "Thank you for calling Acme. My name is Sam and I will take your parcel tomorrow."
ANSWER = "I am sorry your parcel is late. I will send you a refund today."


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
