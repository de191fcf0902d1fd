"""The search index: what search reads, and the functions that keep it current.

Search never reads skills, aliases and job titles directly; it reads three derived tables
(``search.models``):

- ``SearchDocument`` (PostgreSQL): one weighted ``tsvector`` per skill, A name, B aliases,
  C job titles and their alternative labels, D summary, definition and resume lines, under a GIN
  index, and its "heading" (A to C only, each field's distinct words: small enough to stay in
  the row, search migration 0004) under another. On SQLite the same four fields live in
  an FTS5 table, ``taxonomy_searchfts``.
- ``SearchTerm``: every name and alias, normalised, once per word position ("track one
  diplomacy", "one diplomacy", "diplomacy"), so a byte-ordered btree answers autocomplete prefixes
  of any word, and a trigram index answers "Did you mean".
- ``SearchWord``: the lexicon of words of four letters or more, for typo correction.
- ``SkillVector``: each skill's embedding, for search by meaning (``meaning`` writes and reads it).
- ``SearchLabel``: job titles (and their other names) and category names per word position, for
  autocomplete and the job titles and categories the search page lists above skills.

Why explicit refreshes rather than triggers: a trigger per alias row would make an import of
100,000 aliases rewrite each document thousands of times. The one write rule
(``taxonomy.changes.content_changed``) instead calls ``on_content_change`` once per write, inside
its transaction, and the refresh is a handful of set-based statements whatever the number of
skills. Status changes need no refresh: the status is read from the skill row at query time.
Deleting a skill deletes its terms (cascade); its document row is never matched again (search
joins the skill table) and goes at the next refresh of that id or ``rebuild_search_index``.
"""

from collections import defaultdict

from django.db import connection

from taxonomy.changes import content_changed
from taxonomy.models import Category, JobTitle, ResumeExample, Skill, SkillAlias

from .meaning import mark_all_for_rebuild, refresh_vectors
from .models import SearchLabel, SearchTerm, SearchWord
from .text import LEXICON_MIN_LENGTH, normalise

SEARCHFTS_TABLE = "taxonomy_searchfts"
MAX_TERM_POSITIONS = 8
REFRESH_CHUNK = 5000


def on_content_change(change):
    """The search index's part of the write rule: refresh every skill the change shows on, and
    the changed job titles and categories."""
    refresh_search_index(change.all_skill_ids)
    refresh_labels(job_title_ids=change.job_title_ids, category_ids=change.category_ids)


def refresh_search_index(skill_ids):
    """Rebuild the index rows of these skills (ids of created, changed or deleted skills).

    Writes reach it through the write rule; call it directly only to repair the index. It runs a
    fixed number of set-based statements per 5,000 skills, so an import of 14,000 skills costs a
    few statements, not one per skill. Unknown ids (deleted skills) are simply cleared.
    """
    ids = sorted({int(pk) for pk in skill_ids})
    for start in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[start : start + REFRESH_CHUNK]
        if connection.vendor == "postgresql":
            _refresh_postgresql(chunk)
        else:
            _refresh_sqlite(chunk)
        refresh_vectors(chunk)


def refresh_labels(job_title_ids=(), category_ids=()):
    """Rebuild the ``SearchLabel`` rows of these job titles and categories (deleted ones are
    cleared by the cascade, or here when the ids are gone)."""
    labels = []
    job_title_ids, category_ids = sorted(job_title_ids), sorted(category_ids)
    for start in range(0, len(job_title_ids), REFRESH_CHUNK):
        chunk = job_title_ids[start : start + REFRESH_CHUNK]
        SearchLabel.objects.filter(job_title_id__in=chunk).delete()
        for pk, name, other_names in JobTitle.objects.filter(pk__in=chunk).values_list(
            "pk", "name", "alternative_labels"
        ):
            others = [line.strip() for line in other_names.splitlines() if line.strip()]
            named = [(name, True)] + [(other, False) for other in dict.fromkeys(others)]
            labels += _labels(SearchLabel.Kind.JOB_TITLE, {"job_title_id": pk}, named)
    for start in range(0, len(category_ids), REFRESH_CHUNK):
        chunk = category_ids[start : start + REFRESH_CHUNK]
        SearchLabel.objects.filter(category_id__in=chunk).delete()
        for pk, name in Category.objects.filter(pk__in=chunk).values_list("pk", "name"):
            labels += _labels(SearchLabel.Kind.CATEGORY, {"category_id": pk}, [(name, True)])
    SearchLabel.objects.bulk_create(labels, batch_size=1000)


