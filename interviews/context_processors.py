"""The "Add to interview kit" address, reversed once per page rather than once per card (a
list page shows 50 cards; as a ``{% url %}`` tag in each it cost ~1.3 ms a page)."""

from django.urls import reverse


def kit_links(request):
    return {"kit_change_url": reverse("interviews:kit-change")}
