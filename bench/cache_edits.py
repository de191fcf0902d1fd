"""Does an edit a second keep the page cache useful? Hit rate on other skill pages under load.

Starts gunicorn (page cache on, Redis so every worker shares it, like production) against a
database holding the demo and, with ``--esco``, the shared ESCO import (bench/pages.py's
PostgreSQL database by default). Clients request random pages among ``--pages`` published skill
pages for ``--duration`` seconds, twice: first with no writes (the control: misses are first
visits after expiry), then while this process edits one *other* skill every second through the
write rule (summary saved, ``content_changed(skills=[...])`` in a transaction, as the admin and
the API do). It prints requests, req/s and the cache hit rate of each run, and checks that each
edited skill's own page was retired (its next visit is a miss showing the new summary).
``--retire-everything`` makes each edit retire every page instead, as the cache did before
per-page retirement, for comparison.

    .venv/bin/python bench/cache_edits.py --esco [--pages 100 --duration 20 --clients 4]
"""

import argparse
import http.client
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import http_load
from pages import ESCO_DATA, ESCO_DATABASE

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--esco", nargs="?", const=str(ESCO_DATA), help="import ESCO first")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11", help="flushed first")
    parser.add_argument("--page-cache", type=int, default=300, help="CACHE_SECONDS")
    parser.add_argument("--pages", type=int, default=100, help="skill pages visited")
    parser.add_argument("--duration", type=float, default=20, help="seconds per run")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--retire-everything", action="store_true")
    args = parser.parse_args()
    args.database_url = args.database_url or (ESCO_DATABASE if args.esco else None)
    if not args.database_url:
        sys.exit("Give --database-url or --esco")
    if args.esco:
        http_load.ensure_postgres_database(args.database_url)
    return args


def visit(port, paths, seconds, clients):
    """(requests, hits, seconds) of ``clients`` threads visiting random ``paths``."""
    counts, lock = [0, 0], threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(seed):
        rng, requests, hits = random.Random(seed), 0, 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.perf_counter() < deadline:
            connection.request("GET", rng.choice(paths))
            response = connection.getresponse()
            response.read()
            requests += 1
            hits += response.getheader("X-Page-Cache") == "hit"
            if response.will_close:
                connection.close()
        connection.close()
        with lock:
            counts[0] += requests
            counts[1] += hits

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts[0], counts[1], time.perf_counter() - started


def main():
    args = parse_args()
    subprocess.run(
        ["redis-cli", "-u", args.redis_url, "FLUSHDB"], check=True, stdout=subprocess.DEVNULL
    )
    args.page_cache_seconds = args.page_cache
    server_args = argparse.Namespace(
        database_url=args.database_url, page_cache=args.page_cache, workers=args.workers
    )
    with http_load.benchmark_server(
        server_args,
        "config.settings",
        "bench-cache-edits-",
        range(8150, 8170),
        "/healthz",
        esco=args.esco,
        REDIS_URL=args.redis_url,
    ) as (env, port):
        os.environ.update({k: env[k] for k in ("DATABASE_URL", "SECRET_KEY", "REDIS_URL")})
        os.environ.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="0")
        sys.path.insert(0, str(ROOT))
        import django  # noqa: PLC0415

        django.setup()
        from django.db import transaction  # noqa: PLC0415

        from ops import page_cache  # noqa: PLC0415
        from taxonomy.changes import content_changed  # noqa: PLC0415
        from taxonomy.models import Skill  # noqa: PLC0415

        slugs = list(
            Skill.objects.published().order_by("?").values_list("slug", flat=True)[: args.pages]
        )
        edited = list(Skill.objects.published().exclude(slug__in=slugs).order_by("?")[:60])
        paths = [f"/skills/{slug}/" for slug in slugs]
        print(
            f"gunicorn {args.workers} sync workers, {env['DATABASE_URL'].split('://')[0]}, Redis "
            f"page cache {args.page_cache} s; {args.clients} clients over {len(paths)} skill "
            f"pages, {args.duration:g} s per run; edits "
            + ("retire every page" if args.retire_everything else "retire what shows the skill")
        )
        for path in paths:  # first visits: the runs below measure a warm cache
            http_load.fetch(port, path)
        for skill in edited:
            http_load.fetch(port, skill.get_absolute_url())

        stop, retired, edits = threading.Event(), [0], [0]

        def editor():
            n = 0
            while not stop.wait(1.0):
                skill = edited[n % len(edited)]
                n += 1
                with transaction.atomic():
                    skill.summary = f"Edited by the cache benchmark, edit {n}."
                    skill.save(update_fields=["summary"])
                    content_changed(skills=[skill])
                    if args.retire_everything:
                        page_cache.retire_everything()
                edits[0] += 1
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", skill.get_absolute_url())
                response = connection.getresponse()
                body = response.read()
                connection.close()
                retired[0] += (
                    response.getheader("X-Page-Cache") != "hit" and f"edit {n}.".encode() in body
                )

        print(f"{'run':<28}{'requests':>10}{'req/s':>8}{'hit rate':>10}{'load':>7}")
        for label, with_edits in (("no edits (control)", False), ("one edit a second", True)):
            thread = threading.Thread(target=editor) if with_edits else None
            if thread:
                thread.start()
            requests, hits, elapsed = visit(port, paths, args.duration, args.clients)
            if thread:
                stop.set()
                thread.join()
            print(
                f"{label:<28}{requests:>10}{requests / elapsed:>8.0f}{hits / requests:>10.1%}"
                f"{http_load.load_average():>7.2f}",
                flush=True,
            )
        print(
            f"edits: {edits[0]}; edited skill's own page retired at once: {retired[0]}/{edits[0]}"
        )


if __name__ == "__main__":
    main()