def _labels(kind, owner, named):
    rows = []
    for label, is_name in named:
        words = normalise(label).split()
        for i in range(min(len(words), MAX_TERM_POSITIONS)):
            rows.append(
                SearchLabel(
                    kind=kind,
                    label=label[:200],
                    is_name=is_name,
                    norm=" ".join(words[i:]),
                    is_start=i == 0,
                    **owner,
                )
            )
    return rows


# Indexes a full rebuild drops and builds again once at the end (taxonomy migrations 0002,
# 0003): building a GIN index in one go is several times faster than growing it row by row.
_PG_BULK_INDEXES = {
    "searchdocument_document": "taxonomy_searchdocument USING gin (document)",
    "searchdocument_heading": "taxonomy_searchdocument USING gin (heading)",
    "searchterm_norm_trgm": "taxonomy_searchterm USING gin (norm gin_trgm_ops)",
    "searchword_word_trgm": "taxonomy_searchword USING gin (word gin_trgm_ops)",
}


def rebuild_search_index():
    """Empty the index and build it again for every skill (also drops words no longer used).

    Run it inside a transaction (the management command does): on PostgreSQL it drops and
    rebuilds the GIN indexes, which blocks searches until it commits.
    """
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgresql:
            # Foreign-key checks still pending from earlier writes in this transaction would
            # forbid TRUNCATE (and CREATE INDEX below): run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "TRUNCATE taxonomy_searchdocument, taxonomy_searchterm, taxonomy_searchword"
            )
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for name in _PG_BULK_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        else:
            cursor.execute(f"DELETE FROM {SEARCHFTS_TABLE}")  # noqa: S608 (constant)
            cursor.execute("DELETE FROM taxonomy_searchterm")
            cursor.execute("DELETE FROM taxonomy_searchword")
        SearchLabel.objects.all().delete()
    # Through the write rule, so every derived store (and the page cache) is rebuilt too. Skills
    # holding a vector but gone from the table get a "deleted" marker (see ``meaning``).
    content_changed(
        skills={*Skill.objects.values_list("pk", flat=True), *mark_all_for_rebuild()}, touch=False
    )
    refresh_labels(
        job_title_ids=JobTitle.objects.values_list("pk", flat=True),
        category_ids=Category.objects.values_list("pk", flat=True),
    )
    if postgresql:
        with connection.cursor() as cursor:
            # Deferred foreign-key checks still pending would forbid CREATE INDEX: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for name, definition in _PG_BULK_INDEXES.items():
                cursor.execute(f"CREATE INDEX {name} ON {definition}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(
                "ANALYZE taxonomy_searchdocument, taxonomy_searchterm, taxonomy_searchword"
            )


# --- PostgreSQL: everything happens in the database, over arrays of ids -----------------------

_PG_TERMS = """
DELETE FROM taxonomy_searchterm WHERE skill_id = ANY(%(ids)s);
INSERT INTO taxonomy_searchterm (skill_id, kind, term, norm, is_start)
SELECT t.skill_id, t.kind, t.term, array_to_string(t.words[i:], ' '), i = 1
FROM (
    SELECT id AS skill_id, 'name' AS kind, name AS term,
           string_to_array(taxonomy_search_norm(name), ' ') AS words
    FROM taxonomy_skill WHERE id = ANY(%(ids)s)
    UNION ALL
    SELECT skill_id, 'alias', term, string_to_array(taxonomy_search_norm(term), ' ')
    FROM taxonomy_skillalias WHERE skill_id = ANY(%(ids)s)
) AS t, generate_subscripts(t.words, 1) AS i
WHERE i <= %(positions)s;
"""

