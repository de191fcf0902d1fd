"""Which skill pages recruiters open, counted so the page cache does not hide it.

Skill pages are served from the anonymous page cache, so a view cannot count them. Instead the
page carries ``static/js/skill-opened.js``, which posts a beacon (``navigator.sendBeacon``) to
``/skills/<slug>/opened`` once per page view, cached page or not. The count is per skill and
day, nothing else: no IP, no user, no cookie. Editors' own visits are not counted, nor are
clients without JavaScript (most crawlers). The editors' dashboard (``taxonomy.dashboard``)
lists the incomplete skills opened most. Counts older than ``settings.PAGE_OPENS_DAYS``
(default 90) are deleted by ``manage.py purge_page_opens`` (run it daily, e.g. from cron).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Skill, SkillPageOpen


def count_open(skill_id, day=None):
    """One more open of the skill's page today: two queries (insert today's row if missing,
    then count)."""
    day = day or timezone.now().date()
    SkillPageOpen.objects.bulk_create(
        [SkillPageOpen(skill_id=skill_id, day=day, opens=0)], ignore_conflicts=True
    )
    SkillPageOpen.objects.filter(skill_id=skill_id, day=day).update(opens=F("opens") + 1)


def purge(today=None):
    """Delete the counts older than ``PAGE_OPENS_DAYS``; how many rows went."""
    today = today or timezone.now().date()
    cutoff = today - timedelta(days=settings.PAGE_OPENS_DAYS)
    deleted, _ = SkillPageOpen.objects.filter(day__lt=cutoff).delete()
    return deleted


@csrf_exempt  # a counter: no session, nothing of the visitor's is read or changed
@require_POST
@never_cache
def skill_opened(request, slug):
    if not request.user.is_staff:
        skill_id = Skill.objects.published().filter(slug=slug).values_list("pk", flat=True).first()
        if skill_id is not None:
            count_open(skill_id)
    return HttpResponse(status=204)
