"""Relevance of search on the shared ESCO data: hit@1, hit@10 and MRR per kind of query, for the
lexical ranking alone, the meaning ranking alone and the hybrid (what the site uses).

The script builds its own query set from the ESCO files, so nothing in it can be tuned by hand:

- "other names": a third of the skills' ESCO alternative labels (seeded draw) are taken OUT of
  the copy it imports, then searched for; the skill they belong to is the answer. A held-out
  label that is also a name or kept alias somewhere is dropped (no single right answer).
- "exact": a skill's name as written;
- "typo": one letter wrong, missing, extra or swapped in a word of five letters or more;
- "word form": one word's ending changed ("manage" -> "managing", "plans" -> "plan");
- "reordered": the words of a name of two words or more, shuffled;
- "prefix": a name of two words or more with its last word cut to three letters (typing).

It imports into a fresh database (default PostgreSQL ``skillatlas_bench_relevance``, dropped
and created; or ``--database-url sqlite:////tmp/x.sqlite3``), times the embeddings of every skill
(``search.meaning.refresh_vectors``), then runs every query three ways and prints the table.

    .venv/bin/python bench/relevance.py [--data ../shared/data/esco] [--per-kind 300] [--seed 3]
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
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/skillatlas_bench_relevance"
HOLD_OUT = 1 / 3
MODES = {
    "lexical": {"by_meaning": False},
    "meaning": {"by_words": False},
    "hybrid": {},
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--per-kind", type=int, default=300, help="queries per kind at most")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="skip the import (same seed!)")
    return parser.parse_args()


def read_skills(data):
    with (Path(data) / "skills_en.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


def hold_out(fieldnames, rows, rng, folder, data):
    """Write the import folder (symlinks, and skills_en.csv less the held-out labels); return
    [(label, uri)] of the held-out labels."""
    held = []
    for row in rows:
        kept = []
        for label in (line.strip() for line in row["altLabels"].splitlines()):
            if label and rng.random() < HOLD_OUT:
                held.append((label, row["conceptUri"]))
            elif label:
                kept.append(label)
        row["altLabels"] = "\n".join(kept)
    for path in Path(data).glob("*.csv"):
        if path.name != "skills_en.csv":
            (folder / path.name).symlink_to(path.resolve())
    with (folder / "skills_en.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)
    return held


def typo(text, rng):
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return None
    i = rng.choice(long)
    word = words[i]
    at = rng.randrange(1, len(word) - 1)
    edit = rng.choice(["swap", "drop", "wrong", "extra"])
    if edit == "swap":
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif edit == "drop":
        word = word[:at] + word[at + 1 :]
    elif edit == "wrong":
        word = word[:at] + rng.choice("aeioustrnl".replace(word[at], "")) + word[at + 1 :]
    else:
        word = word[:at] + rng.choice("aeioustrnl") + word[at:]
    words[i] = word
    result = " ".join(words)
    return result if result != text else None


def word_form(text, rng):
    words = text.split()
    usable = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not usable:
        return None
    i = rng.choice(usable)
    word = words[i]
    if word.endswith("ing"):
        word = word[:-3] + "e"
    elif word.endswith("e"):
        word = word[:-1] + "ing"
    elif word.endswith("s"):
        word = word[:-1]
    else:
        word += "s"
    words[i] = word
    return " ".join(words)


def reordered(text, rng):
    words = text.split()
    if len(words) < 2:
        return None
    for _ in range(5):
        rng.shuffle(words)
        if " ".join(words) != text:
            return " ".join(words)
    return None


def prefix(text, rng):
    words = text.split()
    if len(words) < 2 or len(words[-1]) < 5:
        return None
    return " ".join([*words[:-1], words[-1][:3]])


def query_set(rows, held, rng, per_kind):
    from search.text import normalise

    taken = {normalise(row["preferredLabel"]) for row in rows}
    taken |= {normalise(a) for row in rows for a in row["altLabels"].splitlines() if a.strip()}
    other_names = [(label, uri) for label, uri in held if normalise(label) not in taken]
    seen, unique = set(), []
    for label, uri in other_names:  # a label held out of two skills: keep neither
        key = normalise(label)
        if key not in seen:
            seen.add(key)
            unique.append((label, uri))
    duplicates = {normalise(label) for label, _ in other_names}
    duplicates = {k for k in duplicates if sum(normalise(x) == k for x, _ in other_names) > 1}
    kinds = {"other names": [(q, u) for q, u in unique if normalise(q) not in duplicates]}
    names = [(row["preferredLabel"], row["conceptUri"]) for row in rows]
    name_counts = {}
    for name, _ in names:
        name_counts[normalise(name)] = name_counts.get(normalise(name), 0) + 1
    names = [(name, uri) for name, uri in names if name_counts[normalise(name)] == 1]
    kinds["exact"] = names
    for label, make in (
        ("typo", typo),
        ("word form", word_form),
        ("reordered", reordered),
        ("prefix", prefix),
    ):
        made = [(make(name, rng), uri) for name, uri in names]
        kinds[label] = [(q, u) for q, u in made if q and normalise(q) not in taken]
    return {kind: rng.sample(pairs, min(per_kind, len(pairs))) for kind, pairs in kinds.items()}


def setup_database(args, folder):
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key"),
    }
    if args.database_url.startswith("postgres"):
        server, _, name = args.database_url.rpartition("/")
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", f"{server}/postgres", "-q", "-c", sql], check=True)
    else:
        Path(args.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    started = time.perf_counter()
    subprocess.run(
        [*manage, "import_esco", str(folder), "--status", "published", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    print(f"ESCO import (index and embeddings included): {time.perf_counter() - started:.1f} s")
    if args.database_url.startswith("postgres"):  # fresh tables: give the planner statistics
        subprocess.run(["psql", args.database_url, "-q", "-c", "ANALYZE"], check=True)


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    fieldnames, rows = read_skills(args.data)
    with tempfile.TemporaryDirectory(prefix="esco-relevance-") as folder:
        held = hold_out(fieldnames, rows, rng, Path(folder), args.data)
        if not args.reuse:
            setup_database(args, Path(folder))

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import transaction

    from search.meaning import model, refresh_vectors
    from search.ranking import search_skills
    from taxonomy.models import Skill

    model()  # loaded once per process: not part of the timing below
    ids = list(Skill.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    with transaction.atomic():
        refresh_vectors(ids)
    print(f"embeddings for all {len(ids)} skills: {time.perf_counter() - started:.1f} s")

    by_uri = dict(Skill.objects.values_list("external_id", "pk"))
    queries = query_set(rows, held, rng, args.per_kind)
    counts = ", ".join(f"{kind} {len(pairs)}" for kind, pairs in queries.items())
    print(f"held out {len(held)} alternative labels; queries per kind: {counts}", flush=True)
    print()
    print(f"{'kind':<12} {'ranking':<8} {'hit@1':>6} {'hit@10':>7} {'MRR':>6}")
    skills = Skill.objects.published()
    for kind, pairs in queries.items():
        for mode, options in MODES.items():
            hits1 = hits10 = reciprocal = 0
            for text, uri in pairs:
                ranked = list(
                    search_skills(skills, text, **options).values_list("pk", flat=True)[:10]
                )
                target = by_uri[uri]
                if target in ranked:
                    place = ranked.index(target) + 1
                    hits1 += place == 1
                    hits10 += 1
                    reciprocal += 1 / place
            n = len(pairs)
            print(
                f"{kind:<12} {mode:<8} {hits1 / n:6.3f} {hits10 / n:7.3f} {reciprocal / n:6.3f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
