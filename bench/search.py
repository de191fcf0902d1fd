"""Search and autocomplete latency on PostgreSQL with N synthetic skills (default 100,000).

Creates and migrates the database if needed, fills it with COPY (about five aliases, three job
titles and three resume lines per skill, words of realistic length drawn from a Zipf-like
vocabulary), builds the index with the same set-based refresh_search_index() the importers call,
then times a fixed mix of queries (exact name, alias, typo, multi-word, no-hit) and prints
p50/p95/p99 and EXPLAIN ANALYZE of the slowest statement of the slowest search.

"search" is what the search page asks for: the typo lookup, the meaning (the version check and
the comparison with every skill vector, in process), the count and the first page of 20 with its
aliases and resume lines, "why it matched" with the job titles it needs, and the matching job
titles and categories (template rendering not included). "autocomplete" is the autocomplete
endpoint's three queries (lexicon, skills, job titles and categories). bench/search_http.py
measures both over HTTP.

    .venv/bin/python bench/search.py [--database-url URL] [--skills 100000] [--rounds 5]

An existing database holding exactly --skills skills is reused (pass --refill to rebuild it).
"""

import argparse
import io
import os
import random
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/skillatlas_bench_search"
SYLLABLES = [a + b for a in "bcdfghklmnprstvz" for b in "aeiou"] + ["an", "er", "in", "on", "ul"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--skills", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5, help="times each query is run")
    parser.add_argument("--refill", action="store_true")
    parser.add_argument("--seed", type=int, default=4)
    return parser.parse_args()


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


class Vocabulary:
    """Pseudo-words 2 to 14 letters long (mean about 7), frequent ones short, like English."""

    def __init__(self, rng, size=30_000):
        words = set()
        while len(words) < size:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([1, 2, 2, 3, 3, 3, 4])))
            if rng.random() < 0.3:
                word += rng.choice(["ing", "ion", "ment", "er", "s", "al"])
            words.add(word)
        self.words = sorted(words, key=lambda w: (len(w), w))
        weights = [1 / (rank + 10) for rank in range(size)]  # Zipf-like: a long tail
        self.cumulative = []
        total = 0
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.rng = rng

    def common(self, count):
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def rare(self, count):
        return [self.rng.choice(self.words) for _ in range(count)]

    def phrase(self, low, high, rare=True):
        count = self.rng.randint(low, high)
        words = self.rare(count) if rare else self.common(count)
        return " ".join(words).capitalize()


def copy(cursor, table, columns, rows):
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(str(value) for value in row) + "\n")
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def fill(count, rng):
    from django.db import connection, transaction
    from django.utils import timezone

    from search.indexing import rebuild_search_index
    from taxonomy.alias_keys import alias_key
    from taxonomy.names import name_key

    vocabulary = Vocabulary(rng)
    now = timezone.now().isoformat()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE taxonomy_skill, taxonomy_jobtitle, taxonomy_category, "
            "taxonomy_searchterm, taxonomy_searchword, search_skillvector, search_searchlabel"
            " RESTART IDENTITY CASCADE"
        )
        copy(
            cursor,
            "taxonomy_category",
            ["name", "slug", "description", "external_id"],
            [(f"Category {n}", f"category-{n}", "", "") for n in range(1, 41)],
        )
        titles = 20_000
        copy(
            cursor,
            "taxonomy_jobtitle",
            ["name", "name_key", "slug", "alternative_labels", "description", "external_id"]
            + ["updated", "esco_fields", "onet_code", "tasks", "onet_fields"],
            (
                (
                    title,
                    name_key(title)[:200],
                    f"job-title-{n}",
                    "\\n".join(vocabulary.phrase(2, 3) for _ in range(2)),
                    "",
                    "",
                    now,
                    "{}",
                    "",
                    "",
                    "{}",
                )
                for n in range(1, titles + 1)
                for title in [
                    vocabulary.phrase(1, 2)
                    + " "
                    + rng.choice(["manager", "engineer", "analyst", "officer", "specialist"])
                ]
            ),
        )
        statuses = ["published"] * 9 + ["draft"]
        copy(
            cursor,
            "taxonomy_skill",
            ["name", "name_key", "slug", "summary", "definition", "category_id", "status"]
            + ["external_id", "created", "updated", "kind", "coverage", "answer_count"]
            + ["question_count", "is_complete", "esco_fields", "review_note"],
            (
                (
                    name,
                    name_key(name)[:200],
                    f"skill-{n}",
                    " ".join(vocabulary.common(14)).capitalize() + ".",
                    " ".join(vocabulary.common(60)).capitalize() + ".",
                    rng.randint(1, 40),
                    rng.choice(statuses),
                    "",
                    now,
                    now,
                    "skill",
                    "{}",
                    0,
                    0,
                    "false",
                    "{}",
                    "",
                )
                for n in range(1, count + 1)
                for name in [vocabulary.phrase(1, 3)]
            ),
        )
        copy(
            cursor,
            "taxonomy_skillalias",
            ["skill_id", "term", "key", "source"],
            (
                (skill, term, alias_key(term), "editor")
                for skill in range(1, count + 1)
                for term in {
                    vocabulary.phrase(1, 3).lower(): 0 for _ in range(rng.choice([4, 5, 6]))
                }
            ),
        )
        copy(
            cursor,
            "taxonomy_skill_job_titles",
            ["skill_id", "jobtitle_id"],
            (
                (skill, title)
                for skill in range(1, count + 1)
                for title in rng.sample(range(1, titles + 1), 3)
            ),
        )
        copy(
            cursor,
            "taxonomy_resumeexample",
            ["skill_id", "text", "position"],
            (
                (skill, " ".join(vocabulary.common(12)).capitalize(), position)
                for skill in range(1, count + 1)
                for position in range(3)
            ),
        )
        cursor.execute("ANALYZE")  # fresh statistics, as after any bulk load
        filled = time.perf_counter()
        rebuild_search_index()
        indexed = time.perf_counter()
        cursor.execute("ANALYZE")
    print(f"filled {count} skills with COPY in {filled - started:.1f} s")
    print(
        f"rebuild_search_index of all {count} skills (set-based SQL, and the embeddings of"
        f" every name, alias and summary): {indexed - filled:.1f} s"
    )


