"""Throughput of the voice test's scorer: recordings per minute per worker, real-time factor, latency.

    .venv/bin/python bench/bench_speech.py [--count 30] [--backend whisper-tiny.en] [DIR]

Scores COUNT read-aloud recordings of the rated dev set in DIR (default ../shared/speech-dev) one
after another in one process, as one worker would, then a 60-second answer made by joining dev
recordings, read aloud (with its script) and as a free call answer. The model is loaded first, as
a running worker has it loaded. Prints figures and the load average; not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from callhire.speech import get_backend, score_recording  # noqa: E402
from callhire.speech.audio import SAMPLE_RATE, load_audio  # noqa: E402


def default_dir() -> Path:
    for candidate in (ROOT.parent / "shared" / "speech-dev", Path("/work/shared/speech-dev")):
        if (candidate / "labels.tsv").is_file():
            return candidate
    raise SystemExit("no rated recordings found; pass a directory holding labels.tsv and wav/")


def write_wav(path: Path, audio: np.ndarray) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?", type=Path)
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--backend")
    args = ap.parse_args()
    folder = args.dir or default_dir()
    with (folder / "labels.tsv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))[: args.count]

    print(f"machine: {os.cpu_count()} CPUs; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    started = time.perf_counter()
    backend = get_backend(args.backend)
    print(f"backend {backend.name}: loaded and hash-checked in {time.perf_counter() - started:.2f} s")

    # Count the Whisper encoder's passes (the bulk of the cost): one per short clip once reused.
    encodes = [0]
    model = getattr(backend, "model", None)
    if model is not None and hasattr(model, "encode"):
        encode = model.encode

        def counted(features):
            encodes[0] += 1
            return encode(features)

        model.encode = counted

    seconds, audio_seconds = [], 0.0
    cpu = time.process_time()
    for row in rows:
        path = folder / "wav" / f"{row['id']}.wav"
        t = time.perf_counter()
        result = score_recording(path, kind="read", script=row["script"], backend=backend)
        seconds.append(time.perf_counter() - t)
        audio_seconds += result["duration"]
    cpu = time.process_time() - cpu
    total = sum(seconds)
    print(
        f"{len(rows)} read-aloud recordings ({audio_seconds / len(rows):.1f} s each on average): "
        f"{len(rows) / total * 60:.1f} recordings/minute/worker, real-time factor {total / audio_seconds:.3f}, "
        f"median {statistics.median(seconds):.2f} s, slowest {max(seconds):.2f} s"
    )
    # On a busy machine wall time mostly measures the queue for the CPU; CPU time (all threads) does not.
    # A free worker's wall time lies between CPU time / threads and CPU time.
    print(
        f"  CPU time: {cpu / len(rows):.2f} s a recording, {cpu / audio_seconds:.3f} CPU-seconds per second of audio "
        f"(= {len(rows) / cpu * 60:.1f} recordings per CPU-minute)"
    )
    if model is not None:
        print(f"  encoder passes: {encodes[0] / len(rows):.2f} a recording")

    # A 60-second answer: dev recordings joined with half-second gaps, as one long reading.
    pieces, scripts, length = [], [], 0.0
    all_rows = list(csv.DictReader((folder / "labels.tsv").open(encoding="utf-8"), delimiter="\t"))
    for row in all_rows:
        if length >= 60:
            break
        audio = load_audio(folder / "wav" / f"{row['id']}.wav")
        pieces += [audio, np.zeros(SAMPLE_RATE // 2, dtype=np.float32)]
        scripts.append(row["script"])
        length += audio.size / SAMPLE_RATE + 0.5
    joined = np.concatenate(pieces)[: 60 * SAMPLE_RATE]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answer60.wav"
        write_wav(path, joined)
        for kind, script in (("read", " ".join(scripts)), ("call", "")):
            t, c = time.perf_counter(), time.process_time()
            result = score_recording(path, kind=kind, script=script, keywords=["sorry", "refund"], backend=backend)
            took, cpu = time.perf_counter() - t, time.process_time() - c
            print(
                f"60-second answer scored as {kind}: {took:.2f} s from upload to scores "
                f"(real-time factor {took / result['duration']:.3f}; {len(result['words'])} words; CPU time {cpu:.2f} s)"
            )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
