"""How fast are the public pages, search and the API, next to what this server can do at all?

Starts gunicorn on 127.0.0.1 (a port in 8100-8149) against DATABASE_URL (default: a fresh
SQLite file with the demo fixtures; with ``--esco`` a PostgreSQL database it creates and fills
itself: the demo fixtures, then ``manage.py import_esco`` of the shared ESCO files on top) and
loads each URL in turn from the same server:

  static file     a stylesheet served by whitenoise: the floor for anything through gunicorn
  trivial view    a Django view returning as many bytes as the skill page, no DB, no template
  (--floor)       the rungs between: the trivial view plus one ORM read; base.html around
                  nothing; base.html around one skill read by slug (the cheapest real page)
  skill page, A-Z index (all, one letter), category, job title, job titles, home,
  search page, autocomplete, API list, API list ?q=, API detail

and prints requests/second and latency p50/p95/p99 with the machine's load average beside each
row, then each target's ratio to the trivial view. Then one client, one request at a time, sends
varied queries (ESCO names, typos, unfinished words, other names, typing) to the search page, the
API's ?q= and autocomplete, and prints p50/p95/p99: the single-client figures the search targets
are set in. Load comes from wrk when installed (Debian: ``apt-get install wrk``), else a small
threaded Python client. Loopback only; bounded in time.

    .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --esco              # PostgreSQL skillatlas_bench_pages + ESCO
    .venv/bin/python bench/pages.py --esco --page-cache 5
    .venv/bin/python bench/pages.py --esco --page-cache 5 --paired   # each beside its own size
    .venv/bin/python bench/pages.py --esco --floor --only page     # pages beside the floors
"""

import random
import re
import sys
import urllib.parse
from pathlib import Path

import http_load
from http_load import fetch

