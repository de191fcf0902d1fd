"""Interview questions on every skill, through taxonomy's seam (``taxonomy.extensions``).

Listed in ``settings.SKILL_EXTENSIONS``: the skill page shows the questions, its ETag covers
them, the taxonomy file carries them (``interview_questions``; CSV rows ``interview_question``)
and the skill admin edits them inline. Taxonomy never imports this app.
"""

from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q

from taxonomy.extensions import SkillExtension

from .generic_questions import generic_questions
from .models import InterviewQuestion

ITEM_KEYS = ("question", "guidance", "kind")


class InterviewQuestions(SkillExtension):
    key = "interview_questions"
    csv_record = "interview_question"
    csv_columns = ITEM_KEYS
    prefetch = ("interview_questions",)
    page_template = "interviews/_skill_questions.html"

    @property
    def history_children(self):
        return {"interview_questions": InterviewQuestion}

    @property
    def admin_inlines(self):
        from .admin import InterviewQuestionInline  # admin modules load after the app registry

        return (InterviewQuestionInline,)

    def page_context(self, skill, request):
        """A jump link to the questions; a skill with no written questions shows the generic
        ones a kit would offer, labelled, so its page still helps plan an interview (no
        query: they are built from the name)."""
        context = {"jump_links": [("Interview questions", "#interview")]}
        if not skill.interview_questions.all():
            context.update(
                generic_questions=generic_questions(skill),
                thin_page_missing=["written interview questions"],
                thin_page_offers=[("generic interview questions", "#interview")],
            )
        return context

    def fingerprint(self, skill):
        return [(q.question, q.guidance, q.kind) for q in skill.interview_questions.all()]

    def export(self, skill):
        return [self.export_item(question) for question in skill.interview_questions.all()]

    def export_item(self, question):
        return {"question": question.question, "guidance": question.guidance, "kind": question.kind}

    def coverage(self, skill_ids):
        """Written questions per skill, and how many kinds of them carry guidance."""
        rows = (
            InterviewQuestion.objects.filter(skill_id__in=skill_ids)
            .values("skill_id")
            .annotate(
                questions=Count("pk"),
                question_kinds=Count("kind", distinct=True, filter=~Q(guidance="")),
            )
        )
        return {
            row["skill_id"]: {
                "questions": row["questions"],
                "question_kinds": row["question_kinds"],
            }
            for row in rows
        }

    def merge(self, loser, survivor):
        """The loser's questions follow the survivor's, in their order."""
        last = survivor.interview_questions.aggregate(last=Max("position"))["last"]
        start = -1 if last is None else last
        questions = list(loser.interview_questions.order_by("position", "pk"))
        for offset, question in enumerate(questions, start=1):
            question.skill, question.position = survivor, start + offset
        InterviewQuestion.objects.bulk_update(questions, ["skill", "position"])

    def counts(self, skill):
        return {"interview questions": skill.interview_questions.count()}

    def build(self, item, position):
        """A question of a taxonomy file; ValidationError names the bad key."""
        if not isinstance(item, dict):
            raise ValidationError("must be an object")
        unknown = set(item) - set(ITEM_KEYS)
        if unknown:
            raise ValidationError(f"unknown key(s): {', '.join(sorted(unknown))}")
        question = InterviewQuestion(
            question=item.get("question", ""),
            guidance=item.get("guidance", ""),
            kind=item.get("kind", InterviewQuestion.Kind.BEHAVIOURAL),
            position=position,
        )
        question.full_clean(exclude=["skill"], validate_unique=False)
        return question

    def replace(self, items_by_skill):
        """The skills' questions become exactly these (in order); one delete, one insert."""
        InterviewQuestion.objects.filter(skill_id__in=list(items_by_skill)).delete()
        questions = []
        for skill_id, items in items_by_skill.items():
            for question in items:
                question.skill_id = skill_id
                questions.append(question)
        InterviewQuestion.objects.bulk_create(questions, batch_size=1000)
