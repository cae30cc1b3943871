"""Throughput and latency of the public job board and the application submit, over HTTP.

    .venv/bin/python bench/bench_web.py [--seconds 12] [--warmup 3] [--server gthread:2x4]
                                        [--connections 8] [--sweep]

Runs against a real server with production settings, all on 127.0.0.1:

* PostgreSQL (database callhire_bench, dropped and created again), Redis cache (db 1),
  DEBUG=0, CALLHIRE_APPLY_RATE=0/1 (rate limit off), EMAIL_BACKEND=locmem (messages are
  built but not sent or written), DB_CONN_MAX_AGE=60;
* gunicorn (callhire.wsgi) started by this script and stopped at the end;
* wrk (Debian package) as the load generator in a second process, with Lua scripts written
  to a temporary directory.

In one run and one server configuration it measures GET /healthz/ (a minimal Django view
returning a short text: the limit this machine can serve), GET /en/jobs/ (the job board, 20
rows, anonymous visitor, warm cache) and POST .../apply/ (one new application per request,
unique submission_key and email), and prints requests/s, p50/p99 latency and the ratio to
the limit, the board's cold-cache latency, and the application counts (302s seen by wrk,
rows in the database, none lost or duplicated). --sweep measures all three under several
gunicorn configurations, to choose one. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
HOST = "127.0.0.1"
DB_NAME = "callhire_bench"
EXTRA_POSTINGS = 50
BOARD_PATH = "/en/jobs/"
TARGET_BOARD_RATIO, TARGET_BOARD_P99_MS = 0.5, 50.0
TARGET_APPLY_RPS, TARGET_APPLY_P99_MS = 200.0, 150.0

ENV = {
    "DATABASE_URL": f"postgres://postgres@{HOST}:5432/{DB_NAME}",
    "REDIS_URL": f"redis://{HOST}:6379/1",
    "DEBUG": "0",
    "ALLOWED_HOSTS": HOST,
    "SECRET_KEY": "bench",
    "DB_CONN_MAX_AGE": "60",
    "CALLHIRE_APPLY_RATE": "0/1",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "callhire.settings",
}

# Reports what wrk measured as one JSON line (latency in microseconds).
REPORT_LUA = r"""
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
local function report(summary, latency, extra)
  local e = summary.errors
  io.write(string.format(
    '\nWRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f%s}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, extra or ""))
end
"""

GET_LUA = (
    REPORT_LUA
    + r"""
function done(summary, latency, requests)
  report(summary, latency)
end
"""
)

# One new application per request: submission_key and email from (run, thread, counter).
APPLY_LUA = (
    REPORT_LUA
    + r"""
-- Globals, not locals: done() reads them from each thread with thread:get().
counter, sent, codes, tokens = 0, 0, {}, {}

function init(args)
  run, path, cookie, body_prefix, token_file = args[1], args[2], args[3], args[4], args[5]
  codes, tokens = {}, {}
end

function request()
  counter = counter + 1
  sent = sent + 1
  local key = string.format("%s-%04x-4000-8000-%012x", run, id, counter)
  local body = body_prefix .. "&submission_key=" .. key ..
    "&email=bench-" .. run .. "-" .. id .. "-" .. counter .. "%40example.com"
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
  }, body)
end

