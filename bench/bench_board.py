"""Latency of the recruiter's list, board and candidate page with 1,000,000 applications in PostgreSQL.

    .venv/bin/python bench/bench_board.py [--count 1000000] [--runs 40] [--keep]

Drops and creates the database callhire_board_bench on 127.0.0.1 (or reuses it with --keep
when it already holds --count applications), migrates, and loads --count applications with
COPY: one employer, 40 postings, one of them big (a quarter of all rows), the rest spread
evenly; scores 0-100 (5% unscored), the three verdicts, stages weighted towards the start of
the pipeline, a typing speed for 30%, a residence and languages for all, one application in
fifty sharing a phone number with another. Then VACUUM ANALYZE.

Each page is requested --runs times (after 5 warm-up requests) through Django's test client
in this process, signed in as a recruiter: the whole view, ORM and template, without HTTP or
a web server. It prints p50, p95 and max in milliseconds, the median time the page's
queries spent in the database, and the median CPU time this process used per request (on a
loaded machine, the wall clock minus these two is mostly waiting for a CPU). It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "callhire_board_bench"
os.environ.update(
    {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "DEBUG": "0",
        "SECRET_KEY": "bench",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "callhire.settings",
        "LOG_LEVEL": "WARNING",
    }
)
POSTINGS = 40
TARGET_LIST_P95_MS = 150.0


def recreate_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def seed(count: int) -> tuple[int, list[int]]:
    """Load `count` applications; return the employer's id and the postings' ids, biggest first."""
    import json

    from django.contrib.auth.models import User
    from django.db import connection

    from callhire.base import services
    from callhire.base.models import Employer, Membership, Posting
    from callhire.test import demo_document

    acme = Employer.objects.create(name="Acme Contact", slug="acme")
    user = User.objects.create_user("bench@acme.test", "bench@acme.test", "bench")
    Membership.objects.create(user=user, employer=acme, role=Membership.Role.RECRUITER)
    postings = []
    for n in range(POSTINGS):
        posting = Posting.objects.create(employer=acme, title=f"Agent {n}", status="open")
        services.profile_save(posting, demo_document("inbound-office.yaml"))
        postings.append(posting)
    version_ids = {p.pk: p.current_version().pk for p in postings}
    big = count // 4
    rest = count - big
    rng = random.Random(7)
    stages = ["applied"] * 40 + ["screened"] * 20 + ["assessment"] * 12 + ["interview"] * 8
    stages += ["background_check"] * 3 + ["offer"] * 2 + ["hired"] * 2 + ["rejected"] * 10 + ["withdrawn"] * 3
    verdicts = ["qualified", "needs_review", "not_qualified"]
    regions = ["Selangor", "Johor", "Penang", "Sabah", "Kuala Lumpur", "Perak", "Texas", "Arizona"]
    words = "retail banking telco insurance airline hotel collections billing support sales".split()
    now = datetime.now(UTC)
    columns = (
        "posting_id, name, email, phone, language, stage, stage_changed, rejection_reason, source, token, cv, cv_text, "
        "consent_version, updated, facts, fact_origins, attempts_granted, fact_sources, profile_version_id, "
        "findings, created, id"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.connection.cursor() as raw:
        raw.execute("SELECT COALESCE(max(id), 0) + 1 FROM base_application")
        first_id = raw.fetchone()[0]
        screenings = []  # each application's Screening row
        with raw.copy(f"COPY base_application ({columns}) FROM STDIN") as copy:
            for i in range(count):
                posting = postings[0] if i < big else postings[1 + (i - big) * (POSTINGS - 1) // max(rest, 1)]
                created = now - timedelta(seconds=rng.randrange(365 * 86400))
                stage = rng.choice(stages)
                facts = {
                    "residence": {"country": "Malaysia", "region": rng.choice(regions)},
                    "languages": rng.choice([["en"], ["en", "ms"], ["ms"], ["en", "zh"]]),
                }
                if rng.random() < 0.3:
                    facts["typing_wpm"] = rng.randrange(15, 90)
                # One in fifty shares a phone number with the application before it.
                phone = f"+60 1{(i - 1 if i % 50 == 0 else i) % 10**8:08d}"
                copy.write_row(
                    (
                        posting.pk,
                        f"Candidate {i}",
                        f"c{i}@example.com",
                        phone,
                        rng.choice(["en", "ms"]),
                        stage,
                        created + timedelta(days=rng.randrange(5)),
                        "other" if stage == "rejected" else "",
                        rng.choice(["board", "board", "board", "referral", "api", "careers"]),
                        f"t{i:012d}",
                        "",
                        f"{rng.choice(words)} {rng.choice(words)} experience",
                        "2026-01",
                        created,
                        json.dumps(facts),
                        "{}",
                        "{}",
                        json.dumps(dict.fromkeys(facts, "declared")),
                        version_ids[posting.pk],
                        "[]",
                        created,
                        first_id + i,
                    )
                )
                score = None if rng.random() < 0.05 else rng.randrange(101)
                verdict = (first_id + i, posting.pk, version_ids[posting.pk], rng.choice(verdicts), score, "", "")
                screenings.append(verdict)
        raw.execute(f"SELECT setval(pg_get_serial_sequence('base_application', 'id'), {first_id + count - 1})")
        with raw.copy(
            "COPY base_screening (application_id, posting_id, profile_version_id, verdict, score, previous_verdict, statuses) FROM STDIN"
        ) as copy:
            for row in screenings:
                copy.write_row(row)
    print(f"loaded {count:,} applications in {time.perf_counter() - started:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE base_application")
        cursor.execute("VACUUM ANALYZE base_screening")
    return acme.pk, [p.pk for p in postings]


def database_ms(client, url: str) -> float:
    """Return the median time the page's queries took in the database over five requests."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    totals = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        totals.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    return statistics.median(totals)


