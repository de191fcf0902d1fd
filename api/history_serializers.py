"""A skill's history as JSON: each recorded change with who, when, and field-by-field diffs."""

from rest_framework import serializers


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field, as the admin names it (e.g. “summary”).")
    before = serializers.CharField(help_text="The old value (single-valued fields).")
    after = serializers.CharField(help_text="The new value (single-valued fields).")
    added = serializers.ListField(
        child=serializers.CharField(), help_text="Items added (lists: aliases, job titles…)."
    )
    removed = serializers.ListField(child=serializers.CharField(), help_text="Items removed.")
    reordered = serializers.BooleanField(help_text="Same items, in another order.")


class HistoryEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="version.pk", help_text="The version's id.")
    date = serializers.DateTimeField(source="revision.date_created")
    user = serializers.CharField(
        source="revision.user.get_username",
        allow_null=True,
        default=None,
        help_text="Who made the change; null for imports run from the command line.",
    )
    comment = serializers.CharField(
        source="revision.get_comment",
        help_text="What the change was: the admin's summary, “Published.”, the import command…",
    )
    changes = ChangeSerializer(many=True, help_text="From the version before this one.")
