"""Time of `manage.py import_onet` on the full O*NET copy: first run and re-run, on PostgreSQL.

Each run is a child process against a fresh database (dropped and created by this script), by
default after the curated fixtures and the full ESCO import (the full catalogue, where O*NET
also matches ESCO's job titles and reindexes their skills); ``--alone`` imports O*NET into an
empty database instead. Prints wall seconds per step and the machine's load average, since
other processes on a shared machine slow every figure.

    .venv/bin/python bench/import_onet.py [--database skillatlas_bench_onet] [--alone]
        [--data ../shared/data]
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def recreate(name, server):
    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def timed(label, argv, env):
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"{label} failed:\n{result.stderr[-2000:]}")
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"{label:<28} {elapsed:6.1f} s   (load average {load})")
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="skillatlas_bench_onet")
    parser.add_argument("--server", default="host=127.0.0.1 user=postgres dbname=postgres")
    parser.add_argument("--alone", action="store_true", help="O*NET into an empty database")
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding esco/ and onet/")
    args = parser.parse_args()
    recreate(args.database, args.server)
    env = {
        **os.environ,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
    }
    manage = [sys.executable, "manage.py"]
    timed("migrate", [*manage, "migrate", "--noinput", "-v0"], env)
    if not args.alone:
        fixtures = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))
        timed("curated fixtures", [*manage, "import_taxonomy", "--keep-existing", *fixtures], env)
        timed("import_esco", [*manage, "import_esco", str(args.data / "esco"), "-v0"], env)
    out = timed(
        "import_onet (first run)", [*manage, "import_onet", str(args.data / "onet"), "-v0"], env
    )
    print("  " + "\n  ".join(out.splitlines()))
    out = timed(
        "import_onet (re-run)", [*manage, "import_onet", str(args.data / "onet"), "-v0"], env
    )
    print("  " + "\n  ".join(out.splitlines()[-2:]))


if __name__ == "__main__":
    main()