# The shared data sits beside the project (../shared), or beside the main checkout for a worktree.
ESCO_DATA = next(
    (
        folder / "shared" / "data" / "esco"
        for folder in Path(__file__).resolve().parents[2:4]
        if (folder / "shared" / "data" / "esco").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "data" / "esco",
)
ESCO_DATABASE = "postgres://postgres@127.0.0.1:5432/skillatlas_bench_pages"


def parse_args():
    def add_own_options(parser):
        parser.add_argument("--skill", default="track-one-diplomacy", help="slug of the skill page")
        parser.add_argument(
            "--esco",
            nargs="?",
            const=str(ESCO_DATA),
            help=f"import the ESCO files of this folder (default {ESCO_DATA}) into the database, "
            f"by default {ESCO_DATABASE} (created when missing)",
        )
        parser.add_argument("--query", default="negotiation", help="words for the search targets")
        parser.add_argument(
            "--large-job-title",
            default="financial-manager",
            help="with --esco, also a job title with many skills (ESCO's financial manager holds "
            "251) and the A-Z index filtered to it",
        )
        parser.add_argument(
            "--single-client", type=int, default=200, help="queries per search endpoint, 0: none"
        )
        parser.add_argument("--only", help="measure only targets whose name contains this")
        parser.add_argument(
            "--floor",
            action="store_true",
            help="also load the rungs between the trivial view and a page: one ORM read, the "
            "site's frame, the frame around one skill (how cheap can any page here be?)",
        )
        parser.add_argument(
            "--paired",
            action="store_true",
            help="also load the trivial view at each target's own size right after it, and "
            "give each target's ratio to that too (cancels the target's bytes and drift)",
        )

    args = http_load.parse_args(
        __doc__.split("\n\n")[0],
        "CACHE_SECONDS for the server (default 0: measure the pages, not the cache)",
        add_own_options,
    )
    if args.esco:
        args.database_url = args.database_url or ESCO_DATABASE
        if not args.database_url.startswith("postgres"):
            sys.exit("--esco loads into PostgreSQL: give a postgres:// --database-url")
        http_load.ensure_postgres_database(args.database_url)
    return args


def first_link(page, prefix):
    return re.search(rf'href="({re.escape(prefix)}[^"?#]+/)"'.encode(), page).group(1).decode()


def single_client_figures(port, args):
    """p50/p95/p99 of varied queries, one client: search page, API ?q= and autocomplete."""
    from search_http import queries  # noqa: PLC0415 (only when measuring search)

    searches, typing = queries(args.esco or ESCO_DATA, args.single_client, random.Random(5))

    def path(base, text):
        return f"{base}?{urllib.parse.urlencode({'q': text})}"

    print(
        f"\nsingle client, each query once ({args.single_client} per endpoint)\n"
        f"{'endpoint':<26}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'load':>7}",
        flush=True,
    )
    http_load.single_client(port, [path("/search/", "warm up")] * 20)
    for name, base, texts in (
        ("/search/?q=", "/search/", searches),
        ("/api/v1/skills/?q=", "/api/v1/skills/", searches),
        ("/search/suggest/?q=", "/search/suggest/", typing),
    ):
        p50, p95, p99 = http_load.single_client(port, [path(base, text) for text in texts])
        print(
            f"{name:<26}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}{http_load.load_average():>7.2f}",
            flush=True,
        )


def paired_with_trivial(port, targets):
    """``targets`` with, after each page, the trivial view at that page's size; and
    {page: its trivial's name}."""
    paired, pairs = [], {}
    for name, path in targets:
        paired.append((name, path))
        if not name.startswith(("static", "trivial", "floor")):
            size = len(fetch(port, path))
            pairs[name] = f"  trivial, {size} bytes"
            paired.append((pairs[name], f"/bench/trivial/{size}/"))
    return paired, pairs


def print_ratios(results, pairs):
    """Each target's req/s over the trivial view's (the skill page's size); with --paired also
    over the trivial view of its own size, loaded right after it."""
    trivial = results["trivial view, same bytes"]["rps"]
    print("\nratio to the trivial view (req/s):" + ("  skill page's size, own size" * bool(pairs)))
    for name, result in results.items():
        if name.startswith("  trivial"):
            continue
        own = results[pairs[name]]["rps"] if name in pairs else None
        print(
            f"  {name:<26}{result['rps'] / trivial:>6.2f}"
            + (f"{result['rps'] / own:>11.2f}" if own else "")
        )


def main():
    args = parse_args()
    load, client = http_load.choose_load(args.python_client)
    if client != "wrk" and not args.python_client:
        print("wrk is not installed (Debian: apt-get install wrk); using Python threads.")
    with http_load.benchmark_server(
        args,
        "bench.pages_settings",
        "bench-pages-",
        range(8100, 8150),
        "/healthz",
        esco=args.esco,
        API_THROTTLE_ANON="100000000/min",
    ) as (env, port):
        skill_path = f"/skills/{args.skill}/"
        skill_page = fetch(port, skill_path)
        stylesheet = re.search(rb'href="(/static/css/site\.[^"]+\.css)"', skill_page).group(1)
        query = urllib.parse.quote_plus(args.query)
        targets = [
            ("static file (whitenoise)", stylesheet.decode()),
            ("trivial view, same bytes", f"/bench/trivial/{len(skill_page)}/"),
            ("skill page", skill_path),
            ("A-Z index", "/skills/"),
            ("A-Z index, letter M", "/skills/?letter=M"),
            ("category page", first_link(skill_page, "/categories/")),
            ("job title page", first_link(skill_page, "/job-titles/")),
            ("job titles list", "/job-titles/"),
            ("home", "/"),
            ("search page", f"/search/?q={query}"),
            ("autocomplete", f"/search/suggest/?q={query[:6]}"),
            ("API list", "/api/v1/skills/"),
            ("API list ?q=", f"/api/v1/skills/?q={query}"),
            ("API detail", f"/api/v1/skills/{args.skill}/"),
        ]
        if args.esco:
            large = args.large_job_title
            targets[7:7] = [
                ("large job title page", f"/job-titles/{large}/"),
                ("A-Z index of that job title", f"/skills/?job_title={large}"),
            ]
        if args.floor:
            size = len(skill_page)
            targets[2:2] = [
                ("floor: one ORM read", f"/bench/floor/read/{size}/{args.skill}/"),
                ("floor: site frame", "/bench/floor/frame/"),
                ("floor: frame + one read", f"/bench/floor/frame/{args.skill}/"),
            ]
        if args.only:
            keep = ("static file (whitenoise)", "trivial view, same bytes")
            keep += tuple(name for name, _ in targets if name.startswith("floor"))
            targets = [t for t in targets if t[0] in keep or args.only in t[0]]
        pairs = {}
        if args.paired:
            targets, pairs = paired_with_trivial(port, targets)
        print(http_load.describe(args, env, port, client, "ESCO imported, " if args.esco else ""))
        print(f"load average before: {http_load.load_average():.2f}", flush=True)
        results = http_load.measure(load, port, targets, args)
        print_ratios(results, pairs)
        if args.single_client:
            single_client_figures(port, args)


if __name__ == "__main__":
    main()
