"""Shapes of the interview kit (``GET /api/v1/kits/``) and of the job advert reader
(``POST /api/v1/extract/``): explicit, read-only, one input serializer for the advert."""

from rest_framework import serializers

from interviews.kits import RATING_ANCHORS
from search.extract import MAX_TEXT_LENGTH
from taxonomy.absolute_urls import absolute_url

from .reference_serializers import PageUrlField


class KitQuestionSerializer(serializers.Serializer):
    key = serializers.CharField(
        read_only=True,
        help_text="What names the question in the kit's query string (`q.<skill>=<key>`): a "
        'written question\'s id, or "g1"/"g2" for a generic one.',
    )
    id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The written question's id; null if generic."
    )
    question = serializers.CharField(read_only=True)
    guidance = serializers.CharField(read_only=True, help_text="What a strong answer shows.")
    kind = serializers.CharField(read_only=True)
    generic = serializers.BooleanField(
        read_only=True,
        source="is_generic",
        help_text="Built from the skill's name because it has fewer than two written questions.",
    )
    minutes = serializers.IntegerField(read_only=True, help_text="Time to ask and note it.")


class KitSkillSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True, source="skill.slug")
    name = serializers.CharField(read_only=True, source="skill.name")
    url = serializers.SerializerMethodField(help_text="The skill's page.")
    minutes = serializers.IntegerField(read_only=True)
    questions = KitQuestionSerializer(many=True, read_only=True, source="chosen")
    other_questions = serializers.SerializerMethodField(
        help_text="Questions the skill also offers, to swap in."
    )

    def get_url(self, kit_skill) -> str:
        return absolute_url(self.context["request"], kit_skill.skill.get_absolute_url())

    def get_other_questions(self, kit_skill) -> list[dict]:
        unchosen = [q for q in kit_skill.options if not q.chosen]
        return KitQuestionSerializer(unchosen, many=True).data


class RatingAnchorSerializer(serializers.Serializer):
    value = serializers.IntegerField(read_only=True)
    label = serializers.CharField(read_only=True)


class KitJobTitleSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = PageUrlField()


class KitSerializer(serializers.Serializer):
    role = serializers.CharField(read_only=True, source="spec.role")
    job_title = KitJobTitleSerializer(
        read_only=True, allow_null=True, help_text="The job title the kit was started from."
    )
    skills = KitSkillSerializer(many=True, read_only=True)
    question_count = serializers.SerializerMethodField()
    question_minutes = serializers.IntegerField(read_only=True)
    total_minutes = serializers.IntegerField(
        read_only=True, help_text="Questions plus the welcome and the candidate's own questions."
    )
    rating_scale = serializers.SerializerMethodField()
    sourcing_string = serializers.SerializerMethodField(
        help_text="Boolean search string: the role's job titles and the kit's first skills."
    )
    page_url = serializers.SerializerMethodField(help_text="The kit's page (print: scorecard).")
    markdown_url = serializers.SerializerMethodField()
    csv_url = serializers.SerializerMethodField()

    def get_question_count(self, kit) -> int:
        return len(kit.questions)

    def get_rating_scale(self, kit) -> list[dict]:
        return [{"value": value, "label": label} for value, label in RATING_ANCHORS]

    def get_sourcing_string(self, kit) -> str:
        return kit.sourcing_string()

    def _url(self, kit, path):
        return absolute_url(self.context["request"], f"{path}?{kit.query}")

    def get_page_url(self, kit) -> str:
        return self._url(kit, "/kit/")

    def get_markdown_url(self, kit) -> str:
        return self._url(kit, "/kit/interview-kit.md")

    def get_csv_url(self, kit) -> str:
        return self._url(kit, "/kit/interview-kit.csv")


class ExtractRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_TEXT_LENGTH,
        trim_whitespace=False,
        help_text=f"The job advert, at most {MAX_TEXT_LENGTH:,} characters; never stored.",
        error_messages={
            "blank": "Send the text of a job advert: it is empty.",
            "required": "Send the text of a job advert as `text`.",
            "max_length": f"The text is longer than {MAX_TEXT_LENGTH:,} characters; send the "
            "advert itself.",
        },
    )

    def validate_text(self, text):
        if not text.strip():
            raise serializers.ValidationError("Send the text of a job advert: it is only spaces.")
        return text


class MatchSerializer(serializers.Serializer):
    start = serializers.IntegerField(read_only=True, help_text="Offset of the first character.")
    end = serializers.IntegerField(read_only=True, help_text="Offset after the last character.")
    text = serializers.CharField(read_only=True, help_text="The phrase as written in the text.")
    via = serializers.ChoiceField(
        ["name", "alias", "job_title", "meaning"],
        read_only=True,
        help_text="What it matched: the skill's name, an alias, a job title, or meaning.",
    )


class FoundSkillSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True, source="skill.slug")
    name = serializers.CharField(read_only=True, source="skill.name")
    url = serializers.SerializerMethodField(help_text="The skill's page.")
    matches = MatchSerializer(many=True, read_only=True)

    def get_url(self, found) -> str:
        return absolute_url(self.context["request"], found.skill.get_absolute_url())


class FoundJobTitleSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True, source="job_title.slug")
    name = serializers.CharField(read_only=True, source="job_title.name")
    url = serializers.SerializerMethodField(help_text="The job title's page.")
    matches = MatchSerializer(many=True, read_only=True)
    skills = serializers.SerializerMethodField(help_text="Slugs of the job title's skills.")

    def get_url(self, found) -> str:
        return absolute_url(self.context["request"], found.job_title.get_absolute_url())

    def get_skills(self, found) -> list[str]:
        return [skill.slug for skill in found.skills]


class ExtractionSerializer(serializers.Serializer):
    skills = FoundSkillSerializer(
        many=True, read_only=True, help_text="Skills named in the text, in order of appearance."
    )
    job_titles = FoundJobTitleSerializer(
        many=True, read_only=True, help_text="Job titles named in the text, with their skills."
    )
