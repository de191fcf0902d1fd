"""The search index tables: derived from skills, rebuilt by ``search.indexing``, read by queries.

They keep the ``taxonomy_`` table names they were created with (taxonomy migrations 0002-0006
made them before search became its own app; migration 0001 here only takes over their state).
"""

from django.db import models

from ops.db_fields import ByteOrderedTextField


class SearchDocument(models.Model):
    """The weighted tsvectors of a skill (PostgreSQL only; taxonomy migration 0002 made it):
    ``document`` (A name, B aliases, C job titles, D text) and ``heading`` (A to C only)."""

    skill = models.OneToOneField(
        "taxonomy.Skill",
        on_delete=models.DO_NOTHING,
        db_constraint=False,  # see taxonomy migration 0004: test flushes TRUNCATE skills alone
        primary_key=True,
        related_name="search_document",
    )

    class Meta:
        managed = False
        db_table = "taxonomy_searchdocument"

    def __str__(self):
        return f"search document of skill {self.skill_id}"


class SearchTerm(models.Model):
    """A name or alias, normalised, once per word position: prefixes of any word use a btree."""

    class Kind(models.TextChoices):
        NAME = "name", "Name"
        ALIAS = "alias", "Alias"

    skill = models.ForeignKey(
        "taxonomy.Skill", on_delete=models.CASCADE, related_name="search_terms"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices)
    term = models.CharField(max_length=200, help_text="The name or alias as written.")
    norm = ByteOrderedTextField(help_text="Normalised words of the term from one word position on.")
    is_start = models.BooleanField(help_text="True for the whole term, false for a later word.")

    class Meta:
        db_table = "taxonomy_searchterm"
        indexes = [
            models.Index(fields=["norm"], name="searchterm_norm"),
            models.Index(fields=["skill"], name="searchterm_skill"),
        ]

    def __str__(self):
        return self.term


class SearchWord(models.Model):
    """The lexicon: every indexed word of four letters or more, for typo correction."""

    word = ByteOrderedTextField()

    class Meta:
        db_table = "taxonomy_searchword"
        constraints = [models.UniqueConstraint(fields=["word"], name="searchword_unique")]

    def __str__(self):
        return self.word


class SkillVector(models.Model):
    """A skill's meaning: the embedding of its name, aliases and summary (``search.meaning``).

    ``vector`` holds float16 numbers; it is null for a skill that no longer exists, so every
    process holding vectors in memory learns of the deletion. ``version`` is the index version
    that wrote the row: a process asks only for rows newer than what it holds.
    """

    skill = models.OneToOneField(
        "taxonomy.Skill",
        on_delete=models.DO_NOTHING,
        db_constraint=False,  # rows outlive their skill as "deleted" markers
        primary_key=True,
        related_name="+",
    )
    vector = models.BinaryField(null=True)
    version = models.BigIntegerField(db_index=True)

    class Meta:
        db_table = "search_skillvector"

    def __str__(self):
        return f"meaning of skill {self.skill_id}"


class MeaningVersion(models.Model):
    """One row: the version of the newest ``SkillVector`` write. Writers bump it under a row
    lock, so versions become visible in the order their transactions commit."""

    version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "search_meaningversion"

    def __str__(self):
        return f"meaning index version {self.version}"


class SearchLabel(models.Model):
    """A job title's name or other name, or a category's name, normalised, once per word
    position (like ``SearchTerm``): autocomplete and the search page find titles and categories
    by prefix with a btree."""

    class Kind(models.TextChoices):
        JOB_TITLE = "job_title", "Job title"
        CATEGORY = "category", "Category"

    kind = models.CharField(max_length=9, choices=Kind.choices)
    job_title = models.ForeignKey(
        "taxonomy.JobTitle", null=True, on_delete=models.CASCADE, related_name="+"
    )
    category = models.ForeignKey(
        "taxonomy.Category", null=True, on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(max_length=200, help_text="The name or other name as written.")
    is_name = models.BooleanField(help_text="False for a job title's other name.")
    norm = ByteOrderedTextField(
        help_text="Normalised words of the label from one word position on."
    )
    is_start = models.BooleanField(help_text="True for the whole label, false for a later word.")

    class Meta:
        db_table = "search_searchlabel"
        indexes = [models.Index(fields=["norm"], name="searchlabel_norm")]

    def __str__(self):
        return self.label


class UnansweredSearch(models.Model):
    """A search on the site that found nothing or little (``search.search_log``), counted per
    day: the query text only, normalised and capped, never who searched (no IP, no user, no
    time of day), and deleted after ``SEARCH_LOG_DAYS`` by ``manage.py purge_search_log``."""

    day = models.DateField(db_index=True)
    query = models.CharField(max_length=60)
    searches = models.PositiveIntegerField(default=0)
    results = models.PositiveIntegerField(default=0, help_text="What it found, the last time.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "query"], name="unanswered_search_per_day"),
        ]

    def __str__(self):
        return f"{self.day} {self.query!r}: {self.searches}"
