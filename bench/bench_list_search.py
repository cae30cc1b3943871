"""Latency of the recruiter's application list and of full-text search at 1,000,000 applications.

    .venv/bin/python bench/bench_list_search.py [--rows 1000000] [--runs 40] [--reuse] [--explain]

Needs PostgreSQL on 127.0.0.1. The script drops and creates the database callhire_bench_search
(unless --reuse finds it loaded), migrates it, and loads one employer with 200 postings of very
different sizes (the largest holds about a tenth of all applications) and --rows applications:
Malaysian and English names, CV text drawn from a Zipf-like vocabulary of 50,000 words (so some
words appear in half of all CVs and most in very few), notes on a tenth of them. Rows go in
with COPY; the search documents are then built by callhire.base.search.search_refresh, the
function the application itself uses, and the GIN index is built once at the end.

It then times, through the code the views use (the ORM querysets, callhire.base.search.
search_applications and callhire.control.access.applications_for):

* the list of the largest posting sorted by preference score (first page and page 101), and by date;
* a two-word search for uncommon words over all the employer's applications (a different
  pair each run), first page and the count of matches;
* the first page of a two-word search whose words together match about a quarter of all rows;
* a one-word search for a word of middling frequency (about 3 % of rows);

and prints p50/p95 in milliseconds over --runs runs (after two warm-up runs), with the number
of rows each query matched and the load average. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "callhire_bench_search"
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "callhire.settings")

import numpy as np  # noqa: E402

PAGE = 50
NULL = "\\N"  # COPY's text format for a missing value
POSTINGS = 200
VOCABULARY = 50_000
TARGETS = {"list": 150.0, "uncommon": 100.0, "common": 300.0}

FIRST = (
    "Nurul Siti Nur Aisyah Farah Amirah Aina Hana Syafiqah Izzati Muhammad Ahmad Mohd Amir Haziq Hafiz Faris "
    "Irfan Danial Arif Wei Ming Jia Hui Kok Leong Mei Ling Siew Yin Chee Keong Li Na Hui Min Priya Kavitha "
    "Suresh Rajesh Deepa Ganesh Anitha Vijay Lakshmi Arun Sarah Emily James Daniel Michael Jessica Ashley "
    "David Maria Jose Luis Ana Grace Joseph"
).split()
LAST = (
    "Rahman Ismail Abdullah Hassan Ibrahim Othman Yusof Hamid Aziz Razak Ahmad Osman Salleh Zainal Tan Lim Lee "
    "Wong Ng Chan Chong Goh Ong Teo Yap Chua Koh Raj Kumar Nair Pillai Subramaniam Krishnan Muthu Ramasamy "
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Lopez Gonzalez Wilson Anderson"
).split()
# The head of the vocabulary is real CV language in English and Malay; the long tail is made
# of pronounceable invented words, so rare words are rare for certain.
REAL = (
    "customer service call center experience support team phone inbound outbound sales billing "
    "communication skills english malay computer typing data entry resolve complaints handle queries "
    "shift night weekend rotating schedule contact centre agent representative helpdesk technical "
    "troubleshooting escalation retention upselling crm salesforce zendesk email chat quality "
    "assurance target kpi aht csat nps coaching leader supervisor trainer bpo telco banking insurance "
    "healthcare retail ecommerce logistics travel airline hotel collections appointment scheduling "
    "khidmat pelanggan pusat panggilan pengalaman sokongan pasukan telefon jualan bil komunikasi "
    "kemahiran bahasa inggeris melayu komputer menaip kemasukan data aduan pertanyaan syif malam "
    "hujung minggu ejen wakil teknikal sasaran jurulatih penyelia perbankan insurans kesihatan runcit "
    "cantonese mandarin hokkien tamil hindi tagalog japanese korean spanish bilingual fluent diploma "
    "degree spm stpm certificate university college graduate fresh part time full time contract "
    "permanent remote hybrid onsite kuala lumpur selangor penang johor cyberjaya petaling jaya "
    "shah alam subang puchong klang ipoh melaka seremban kuching kota kinabalu"
).split()


def vocabulary(rng: np.random.Generator) -> np.ndarray:
    syllables = [c + v for c in "bdfghjklmnprstwyz" for v in "aeiou"] + ["ng", "ny", "sy", "kh"]
    words = list(dict.fromkeys(REAL))
    seen = set(words)
    while len(words) < VOCABULARY:
        word = "".join(rng.choice(syllables, size=int(rng.integers(3, 5))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return np.array(words, dtype=object)


def zipf_probabilities() -> np.ndarray:
    weights = 1.0 / np.arange(1, VOCABULARY + 1)
    return weights / weights.sum()


def document_frequency(p: np.ndarray, mean_length: float) -> np.ndarray:
    """Return the expected share of CVs containing each word."""
    return 1.0 - (1.0 - p) ** mean_length


def setup_database(reuse: bool) -> bool:
    """Create (or reuse) the bench database; return True when it already holds the data."""
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if exists and reuse:
            return True
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin.execute(f"CREATE DATABASE {DB_NAME}")
    return False


def load(rows: int, seed: int = 7) -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from callhire.base.models import Application, Employer, Membership, Posting
    from callhire.base.search import search_refresh

    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(seed)
    words = vocabulary(rng)
    probabilities = zipf_probabilities()
    cumulative = np.cumsum(probabilities)

    employer = Employer.objects.create(name="Bench Contact Centre", slug="bench")
    user = User.objects.create_user("bench@bench.test", "bench@bench.test", "bench")
    Membership.objects.create(user=user, employer=employer, role=Membership.Role.RECRUITER)
    postings = Posting.objects.bulk_create(
        Posting(employer=employer, title=f"Contact centre agent {i + 1}", status="open") for i in range(POSTINGS)
    )
    sizes = 1.0 / np.arange(1, POSTINGS + 1) ** 0.8
    posting_ids = np.array([p.pk for p in postings])[rng.choice(POSTINGS, size=rows, p=sizes / sizes.sum())]

    gin = next(i for i in Application._meta.indexes if i.name == "application_search")
    with connection.schema_editor() as editor:
        editor.remove_index(Application, gin)  # built once at the end: far faster than row by row

    started = time.perf_counter()
    columns = (
        "posting_id, name, email, phone, language, stage, stage_changed, rejection_reason, source, token, cv, "
        "cv_text, consent_version, updated, facts, fact_origins, attempts_granted, fact_sources, findings, created, id"
    )
    stages = np.array(["applied", "screened", "assessment", "interview", "offer", "hired", "rejected", "withdrawn"])
    stage_p = np.array([0.45, 0.15, 0.1, 0.06, 0.02, 0.02, 0.18, 0.02])
    verdicts = np.array(["qualified", "needs_review", "not_qualified"])
    sources = np.array(["board", "careers", "referral", "api", "agency"])
    now = time.time()
    batch = 50_000
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(max(id), 0) + 1 FROM base_application")
        first_id = cursor.fetchone()[0]
        verdicts_copied: list[str] = []  # each application's Screening row
        with cursor.cursor.copy(f"COPY base_application ({columns}) FROM STDIN") as copy:
            for start in range(0, rows, batch):
                n = min(batch, rows - start)
                lengths = rng.integers(60, 220, size=n)
                tokens = np.searchsorted(cumulative, rng.random(int(lengths.sum())))
                tokens = np.minimum(tokens, VOCABULARY - 1)
                texts = words[tokens]
                first = rng.choice(FIRST, size=n)
                second = rng.choice(FIRST, size=n)
                last = rng.choice(LAST, size=n)
                stage = rng.choice(stages, size=n, p=stage_p)
                verdict = rng.choice(verdicts, size=n, p=[0.55, 0.15, 0.3])
                score = rng.integers(0, 101, size=n)
                no_score = rng.random(n) < 0.05
                source = rng.choice(sources, size=n, p=[0.6, 0.2, 0.1, 0.05, 0.05])
                created = now - rng.random(n) * 365 * 86400
                lines = []
                offset = 0
                for j in range(n):
                    k = start + j
                    cv = " ".join(texts[offset : offset + lengths[j]])
                    offset += lengths[j]
                    made = time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(created[j]))
                    name = f"{first[j]} {second[j]} {last[j]}"
                    email = f"{first[j].lower()}.{last[j].lower()}.{k}@example.com"
                    lines.append(
                        f"{posting_ids[k]}\t{name}\t{email}\t+6012{k:07d}\ten\t{stage[j]}\t{made}\t\t{source[j]}\t"
                        f"bench{k:012d}\t\t{cv}\t2026-01\t{made}\t{{}}\t{{}}\t{{}}\t{{}}\t[]\t{made}\t{first_id + k}\n"
                    )
                    verdicts_copied.append(
                        f"{first_id + k}\t{posting_ids[k]}\t{verdict[j]}\t{NULL if no_score[j] else score[j]}\t\t\n"
                    )
                copy.write("".join(lines))
                print(f"  copied {start + n:,} applications ({time.perf_counter() - started:.0f} s)", flush=True)
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('base_application', 'id'), {first_id + rows - 1})")
        with cursor.cursor.copy(
            "COPY base_screening (application_id, posting_id, verdict, score, previous_verdict, statuses) FROM STDIN"
        ) as copy:
            copy.write("".join(verdicts_copied))
        # Notes on a tenth of the applications, written in the same words as the CVs.
        cursor.execute("SELECT min(id), max(id) FROM base_application")
        low, high = cursor.fetchone()
        noted = rng.choice(np.arange(low, high + 1), size=rows // 10, replace=False)
        tokens = np.minimum(np.searchsorted(cumulative, rng.random(len(noted) * 12)), VOCABULARY - 1)
        texts = words[tokens].reshape(len(noted), 12)
        with cursor.cursor.copy("COPY base_note (application_id, author_id, text, created) FROM STDIN") as copy:
            copy.write(
                "".join(
                    f"{pk}\t{user.pk}\tCalled back: {' '.join(t)}\t2026-11-01 09:00:00+00\n"
                    for pk, t in zip(noted, texts, strict=True)
                )
            )
    print(f"  rows copied in {time.perf_counter() - started:.0f} s", flush=True)
    step = time.perf_counter()
    search_refresh()
    print(f"  search documents built by search_refresh() in {time.perf_counter() - step:.0f} s", flush=True)
    step = time.perf_counter()
    finish_load()
    print(f"  GIN index built, vacuumed and analysed in {time.perf_counter() - step:.0f} s", flush=True)
    print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)


def finish_load() -> None:
    """Build the GIN index (if missing), then vacuum and analyse, as after any bulk load."""
    from django.db import connection

    from callhire.base.models import Application

    gin = next(i for i in Application._meta.indexes if i.name == "application_search")
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [gin.name])
        missing = cursor.fetchone() is None
    if missing:
        with connection.schema_editor() as editor:
            editor.add_index(Application, gin)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE base_application")
        cursor.execute("VACUUM ANALYZE base_note")


def timed(fn, runs: int) -> tuple[list[float], object]:
    result = None
    for i in range(2):  # warm-up: first touches of the indexes and pages
        result = fn(i)
    times = []
    for i in range(runs):
        t = time.perf_counter()
        result = fn(i + 2)
        times.append((time.perf_counter() - t) * 1000)
    return times, result


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database if it exists")
    parser.add_argument("--finish", action="store_true", help="with --reuse: build the GIN index, vacuum, analyse")
    parser.add_argument(
        "--list-only", action="store_true", help="measure the list queries only (no search index needed)"
    )
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of each query once")
    args = parser.parse_args()

    loaded = setup_database(args.reuse)
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection

    from callhire.base.models import Application, Posting
    from callhire.base.search import RANK_LIMIT, search_applications
    from callhire.control.access import applications_for, postings_for
    from callhire.control.applications import listed_applications

    if not loaded:
        print(f"Loading {args.rows:,} applications into {DB_NAME} ...", flush=True)
        load(args.rows)
    elif args.finish:
        finish_load()
    total = Application.objects.count()
    user = User.objects.get(username="bench@bench.test")
    postings = postings_for(user)
    largest = max(postings, key=lambda p: p.applications.count())
    size = largest.applications.count()

    # Word choice from the generator's own distribution: the expected share of CVs with each word.
    mean_length = 140
    df = document_frequency(zipf_probabilities(), mean_length)
    words = vocabulary(np.random.default_rng(7))
    uncommon = [w for w, f in zip(words, df, strict=True) if 0.006 <= f <= 0.012][:200]
    common = [w for w, f in zip(words, df, strict=True) if 0.45 <= f <= 0.55]
    middling = [w for w, f in zip(words, df, strict=True) if 0.025 <= f <= 0.035]
    pairs_uncommon = [
        f"{uncommon[(2 * i) % len(uncommon)]} {uncommon[(2 * i + 1) % len(uncommon)]}" for i in range(100)
    ]
    pairs_common = [f"{common[i % len(common)]} {common[(i + 1) % len(common)]}" for i in range(100)]

    def list_page(sort: str, page: int):
        def run(i):
            rows = listed_applications(largest.applications.all(), {"sort": sort}, largest)[0]
            return list(rows[(page - 1) * PAGE : page * PAGE])

        return run

    everything = applications_for(user)

    def search_page(queries: list[str]):
        def run(i):
            return list(search_applications(everything, queries[i % len(queries)])[:PAGE])

        return run

    def search_count(queries: list[str]):
        def run(i):
            return search_applications(everything, queries[i % len(queries)]).count()

        return run

    cases = [
        ("list", f"list of the largest posting ({size:,} rows) by score, page 1", list_page("score", 1)),
        ("list", f"list of the largest posting ({size:,} rows) by score, page 101", list_page("score", 101)),
        ("list", f"list of the largest posting ({size:,} rows) by date, page 1", list_page("date", 1)),
        ("list", "count of the largest posting's applications", lambda i: largest.applications.count()),
        ("uncommon", "search, two uncommon words, first page", search_page(pairs_uncommon)),
        ("uncommon", "search, two uncommon words, count", search_count(pairs_uncommon)),
        ("common", "search, two common words (~25 % of rows), first page", search_page(pairs_common)),
        ("common", "search, two common words, count (capped)", search_count(pairs_common)),
        ("", "search, one middling word (~3 % of rows), first page", search_page(middling)),
    ]
    load_avg = os.getloadavg()
    print(f"\n{total:,} applications, {len(postings)} postings; RANK_LIMIT {RANK_LIMIT:,}; {args.runs} runs each")
    print(f"load average before: {load_avg[0]:.1f} {load_avg[1]:.1f} {load_avg[2]:.1f}\n")
    print(f"{'query':<66} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  target")
    if args.list_only:
        cases = [case for case in cases if case[0] == "list"]
    for target, label, fn in cases:
        times, _ = timed(fn, args.runs)
        goal = TARGETS.get(target)
        verdict = "" if goal is None else f"p95 < {goal:.0f}: {'met' if p95(times) < goal else 'MISSED'}"
        print(f"{label:<66} {statistics.median(times):8.1f} {p95(times):8.1f} {max(times):8.1f}  {verdict}")

    if args.list_only:
        return

    # How many rows the searches really match (not what the page shows), from the index alone.
    def matched(query: str) -> int:
        from django.contrib.postgres.search import SearchQuery

        return everything.filter(search_vector=SearchQuery(query, search_type="websearch", config="simple")).count()

    print("\nrows matched (uncapped):")
    for label, query in (
        ("uncommon pair, run 1", pairs_uncommon[0]),
        ("uncommon pair, run 2", pairs_uncommon[1]),
        ("common pair", pairs_common[0]),
        ("middling word", middling[0]),
    ):
        print(f"  {label:<22} {query!r:<28} {matched(query):>9,} ({matched(query) / total:.2%})")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")

    if args.explain:
        for label, qs in (
            ("list by score", listed_applications(largest.applications.all(), {"sort": "score"}, largest)[0][:PAGE]),
            ("uncommon search", search_applications(everything, pairs_uncommon[0])[:PAGE]),
            ("common search", search_applications(everything, pairs_common[0])[:PAGE]),
        ):
            print(f"\n--- {label}")
            with connection.cursor() as cursor:
                sql, params = qs.query.sql_with_params()
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                print("\n".join(row[0] for row in cursor.fetchall()))
    _ = Posting  # the models are imported for the loader


if __name__ == "__main__":
    main()
