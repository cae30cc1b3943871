"""Throughput of the posting reader: postings per second on one core.

    .venv/bin/python bench/bench_reader.py [--seconds 5] [DIR]

Reads every *.txt posting in DIR (default: the dev set in ../shared/postings-dev, else the test
postings), then runs read_posting over them round-robin for a few seconds. Not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from callhire.postings.reader import read_posting  # noqa: E402
from callhire.postings.reader.extract import Reader  # noqa: E402
from callhire.postings.reader.rules import rules  # noqa: E402


def default_dir() -> Path:
    for candidate in (
        ROOT.parent / "shared" / "postings-dev",
        Path("/work/shared/postings-dev"),
        ROOT / "callhire" / "postings" / "tests" / "postings",
    ):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise SystemExit("no postings found; pass a directory")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?", type=Path)
    ap.add_argument("--seconds", type=float, default=5.0)
    args = ap.parse_args()
    folder = args.dir or default_dir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no *.txt in {folder}")
    words = statistics.mean(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    rules()  # compile the packs once, as a server does at start
    compile_ms = (time.perf_counter() - t0) * 1000
    for t in texts:  # warm up
        read_posting(t)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        read_posting(texts[n % len(texts)])
        n += 1
    elapsed = time.perf_counter() - start
    big = "\n".join(texts) * max(1, 200_000 // max(1, sum(len(t) for t in texts)))
    t1 = time.perf_counter()
    Reader(big[:900_000], "en").run()
    big_s = time.perf_counter() - t1
    print(f"postings: {len(texts)} from {folder} (mean {words:.0f} words)")
    print(f"rule compile: {compile_ms:.0f} ms (once per process)")
    print(f"throughput: {n / elapsed:.1f} postings/s on one core ({elapsed / n * 1000:.2f} ms per posting)")
    print(f"one {min(len(big), 900_000):,}-character text: {big_s:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
