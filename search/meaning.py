"""Search by meaning: an embedding per skill, compared with the embedding of what was typed.

The model is WordLlama's "l2_supercat" 256-dimension static token embeddings, which ship inside
the ``wordllama`` wheel from PyPI (16 MB of weights, MIT): nothing is downloaded, it runs on the
CPU, loads in about a second and embeds the whole ESCO skill set in a few. A text's embedding is
the average of its tokens' vectors (WordLlama's own ``embed``), scaled to length one, so the dot
product of two embeddings is their cosine similarity. README "Search" says why this model.

A skill's vector blends its name, its aliases (averaged) and its summary: the name counts
double, so a skill is found by what it is called before what it is about (bench/relevance.py
measured the blend). Vectors live in ``SkillVector`` (bytes of float16, on SQLite and
PostgreSQL alike: no vector extension needed) and are written by the one write rule through
``indexing.refresh_search_index``; ``rebuild_search_index`` rewrites them all.

Scoring happens in the process: each process keeps every vector in one NumPy matrix and, before
each use, asks the database for rows newer than the version it holds (one indexed query, empty
when nothing changed). So every gunicorn worker sees a write as soon as it commits, and pays for
a change with the changed rows only. Writers bump ``MeaningVersion`` under a row lock, which
makes versions visible in commit order: a reader never skips a version a slower writer commits
later. At 100,000 skills the matrix takes 100 MB per process and one comparison a few ms.

Public functions: ``closest_skill_ids(text)`` (ranking, and for other apps: "skills close in
meaning to this text"; ``closest_skill_ids_each(texts)`` for many, as the job advert reader
asks per sentence), ``similar_skill_ids(skill_id)`` (the skill page), ``refresh_vectors(ids)``
(the write rule).
"""

import functools
import importlib.util
import threading
from collections import defaultdict
from pathlib import Path

# config/settings.py sets OPENBLAS_NUM_THREADS=1 before NumPy loads: scoring is one small
# matrix-vector product a request, 0.2 ms at ESCO size on one thread, 1-20 ms through OpenBLAS's
# thread pool contending with the other web workers for the cores.
import numpy as np
from django.db import connection
from django.db.models import F

from taxonomy.models import Skill, SkillAlias

from .models import MeaningVersion, SkillVector

MODEL_NAME = "WordLlama l2_supercat, 256 dimensions"
DIMENSIONS = 256
STORED_TYPE = np.float16
# Below this cosine similarity a skill is not "close in meaning" (bench/relevance.py: below it,
# meaning-only results for other names of a skill are right less often than they are noise).
MIN_SIMILARITY = 0.45
_NAME, _ALIASES, _SUMMARY = 1.0, 0.5, 0.5


# --- the model ---------------------------------------------------------------------------------


@functools.cache
def model():
    """WordLlama's inference object, loaded once per process from the installed wheel.

    The 0.4 wheel ships its tokenizer in ``tokenizers/`` while ``WordLlama.load`` looks in
    ``tokenizer/`` (and then tries to download it), so both files are loaded by path and handed
    to WordLlama's own inference class. (Importing ``wordllama`` calls ``logging.basicConfig``,
    a no-op here: Django's LOGGING has already given the root logger its handler.)
    """
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    spec = importlib.util.find_spec("wordllama")
    folder = Path(spec.submodule_search_locations[0])
    weights = load_file(str(folder / "weights" / "l2_supercat_256.safetensors"))
    tokenizer = Tokenizer.from_file(
        str(folder / "tokenizers" / "l2_supercat_tokenizer_config.json")
    )
    from wordllama.inference import WordLlamaInference

    return WordLlamaInference(weights["embedding.weight"], tokenizer)


def embed(texts):
    """Unit-length float32 embeddings of ``texts`` (a row of zeros for a text with no tokens).

    Lower-cased first: the tokenizer tells "Manage" from "manage", and recruiters type in any
    case while skill names come in title case (ESCO's in lower case)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = model().embed([text.lower() for text in texts], norm=False, batch_size=256)
    return _unit(vectors)


def _unit(vectors):
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, lengths, out=np.zeros_like(vectors), where=lengths > 0)


def skill_embeddings(skills):
    """One vector per (name, aliases, summary): the blend described in the module docstring."""
    names = embed([name for name, _, _ in skills])
    summaries = embed([summary for _, _, summary in skills])
    alias_texts = [(i, alias) for i, (_, aliases, _) in enumerate(skills) for alias in aliases]
    alias_vectors = embed([alias for _, alias in alias_texts])
    alias_means = np.zeros_like(names)
    if alias_texts:
        owners = np.array([i for i, _ in alias_texts])
        np.add.at(alias_means, owners, alias_vectors)
        alias_means = _unit(alias_means)
    return _unit(_NAME * names + _ALIASES * alias_means + _SUMMARY * summaries)


# --- writing vectors ------------------------------------------------------------------------


def refresh_vectors(skill_ids):
    """Write the vectors of these skills (deleted ones get a "deleted" marker), under one new
    version. The write rule calls it through ``indexing.refresh_search_index``."""
    ids = sorted({int(pk) for pk in skill_ids})
    if not ids:
        return
    version = _next_version()
    rows = list(Skill.objects.filter(pk__in=ids).values_list("pk", "name", "summary"))
    aliases = defaultdict(list)
    for skill_id, term in SkillAlias.objects.filter(skill_id__in=ids).values_list(
        "skill_id", "term"
    ):
        aliases[skill_id].append(term)
    vectors = skill_embeddings([(name, aliases[pk], summary) for pk, name, summary in rows])
    found = {pk for pk, _, _ in rows}
    SkillVector.objects.filter(skill_id__in=ids).delete()
    SkillVector.objects.bulk_create(
        [
            SkillVector(skill_id=pk, vector=vector.astype(STORED_TYPE).tobytes(), version=version)
            for (pk, _, _), vector in zip(rows, vectors, strict=True)
        ]
        + [SkillVector(skill_id=pk, vector=None, version=version) for pk in ids if pk not in found],
        batch_size=1000,
    )


def mark_all_for_rebuild():
    """Ids of every skill with a vector row: a rebuild refreshes them with the skills, so rows of
    skills deleted behind the write rule's back become "deleted" markers."""
    return SkillVector.objects.filter(vector__isnull=False).values_list("skill_id", flat=True)