def query_mix(rng):
    """A fixed mix drawn from the data: (kind, search text, autocomplete text)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM taxonomy_skill WHERE status = 'published' ORDER BY id LIMIT 4000"
        )
        names = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT term FROM taxonomy_skillalias ORDER BY id LIMIT 4000")
        aliases = [row[0] for row in cursor.fetchall()]
    rng.shuffle(names)
    rng.shuffle(aliases)

    def typo(text):
        words = text.split()
        index = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[index]
        if len(word) >= 4:
            i = rng.randrange(1, len(word) - 1)
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swap two letters
        words[index] = word
        return " ".join(words)

    mix = []
    for n in range(20):
        mix.append(("exact name", names[n], names[n][:3]))
        mix.append(("alias", aliases[n], aliases[n][:5]))
        mix.append(("typo", typo(names[100 + n]), names[100 + n][:4]))
        multi = " ".join([*names[200 + n].split()[:1], *aliases[200 + n].split()[:2]])
        mix.append(("multi-word", multi, names[200 + n][:6]))
        nonsense = "".join(rng.choice(string.ascii_lowercase) for _ in range(9))
        mix.append(("no hit", f"{nonsense} qx", nonsense[:4]))
    return mix


def search_page(text):
    """What the search page's view does (search/views.py), template aside."""
    from search.query import prepare_query
    from search.ranking import search_skills
    from search.snippets import explain_page
    from search.suggest import matching_labels, query_spellings
    from taxonomy.models import Skill

    query = prepare_query(text)
    skills = search_skills(Skill.objects.published(), query).for_card()
    total = skills.count()
    results = explain_page(list(skills[:20]), query)
    return total, results, matching_labels(query_spellings(query))


def suggest(text):
    from search.suggest import autocomplete
    from taxonomy.models import Skill

    return autocomplete(Skill.objects.published(), text)


def percentiles(samples):
    ordered = sorted(samples)

    def at(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return at(50), at(95), at(99)


def measure(label, function, texts, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples, by_kind, slowest = [], {}, (0, None, None)
    for _kind, text in texts:
        function(text)  # warm the plan and the buffers once
    for _ in range(rounds):
        for text_kind, text in texts:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                function(text)
                elapsed = (time.perf_counter() - started) * 1000
            samples.append(elapsed)
            by_kind.setdefault(text_kind, []).append(elapsed)
            if elapsed > slowest[0]:
                slowest = (elapsed, text, list(captured.captured_queries))
    p50, p95, p99 = percentiles(samples)
    print(
        f"\n{label}: {len(samples)} requests, p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms"
    )
    for text_kind, values in by_kind.items():
        k50, k95, k99 = percentiles(values)
        print(f"  {text_kind:12} p50 {k50:6.1f}  p95 {k95:6.1f}  p99 {k99:6.1f} ms")
    return slowest


def explain(slowest):
    from django.db import connection

    elapsed, text, queries = slowest
    statement = max(queries, key=lambda q: float(q["time"]))
    print(
        f"\nSlowest search: {text!r} in {elapsed:.1f} ms ({len(queries)} queries); "
        f"its slowest statement ({float(statement['time']) * 1000:.1f} ms):\n{statement['sql']}\n"
    )
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement["sql"])
        for (line,) in cursor.fetchall():
            print(line)


def main():
    args = parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    create_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command

    from taxonomy.models import Skill

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    if args.refill or Skill.objects.count() != args.skills:
        fill(args.skills, rng)
    else:
        print(f"reusing {args.skills} skills already in the database")
    rng = random.Random(args.seed + 1)
    mix = query_mix(rng)
    print(f"{len(mix)} queries x {args.rounds} rounds; machine shared with other work (2 cores)")
    slowest = measure("search", search_page, [(kind, q) for kind, q, _ in mix], args.rounds)
    measure("autocomplete", suggest, [(kind, a) for kind, _, a in mix], args.rounds)
    explain(slowest)


if __name__ == "__main__":
    main()
