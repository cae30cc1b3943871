"""What the tech check's measuring endpoints cost the server, over HTTP on 127.0.0.1.

    .venv/bin/python bench/bench_techcheck.py [--pings 500] [--downloads 4] [--uploads 4]

Starts gunicorn (gthread, 1 worker x 4 threads, DEBUG=0) on the embedded defaults (SQLite in a
temporary directory, cache in the process), makes one home-agent application, starts a run and
measures with a plain HTTP client on one keep-alive connection:

* ping round trips (GET .../ping/: one UPDATE per ping) against GET /healthz/ (no database),
  p50/p99 in ms: what the endpoint adds to the latency a candidate sees;
* download throughput of 25 MB payloads and upload throughput of 10 MB bodies, in MB/s;
* the server's CPU seconds per 100 MB sent and received (gunicorn's worker, from /proc).

Loopback has no network in the way, so the throughputs are the server's ceiling per
connection, not a candidate's speed. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
MB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """Return the CPU time of a process and its children (gunicorn's workers)."""
    total = 0.0
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pings", type=int, default=500)
    parser.add_argument("--downloads", type=int, default=4)
    parser.add_argument("--uploads", type=int, default=4)
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="callhire-bench-techcheck-")
    env = {
        **os.environ,
        "CALLHIRE_VAR_DIR": var,
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "SECRET_KEY": "bench",
        "LOG_LEVEL": "WARNING",
        "CALLHIRE_TECHCHECK_RATE": "0/1",
        "CALLHIRE_TECHCHECK_IP_RATE": "0/1",
        "CALLHIRE_TECHCHECK_BYTES_PER_HOUR": "0",
        "DJANGO_SETTINGS_MODULE": "callhire.settings",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from callhire.base.models import Employer
    from callhire.base.tests.techcheck import home_application, home_posting

    application = home_application(home_posting(Employer.objects.create(name="Bench", slug="bench")))
    base = f"/en/status/{application.token}/techcheck/"

    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "callhire.wsgi", "-b", f"{HOST}:{port}", "-k", "gthread", "-w", "1",
         "--threads", "4", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection((HOST, port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        conn = http.client.HTTPConnection(HOST, port, timeout=120)

        def request(method: str, path: str, body=None, headers=None) -> tuple[int, bytes, http.client.HTTPResponse]:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read(), response

        status, _, response = request("GET", base)
        assert status == 200, status
        csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
        auth = {"Cookie": f"csrftoken={csrf}", "X-CSRFToken": csrf}
        status, body, _ = request("POST", base + "start/", b"", auth)
        assert status == 201, (status, body)
        import json

        urls = json.loads(body)["urls"]

        def timed(path: str, n: int) -> list[float]:
            out = []
            for _ in range(n):
                began = time.perf_counter()
                status, _, _ = request("GET", path)
                out.append((time.perf_counter() - began) * 1000)
                assert status in (200, 204), status
            return out

        timed("/healthz/", 50)  # warm up
        health = timed("/healthz/", args.pings)
        pings = timed(urls["ping"], args.pings)
        print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
        print(
            f"ping     p50 {statistics.median(pings):6.2f} ms  p99 {percentile(pings, 0.99):6.2f} ms   "
            f"(healthz p50 {statistics.median(health):.2f} ms, p99 {percentile(health, 0.99):.2f} ms; n={args.pings})"
        )

        cpu0, began, got = cpu_seconds(server.pid), time.perf_counter(), 0
        for _ in range(args.downloads):
            status, body, _ = request("GET", urls["down"] + f"?bytes={25 * MB}")
            assert status == 200 and len(body) == 25 * MB, status
            got += len(body)
        seconds, cpu = time.perf_counter() - began, cpu_seconds(server.pid) - cpu0
        print(
            f"download {got / MB / seconds:7.1f} MB/s ({got * 8 / seconds / 1e6:,.0f} Mbps) over {args.downloads} x 25 MB; "
            f"server CPU {cpu / (got / MB) * 100:.2f} s per 100 MB"
        )

        payload = os.urandom(10 * MB)
        cpu0, began, sent = cpu_seconds(server.pid), time.perf_counter(), 0
        for _ in range(args.uploads):
            status, body, _ = request("POST", urls["up"], payload, {**auth, "Content-Type": "application/octet-stream"})
            assert status == 200, (status, body)
            sent += len(payload)
        seconds, cpu = time.perf_counter() - began, cpu_seconds(server.pid) - cpu0
        print(
            f"upload   {sent / MB / seconds:7.1f} MB/s ({sent * 8 / seconds / 1e6:,.0f} Mbps) over {args.uploads} x 10 MB; "
            f"server CPU {cpu / (sent / MB) * 100:.2f} s per 100 MB"
        )
        status, _, _ = request("POST", urls["up"], b"", {**auth, "Content-Length": str(10 * MB + 1)})
        print(f"upload over the cap: {status} (body not sent, not read)")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
