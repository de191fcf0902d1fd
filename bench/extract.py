"""Latency of the job advert reader over HTTP: POST /api/v1/extract/ with a 1,000-word advert.

Fills a PostgreSQL database with the curated content and the full shared ESCO copy (skills,
their alternative labels, occupations as job titles with their other names), starts gunicorn on
127.0.0.1 (a port in 8250-8299) and posts the advert from one client, one request at a time,
printing latency p50/p95/p99 and what was found; then the same reading in process, to show the
HTTP share. The advert is the texts of tests/advert_set.py put together to 1,000 words, with
ESCO phrases mixed in, so names, aliases and job titles are all looked up.

    .venv/bin/python bench/extract.py [--database-url URL] [--esco PATH] [--requests 200]

An existing database that already holds the ESCO skills is reused.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import http_load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/skillatlas_bench_extract"
ESCO = next(
    (
        folder / "shared" / "data" / "esco"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "data" / "esco").exists()
    ),
    ROOT.parent / "shared" / "data" / "esco",
)
ESCO_PHRASES = (
    "manage staff, negotiate price, employment law, coach employees, use spreadsheets "
    "software, project management, perform data analysis, software developer, "
    "accountant, nurse responsible for general care, communicate with customers"
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--esco", type=Path, default=ESCO)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args()


def advert(words):
    sys.path.insert(0, str(ROOT))
    from tests.advert_set import ADVERTS

    pieces, count = [], 0
    while count < words:
        for item in ADVERTS:
            for text in (item["text"], ESCO_PHRASES + "."):
                pieces.append(text)
                count += len(text.split())
    return " ".join(" ".join(pieces).split(" ")[:words])


def manage(env, *command):
    subprocess.run([str(http_load.PYTHON), "manage.py", *command], cwd=ROOT, env=env, check=True)


def create_database(url):
    import psycopg2
    from psycopg2 import sql

    server, _, name = url.rpartition("/")
    connection = psycopg2.connect(server + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    args = parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    env = http_load.server_environment(
        "config.settings",
        args.database_url,
        work,
        0,
        API_THROTTLE_ANON="100000000/min",
        API_THROTTLE_EXTRACT="100000000/min",
    )
    create_database(args.database_url)
    http_load.prepare(env)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from taxonomy.models import JobTitle, Skill

    if Skill.objects.count() < 1000:  # only the curated content so far
        print(f"importing ESCO from {args.esco} ...", flush=True)
        manage(env, "import_esco", str(args.esco), "-v0")
    from search.models import SearchTerm

    print(
        f"{Skill.objects.published().count():,} published skills, "
        f"{SearchTerm.objects.filter(is_start=True).count():,} names and aliases, "
        f"{JobTitle.objects.count():,} job titles"
    )
    text = advert(args.words)
    body = json.dumps({"text": text})
    port = http_load.free_port(range(8250, 8300))
    server = http_load.start_gunicorn(env, port, args.workers, "/healthz")
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Content-Type": "application/json"}
        timings, result = [], None
        for number in range(args.requests + 5):
            started = time.perf_counter()
            connection.request("POST", "/api/v1/extract/", body, headers)
            response = connection.getresponse()
            payload = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status == 200, (response.status, payload[:200])
            if number >= 5:  # the first requests warm the workers' job title lists
                timings.append(elapsed)
            result = json.loads(payload)
    finally:
        http_load.stop(server)
    print(
        f"advert: {len(text.split()):,} words, {len(text):,} characters; found "
        f"{len(result['skills'])} skills, {len(result['job_titles'])} job titles"
    )
    print(
        f"HTTP, one client, {len(timings)} requests: p50 {percentile(timings, 0.5):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms, p99 {percentile(timings, 0.99):.1f} ms, "
        f"max {max(timings):.1f} ms"
    )
    from search.extract import find_skills

    find_skills(text, Skill.objects.published())
    inside = []
    for _ in range(20):
        started = time.perf_counter()
        find_skills(text, Skill.objects.published())
        inside.append((time.perf_counter() - started) * 1000)
    print(f"in process (find_skills): median {statistics.median(inside):.1f} ms")


if __name__ == "__main__":
    main()
