"""schema.org JSON-LD for skill pages, safe to place inside a <script> element."""

import json

from django.urls import reverse
from django.utils.safestring import mark_safe

from .absolute_urls import absolute_url

# JSON allows these as \u escapes, and without them "</script>" or "<!--" in a skill's
# text would end or confuse the script element (the same escapes as Django's json_script).
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_safe_json(data):
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE))  # noqa: S308


def defined_term_json_ld(skill, request):
    """A DefinedTerm in the Skill Atlas DefinedTermSet; reads the prefetches of for_page()."""
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": absolute_url(request, skill.get_absolute_url()),
        "url": absolute_url(request, skill.get_absolute_url()),
        "name": skill.name,
        "termCode": skill.slug,
        "description": skill.summary or skill.definition,
        "alternateName": [alias.term for alias in skill.aliases.all()],
        "dateModified": skill.updated.isoformat(),
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "name": "Skill Atlas",
            "url": absolute_url(request, reverse("taxonomy:skill-list")),
        },
    }
    if skill.external_id:
        data["sameAs"] = skill.external_id
    return script_safe_json(data)