# One statement: normalise each skill's four fields once, write its document from them and add
# their words to the lexicon. Aliases (by term), job titles (by name) and resume lines (by
# position) join in a fixed order: ts_rank weighs how close the query's words stand, so an order
# left to the plan ranked near-equal skills differently from one database to the next, and
# flipped a relevance test in one CI run of four.
_PG_DOCUMENTS_AND_WORDS = """
DELETE FROM taxonomy_searchdocument WHERE skill_id = ANY(%(ids)s);
WITH source AS MATERIALIZED (
    SELECT s.id AS skill_id,
        taxonomy_search_norm(s.name) AS a,
        taxonomy_search_norm(coalesce(a.text, '')) AS b,
        taxonomy_search_norm(coalesce(j.text, '')) AS c,
        taxonomy_search_norm(concat_ws(' ', s.summary, s.definition, r.text)) AS d
    FROM taxonomy_skill AS s
    LEFT JOIN (
        SELECT skill_id, string_agg(term, ' ' ORDER BY term, id) AS text FROM taxonomy_skillalias
        WHERE skill_id = ANY(%(ids)s) GROUP BY skill_id
    ) AS a ON a.skill_id = s.id
    LEFT JOIN (
        SELECT l.skill_id,
            string_agg(concat_ws(' ', jt.name, jt.alternative_labels), ' ' ORDER BY jt.name, jt.id)
            AS text
        FROM taxonomy_skill_job_titles AS l JOIN taxonomy_jobtitle AS jt ON jt.id = l.jobtitle_id
        WHERE l.skill_id = ANY(%(ids)s) GROUP BY l.skill_id
    ) AS j ON j.skill_id = s.id
    LEFT JOIN (
        SELECT skill_id, string_agg(text, ' ' ORDER BY position, id) AS text
        FROM taxonomy_resumeexample
        WHERE skill_id = ANY(%(ids)s) GROUP BY skill_id
    ) AS r ON r.skill_id = s.id
    WHERE s.id = ANY(%(ids)s)
), documents AS (
    INSERT INTO taxonomy_searchdocument (skill_id, heading, document)
    SELECT skill_id,
        setweight(to_tsvector('english', a), 'A')
        || setweight(to_tsvector('english', taxonomy_search_distinct_words(b)), 'B')
        || setweight(to_tsvector('english', taxonomy_search_distinct_words(c)), 'C'),
        setweight(to_tsvector('english', a), 'A') || setweight(to_tsvector('english', b), 'B')
        || setweight(to_tsvector('english', c), 'C') || setweight(to_tsvector('english', d), 'D')
    FROM source
)
INSERT INTO taxonomy_searchword (word)
SELECT DISTINCT w
FROM source, unnest(string_to_array(concat_ws(' ', a, b, c, d), ' ')) AS w
WHERE length(w) >= %(min_length)s
ON CONFLICT (word) DO NOTHING;
"""


def rebuild_documents():
    """Rebuild every skill's full-text rows (PostgreSQL; SQLite's FTS table holds no heading),
    in chunks, without the embeddings: for a migration that changes how documents are built."""
    if connection.vendor != "postgresql":
        return
    ids = sorted(Skill.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), REFRESH_CHUNK):
        _refresh_postgresql(ids[start : start + REFRESH_CHUNK])


def _refresh_postgresql(ids):
    params = {"ids": ids, "positions": MAX_TERM_POSITIONS, "min_length": LEXICON_MIN_LENGTH}
    with connection.cursor() as cursor:
        for statement in (_PG_TERMS, _PG_DOCUMENTS_AND_WORDS):
            cursor.execute(statement, params)


# --- SQLite: the same rows built in Python, written in bulk --------------------------------


def _refresh_sqlite(ids):
    skills = list(
        Skill.objects.filter(pk__in=ids).values_list("pk", "name", "summary", "definition")
    )
    aliases = defaultdict(list)
    for skill_id, term in SkillAlias.objects.filter(skill_id__in=ids).values_list(
        "skill_id", "term"
    ):
        aliases[skill_id].append(term)
    titles = defaultdict(list)
    for skill_id, name, labels in Skill.job_titles.through.objects.filter(
        skill_id__in=ids
    ).values_list("skill_id", "jobtitle__name", "jobtitle__alternative_labels"):
        titles[skill_id].append(f"{name} {labels}")
    lines = defaultdict(list)
    for skill_id, text in ResumeExample.objects.filter(skill_id__in=ids).values_list(
        "skill_id", "text"
    ):
        lines[skill_id].append(text)

    documents, terms, words = [], [], set()
    for pk, name, summary, definition in skills:
        fields = [
            normalise(name),
            normalise(" ".join(aliases[pk])),
            normalise(" ".join(titles[pk])),
            normalise(" ".join([summary, definition, *lines[pk]])),
        ]
        documents.append((pk, *fields))
        words.update(w for field in fields for w in field.split() if len(w) >= LEXICON_MIN_LENGTH)
        named = [(SearchTerm.Kind.NAME, name)] + [(SearchTerm.Kind.ALIAS, a) for a in aliases[pk]]
        for kind, term in named:
            split = normalise(term).split()
            for i in range(min(len(split), MAX_TERM_POSITIONS)):
                terms.append(
                    SearchTerm(
                        skill_id=pk, kind=kind, term=term, norm=" ".join(split[i:]), is_start=i == 0
                    )
                )

    placeholders = ",".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {SEARCHFTS_TABLE} WHERE rowid IN ({placeholders})",  # noqa: S608
            ids,
        )
        cursor.executemany(
            f"INSERT INTO {SEARCHFTS_TABLE} (rowid, name, aliases, titles, body) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            documents,
        )
    SearchTerm.objects.filter(skill_id__in=ids).delete()
    SearchTerm.objects.bulk_create(terms, batch_size=500)
    SearchWord.objects.bulk_create(
        [SearchWord(word=w) for w in sorted(words)], batch_size=500, ignore_conflicts=True
    )
