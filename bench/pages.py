"""How fast are the public pages, next to what this server can do at all?

Starts gunicorn on 127.0.0.1 (a port in 8100-8149) against DATABASE_URL (default: a fresh
SQLite file with the demo fixtures) and loads four URLs in turn from the same server:

  static file   a stylesheet served by whitenoise: the floor for anything through gunicorn
  trivial view  a Django view returning as many bytes as the skill page, no DB, no template
  skill page    /skills/<slug>/ (the page recruiters land on)
  A-Z index     /skills/

and prints requests/second and latency p50/p95/p99, then page-to-floor ratios. Load comes from
wrk when installed, else from a small threaded Python client. Loopback only; bounded in time.

    .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --database-url postgres://postgres@127.0.0.1:5432/skillatlas_bench
"""

import re

import http_load
from http_load import fetch


def parse_args():
    def add_own_options(parser):
        parser.add_argument("--skill", default="track-one-diplomacy", help="slug of the skill page")

    return http_load.parse_args(
        __doc__.split("\n\n")[0],
        "CACHE_SECONDS for the server (default 0: measure the pages, not the cache)",
        add_own_options,
    )


def main():
    args = parse_args()
    load, client = http_load.choose_load(args.python_client)
    with http_load.benchmark_server(
        args, "bench.pages_settings", "bench-pages-", range(8100, 8150), "/healthz"
    ) as (env, port):
        skill_path = f"/skills/{args.skill}/"
        skill_page = fetch(port, skill_path)
        stylesheet = re.search(rb'href="(/static/css/site\.[^"]+\.css)"', skill_page).group(1)
        targets = [
            ("static file (whitenoise)", stylesheet.decode()),
            ("trivial view, same bytes", f"/bench/trivial/{len(skill_page)}/"),
            ("skill page", skill_path),
            ("A-Z index", "/skills/"),
        ]
        print(http_load.describe(args, env, port, client))
        results = http_load.measure(load, port, targets, args)
        trivial, static = results["trivial view, same bytes"], results["static file (whitenoise)"]
        for page in ("skill page", "A-Z index"):
            print(
                f"{page} / trivial view: {results[page]['rps'] / trivial['rps']:.2f}   "
                f"{page} / static file: {results[page]['rps'] / static['rps']:.2f}"
            )


if __name__ == "__main__":
    main()
