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

import json

import http_load
from http_load import fetch


def parse_args():
    def add_own_options(parser):
        parser.add_argument("--skill", default="track-one-diplomacy", help="slug for the detail")
        parser.add_argument("--query", default="diplomacy", help="words for the searched list")

    return http_load.parse_args(
        __doc__.split("\n\n")[0], "CACHE_SECONDS (default 0: measure the API)", add_own_options
    )


def main():
    args = parse_args()
    load, client = http_load.choose_load(args.python_client)
    with http_load.benchmark_server(
        args,
        "bench.api_settings",
        "bench-api-",
        range(8200, 8250),
        "/api/v1/",
        API_THROTTLE_ANON="100000000/min",
    ) as (env, port):
        detail_path = f"/api/v1/skills/{args.skill}/"
        detail = fetch(port, detail_path)
        listed = json.loads(fetch(port, "/api/v1/skills/"))["count"]
        targets = [
            ("trivial JSON, same bytes", f"/bench/trivial-json/{len(detail)}/"),
            ("skill detail", detail_path),
            ("skill list (page 1)", "/api/v1/skills/"),
            ("searched list", f"/api/v1/skills/?q={args.query}"),
        ]
        print(http_load.describe(args, env, port, client, f"{listed} published skills, "))
        results = http_load.measure(load, port, targets, args)
        floor = results["trivial JSON, same bytes"]["rps"]
        print(
            "vs trivial JSON: "
            + "   ".join(f"{name} {results[name]['rps'] / floor:.2f}" for name in results)
        )


if __name__ == "__main__":
    main()
