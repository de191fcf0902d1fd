"""Search, the API's ?q= and autocomplete over HTTP: latency percentiles from a single client.

gunicorn (sync workers, page cache off) serves the project's own settings against a database
that already holds the ESCO import (default: the one bench/relevance.py builds, which holds a
third of the alternative labels out; any ESCO import will do). One client sends each query
once, in turn, so every figure is a full request: routing, the typo lookup, the meaning check,
the queries, rendering or JSON. The queries are drawn (seeded) from the ESCO skill names: whole
names, names with a typo, unfinished last words, other names, and what an autocomplete box
sees while typing.

    .venv/bin/python bench/search_http.py [--database-url URL] [--queries 300]
"""

import argparse
import csv
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_load import PYTHON, ROOT, fetch, free_port, server_environment, start_gunicorn, stop  # noqa: E402
from relevance import DEFAULT_DATA, typo  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/skillatlas_bench_relevance"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="ESCO folder for the queries")
    parser.add_argument("--queries", type=int, default=300, help="per endpoint")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=5)
    return parser.parse_args()


def queries(data, count, rng):
    with (Path(data) / "skills_en.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = [row["preferredLabel"] for row in rows]
    others = [a.strip() for row in rows for a in row["altLabels"].splitlines() if a.strip()]
    made = []
    while len(made) < count:
        name = rng.choice(names)
        kind = len(made) % 4
        if kind == 0:
            made.append(name)
        elif kind == 1:
            made.append(typo(name, rng) or name)
        elif kind == 2:
            words = name.split()
            made.append(" ".join([*words[:-1], words[-1][:3]]) if len(words) > 1 else name)
        else:
            made.append(rng.choice(others))
    typing = []
    for name in rng.sample(names, count):
        cut = rng.randrange(3, max(4, len(name)))
        text = name[:cut]
        typing.append(typo(text, rng) or text if len(typing) % 3 == 0 else text)
    return made, typing


def measure(port, label, paths, warmup):
    for path in warmup:
        fetch(port, path)
    samples = []
    for path in paths:
        started = time.perf_counter()
        fetch(port, path)
        samples.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(samples, n=100)
    print(
        f"{label:<28} {len(samples):>5} {cuts[49]:8.1f} {cuts[94]:8.1f} {cuts[98]:8.1f}"
        f" {max(samples):8.1f}",
        flush=True,
    )


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    searches, typing = queries(args.data, args.queries, rng)

    def path(base, text, **extra):
        return base + "?" + urllib.parse.urlencode({"q": text, **extra})

    work = Path(tempfile.mkdtemp(prefix="search-http-"))
    env = server_environment(
        "config.settings", args.database_url, work, 0, API_THROTTLE_ANON="1000000/min"
    )
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run([str(PYTHON), "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port(range(8350, 8360))
    server = start_gunicorn(env, port, args.workers, "/healthz")
    try:
        print(
            f"gunicorn {args.workers} sync workers on 127.0.0.1:{port},"
            f" {env['DATABASE_URL'].split('://')[0]}, page cache off; one client, each query once"
        )
        print(f"{'endpoint':<28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        warm = [path("/search/", "warm up"), path("/api/v1/skills/", "warm up")] * 10
        warm += [path("/search/suggest/", "warm")] * 10
        measure(port, "/search/?q=", [path("/search/", q) for q in searches], warm)
        measure(port, "/api/v1/skills/?q=", [path("/api/v1/skills/", q) for q in searches], [])
        measure(port, "/search/suggest/?q=", [path("/search/suggest/", q) for q in typing], [])
    finally:
        stop(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
