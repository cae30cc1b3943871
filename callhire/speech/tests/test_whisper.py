"""The Whisper backend: one encoding serves both recognition and the script's alignment of a short clip."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest

from callhire.speech import get_backend, scoring_languages
from callhire.speech.audio import SpeechError, load_audio
from callhire.speech.backends import BACKENDS, LANGUAGES
from callhire.speech.tests.conftest import SCRIPT


@pytest.fixture(scope="module")
def backend():
    return get_backend("whisper-tiny.en")


def test_every_backend_declares_the_languages_it_scores():
    assert set(LANGUAGES) == set(BACKENDS)
    assert scoring_languages() == ("en",)
    with pytest.raises(SpeechError, match="unknown speech backend"):
        scoring_languages("nope")


def test_the_loaded_backend_scores_the_languages_it_declares(backend):
    assert backend.languages == LANGUAGES["whisper-tiny.en"] == ("en",)


def test_a_short_clip_is_encoded_once_for_recognition_and_alignment(clips, backend):
    audio = load_audio(clips["clean"])
    words = SCRIPT.lower().split()
    with mock.patch.object(backend.model, "encode", wraps=backend.model.encode) as encode:
        heard = backend.transcribe(audio, "en")
        reused = backend.align(audio, words, "en", heard=heard)
    assert encode.call_count == 1
    assert heard.words and len(reused) == len(words)
    # The same probabilities as encoding the clip again (threads may add rounding).
    fresh = backend.align(audio, words, "en")
    assert np.allclose(reused, fresh, atol=0.005)
    assert np.mean(reused) > 0.5


def test_an_encoding_is_not_reused_for_other_audio(clips, backend):
    heard = backend.transcribe(load_audio(clips["clean"]), "en")
    other = load_audio(clips["clean"])[::-1].copy()  # same length, other sound
    words = SCRIPT.lower().split()
    assert np.allclose(backend.align(other, words, "en", heard=heard), backend.align(other, words, "en"), atol=0.005)


def test_a_long_answer_is_recognised_with_the_vad_filter_and_aligned_in_windows(clips, backend):
    clip = load_audio(clips["clean"])
    audio = np.concatenate([clip, np.zeros(16000 * 30, dtype=clip.dtype), clip])  # 30 s of silence between
    heard = backend.transcribe(audio, "en")
    assert heard.reuse is None  # two windows: nothing to share
    assert heard.words[0].start < 2 and heard.words[-1].start > 30
    probs = backend.align(audio, (SCRIPT + " " + SCRIPT).lower().split(), "en", None, heard=heard)
    assert len(probs) == 2 * len(SCRIPT.split())
