"""The skills endpoint: a filtered, paginated list, the nested detail with ETags, and writes."""

from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from taxonomy.cached_pages import shows_skills
from taxonomy.history import history, versions_of
from taxonomy.models import Skill

from .conditional import etag_for, is_not_modified, require_current
from .conflicts import retrying
from .filters import SkillFilter
from .history_serializers import HistoryEntrySerializer
from .reference_views import SLUG
from .schema import ETAG, IF_MATCH, IF_NONE_MATCH, READ_ERRORS, WRITE_ERRORS, errors
from .skill_serializers import SkillDetailSerializer, SkillListSerializer, SkillWriteSerializer
from .skill_writes import delete_skill
from .slug_changes import FollowSlugRedirects

write_docs = extend_schema(
    request=SkillWriteSerializer,
    parameters=[IF_MATCH, ETAG],
    responses={200: SkillDetailSerializer, **WRITE_ERRORS, **errors(308, 404, 409, 412)},
)


class CanReadHistory(permissions.BasePermission):
    """Editors: an account holding ``taxonomy.change_skill`` (or ``view_skill``)."""

    message = "Reading a skill's history needs the taxonomy.change_skill permission."

    def has_permission(self, request, view):
        user = request.user
        return user.has_perm("taxonomy.change_skill") or user.has_perm("taxonomy.view_skill")


@extend_schema_view(
    list=extend_schema(responses={200: SkillListSerializer, **READ_ERRORS}),
    retrieve=extend_schema(
        parameters=[IF_NONE_MATCH, ETAG],
        responses={
            200: SkillDetailSerializer,
            304: OpenApiResponse(description="Not modified: If-None-Match holds the ETag."),
            **errors(301, 404, 429),
        },
    ),
    create=extend_schema(
        request=SkillWriteSerializer,
        parameters=[ETAG],
        responses={201: SkillDetailSerializer, **WRITE_ERRORS, **errors(409)},
    ),
    update=write_docs,
    partial_update=write_docs,
    destroy=extend_schema(
        parameters=[IF_MATCH], responses={204: None, **errors(308, 401, 403, 404, 412, 429)}
    ),
)
class SkillViewSet(FollowSlugRedirects, viewsets.ModelViewSet):
    """Skills: what each is, how it shows on a CV, who has it, what else to search, how to
    interview for it. Visitors see published skills; editors every status."""

    lookup_field = "slug"
    lookup_value_regex = SLUG
    filterset_class = SkillFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["name", "updated"]

    def get_queryset(self):
        visible = Skill.objects.visible_to(self.request.user)
        if self.action == "history":
            return visible
        if self.action == "list":
            return visible.for_card().with_demand_flags()
        return visible.for_page(self.request.user)

    def filter_queryset(self, queryset):
        # Query-string filters narrow the list; a detail URL already names its skill.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_serializer_class(self):
        if self.action == "list":
            return SkillListSerializer
        if self.action in ("create", "update", "partial_update"):
            return SkillWriteSerializer
        return SkillDetailSerializer

    def retrieve(self, request, *args, **kwargs):
        skill = self.get_object()
        shows_skills(request, [skill, *skill.related.all(), *skill.esco_related.all()])
        response = self.detail_response(skill)
        if is_not_modified(request, response["ETag"]):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": response["ETag"]})
        return response

    def create(self, request, *args, **kwargs):
        def write():
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            return serializer.save()

        skill = retrying(write)
        response = self.detail_response(self.reload(skill), status=status.HTTP_201_CREATED)
        response["Location"] = response.data["url"]
        return response

    def update(self, request, *args, partial=False, **kwargs):
        @transaction.atomic
        def write():
            serializer = self.get_serializer(
                self.current_version(), data=request.data, partial=partial
            )
            serializer.is_valid(raise_exception=True)
            return serializer.save()

        return self.detail_response(self.reload(retrying(write)))

    def destroy(self, request, *args, **kwargs):
        retrying(transaction.atomic(lambda: delete_skill(self.current_version(), request.user)))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        responses={200: HistoryEntrySerializer(many=True), **errors(401, 403, 404, 429)},
    )
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[permissions.IsAuthenticated, CanReadHistory],
        filter_backends=[],
    )
    def history(self, request, *args, **kwargs):
        """The skill's history, newest first (paginated): who changed it, when, and each
        field's change from the version before. Editors only."""
        skill = self.get_object()
        page = self.paginate_queryset(versions_of(Skill, skill.pk))
        entries = history(Skill, skill.pk, page)
        return self.get_paginated_response(HistoryEntrySerializer(entries, many=True).data)

    def current_version(self):
        """The skill, row locked, once the client's If-Match (if any) names this version."""
        list(Skill.objects.select_for_update().filter(slug=self.kwargs["slug"]).values("pk"))
        skill = self.get_object()
        require_current(self.request, self.detail_response(skill)["ETag"])
        return skill

    def reload(self, skill):
        user = self.request.user
        return Skill.objects.visible_to(user).for_page(user).get(pk=skill.pk)

    def detail_response(self, skill, status=status.HTTP_200_OK):
        """The nested detail (``skill`` loaded with ``for_page(user)``) and its ETag."""
        data = SkillDetailSerializer(skill, context=self.get_serializer_context()).data
        return Response(data, status=status, headers={"ETag": etag_for(data)})
