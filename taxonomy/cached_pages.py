"""Which cached pages show what: the page cache's tags for taxonomy content, and the write
rule's part that retires them (``on_content_change``, in ``settings.CONTENT_CHANGE_HANDLERS``).

A page depends on (``ops.page_cache.depends_on``):
- ``skill:<id>`` for every skill it shows: its own page, its cards in lists, related skills;
- ``category:<id>``: a category page (its skills, subcategories and their counts);
- ``job-title:<id>``: a job title page and the A-Z list of its skills (their membership and
  order: the page shows the first few, A-Z and hot first);
- ``az:<category id>`` (``*`` for all): the A-Z lists of a category (any letter: the letter bar
  shows which letters have skills), whose membership changes when a skill joins it;
  ``categories``: the category names a filter offers.

A write names the skills, job titles and categories it changed (``ContentChange``); for each
skill we retire its tag and the lists it belongs to *now* (the A-Z lists of all skills and of
its category and their ancestors, those categories' pages, the pages of its job titles and of
those working with it as a technology). The lists it left (a renamed or recategorised skill)
still show its card, so its own tag retires them. A write too large to list (an import), a
renamed slug or a deleted category retires everything.
"""

from ops import page_cache

from .models import CATEGORY_MAX_DEPTH, Category, Skill, TechnologyUse

ALL = "*"
# Beyond this many skills (an import), retiring everything is cheaper than listing the pages.
MAX_LISTED = 1000
CATEGORY_CHAIN = ["category_id"] + [
    "category__" + "__".join(["parent"] * depth) + "_id" for depth in range(1, CATEGORY_MAX_DEPTH)
]


def skill_tags(ids):
    return [f"skill:{pk}" for pk in ids]


def category_tag(pk):
    return f"category:{pk}"


def job_title_tag(pk):
    return f"job-title:{pk}"


def az_tag(category=None):
    """The A-Z lists of ``category`` (None: of every skill), whatever the letter."""
    return f"az:{category.pk if category is not None else ALL}"


def tags_for_change(change):
    """The tags a write retires, or None when it is too large to list (retire everything)."""
    skill_ids = change.all_skill_ids | change.skill_ids
    if len(skill_ids) > MAX_LISTED or change.renamed:
        return None
    tags = set(skill_tags(skill_ids))
    categories = set(change.category_ids)
    if categories:
        tags.add("categories")
        rows = dict(Category.objects.filter(pk__in=categories).values_list("pk", "parent_id"))
        if len(rows) < len(categories):  # a deleted category: its parent is not known now
            return None
        categories.update(parent for parent in rows.values() if parent is not None)
    if skill_ids:
        tags.add(f"az:{ALL}")
        for chain in Skill.objects.filter(pk__in=skill_ids).values_list(*CATEGORY_CHAIN):
            categories.update(pk for pk in chain if pk is not None)
        links = Skill.job_titles.through.objects.filter(skill_id__in=skill_ids)
        tags.update(job_title_tag(pk) for pk in links.values_list("jobtitle_id", flat=True))
        uses = TechnologyUse.objects.filter(skill_id__in=skill_ids)
        tags.update(job_title_tag(pk) for pk in uses.values_list("job_title_id", flat=True))
    tags.update(category_tag(pk) for pk in categories)
    tags.update(f"az:{pk}" for pk in categories)
    tags.update(job_title_tag(pk) for pk in change.job_title_ids)
    return tags


def shows_skills(request, skills):
    """This page shows these skills (cards, related skills): an edit to one retires it."""
    page_cache.depends_on(request, *skill_tags(skill.pk for skill in skills))


def on_content_change(change):
    """The page cache's part of the write rule: retire the pages that show what changed."""
    tags = tags_for_change(change)
    if tags is None:
        page_cache.retire_everything()
    else:
        page_cache.retire(tags)
