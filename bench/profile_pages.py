"""Where does a page's time go? In process, page cache off, against an existing database.

For each URL: mean wall time per request through Django's test client (middleware, view,
template, serialisation), this process's CPU time (Python; less sensitive to a busy machine
than wall time), how much of the wall time is SQL (time inside the database driver, and the query
count), and with ``--profile`` the top functions by cumulative time. Run it against the database
``bench/pages.py --esco`` fills:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/skillatlas_bench_pages SECRET_KEY=x \\
        .venv/bin/python bench/profile_pages.py [--profile] [--repeat 20] [URL ...]
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("CACHE_SECONDS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("API_THROTTLE_ANON", "100000000/min")
os.environ.setdefault("STATIC_ROOT", "/tmp/skillatlas-profile-static")

DEFAULT_URLS = [
    "/skills/track-one-diplomacy/",
    "/skills/",
    "/skills/?letter=M",
    "/",
    "/job-titles/",
    "/search/?q=negotiation",
    "/search/suggest/?q=negoti",
    "/api/v1/skills/",
    "/api/v1/skills/?q=negotiation",
    "/api/v1/skills/track-one-diplomacy/",
]


class SqlTimer:
    def __init__(self):
        self.seconds, self.count, self.queries = 0.0, 0, {}

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - started
            self.seconds += took
            self.count += 1
            self.queries[sql] = self.queries.get(sql, 0) + took


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="cProfile order, e.g. tottime")
    parser.add_argument("--sql", action="store_true", help="print each query's time")
    args = parser.parse_args()

    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    call_command("collectstatic", "--noinput", verbosity=0)
    from django.test import Client  # noqa: PLC0415

    client = Client()
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'url':<40}{'ms/req':>9}{'CPU ms':>9}{'SQL ms':>9}{'queries':>9}{'bytes':>9}")
    for url in args.urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        timer = SqlTimer()
        profiler = cProfile.Profile() if args.profile else None
        with connection.execute_wrapper(timer):
            started, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            for _ in range(args.repeat):
                response = client.get(url)
            if profiler:
                profiler.disable()
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu
        n = args.repeat
        print(
            f"{url[:39]:<40}{elapsed / n * 1000:>9.1f}{cpu / n * 1000:>9.1f}"
            f"{timer.seconds / n * 1000:>9.1f}"
            f"{timer.count / n:>9.0f}{len(response.content):>9}",
            flush=True,
        )
        if args.sql:
            for sql, took in sorted(timer.queries.items(), key=lambda item: -item[1]):
                print(f"    {took / n * 1000:7.1f} ms  {sql[:600]}")
        if profiler:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
            stats.print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
