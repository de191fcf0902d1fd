"""Interview kits as JSON, and the job advert reader: both public, both computed per request.

``GET /api/v1/kits/`` takes the kit page's own query string (``interviews.kits`` describes it),
so any kit link's query works here unchanged. ``POST /api/v1/extract/`` reads a job advert; the
text is never stored or logged (``search.extract``), the answer is ``no-store``, and its
throttle is tighter than the rest of the API (``API_THROTTLE_EXTRACT``).
"""

from django.utils.cache import add_never_cache_headers
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from interviews.kits import MAX_SKILLS, KitSpec, build_kit, job_title_spec
from search.extract import find_skills
from taxonomy.models import JobTitle, Skill, SlugKind
from taxonomy.redirects import redirects_for

from .kit_serializers import ExtractionSerializer, ExtractRequestSerializer, KitSerializer
from .schema import KIT_MOVED, errors
from .throttling import AnonymousClientThrottle, AuthenticatedClientThrottle, ExtractThrottle

KIT_PARAMETERS = [
    OpenApiParameter(
        "skills",
        OpenApiTypes.STR,
        description=f"Skill slugs in interview order, comma-separated (at most {MAX_SKILLS}). "
        "Required unless `job_title` is given.",
    ),
    OpenApiParameter("role", OpenApiTypes.STR, description="The role being interviewed for."),
    OpenApiParameter(
        "job_title",
        OpenApiTypes.STR,
        description="A job title slug: alone, the kit is that job's key skills, named after it.",
    ),
]


def _choice_errors(spec, kit):
    """{"q.<slug>": [message]} for chosen question keys a skill does not offer."""
    found = {}
    for kit_skill in kit.skills:
        offered = {q.key for q in kit_skill.options}
        unknown = [k for k in spec.choices.get(kit_skill.skill.slug, ()) if k not in offered]
        if unknown:
            found[f"q.{kit_skill.skill.slug}"] = [
                f"{kit_skill.skill.name} has no question {', '.join(unknown)}; it offers "
                f"{', '.join(sorted(offered))}."
            ]
    return found


class KitMoved(exceptions.APIException):
    """A kit naming skills since renamed or merged: its address with their new slugs, as the
    kit page redirects (a client's saved kit link keeps working after editors merge skills)."""

    status_code = status.HTTP_301_MOVED_PERMANENTLY
    default_code = "moved"

    def __init__(self, request, spec, moved):
        super().__init__(
            "Renamed or merged since: "
            + ", ".join(f"“{old}” is now “{new}”" for old, new in moved.items())
            + "."
        )
        query = spec.with_slugs_moved(moved).to_query()
        self.location = reverse("api:kits", request=request) + (f"?{query}" if query else "")
        self.extra = {"moved": moved, "url": self.location}


class KitView(APIView):
    """An interview kit: the chosen questions of each skill with what a strong answer shows,
    minutes, a rating scale, a sourcing string and links to its page and downloads.

    Choose questions with `q.<skill slug>=<key>` (repeat it; keys are written question ids or
    "g1"/"g2" for generic questions); without it a skill gets the default two or three. The
    query string of any kit page works here as it is."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=KIT_PARAMETERS,
        responses={200: KitSerializer, 301: KIT_MOVED, **errors(400, 429)},
    )
    def get(self, request):
        spec = KitSpec.from_query(request.query_params)
        visible = Skill.objects.visible_to(request.user)
        problems = {}
        if spec.job_title and not spec.slugs:
            job_title = JobTitle.objects.filter(slug=spec.job_title).first()
            if job_title is None:
                raise serializers.ValidationError(
                    {"job_title": [f"There is no job title “{spec.job_title}”."]}
                )
            spec = job_title_spec(job_title, visible)
        if not spec.slugs and not spec.overflow:
            problems["skills"] = [
                "Name the skills as comma-separated slugs, e.g. ?skills=sql,negotiation "
                "(or give a job_title)."
            ]
        if spec.overflow:
            count = len(spec.slugs) + len(spec.overflow)
            problems["skills"] = [f"A kit holds at most {MAX_SKILLS} skills; {count} were given."]
        kit = build_kit(spec, visible)
        moved = redirects_for(SlugKind.SKILL, kit.missing) if kit.missing else {}
        if moved:
            raise KitMoved(request, spec, moved)
        if kit.missing:
            problems.setdefault("skills", []).append(
                "No published skill has the slug " + ", ".join(f"“{s}”" for s in kit.missing) + "."
            )
        if spec.job_title and kit.job_title is None:
            problems["job_title"] = [f"There is no job title “{spec.job_title}”."]
        problems.update(_choice_errors(spec, kit))
        if problems:
            raise serializers.ValidationError(problems)
        return Response(KitSerializer(kit, context={"request": request}).data)


class ExtractView(APIView):
    """The skills and job titles a job advert names, each with the phrases that gave it away
    (character offsets into the text sent). The text is never stored or logged."""

    permission_classes = [AllowAny]
    throttle_classes = [AnonymousClientThrottle, AuthenticatedClientThrottle, ExtractThrottle]
    throttle_scope = "extract"

    @extend_schema(
        request=ExtractRequestSerializer,
        responses={200: ExtractionSerializer, **errors(400, 413, 415, 429)},
    )
    @sensitive_variables("request", "serializer", "text")
    def post(self, request):
        serializer = ExtractRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        text = serializer.validated_data["text"]
        extraction = find_skills(text, Skill.objects.visible_to(request.user))
        response = Response(ExtractionSerializer(extraction, context={"request": request}).data)
        add_never_cache_headers(response)
        return response
