"""Interview booking under contention, calendar files and reminders, on PostgreSQL.

    .venv/bin/python bench/bench_interviews.py [--candidates 400] [--slots 40] [--threads 8]

Creates the database callhire_bench_mail (dropped first) on 127.0.0.1:5432, offers `slots`
interview times for one posting, invites `candidates` applicants, and lets `threads` threads
book at once, every candidate picking one of the times still shown as free, and looking again if it went, the
way a burst of candidates answering the same invitation email would. Each booking runs the whole
service: the row lock, the unique constraint, the stage move, the .ics for the candidate and the
interviewer and the logged email (mail goes to Django's in-memory backend). It prints the
booking latency (p50/p95), the attempts that lost a race, and checks that no slot was booked
twice and every slot was booked. Then it times building calendar files and one reminders run
over the booked interviews. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "callhire_bench_mail"
os.environ.update(
    {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "CALLHIRE_TASKS": "inline",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "callhire.settings",
        "LOG_LEVEL": "ERROR",
    }
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=400)
    parser.add_argument("--slots", type=int, default=40)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    for sql in (f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)", f"CREATE DATABASE {DB_NAME}"):
        subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True)

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import close_old_connections, connection
    from django.db.models import Count, Q
    from django.utils import timezone

    from callhire.base import interviews
    from callhire.base.models import Application, Employer, Interview, InterviewSlot, Membership, Posting

    call_command("migrate", verbosity=0)
    employer = Employer.objects.create(name="Bench Contact", slug="bench")
    bob = User.objects.create_user("bob@bench.test", "bob@bench.test", "x")
    Membership.objects.create(user=bob, employer=employer, role=Membership.Role.RECRUITER)
    posting = Posting.objects.create(employer=employer, title="Agent", status="open")
    first = (timezone.now() + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    starts = [first + timedelta(minutes=30 * i) for i in range(args.slots)]
    interviews.slots_offer(posting, starts, 30, time_zone="Asia/Kuala_Lumpur", interviewers=[bob])
    applications = Application.objects.bulk_create(
        Application(posting=posting, name=f"Candidate {i}", email=f"c{i}@example.com") for i in range(args.candidates)
    )
    Interview.objects.bulk_create(Interview(application=a) for a in applications)
    connection.close()

    latencies: list[float] = []
    lost = [0]
    lock = threading.Lock()
    queue = list(applications)
    random.seed(7)

    def worker() -> None:
        close_old_connections()
        while True:
            with lock:
                if not queue:
                    break
                application = queue.pop()
            # Like a candidate on the page: pick one of the times shown as free; if it went, look again.
            while True:
                free = list(interviews.slots_open(posting).values_list("pk", flat=True))
                if not free:
                    break
                slot = InterviewSlot.objects.get(pk=random.choice(free))
                started = time.perf_counter()
                try:
                    interviews.interview_book(application, slot, time_zone="Europe/London")
                except interviews.SlotTaken:
                    with lock:
                        lost[0] += 1
                    continue
                finally:
                    with lock:
                        latencies.append(time.perf_counter() - started)
                break
        connection.close()

    wall = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall

    booked = Interview.objects.filter(~Q(state="cancelled"), slot__isnull=False)
    per_slot = booked.values("slot").annotate(n=Count("pk")).filter(n__gt=1).count()
    quantiles = statistics.quantiles(latencies, n=20)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"booking: {args.threads} threads, {args.candidates} candidates, {args.slots} slots, {wall:.2f} s")
    print(f"  attempts {len(latencies)}, lost a race {lost[0]}, booked {booked.count()} (expected {args.slots})")
    print(f"  slots booked twice: {per_slot}")
    print(f"  latency per attempt: p50 {statistics.median(latencies) * 1000:.1f} ms, p95 {quantiles[18] * 1000:.1f} ms")
    assert per_slot == 0 and booked.count() == args.slots

    sample = list(booked.select_related("slot", "application__posting__employer")[:200])
    started, cpu = time.perf_counter(), time.process_time()
    for interview in sample:
        interviews.interview_ics(interview)
    each, each_cpu = (time.perf_counter() - started) / len(sample), (time.process_time() - cpu) / len(sample)
    print(f"calendar file: {each * 1000:.2f} ms each, {each_cpu * 1000:.2f} ms of CPU ({1 / each_cpu:.0f}/s per core)")

    started = time.perf_counter()
    sent = interviews.reminders_send(now=first - timedelta(hours=23) + timedelta(minutes=30 * args.slots))
    took = time.perf_counter() - started
    print(f"reminders: {sent} sent in {took:.2f} s ({took / max(sent, 1) * 1000:.1f} ms each)")
    print(f"  a second run sends {interviews.reminders_send(now=first)} (each goes out once)")


if __name__ == "__main__":
    main()
