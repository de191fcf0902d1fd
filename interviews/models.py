"""Interview questions, each with the guidance a recruiter needs to judge the answer."""

from django.db import models

from taxonomy.models import Skill


class InterviewQuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(skill__status=Skill.Status.PUBLISHED)


class InterviewQuestion(models.Model):
    class Kind(models.TextChoices):
        BEHAVIOURAL = "behavioural", "Behavioural"
        SITUATIONAL = "situational", "Situational"
        TECHNICAL = "technical", "Technical"
        KNOWLEDGE = "knowledge", "Knowledge"

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="interview_questions")
    question = models.TextField()
    guidance = models.TextField(
        "what a strong answer shows",
        help_text="What the recruiter should listen for in a strong answer.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.BEHAVIOURAL)
    position = models.PositiveIntegerField(default=0)

    objects = InterviewQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["skill_id", "position", "id"]

    def __str__(self):
        return self.question
