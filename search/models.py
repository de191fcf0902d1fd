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