def measure(client, url: str, runs: int) -> tuple[float, float, float, float]:
    """Return p50, p95 and max wall-clock milliseconds, and the median CPU milliseconds of this process."""
    for _ in range(5):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)], times[-1], statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="reuse the database if it is already loaded")
    args = parser.parse_args()

    import django

    if not args.keep:
        recreate_database()
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from callhire.base.models import Application, Posting

    call_command("migrate", verbosity=0)
    if args.keep and Application.objects.count() == args.count:
        postings = list(Posting.objects.order_by("pk").values_list("pk", flat=True))
    else:
        if args.keep:
            sys.exit("the database holds another count; run without --keep")
        _employer, postings = seed(args.count)
    big, typical = postings[0], postings[1]
    client = Client()
    client.force_login(User.objects.get(username="bench@acme.test"))
    sample = Application.objects.filter(posting_id=big, phone__isnull=False).order_by("pk")[50]
    big_n = Application.objects.filter(posting_id=big).count()
    typical_n = Application.objects.filter(posting_id=typical).count()
    print(f"applications: {args.count:,}; big posting {big_n:,}, typical posting {typical_n:,}")
    load = os.getloadavg()[0]
    print(f"load average before measuring: {load:.2f}")
    cases = [
        (f"list, big posting ({big_n:,}), by score", f"/control/postings/{big}/applications/?sort=score", True),
        ("list, big posting, by score, page 100", f"/control/postings/{big}/applications/?sort=score&page=100", True),
        (
            f"list, typical posting ({typical_n:,}), by score",
            f"/control/postings/{typical}/applications/?sort=score",
            True,
        ),
        ("list, big posting, newest first", f"/control/postings/{big}/applications/", False),
        (
            "list, big posting, qualified, by score",
            f"/control/postings/{big}/applications/?verdict=qualified&sort=score",
            False,
        ),
        (
            "list, big posting, in interview, by score",
            f"/control/postings/{big}/applications/?stage=interview&sort=score",
            False,
        ),
        ("list, big posting, by typing speed", f"/control/postings/{big}/applications/?sort=typing", False),
        ("board, big posting", f"/control/postings/{big}/board/", False),
        ("candidate page (with duplicates)", f"/control/applications/{sample.pk}/", False),
    ]
    print(f"{'page':58} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'db ms':>8} {'cpu ms':>8}")
    for name, url, targeted in cases:
        p50, p95, worst, cpu = measure(client, url, args.runs)
        db = database_ms(client, url)
        verdict = ""
        if targeted:
            verdict = "  target p95 < 150 ms: " + ("met" if p95 < TARGET_LIST_P95_MS else "NOT met")
        print(f"{name:58} {p50:8.1f} {p95:8.1f} {worst:8.1f} {db:8.1f} {cpu:8.1f}{verdict}", flush=True)
    with connection.cursor() as cursor:
        from callhire.base.candidates import duplicates_of

        sql, params = duplicates_of(sample, Application.objects.all()).query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    uses = [name for name in ("application_email", "application_phone_key") if name in plan]
    print(f"duplicate look-up uses the indexes: {', '.join(uses) or 'none'}")


if __name__ == "__main__":
    main()
