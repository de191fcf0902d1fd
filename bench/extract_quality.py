"""Precision and recall of the job advert reader on the advert set, per advert and overall.

Loads the curated content (fixtures/) into a fresh SQLite database (or --database-url), reads
every advert of tests/advert_set.py and prints what it found that was not expected (false
positives) and what it missed. tests/test_extract_quality.py holds the floor (0.8 each).

    .venv/bin/python bench/extract_quality.py [--database-url URL]
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a fresh SQLite file with the demo")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="extract-quality-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{work}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command(
        "import_taxonomy", *sorted(map(str, (ROOT / "fixtures").glob("*.json"))), verbosity=0
    )

    from search.extract import find_skills
    from taxonomy.models import Skill
    from tests.advert_set import ADVERTS

    true = false = missed = 0
    print(f"{'advert':32} {'found':>5} {'expected':>8} {'precision':>9} {'recall':>6}")
    for advert in ADVERTS:
        found = find_skills(advert["text"], Skill.objects.published()).skills
        got = {f.skill.slug for f in found}
        expected = set(advert["expected"])
        t = len(got & expected)
        true, false, missed = true + t, false + len(got - expected), missed + len(expected - got)
        print(
            f"{advert['name']:32} {len(got):5} {len(expected):8} "
            f"{t / max(len(got), 1):9.2f} {t / len(expected):6.2f}"
        )
        phrases = {f.skill.slug: ", ".join(m.text for m in f.matches) for f in found}
        for slug in sorted(got - expected):
            print(f"    not expected: {slug} (from “{phrases[slug]}”)")
        for slug in sorted(expected - got):
            print(f"    missed:       {slug}")
    print(
        f"\n{len(ADVERTS)} adverts: precision {true / (true + false):.3f}, "
        f"recall {true / (true + missed):.3f} ({true} found, {false} not expected, "
        f"{missed} missed)"
    )


if __name__ == "__main__":
    main()
