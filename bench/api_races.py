"""Racing API writes and a spoofed-header throttle probe against gunicorn + PostgreSQL; prints
how many answers were 5xx, 409, 400, 201/200 (no assertions: tests/test_concurrent_writes.py
holds the rule).

  .venv/bin/python bench/api_races.py [--rounds 25] [--port 8344]

1. ``--rounds`` rounds of 4 parallel ``POST /api/v1/skills/`` with one slug (the issue's probe:
   25 of 100 were 500 before);
2. the same with one ``external_id``;
3. 130 anonymous ``GET /api/v1/skills/`` with a new ``X-Forwarded-For`` each, at the default
   120/min (before: 130 of 130 got 200).

Uses its own database ``skillatlas_bench_races`` (recreated) on 127.0.0.1:5432 and Redis db 14
(flushed), as production does for throttle counts.
"""

import argparse
import collections
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
PG = "postgres://postgres@127.0.0.1:5432"
DB = "skillatlas_bench_races"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--port", type=int, default=8344)
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{DB}",
        "SECRET_KEY": "bench-races",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_SECONDS": "0",
        "STATIC_ROOT": "/tmp/static_bench_races",
        "WEB_CONCURRENCY": "4",
        # Throttle counts are shared between workers only through a shared cache, as in
        # production; local memory would give each worker its own 120/min.
        "REDIS_URL": "redis://127.0.0.1:6379/14",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_LOG_LEVEL": "warning",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    subprocess.run(["redis-cli", "-n", "14", "flushdb"], check=True, capture_output=True)
    subprocess.run(["psql", f"{PG}/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB}"], check=True)
    subprocess.run(["psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE {DB}"], check=True)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    token = (
        subprocess.run(
            [*manage, "shell", "-c", SETUP],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.py"], cwd=ROOT, env=env
    )
    try:
        from live_http import in_parallel, send

        base = f"http://127.0.0.1:{args.port}"
        for _ in range(100):
            try:
                if send(f"{base}/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        auth = {"Authorization": f"Token {token}"}

        def post(body):
            return lambda: send(f"{base}/api/v1/skills/", "POST", body, auth)

        for label, make in [
            ("one slug", lambda r, n: {"slug": f"race-{r}", "name": "Race"}),
            (
                "one external_id",
                lambda r, n: {
                    "slug": f"ext-{r}-{n}",
                    "name": "E",
                    "external_id": f"http://example.org/{r}",
                },
            ),
        ]:
            counts = collections.Counter()
            for round_ in range(args.rounds):
                results = in_parallel([post(make(round_, n)) for n in range(4)])
                counts.update(r[0] if isinstance(r, tuple) else "error" for r in results)
            total = sum(counts.values())
            fives = sum(v for k, v in counts.items() if isinstance(k, int) and k >= 500)
            print(
                f"{args.rounds} rounds x 4 parallel POSTs, {label}: {fives}/{total} 5xx; "
                f"statuses {dict(sorted(counts.items(), key=str))}"
            )
        statuses = collections.Counter(
            send(f"{base}/api/v1/skills/", headers={"X-Forwarded-For": f"10.0.0.{i}"})[0]
            for i in range(130)
        )
        print(
            f"throttle, 130 GETs with a new X-Forwarded-For each at 120/min: "
            f"{statuses[200]}/130 allowed, {statuses[429]} got 429"
        )
    finally:
        server.terminate()
        server.wait()


SETUP = """
from api.models import ApiToken
from tests.factories import make_editor
print(ApiToken.issue(make_editor(username="racer", password="!"), name="races", scope="write")[1])
"""

if __name__ == "__main__":
    threading.excepthook = lambda args: None
    main()
