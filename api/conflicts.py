"""A write that lost a race to another one: which field the database refused, in words.

Validation checks uniqueness and that linked skills exist, but two requests can both pass it
and then meet in the database (the same slug created twice, a renamed slug taken meanwhile, a
related skill deleted while it was being linked). The database's IntegrityError then becomes a
409 naming the field, instead of a 500 page.
"""

# (what the constraint name or the driver's message mentions, the API field, the message)
CONFLICTS = (
    ("external_id", "external_id", "Another skill took this external identifier meanwhile."),
    ("slug", "slug", "Another skill took this slug while your request was being saved."),
    ("alias", "aliases", "Another request gave this skill the same alias meanwhile."),
    ("skill_related", "related", "A related skill was deleted while your request was saved."),
    ("job_titles", "job_titles", "A job title was deleted while your request was saved."),
    ("category", "category", "The category was deleted while your request was saved."),
)
FALLBACK = ("non_field_errors", "Another change reached the database first; nothing was saved.")


def conflict_errors(error):
    """``{field: [message]}`` for an IntegrityError raised by a skill write."""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    text = " ".join(
        filter(None, [getattr(diag, "constraint_name", None), getattr(diag, "table_name", None)])
    )
    text = f"{text} {error}".lower()
    for needle, field, message in CONFLICTS:
        if needle in text:
            return {field: [message + " Fetch the skill again and retry."]}
    return {FALLBACK[0]: [FALLBACK[1] + " Fetch the skill again and retry."]}


# PostgreSQL's "try again" errors: a deadlock between two writers (each holding a row the other
# needs, e.g. a link being made to a skill being deleted) or a serialization failure. Nothing
# was written; running the whole transaction again normally succeeds.
RETRYABLE_SQLSTATES = {"40P01", "40001"}
ATTEMPTS = 3


def is_retryable(error):
    return getattr(error.__cause__, "pgcode", None) in RETRYABLE_SQLSTATES


def retrying(write):
    """Run ``write()`` (one whole transaction) again when the database asks for a retry; after
    ``ATTEMPTS`` the error stands and the API answers 409 (``errors.api_exception_handler``)."""
    from django.db import OperationalError

    for attempt in range(ATTEMPTS):
        try:
            return write()
        except OperationalError as error:
            if not is_retryable(error) or attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")
