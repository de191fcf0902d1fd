"""How fast is the REST API, next to what this server can do at all?

Starts gunicorn on 127.0.0.1 (a port in 8200-8249) against DATABASE_URL (default: a fresh
SQLite file with the demo fixtures) and loads, in turn, from the same server:

  trivial JSON    a plain Django view returning as many JSON bytes as the skill detail
  skill detail    /api/v1/skills/<slug>/ (everything the skill page shows, nested)
  skill list      /api/v1/skills/ (first page of 20)
  searched list   /api/v1/skills/?q=<words>

then prints requests/second and latency p50/p95/p99, and API-to-floor ratios. Anonymous GETs;
throttling is lifted and the page cache off (by default) so the API itself is measured. Load
comes from wrk when installed, else a small threaded Python client. Loopback only, bounded.

    .venv/bin/python bench/api.py
    .venv/bin/python bench/api.py --database-url postgres://postgres@127.0.0.1:5432/skillatlas_api_bench
"""

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
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PORTS = range(8200, 8250)
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: a fresh SQLite file with the demo")
    parser.add_argument("--skill", default="track-one-diplomacy", help="slug for the detail")
    parser.add_argument("--query", default="diplomacy", help="words for the searched list")
    parser.add_argument("--duration", type=float, default=10, help="seconds per URL")
    parser.add_argument("--warmup", type=float, default=2, help="seconds per URL, not counted")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument(
        "--page-cache", type=int, default=0, help="CACHE_SECONDS (default 0: measure the API)"
    )
    parser.add_argument("--python-client", action="store_true", help="do not use wrk")
    return parser.parse_args()


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    sys.exit("No free port in 8200-8249.")


def server_environment(args, work):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.api_settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "bench-only-secret-key",
        "DEBUG": "0",
        "DATABASE_URL": args.database_url or f"sqlite:///{work / 'bench.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_SECONDS": str(args.page_cache),
        "API_THROTTLE_ANON": "100000000/min",
        "CONN_MAX_AGE": "60",
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "ERROR",
        "REDIS_URL": "",
    }


def prepare(env):
    """Migrate, collect static files and load the demo (by slug: nothing is duplicated)."""
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["import_taxonomy", "--keep-existing", "fixtures/demo.json"],
    ):
        subprocess.run(
            [str(PYTHON), "manage.py", *command, "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def start_gunicorn(env, port, workers):
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--log-level=warning",
            "--preload",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn did not answer /api/v1/ within 20 s.")


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def fetch(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:  # noqa: S310
        assert response.status == 200, (path, response.status)
        return response.read()


def load_with_wrk(port, path, seconds, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_REPORT)
        script.flush()
        output = subprocess.run(
            [
                "wrk",
                f"-t{min(2, connections)}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout=10s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    fields = re.search(r"^BENCH (.*)$", output, re.M).group(1).split()
    requests, duration_us, p50, p95, p99, errors, bad_status = map(int, fields)
    return {
        "rps": requests / (duration_us / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": errors + bad_status,
    }


def load_with_python(port, path, seconds, connections):
    """Threads with keep-alive connections (reopened when the server closes them)."""
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        mine, connection = [], http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                connection.close()
                continue
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    return {
        "rps": len(latencies) / elapsed,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "errors": errors[0],
    }


def main():
    args = parse_args()
    use_wrk = shutil.which("wrk") and not args.python_client
    load = load_with_wrk if use_wrk else load_with_python
    work = Path(tempfile.mkdtemp(prefix="bench-api-"))
    env = server_environment(args, work)
    prepare(env)
    port = free_port()
    server = start_gunicorn(env, port, args.workers)
    try:
        detail_path = f"/api/v1/skills/{args.skill}/"
        detail = fetch(port, detail_path)
        listed = json.loads(fetch(port, "/api/v1/skills/"))["count"]
        targets = [
            ("trivial JSON, same bytes", f"/bench/trivial-json/{len(detail)}/"),
            ("skill detail", detail_path),
            ("skill list (page 1)", "/api/v1/skills/"),
            ("searched list", f"/api/v1/skills/?q={args.query}"),
        ]
        database = env["DATABASE_URL"].split("://", 1)[0]
        print(
            f"gunicorn {args.workers} sync workers on 127.0.0.1:{port}, {database}, "
            f"{listed} published skills, page cache {args.page_cache} s; "
            f"{'wrk' if use_wrk else 'python threads'}, {args.connections} connections, "
            f"{args.duration:g} s per URL after {args.warmup:g} s warm-up"
        )
        print(
            f"{'target':<26}{'bytes':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
            f"{'errors':>8}"
        )
        results = {}
        for name, path in targets:
            size = len(fetch(port, path))
            load(port, path, args.warmup, args.connections)
            result = results[name] = load(port, path, args.duration, args.connections)
            print(
                f"{name:<26}{size:>8}{result['rps']:>9.0f}{result['p50']:>9.1f}"
                f"{result['p95']:>9.1f}{result['p99']:>9.1f}{result['errors']:>8}"
            )
        floor = results["trivial JSON, same bytes"]["rps"]
        print(
            "vs trivial JSON: "
            + "   ".join(f"{name} {results[name]['rps'] / floor:.2f}" for name in results)
        )
    finally:
        stop(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
