"""Start a gunicorn for a benchmark and drive load at it.

Shared by bench/pages.py and bench/api.py (each keeps its own targets, summary lines and
bench-only settings/URLconf): the common command-line options, a fresh work directory and
server environment, migrate + collectstatic + demo fixtures, gunicorn on a free loopback port
(stopped with its whole process group), and two load generators returning the same figures
(requests/second, latency p50/p95/p99 in milliseconds, errors): wrk when installed, else a small
threaded Python client; measure() runs the targets in turn and prints one table row each.
"""

import argparse
import contextlib
import http.client
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
FIXTURES = ROOT / "fixtures"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def parse_args(description, page_cache_help, add_own_options):
    """--database-url, then the script's own options, then duration, load and server options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--database-url", help="default: a fresh SQLite file with the demo")
    add_own_options(parser)
    parser.add_argument("--duration", type=float, default=10, help="seconds per URL")
    parser.add_argument("--warmup", type=float, default=2, help="seconds per URL, not counted")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--page-cache", type=int, default=0, help=page_cache_help)
    parser.add_argument("--python-client", action="store_true", help="do not use wrk")
    return parser.parse_args()


def free_port(ports):
    for port in ports:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    sys.exit(f"No free port in {ports[0]}-{ports[-1]}.")


def server_environment(settings_module, database_url, work, page_cache, **extra):
    """The server's environment: DATABASE_URL defaults to a fresh SQLite file in work."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "bench-only-secret-key",
        "DEBUG": "0",
        "DATABASE_URL": database_url or f"sqlite:///{work / 'bench.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_SECONDS": str(page_cache),
        "CONN_MAX_AGE": "60",
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "ERROR",
        "REDIS_URL": "",
        **extra,
    }


def ensure_postgres_database(database_url):
    """Create the PostgreSQL database named in database_url when it does not exist yet."""
    server, name = database_url.rsplit("/", 1)
    if not re.fullmatch(r"\w+", name):
        sys.exit(f"Not a plain database name: {name!r}")
    maintenance = f"{server}/postgres"
    exists = f"SELECT 1 FROM pg_database WHERE datname='{name}'"  # noqa: S608 (checked above)
    found = subprocess.run(
        ["psql", maintenance, "-tAc", exists], capture_output=True, text=True, check=True
    ).stdout.strip()
    if not found:
        subprocess.run(["psql", maintenance, "-qc", f"CREATE DATABASE {name}"], check=True)


def prepare(env, esco=None):
    """Migrate, collect static files and load the demo (by slug: nothing is duplicated); with
    ``esco`` (a folder of ESCO CSV files) import it on top: a re-run only updates, so a
    database prepared once is quick to prepare again."""
    commands = [
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["import_taxonomy", "--keep-existing", *sorted(str(p) for p in FIXTURES.glob("*.json"))],
    ]
    if esco:
        commands.append(["import_esco", str(esco)])
    for command in commands:
        subprocess.run(
            [str(PYTHON), "manage.py", *command, "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if env["DATABASE_URL"].startswith("postgres"):
        # Planner statistics and no dead rows, as autovacuum would leave a loaded database (it
        # is off on some servers, this one included): without statistics PostgreSQL guesses 18
        # published skills for 4,000 and the job titles page takes seconds instead of
        # milliseconds; dead rows (a migration's rewrite, an import not run by manage.py) slow
        # every scan, and index-only scans read the table until VACUUM marks its pages.
        subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)


def start_gunicorn(env, port, workers, ready_path):
    """Start gunicorn in its own session; wait (20 s at most) until ready_path answers."""
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
            urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    sys.exit(f"gunicorn did not answer {ready_path} within 20 s.")


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


@contextlib.contextmanager
def benchmark_server(args, settings_module, work_prefix, ports, ready_path, esco=None, **extra_env):
    """Yield (env, port) of a prepared gunicorn answering ready_path; stop it, remove its files.

    The database is args.database_url, else a fresh SQLite file in a new work directory; with
    ``esco`` the shared ESCO files are imported on top of the demo.
    """
    work = Path(tempfile.mkdtemp(prefix=work_prefix))
    try:
        env = server_environment(
            settings_module, args.database_url, work, args.page_cache, **extra_env
        )
        prepare(env, esco)
        port = free_port(ports)
        server = start_gunicorn(env, port, args.workers, ready_path)
        try:
            yield env, port
        finally:
            stop(server)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def describe(args, env, port, client, extra=""):
    """The line above the table: server, database, page cache, client and timings."""
    database = env["DATABASE_URL"].split("://", 1)[0]
    return (
        f"gunicorn {args.workers} sync workers on 127.0.0.1:{port}, {database}, {extra}"
        f"page cache {args.page_cache} s; {client}, {args.connections} connections, "
        f"{args.duration:g} s per URL after {args.warmup:g} s warm-up"
    )


def fetch(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:  # noqa: S310
        assert response.status == 200, (path, response.status)
        return response.read()


def load_average():
    """The 1-minute load average: this machine is shared, so every figure carries it."""
    return os.getloadavg()[0]


def single_client(port, paths):
    """One client, one request at a time over a keep-alive connection: (p50, p95, p99) ms."""
    connection, samples = http.client.HTTPConnection("127.0.0.1", port, timeout=10), []
    for path in paths:
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, (path, response.status)
        samples.append((time.perf_counter() - started) * 1000)
        if response.will_close:
            connection.close()
    connection.close()
    cuts = statistics.quantiles(samples, n=100) if len(samples) > 1 else [samples[0]] * 99
    return cuts[49], cuts[94], cuts[98]


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


def choose_load(python_client):
    """(load function, client name for the header): wrk when installed, unless python_client."""
    if shutil.which("wrk") and not python_client:
        return load_with_wrk, "wrk"
    return load_with_python, "python threads"


def measure(load, port, targets, args):
    """Print the table (a row per (name, path): bytes, req/s, p50/p95/p99, errors); return
    {name: figures}. Each path is fetched once, loaded args.warmup s, then measured."""
    print(
        f"{'target':<26}{'bytes':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'load':>7}",
        flush=True,
    )
    results = {}
    for name, path in targets:
        size = len(fetch(port, path))
        load(port, path, args.warmup, args.connections)
        result = results[name] = load(port, path, args.duration, args.connections)
        result["load"], result["bytes"] = load_average(), size
        print(
            f"{name:<26}{size:>8}{result['rps']:>9.0f}{result['p50']:>9.1f}"
            f"{result['p95']:>9.1f}{result['p99']:>9.1f}{result['errors']:>8}"
            f"{result['load']:>7.2f}",
            flush=True,
        )
    return results