function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
  if status == 302 then
    local location = headers["Location"] or headers["location"] or ""
    local token = string.match(location, "/status/([^/]+)/%?submitted=1$")
    if token then tokens[#tokens + 1] = token end
  end
end

function done(summary, latency, requests)
  local total_sent, all_codes = 0, {}
  local out = io.open(threads[1]:get("token_file"), "w")
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("sent")
    for code, n in pairs(thread:get("codes")) do all_codes[code] = (all_codes[code] or 0) + n end
    for _, token in ipairs(thread:get("tokens")) do out:write(token, "\n") end
  end
  out:close()
  local parts = {}
  for code, n in pairs(all_codes) do parts[#parts + 1] = string.format('"%d":%d', code, n) end
  report(summary, latency, string.format(',"sent":%d,"codes":{%s}', total_sent, table.concat(parts, ",")))
end
"""
)


def log(msg: str) -> None:
    print(msg, flush=True)


# Database and data -----------------------------------------------------------------------


def prepare_database() -> None:
    import psycopg

    with psycopg.connect(f"host={HOST} port=5432 user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    env = {**os.environ, **ENV}
    subprocess.run([PY, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def django_setup() -> None:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def add_postings() -> tuple[str, int]:
    """Add open postings so the board shows a full page; return the apply path of the bench posting."""
    from django.db import connections
    from django.utils.text import slugify

    from callhire.base import services
    from callhire.base.models import Employer, Posting
    from callhire.test import demo_document

    employers = list(Employer.objects.order_by("slug"))
    docs = ["inbound-office.yaml", "home-contractor.yaml", "bilingual-health.yaml", "kl-bpo.yaml"]
    locations = ["Tomball, TX", "Phoenix, AZ", "Kuala Lumpur", "Remote (US)", "Penang", "Dallas, TX"]
    for n in range(EXTRA_POSTINGS):
        document = demo_document(docs[n % len(docs)])
        title = f"{document['title'] if isinstance(document, dict) and 'title' in document else 'Agent'} {n + 1}"
        posting = Posting.objects.create(
            employer=employers[n % len(employers)],
            title=title,
            location=locations[n % len(locations)],
            status=Posting.Status.OPEN,
            language="ms" if docs[n % len(docs)] == "kl-bpo.yaml" else "en",
        )
        services.profile_save(posting, document, source="imported")
    posting = Posting.objects.get(employer__slug="sunrise", title="Inbound Customer Service Agent")
    path = f"/en/jobs/sunrise/{posting.pk}-{slugify(posting.title)[:60]}/apply/"
    total = Posting.objects.filter(status="open").count()
    connections.close_all()
    return path, total


def bench_rows(run: str) -> list[tuple[str, str]]:
    from django.db import connections

    from callhire.base.models import Application

    rows = list(Application.objects.filter(email__startswith=f"bench-{run}-").values_list("email", "token"))
    connections.close_all()
    return rows


def bump_generation() -> None:
    from callhire.presale import cache

    cache.invalidate()


# Server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def gunicorn_args(server: str) -> list[str]:
    """sync:3 -> 3 sync workers; gthread:2x4 -> 2 workers of 4 threads."""
    kind, _, size = server.partition(":")
    if kind == "sync":
        return ["-k", "sync", "-w", size or "3"]
    if kind == "gthread":
        workers, _, threads = (size or "2x4").partition("x")
        return ["-k", "gthread", "-w", workers, "--threads", threads or "4"]
    raise SystemExit(f"unknown server configuration {server!r}")


class Server:
    def __init__(self, server: str):
        self.port = free_port()
        cmd = [str(ROOT / ".venv" / "bin" / "gunicorn"), "callhire.wsgi", "-b", f"{HOST}:{self.port}"]
        cmd += gunicorn_args(server) + ["--backlog", "2048", "--log-level", "warning"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **ENV}, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/healthz/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # gunicorn stops its workers
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, http.client.HTTPResponse, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, r, body


def post(port: int, path: str, body: str, cookie: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    conn.request(
        "POST",
        path,
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"},
    )
    r = conn.getresponse()
    r.read()
    conn.close()
    return r.status, r.getheader("Location", "")


# wrk -------------------------------------------------------------------------------------


def wrk(port: int, path: str, script: Path, seconds: float, connections: int, threads: int, args=()) -> dict:
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "5s",
        "-s",
        str(script),
    ]
    cmd += [f"http://{HOST}:{port}{path}"]
    if args:
        cmd += ["--", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"wrk failed ({proc.returncode}): {proc.stderr or proc.stdout}")
    out = proc.stdout
    match = re.search(r"^WRKJSON (.*)$", out, re.M)
    if not match:
        raise SystemExit(f"no report from wrk:\n{out}")
    result = json.loads(match.group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return result


def apply_body(csrf: str) -> str:
    """The answers of a valid application to the office demo posting, without key and email."""
    from urllib.parse import urlencode

    fields = [
        ("csrfmiddlewaretoken", csrf),
        ("name", "Bench Candidate"),
        ("phone", "+1 555 0100"),
        ("q_age_years", "yes"),
        ("q_education", "high_school"),
        ("q_work_authorization", "yes"),
        ("q_computer_skills", "email"),
        ("q_computer_skills", "data_entry"),
        ("q_availability_weekends", "yes"),
        ("consent", "on"),
    ]
    return urlencode(fields)


def fetch_csrf(port: int, path: str) -> tuple[str, str]:
    status, r, body = get(port, path)
    if status != 200:
        raise SystemExit(f"GET {path}: {status}")
    cookie = re.search(r"csrftoken=([^;]+)", r.getheader("Set-Cookie", "") or "")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not cookie or not token:
        raise SystemExit("no CSRF cookie or token on the apply form")
    return cookie.group(1), token.group(1).decode()


def run_id() -> str:
    return uuid.uuid4().hex[:8]


def measure_get(port, path, script, a) -> dict:
    wrk(port, path, script, a.warmup, a.connections, a.threads)
    return wrk(port, path, script, a.seconds, a.connections, a.threads)


def measure_apply(port, path, script, a, tmp: Path) -> dict:
    cookie, csrf = fetch_csrf(port, path)
    prefix = apply_body(csrf)
    # One submit by hand first: it must be a valid application (302 to the status page).
    probe = run_id()
    key = f"{probe}-0000-4000-8000-000000000000"
    status, location = post(port, path, f"{prefix}&submission_key={key}&email=bench-{probe}-0-0%40example.com", cookie)
    if status != 302 or "?submitted=1" not in location:
        raise SystemExit(f"the apply body is not valid: {status} {location}")
    warm = run_id()
    wrk(port, path, script, a.warmup, a.connections, a.threads, [warm, path, cookie, prefix, str(tmp / "warm")])
    run = run_id()
    token_file = tmp / "tokens"
    result = wrk(port, path, script, a.seconds, a.connections, a.threads, [run, path, cookie, prefix, str(token_file)])
    time.sleep(1.0)  # requests cut off by wrk's end may still be finishing on the server
    rows = bench_rows(run)
    tokens = token_file.read_text().split()
    db_tokens = {t for _, t in rows}
    emails = [e for e, _ in rows]
    n302 = result["codes"].get("302", 0)
    result.update(
        n302=n302,
        non302=sum(n for code, n in result["codes"].items() if code != "302"),
        db_rows=len(rows),
        in_flight=result["sent"] - sum(result["codes"].values()),
        lost=len(set(tokens) - db_tokens),
        duplicated=(len(tokens) - len(set(tokens))) + (len(emails) - len(set(emails))),
        tokens_302=len(tokens),
    )
    # Rows with no 302 seen are requests still in flight when wrk stopped; never more than those.
    result["unseen"] = len(db_tokens - set(tokens))
    result["ok"] = (
        result["errors"] == 0
        and result["non302"] == 0
        and result["lost"] == 0
        and result["duplicated"] == 0
        and len(tokens) == n302
        and 0 <= result["unseen"] <= result["in_flight"]
    )
    return result


def cold_board(port: int, samples: int = 5) -> list[float]:
    """Latency (ms) of the board's first request after the cache was made stale."""
    times = []
    for _ in range(samples):
        bump_generation()
        t0 = time.perf_counter()
        status, _, _ = get(port, BOARD_PATH)
        times.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            raise SystemExit(f"board: {status}")
    return times


def fmt(name: str, r: dict, limit: float | None) -> str:
    ratio = f"{r['rps'] / limit:6.1%}" if limit else "   -  "
    return (
        f"{name:<22} {r['rps']:9.0f} req/s   p50 {r['p50'] / 1000:6.1f} ms   p99 {r['p99'] / 1000:6.1f} ms"
        f"   ratio {ratio}   errors {r['errors']}"
    )


def run_all(server: str, a, apply_path: str, tmp: Path) -> dict:
    srv = Server(server)
    try:
        script_get, script_apply = tmp / "get.lua", tmp / "apply.lua"
        script_get.write_text(GET_LUA)
        script_apply.write_text(APPLY_LUA)
        status, _, body = get(srv.port, BOARD_PATH)
        rows = body.count(b'<li class="job">') if status == 200 else 0
        cold = cold_board(srv.port)
        health = measure_get(srv.port, "/healthz/", script_get, a)
        board = measure_get(srv.port, BOARD_PATH, script_get, a)
        applied = measure_apply(srv.port, apply_path, script_apply, a, tmp)
        return {
            "server": server,
            "health": health,
            "board": board,
            "apply": applied,
            "cold": cold,
            "rows": rows,
            "board_bytes": len(body),
        }
    finally:
        srv.stop()


def report(res: dict, a) -> None:
    limit = res["health"]["rps"]
    log(
        f"\ngunicorn {res['server']}  ({' '.join(gunicorn_args(res['server']))}); "
        f"wrk -t{a.threads} -c{a.connections} -d{a.seconds:g}s after a {a.warmup:g} s warm-up"
    )
    log(fmt("GET /healthz/ (limit)", res["health"], None))
    log(fmt("GET /en/jobs/ (board)", res["board"], limit))
    log(fmt("POST apply", res["apply"], limit))
    cold = res["cold"]
    log(
        f"board cold cache (first request after invalidation): {cold[0]:.1f} ms, "
        f"median of {len(cold)}: {statistics.median(cold):.1f} ms; page {res['board_bytes']} bytes"
    )
    ap = res["apply"]
    log(
        f"apply: sent {ap['sent']}, responses {dict(sorted(ap['codes'].items()))}, socket errors "
        f"{ap['connect'] + ap['read'] + ap['write'] + ap['timeout']}, in flight at cut-off {ap['in_flight']}"
    )
    log(
        f"apply: 302s {ap['n302']} (status tokens {ap['tokens_302']}), applications in DB {ap['db_rows']}, "
        f"lost {ap['lost']}, duplicated {ap['duplicated']}, rows from cut-off requests {ap['unseen']} "
        f"-> {'OK' if ap['ok'] else 'FAIL'}"
    )
    b = res["board"]
    board_ok = b["rps"] / limit >= TARGET_BOARD_RATIO and b["p99"] / 1000 < TARGET_BOARD_P99_MS and b["errors"] == 0
    apply_ok = ap["rps"] >= TARGET_APPLY_RPS and ap["p99"] / 1000 < TARGET_APPLY_P99_MS and ap["ok"]
    log(
        f"targets: board >= {TARGET_BOARD_RATIO:.0%} of limit and p99 < {TARGET_BOARD_P99_MS:g} ms: "
        f"{'met' if board_ok else 'NOT met'}; apply >= {TARGET_APPLY_RPS:g}/s and p99 < "
        f"{TARGET_APPLY_P99_MS:g} ms, no error/loss/duplicate: {'met' if apply_ok else 'NOT met'}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=12.0)
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--server", default="gthread:2x4", help="sync:N or gthread:WxT (default gthread:2x4)")
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--threads", type=int, default=1, help="wrk threads")
    ap.add_argument("--sweep", action="store_true", help="compare several gunicorn configurations")
    a = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    log(
        f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}; "
        f"load average before the run {os.getloadavg()[0]:.2f} (other work on the machine skews the figures)"
    )
    log(f"preparing database {DB_NAME} on {HOST} ...")
    prepare_database()
    django_setup()
    apply_path, total = add_postings()
    log(f"{total} open postings; apply to {apply_path}")
    servers = ["sync:2", "sync:3", "sync:4", "gthread:2x4", "gthread:3x4"] if a.sweep else [a.server]
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        for server in servers:
            res = run_all(server, a, apply_path, Path(tmp))
            if res["rows"] != 20:
                log(f"warning: the board shows {res['rows']} rows, not 20")
            report(res, a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