def _next_version():
    """Bump the version under a row lock held to the end of the writing transaction."""
    bumped = MeaningVersion.objects.filter(pk=1).update(version=F("version") + 1)
    if not bumped:  # the row is made by the migration; a test flush may have emptied the table
        MeaningVersion.objects.create(pk=1, version=1)
    return MeaningVersion.objects.values_list("version", flat=True).get(pk=1)


# --- reading vectors: one matrix per process ----------------------------------------------------

_CHANGES_SQL = (
    "SELECT skill_id, version, vector FROM search_skillvector WHERE version > %s"
    " UNION ALL SELECT NULL, version, NULL FROM search_meaningversion WHERE id = 1"
)


class VectorMatrix:
    """Every skill vector of the database, kept current by ``refresh()`` (one query)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        self.version = 0
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self.row_of = {}

    def refresh(self):
        """Apply the rows written since the version held; one query (two after a rollback or a
        flush made the database's version go back, which only tests do)."""
        rows = self._changes()
        current = next((version for skill_id, version, _ in rows if skill_id is None), 0)
        if current < self.version:
            self.clear()
            rows = self._changes()
        self._apply([row for row in rows if row[0] is not None])
        self.version = max(self.version, current)

    def _changes(self):
        with connection.cursor() as cursor:
            cursor.execute(_CHANGES_SQL, [self.version])
            return cursor.fetchall()

    def _apply(self, rows):
        added_ids, added = [], []
        for skill_id, _, vector in rows:
            row = self.row_of.get(skill_id)
            if vector is None:
                if row is not None:
                    self.matrix[row] = 0
                    self.ids[row] = -1
                    del self.row_of[skill_id]
                continue
            values = np.frombuffer(bytes(vector), dtype=STORED_TYPE).astype(np.float32)
            if row is None:
                added_ids.append(skill_id)
                added.append(values)
            else:
                self.matrix[row] = values
        if added:
            start = len(self.ids)
            self.ids = np.concatenate([self.ids, np.array(added_ids, dtype=np.int64)])
            self.matrix = np.vstack([self.matrix, np.vstack(added)])
            self.row_of.update({pk: start + i for i, pk in enumerate(added_ids)})

    def closest(self, vector, limit, min_similarity, exclude=()):
        """(skill id, similarity) of the ``limit`` vectors closest to ``vector``, best first."""
        if not len(self.ids) or not vector.any():
            return []
        scores = self.matrix @ vector
        for skill_id in exclude:
            row = self.row_of.get(skill_id)
            if row is not None:
                scores[row] = -1
        count = min(limit, len(scores))
        top = np.argpartition(-scores, count - 1)[:count]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [
            (int(self.ids[row]), float(scores[row]))
            for row in top
            if scores[row] >= min_similarity and self.ids[row] >= 0
        ]


_vectors = VectorMatrix()


def current_vectors():
    """This process's matrix, brought up to date (one query)."""
    with _vectors.lock:
        _vectors.refresh()
    return _vectors


def forget_vectors():
    """Drop what this process holds (tests roll back transactions other processes never see)."""
    with _vectors.lock:
        _vectors.clear()


def closest_skill_ids(text, limit=30, min_similarity=MIN_SIMILARITY):
    """(skill id, cosine similarity) of the skills closest in meaning to ``text``, best first,
    whatever their status: narrow them with ``Skill.objects.visible_to(user)``. One query.

    For other apps too: the job advert reader asks this for "skills close in meaning to this
    text" (pass a phrase or a sentence; a whole advert averages into mush).
    """
    vectors = current_vectors()
    return vectors.closest(embed([text])[0], limit, min_similarity)


def closest_skill_ids_each(texts, limit=3, min_similarity=MIN_SIMILARITY):
    """``closest_skill_ids`` for several texts at once (one query, one batch of embeddings):
    a list with, for each text, its (skill id, similarity) pairs, best first."""
    if not texts:
        return []
    vectors = current_vectors()
    return [vectors.closest(vector, limit, min_similarity) for vector in embed(texts)]


def similar_skill_ids(skill_id, limit=6, min_similarity=MIN_SIMILARITY):
    """(skill id, similarity) of the skills closest in meaning to this one, itself excluded."""
    vectors = current_vectors()
    row = vectors.row_of.get(skill_id)
    if row is None:
        return []
    return vectors.closest(vectors.matrix[row].copy(), limit, min_similarity, exclude=[skill_id])
