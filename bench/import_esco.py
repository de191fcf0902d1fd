"""Time and peak memory of `manage.py import_esco` on the full ESCO copy, first run and re-run.

Each import runs in its own child process against a fresh PostgreSQL database (dropped and
created by this script), so the peak resident memory reported is that import's alone.

Our ESCO copy lacks occupationSkillRelations_en.csv (the full release has about 126,000
relations), so with ``--relations N`` (default 126000) the script also times a second folder in
/tmp: symlinks to the real files plus N generated relations between their real URIs.

    .venv/bin/python bench/import_esco.py [--database skillatlas_bench_esco] [--data PATH]
"""

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "esco"


def psql(sql, server):
    subprocess.run(["psql", server, "-q", "-c", sql], check=True)


def run(argv, env):
    """Runs a child, returning (wall seconds, peak RSS in MiB, stdout)."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"{' '.join(argv)} failed with exit code {child.returncode}")
    return elapsed, usage.ru_maxrss / 1024, output


def with_relations(data, count, folder):
    """A copy of ``data`` (symlinks) plus ``count`` generated occupation-skill relations."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    for path in Path(data).glob("*.csv"):
        (folder / path.name).symlink_to(path)

    def uris(name):
        with (Path(data) / name).open(encoding="utf-8", newline="") as handle:
            return [row["conceptUri"] for row in csv.DictReader(handle)]

    skills, occupations = uris("skills_en.csv"), uris("occupations_en.csv")
    pairs = set()
    chooser = random.Random(6)
    while len(pairs) < min(count, len(skills) * len(occupations)):
        pairs.add((chooser.choice(occupations), chooser.choice(skills)))
    with (folder / "occupationSkillRelations_en.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["occupationUri", "relationType", "skillType", "skillUri"])
        for n, (occupation, skill) in enumerate(sorted(pairs)):
            kind = "essential" if n % 3 else "optional"
            writer.writerow([occupation, kind, "skill/competence", skill])
    return folder


def bench(title, data, args, env):
    maintenance = f"{args.server}/postgres"
    psql(f"DROP DATABASE IF EXISTS {args.database}", maintenance)
    psql(f"CREATE DATABASE {args.database}", maintenance)
    manage = [sys.executable, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], env)
    _, baseline, _ = run([*manage, "check", "-v0"], env)
    print(f"== {title}: {data}")
    print(f"database: {args.database} (fresh), baseline Django process peak RSS {baseline:.0f} MiB")
    for label in ("first import", "re-import (unchanged data)"):
        elapsed, peak, output = run([*manage, "import_esco", str(data), "-v0"], env)
        print(f"{label}: {elapsed:.2f} s wall (process start included), peak RSS {peak:.0f} MiB")
        for line in output.splitlines():
            if line.startswith(("skills:", "job ", "categories:", "ESCO aliases:", "took")):
                print(f"    {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="skillatlas_bench_esco")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--relations", type=int, default=126000)
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.server}/{args.database}",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key"),
        "DEBUG": "0",
    }
    bench("ESCO copy as shipped", args.data, args, env)
    if args.relations:
        with tempfile.TemporaryDirectory(prefix="esco-bench-") as folder:
            data = with_relations(args.data, args.relations, Path(folder))
            bench(f"same plus {args.relations} generated relations", data, args, env)


if __name__ == "__main__":
    main()
