"""Benchmark the screening engine: N synthetic candidates against a 15-requirement profile.

Candidates are made on the fly by a generator (never a list of all of them), screened one by one
in this single process, and only counted. Prints candidates per second and the process's peak
memory at 100,000 candidates and at the end, to show that memory stays flat.

    python bench/bench_screening.py [--count 1000000] [--seed 1] [--tracemalloc]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from callhire.screening.engine import Screener  # noqa: E402
from callhire.screening.profile import Profile, parse_profile  # noqa: E402

TARGET = 100_000  # candidates per second on one core

PROFILE: dict[str, Any] = {
    "title": "Benchmark: inbound customer service agent",
    "job": {"work_arrangement": "hybrid", "employment_type": "employee"},
    "requirements": {
        "min_age": {"level": "required", "value": 18},
        "education": {"level": "required", "value": "high_school"},
        "customer_service_experience_months": {"level": "preferred", "value": 6, "weight": 3},
        "work_authorization": {"level": "required"},
        "speaking_score": {"level": "required", "value": 60},
        "background_check": {"level": "required", "paid_by": "employer"},
        "assessments": {"level": "required", "value": ["personality", "skills", "voice"]},
        "call_center_experience_months": {"level": "preferred", "value": 12, "weight": 2},
        "computer_skills": {"level": "required", "value": ["email", "chat"]},
        "typing_wpm": {"level": "required", "value": 30},
        "languages": {"level": "required", "value": ["en", "ms"]},
        "college": {"level": "preferred", "value": "associate", "weight": 1},
        "internet_download_mbps": {"level": "required", "value": 10},
        "residency": {"level": "preferred", "value": ["Kuala Lumpur", "Selangor"], "weight": 1},
        "availability": {"level": "required", "value": {"weekends": True}},
    },
}

# Small pools of plausible answers; each candidate picks one from every pool. Each required fact
# fails or is missing for about one candidate in sixteen, so about a third come out qualified.
POOLS: dict[str, list[Any]] = {
    "age_years": [18, 19, 21, 22, 24, 27, 29, 31, 35, 38, 45, 52, True, True, True, 17],
    "education": ["high_school"] * 5
    + ["SPM", "SPM", "some_college", "STPM", "Diploma", "associate"]
    + ["bachelor", "bachelor", "master", "ijazah", "none"],
    "customer_service_experience_months": [0, 0, 3, 6, 9, 12, 18, 24, 36, 60, None, 4, 7, 14, 30, 48],
    "work_authorization": [True] * 15 + [False],
    "speaking_score": [60, 62, 64, 66, 68, 71, 73, 75, 78, 80, 84, 88, 90, 92, 95, 48],
    "background_check_passed": [True] * 15 + [None],
    "assessments_completed": [["personality", "skills", "voice"]] * 6
    + [["personality", "skills", "voice", "typing"]] * 5
    + [["voice", "skills", "personality", "sample_call"]] * 4
    + [["personality", "skills"]],
    "call_center_experience_months": [0, 0, 0, 6, 12, 12, 18, 24, 36, 48, None, None, 3, 9, 15, 60],
    "computer_skills": [["email", "chat"]] * 5
    + [["office", "email", "chat", "crm"]] * 5
    + [["chat", "email", "data_entry"]] * 5
    + [["email"]],
    "typing_wpm": [30, 31, 33, 35, 37, 38, 40, 42, 45, 48, 50, 55, 60, 65, 72, 24],
    "languages": [["en", "ms"]] * 6 + [["ms", "en", "ta"]] * 5 + [["en", "ms", "zh"]] * 4 + [["en"]],
    "internet_download_mbps": [10, 12.5, 15, 20, 25, 30, 40, 50, 75, 100, 150, 300, 500, 800, 1000, 4.5],
    "residence": [
        {"city": "Kuala Lumpur", "country": "Malaysia", "postcode": "50088"},
        {"city": "Petaling Jaya", "region": "Selangor", "country": "Malaysia"},
        {"city": "Shah Alam", "region": "Selangor", "country": "Malaysia"},
        {"city": "George Town", "region": "Penang", "country": "Malaysia"},
        {"city": "Johor Bahru", "region": "Johor", "country": "Malaysia"},
        "Kuala Lumpur",
        "Ipoh",
        None,
    ],
    "availability": [{"weekends": True}] * 8
    + [{"weekends": True, "nights": True, "hours_per_week": 40}] * 4
    + [{"weekends": True, "hours_per_week": 20}] * 3
    + [{"weekends": False}],
    # Attributes the engine must never read ride along, as they would in real applications.
    "sex": ["f", "m", "x", None],
    "marital_status": ["single", "married", None, None],
}
MEASURED = ("speaking_score", "assessments_completed", "typing_wpm", "internet_download_mbps")
VERIFIED = {**dict.fromkeys(MEASURED, "measured"), "background_check_passed": "verified"}
SOURCE_VARIANTS: list[dict[str, str]] = [
    VERIFIED,
    VERIFIED,
    VERIFIED,
    {**VERIFIED, "education": "document"},
    {**VERIFIED, "education": "verified", "age_years": "document"},
    {**VERIFIED, "customer_service_experience_months": "document"},
    {**VERIFIED, "residence": "document"},
    {**VERIFIED, "typing_wpm": "declared"},  # a typing speed the candidate only claims: needs review
]


def candidates(count: int, seed: int) -> Iterator[tuple[dict[str, Any], dict[str, str]]]:
    """Yield (facts, sources) for `count` synthetic candidates, one at a time."""
    getrandbits = random.Random(seed).getrandbits
    # Each pool has 4, 8 or 16 answers, so one 64-bit draw picks from all of them by bit fields.
    fields = []
    shift = 0
    for name, pool in POOLS.items():
        bits = len(pool).bit_length() - 1
        assert len(pool) == 1 << bits, name
        fields.append((name, pool, shift, (1 << bits) - 1))
        shift += bits
    assert shift + 3 <= 64
    variants = SOURCE_VARIANTS
    for _ in range(count):
        draw = getrandbits(64)
        facts = {}
        for name, pool, at, mask in fields:
            value = pool[(draw >> at) & mask]
            if value is not None:
                facts[name] = value
        yield facts, variants[(draw >> shift) & 7]


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except OSError:
        return float("nan")


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} CPUs, Python {platform.python_version()} ({platform.python_implementation()})"


def run(
    profile: Profile, count: int, seed: int, checkpoints: set[int], traced: bool
) -> tuple[float, dict[str, int], int]:
    """Screen `count` candidates; return the seconds taken, the verdict counts and the sum of scores."""
    screen = Screener(profile).screen
    seen = dict.fromkeys(("qualified", "needs_review", "not_qualified"), 0)
    score_sum = 0
    done = 0
    start = time.perf_counter()
    for facts, sources in candidates(count, seed):
        result = screen(facts, sources)
        seen[result.verdict] += 1
        score_sum += result.score
        done += 1
        if done in checkpoints:
            elapsed = time.perf_counter() - start
            line = (
                f"  {done:>10,} screened  {elapsed:7.2f} s  {done / elapsed:>9,.0f} candidates/s  "
                f"peak RSS {peak_rss_mb():6.1f} MiB  current RSS {current_rss_mb():6.1f} MiB"
            )
            if traced:
                current, peak = tracemalloc.get_traced_memory()
                line += f"  traced now {current / 1024:,.0f} KiB, peak {peak / 1024:,.0f} KiB"
            print(line, flush=True)
    return time.perf_counter() - start, seen, score_sum


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1_000_000, help="candidates to screen (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the synthetic candidates")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python allocations (several times slower)"
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")

    profile = parse_profile(PROFILE)
    assert len(profile.rules) == 15
    print(f"callhire screening benchmark: {args.count:,} candidates, {len(profile.rules)} requirements")
    print(f"machine: {machine()}")
    if args.tracemalloc:
        tracemalloc.start()
    checkpoints = {n for n in (10_000, 100_000, 250_000, 500_000) if n < args.count} | {args.count}

    # What making the synthetic candidates costs alone, so the engine's own rate can be told apart.
    sample = min(args.count, 200_000)
    start = time.perf_counter()
    for _ in candidates(sample, args.seed):
        pass
    generate = (time.perf_counter() - start) / sample

    elapsed, verdicts, score_sum = run(profile, args.count, args.seed, checkpoints, args.tracemalloc)
    rate = args.count / elapsed
    engine_rate = args.count / max(elapsed - generate * args.count, 1e-9)
    print()
    print(f"screened {args.count:,} candidates in {elapsed:.2f} s on one core")
    print(f"  end to end (generate + screen): {rate:>10,.0f} candidates/s  ({1e6 / rate:.2f} µs each)")
    print(f"  screening alone (estimated):    {engine_rate:>10,.0f} candidates/s  ({1e6 / engine_rate:.2f} µs each)")
    print(f"  generating alone:               {1 / generate:>10,.0f} candidates/s  ({generate * 1e6:.2f} µs each)")
    print(f"  target {TARGET:,}/s: {'met' if rate >= TARGET else 'NOT met'} end to end")
    shares = ", ".join(f"{name} {n / args.count:.1%}" for name, n in verdicts.items())
    print(f"  verdicts: {shares}; mean score {score_sum / args.count:.1f}")
    print(f"  peak RSS {peak_rss_mb():.1f} MiB, current RSS {current_rss_mb():.1f} MiB")
    if args.tracemalloc:
        current, peak = tracemalloc.get_traced_memory()
        print(f"  traced Python memory now {current / 1024:,.0f} KiB, peak {peak / 1024:,.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
