"""The API's error responses and conditional-request headers, described once for OpenAPI."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

Error = inline_serializer(
    "Error",
    fields={
        "status": serializers.IntegerField(help_text="The HTTP status code."),
        "code": serializers.CharField(help_text="Machine-readable, e.g. not_found, throttled."),
        "detail": serializers.CharField(help_text="What went wrong, for a person."),
        "errors": serializers.DictField(
            required=False,
            child=serializers.JSONField(),
            help_text="Validation failures and conflicts only: a list of messages per field "
            "(nested per item for lists).",
        ),
        "request_id": serializers.CharField(
            help_text="This request's id (also in `X-Request-ID`): quote it when reporting."
        ),
    },
)

DuplicateError = inline_serializer(
    "DuplicateError",
    fields={
        "status": serializers.IntegerField(help_text="409."),
        "code": serializers.CharField(help_text="duplicate, or conflict"),
        "detail": serializers.CharField(help_text="What went wrong, for a person."),
        "field": serializers.CharField(
            required=False, help_text="name or aliases: what repeats a name."
        ),
        "existing": inline_serializer(
            "ExistingSkill",
            fields={
                "slug": serializers.CharField(),
                "name": serializers.CharField(),
                "url": serializers.URLField(),
            },
            help_text="The skill that already has this name.",
            required=False,
        ),
    },
)

Moved = inline_serializer(
    "Moved",
    fields={
        "status": serializers.IntegerField(help_text="301 or 308."),
        "code": serializers.CharField(help_text="moved"),
        "detail": serializers.CharField(help_text="Where it is now, for a person."),
        "slug": serializers.CharField(help_text="Its slug now."),
        "url": serializers.URLField(help_text="Its address now (also in `Location`)."),
    },
)

KIT_MOVED = OpenApiResponse(
    inline_serializer(
        "KitMoved",
        fields={
            "status": serializers.IntegerField(help_text="301."),
            "code": serializers.CharField(help_text="moved"),
            "detail": serializers.CharField(help_text="Which skills moved where, for a person."),
            "moved": serializers.DictField(
                child=serializers.CharField(), help_text="{old slug: slug now} for each moved."
            ),
            "url": serializers.URLField(
                help_text="The same kit with the slugs now (also in `Location`)."
            ),
        },
    ),
    "A skill named was renamed or merged into another: read the kit at `Location`.",
)

ERRORS = {
    301: OpenApiResponse(
        Moved,
        "Renamed or merged into another: read it at `Location` (see GET /api/v1/changes/).",
    ),
    308: OpenApiResponse(
        Moved,
        "Renamed or merged into another: send the same request to `Location`.",
    ),
    400: OpenApiResponse(Error, "Invalid input: malformed JSON, a bad filter or field values."),
    401: OpenApiResponse(Error, "Not authenticated: send `Authorization: Token <key>`."),
    403: OpenApiResponse(Error, "Authenticated but lacking the model permission, or no CSRF."),
    404: OpenApiResponse(Error, "No such object (or not published), or no such page."),
    409: OpenApiResponse(
        DuplicateError,
        "A name, or a new alias, is an existing skill's name (ignoring case, accents and "
        "punctuation): `existing` names that skill. Or a concurrent write took the slug or "
        "identifier, or deleted a linked skill: `errors` names the field. Nothing changed.",
    ),
    412: OpenApiResponse(Error, "If-Match does not match the current ETag: nothing changed."),
    413: OpenApiResponse(Error, "The request body is larger than the server accepts."),
    415: OpenApiResponse(
        Error, "The request body is not JSON, or its charset is no text encoding."
    ),
    429: OpenApiResponse(Error, "Too many requests; retry after `Retry-After` seconds."),
}


def errors(*codes):
    return {code: ERRORS[code] for code in codes}


READ_ERRORS = errors(400, 404, 429)
WRITE_ERRORS = errors(400, 401, 403, 409, 413, 415, 429)

ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description="Version of this skill detail; send it back in If-Match / If-None-Match.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag you hold; 304 Not Modified when it is still current.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag you read; 412 and no change when the skill changed since.",
)
