"""Old slugs in the API: a permanent redirect to the new address, and the changes feed.

A skill, job title or category renamed or merged away answers at its old slug with 301 (reads)
or 308 (writes, so clients repeat the method and body at the new address), ``Location`` and a
JSON body naming the new slug. ``GET /api/v1/changes/?since=`` lists renames, merges and
deletions (``taxonomy.models.SlugChange``) for clients that sync with ``updated_since``: those
learn of changed rows from the lists, and of vanished slugs from here.
"""

import django_filters
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.reverse import reverse

from taxonomy.models import SlugChange, SlugKind, sees_unpublished
from taxonomy.redirects import redirect_for

from .filters import UtcDateTimeFilter
from .schema import errors

READ_METHODS = ("GET", "HEAD", "OPTIONS")


class SlugMoved(exceptions.APIException):
    default_code = "moved"

    def __init__(self, request, kind, new_slug, url):
        self.status_code = (
            status.HTTP_301_MOVED_PERMANENTLY
            if request.method in READ_METHODS
            else status.HTTP_308_PERMANENT_REDIRECT
        )
        super().__init__(f"This {SlugKind(kind).label.lower()} is now at {new_slug}.")
        self.location = url
        self.extra = {"slug": new_slug, "url": url}


class FollowSlugRedirects:
    """For viewsets looked up by slug: an old slug left by a rename or merge is redirected."""

    slug_kind = SlugKind.SKILL

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            slug = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
            new = redirect_for(self.slug_kind, slug)
            if new is None:
                raise
            url = reverse(f"api:{self.basename}-detail", args=[new], request=self.request)
            raise SlugMoved(self.request, self.slug_kind, new, url) from None


class SlugChangeSerializer(serializers.ModelSerializer):
    new_slug = serializers.SerializerMethodField(
        help_text="Where it is now (renamed, merged); null when deleted."
    )

    class Meta:
        model = SlugChange
        fields = ["kind", "event", "old_slug", "new_slug", "at"]

    def get_new_slug(self, change) -> str | None:
        return change.new_slug or None


class SlugChangeFilter(django_filters.FilterSet):
    since = UtcDateTimeFilter(
        field_name="at",
        lookup_expr="gte",
        help_text="ISO 8601 date-time: changes at or after it (use your last sync time).",
    )
    kind = django_filters.ChoiceFilter(choices=SlugKind.choices)

    class Meta:
        model = SlugChange
        fields = ["since", "kind"]


@extend_schema(responses={200: SlugChangeSerializer(many=True), **errors(400, 404, 429)})
class SlugChangeList(generics.ListAPIView):
    """Slugs that were renamed, merged into another or deleted, oldest first. Visitors see
    those of published skills, job titles and categories; editors also those of drafts."""

    serializer_class = SlugChangeSerializer
    filterset_class = SlugChangeFilter
    permission_classes = [AllowAny]

    def get_queryset(self):
        changes = SlugChange.objects.order_by("at", "pk")
        return changes if sees_unpublished(self.request.user) else changes.filter(public=True)
