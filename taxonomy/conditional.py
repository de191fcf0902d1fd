"""ETags for skill pages, so browsers and crawlers revalidate with a 304 instead of a download.

The ETag is a fingerprint of everything the page shows, taken from the objects the page has already
loaded (no extra query): the skill's own fields, its category path, every child and linked object,
and what each extension (interview questions) shows. So a renamed job title, a question edited on
its own admin page or a category renamed all change it, as does a deploy that changes templates or
static files.
"""

import functools
import hashlib

from django.conf import settings
from django.utils.http import quote_etag

from .extensions import skill_extensions
from .models import sees_unpublished


@functools.cache
def release():
    """A digest of the site's templates and static files, read once per process."""
    digest = hashlib.blake2b(digest_size=8)
    for folder in (settings.BASE_DIR / "templates", settings.BASE_DIR / "static"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def skill_page_etag(skill, request, extension_context=None):
    """Reads the relations through ``.all()``, i.e. the prefetches of ``for_page()``, and the
    extensions' page context (``taxonomy.extensions``: e.g. similar skills)."""
    category_path = skill.category.path() if skill.category else []
    shown = [
        release(),
        settings.SITE_URL or request.get_host(),
        sees_unpublished(request.user),
        (skill.pk, skill.slug, skill.name, skill.summary, skill.definition, skill.status),
        (skill.external_id, skill.updated.isoformat()),
        [(category.slug, category.name) for category in category_path],
        [(alias.term, alias.source) for alias in skill.aliases.all()],
        sorted(skill.field_sources()),
        [line.text for line in skill.resume_examples.all()],
        [(title.slug, title.name) for title in skill.job_titles.all()],
        [(other.slug, other.name) for other in skill.related.all()],
        [(other.slug, other.name) for other in skill.esco_related.all()],
        [extension.fingerprint(skill) for extension in skill_extensions()],
        sorted((extension_context or {}).items()),
    ]
    return quote_etag(hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest())
