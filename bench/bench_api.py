"""Latency of the REST API over many applications, and the webhooks' delivery rate.

    .venv/bin/python bench/bench_api.py [--applications 200000] [--requests 100]

Runs in one process against PostgreSQL on 127.0.0.1 (database callhire_api_bench, dropped and
created again), DEBUG=0, through Django's test client (no HTTP server: it measures the API's own
work, from routing to JSON). It loads the applications with bulk inserts over 20 postings of one
employer (plus an outsider's), then prints p50/p95 of:

* GET /api/v1/applications/?posting=P&ordering=-score (one posting's 50 best);
* the same filtered by verdict and stage;
* GET /api/v1/applications/?ordering=-created (all of the employer's, newest first, with the count);
* GET /api/v1/applications/{id}/ (facts, findings and CV text);
* POST /api/v1/applications/{id}/moves/ (a stage move through the pipeline service, queuing one
  webhook delivery);

and the rate at which `deliveries_due` sends 1,000 deliveries to a local receiver that checks
each signature. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "callhire_api_bench"
os.environ.update(
    {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "DEBUG": "0",
        "SECRET_KEY": "bench",
        "CALLHIRE_TASKS": "inline",
        "CALLHIRE_API_RATE": "100000000/min",
        "CALLHIRE_WEBHOOK_ALLOW_PRIVATE": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "ERROR",  # a 409 for a repeated move is expected here, not worth a line
        "DJANGO_SETTINGS_MODULE": "callhire.settings",
    }
)


def psql(command: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", command], check=True)


def timed(call, n: int) -> tuple[float, float]:
    seconds = []
    for i in range(n):
        start = time.perf_counter()
        call(i)
        seconds.append((time.perf_counter() - start) * 1000)
    seconds.sort()
    return statistics.median(seconds), seconds[int(0.95 * (len(seconds) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--reuse", action="store_true", help="measure the database a previous run loaded")
    args = parser.parse_args()

    if not args.reuse:
        psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        psql(f"CREATE DATABASE {DB_NAME}")
    import django

    django.setup()
    from django.utils import timezone

    from callhire.base.models import Employer, Posting

    if args.reuse:
        acme = Employer.objects.get(slug="acme")
        postings = [(p, p.current_version()) for p in Posting.objects.order_by("pk")]
        now = timezone.now()
    else:
        acme, postings, now = load(args.applications)
    run(args, acme, postings, now)


def load(count: int):
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from callhire.base import services
    from callhire.base.models import Application, Employer, Posting
    from callhire.test import demo_document

    call_command("migrate", verbosity=0)
    acme = Employer.objects.create(name="Acme", slug="acme")
    other = Employer.objects.create(name="Other", slug="other")
    postings = []
    for i in range(21):
        posting = Posting.objects.create(employer=acme if i < 20 else other, title=f"Agent {i}", status="draft")
        version = services.profile_save(posting, demo_document("inbound-office.yaml"))
        postings.append((posting, version))

    rng = random.Random(1)
    verdicts = ["qualified", "not_qualified", "needs_review"]
    stages = ["applied", "screened", "assessment", "interview", "rejected"]
    now = timezone.now()
    started = time.perf_counter()
    batch = []
    for n in range(count):
        posting, version = postings[n % len(postings)]
        batch.append(
            Application(
                posting=posting,
                profile_version=version,
                name=f"Candidate {n}",
                email=f"c{n}@example.com",
                token=f"t{n}",
                verdict=rng.choice(verdicts),
                score=rng.randrange(101),
                stage=rng.choice(stages),
                source=rng.choice(["board", "referral", "careers"]),
                facts={"age_years": 25, "typing_wpm": rng.randrange(20, 90)},
                findings=[{"key": "typing_wpm", "status": "met"}],
                cv_text="Customer service, typing, English and Malay. " * 20,
                created=now - timezone.timedelta(minutes=n),
            )
        )
        if len(batch) == 10_000:
            _applications_create(batch)
            batch = []
    _applications_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{count:,} applications loaded in {time.perf_counter() - started:.0f} s")
    return acme, postings, now


def _applications_create(batch: list) -> None:
    from callhire.base.models import Application, Screening

    Application.objects.bulk_create(batch)
    # bulk_create saves no Screening rows: the verdicts set on the applications are in theirs.
    Screening.objects.bulk_create([a.screening_row() for a in batch])


def run(args, acme, postings, now) -> None:
    from django.test import Client

    from callhire.base.models import ApiToken, Application, Webhook, WebhookDelivery
    from callhire.base.tests.webhook_receiver import Receiver
    from callhire.base.webhooks import deliveries_due

    Webhook.objects.all().delete()

    _token, secret = ApiToken.issue(acme, "bench", can_write=True)
    client = Client(headers={"authorization": f"Bearer {secret}"})
    target = postings[3][0].pk
    ids = list(Application.objects.filter(posting__employer=acme).values_list("pk", flat=True)[:5000])

    def get(url):
        def call(i):
            r = client.get(url.format(id=ids[i % len(ids)]))
            assert r.status_code == 200, r.content[:200]

        return call

    cases = [
        ("list one posting by score", get(f"/api/v1/applications/?posting={target}&ordering=-score")),
        (
            "list one posting, verdict and stage",
            get(f"/api/v1/applications/?posting={target}&verdict=qualified&stage=screened"),
        ),
        ("list all of the employer's, newest", get("/api/v1/applications/?ordering=-created")),
        ("get one application", get("/api/v1/applications/{id}/")),
    ]
    print(f"{'request':40} {'p50 ms':>8} {'p95 ms':>8}")
    for name, call in cases:
        call(0)  # warm up
        p50, p95 = timed(call, args.requests)
        print(f"{name:40} {p50:8.1f} {p95:8.1f}")

    with Receiver("whsec_bench") as receiver:
        Webhook.objects.create(employer=acme, url=receiver.url, secret="whsec_bench", events=[])
        stage_of = dict(Application.objects.filter(pk__in=ids[: 2 * args.requests]).values_list("pk", "stage"))

        def move(i):
            to_stage = "interview" if stage_of[ids[i]] == "screened" else "screened"  # always a real move
            r = client.post(
                f"/api/v1/applications/{ids[i]}/moves/", {"to_stage": to_stage}, content_type="application/json"
            )
            assert r.status_code == 201, r.content[:200]

        p50, p95 = timed(move, args.requests)
        print(f"{'move a stage (no webhook wants it)':40} {p50:8.1f} {p95:8.1f}")
        Webhook.objects.update(events=["application.stage_changed"])
        WebhookDelivery.objects.all().delete()
        os.environ["CALLHIRE_TASKS"] = "thread"
        from django.conf import settings

        settings.CALLHIRE_TASKS = "thread"  # queue the deliveries; they are sent below
        settings.CALLHIRE_WEBHOOK_RETRY_SECONDS = 3600
        p50, p95 = timed(lambda i: move(i + args.requests), args.requests)
        print(f"{'move a stage, queuing a delivery':40} {p50:8.1f} {p95:8.1f}")
        time.sleep(2)  # let the thread pool finish the first attempts

        webhook = Webhook.objects.get()
        WebhookDelivery.objects.all().delete()
        payload = {"id": "x", "event": "ping", "created": now.isoformat(), "data": {"application": {"id": 1}}}
        WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(webhook=webhook, event="ping", payload=payload) for _ in range(1000)]
        )
        started = time.perf_counter()
        sent = deliveries_due()
        elapsed = time.perf_counter() - started
        valid = sum(r["valid"] for r in receiver.requests[-sent:])
    print(f"webhook deliveries: {sent} in {elapsed:.2f} s = {sent / elapsed:.0f}/s, {valid} signatures verified")


if __name__ == "__main__":
    main()
