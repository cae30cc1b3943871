from __future__ import annotations

import numpy as np
import pytest

from callhire.speech import SpeechError, check_audio
from callhire.speech.audio import load_audio, measure_audio
from callhire.speech.tests.conftest import record_like_a_browser


def test_it_passes_a_clear_recording(clips):
    result = check_audio(clips["clean"])
    assert result["problem"] == ""
    assert not result["silent"] and not result["clipped"]
    assert 4 < result["duration"] < 12
    assert 0.05 < result["peak"] < 0.985
    assert -40 < result["rms_db"] < -3


def test_it_catches_silence(clips):
    result = check_audio(clips["silent"])
    assert result["silent"] and result["problem"] == "silent"


def test_it_catches_clipping(clips):
    result = check_audio(clips["clipped"])
    assert result["clipped"] and result["problem"] == "clipped"
    assert result["peak"] > 0.98


def test_it_calls_a_half_second_too_short():
    tone = (0.3 * np.sin(np.arange(8000) * 2 * np.pi * 220 / 16000)).astype(np.float32)
    assert measure_audio(tone)["problem"] == "too_short"


def test_it_reports_an_unreadable_file_without_raising(tmp_path):
    path = tmp_path / "answer.wav"
    path.write_text("this is not audio")
    result = check_audio(path)
    assert result["problem"] == "unreadable"
    assert "not audio" in result["message"]


def test_it_reports_an_empty_and_a_missing_file(tmp_path):
    empty = tmp_path / "empty.webm"
    empty.write_bytes(b"")
    assert check_audio(empty)["problem"] == "unreadable"
    assert "no such file" in check_audio(tmp_path / "gone.wav")["message"]


def test_load_audio_raises_a_speech_error_for_garbage(tmp_path):
    path = tmp_path / "x.ogg"
    path.write_bytes(b"OggS" + bytes(range(256)) * 20)
    with pytest.raises(SpeechError, match="not audio"):
        load_audio(path)


@pytest.mark.parametrize(
    ("suffix", "container", "codec"), [(".webm", "webm", "libopus"), (".ogg", "ogg", "libopus"), (".m4a", "mp4", "aac")]
)
def test_it_reads_what_browsers_record(clips, tmp_path, suffix, container, codec):
    """MediaRecorder makes webm/opus (Chrome, Firefox), ogg/opus or mp4/aac (Safari)."""
    samples = load_audio(clips["clean"])
    path = record_like_a_browser(samples, tmp_path / f"answer{suffix}", container, codec)
    result = check_audio(path)
    assert result["problem"] == ""
    assert abs(result["duration"] - samples.size / 16000) < 0.2
