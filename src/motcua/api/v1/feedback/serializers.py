"""Shapes of the feedback API: what comes in (validated here, checked again by the domain) and what goes out."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from motcua.feedback import workflow
from motcua.feedback.constants import Channel, Status


class FeedbackCategorySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã lĩnh vực (cũng là service_code của Open311).")
    name = serializers.CharField()
    kind = serializers.CharField()
    description = serializers.CharField()
    answer_days = serializers.IntegerField(help_text="Thời hạn trả lời, ngày làm việc.")
    allows_anonymous = serializers.BooleanField()


class FeedbackSubmissionSerializer(serializers.Serializer):
    category = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=200)
    content = serializers.CharField(max_length=4000)
    anonymous = serializers.BooleanField(default=False)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    unit_code = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, default=None)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, default=None)
    dossier_code = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    dossier_contact = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text="The dossier applicant's phone or ID number.",
    )
    procedure_code = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    agency_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list, max_length=5)


class FeedbackReceiptSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã phản ánh để tra cứu cùng số điện thoại.")
    status = serializers.ChoiceField(choices=Status.choices)
    due_at = serializers.DateTimeField(help_text="Hạn trả lời theo ngày làm việc.")
    handling_agency = serializers.CharField(source="handling_agency.name", default=None)


class FeedbackStepSerializer(serializers.Serializer):
    step = serializers.CharField(source="label")
    occurred_at = serializers.DateTimeField()


class FeedbackTrackedSerializer(serializers.Serializer):
    code = serializers.CharField()
    followed_code = serializers.CharField(help_text="Mã phản ánh được theo dõi (khác mã khi đã gộp).")
    title = serializers.CharField(source="item.title")
    category = serializers.CharField(source="item.category.name")
    status = serializers.CharField(source="item.status")
    status_label = serializers.CharField(source="item.status_label")
    handling_agency = serializers.CharField(source="item.handling_agency.name", default=None)
    due_at = serializers.DateTimeField(source="item.due_at")
    is_late = serializers.BooleanField()
    answered_at = serializers.DateTimeField(source="item.answered_at", allow_null=True)
    answer = serializers.SerializerMethodField()
    satisfied = serializers.BooleanField(source="item.satisfied", allow_null=True)
    can_rate = serializers.BooleanField()
    can_reopen = serializers.BooleanField()
    steps = FeedbackStepSerializer(many=True)

    def get_answer(self, tracked: Any) -> str:
        return tracked.item.answer if tracked.item.answered_at else ""


class FeedbackRatingSerializer(serializers.Serializer):
    phone = serializers.CharField(max_length=20)
    satisfied = serializers.BooleanField()
    comment = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class FeedbackPublicAnswerSerializer(serializers.Serializer):
    code = serializers.CharField()
    category = serializers.CharField(source="category.name")
    handling_agency = serializers.CharField(source="handling_agency.name", default=None)
    question = serializers.CharField(source="public_question")
    answer = serializers.CharField(source="public_answer")
    answered_at = serializers.DateTimeField()


class FeedbackItemSerializer(serializers.Serializer):
    """An item as officials read it (personal data included: they handle it)."""

    code = serializers.CharField()
    category = serializers.CharField(source="category.code")
    channel = serializers.ChoiceField(choices=Channel.choices)
    title = serializers.CharField()
    content = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    is_anonymous = serializers.BooleanField()
    citizen_name = serializers.CharField()
    citizen_phone = serializers.CharField()
    citizen_email = serializers.CharField()
    unit = serializers.CharField(source="unit.code", default=None)
    address = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    handling_agency = serializers.IntegerField(source="handling_agency_id", allow_null=True)
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    draft_answer = serializers.CharField()
    answer = serializers.CharField()
    satisfied = serializers.BooleanField(allow_null=True)
    is_published = serializers.BooleanField()


class FeedbackActionSerializer(serializers.Serializer):
    """The inputs of every action; each action reads only its own (the domain says which are missing)."""

    category = serializers.CharField(required=False, help_text="classify: the new category's code.")
    agency = serializers.IntegerField(required=False, help_text="route, consult: the agency's id.")
    reason = serializers.CharField(
        required=False, max_length=2000, help_text="reject, send_back, return_draft, extend."
    )
    into = serializers.CharField(required=False, help_text="merge: the surviving item's code.")
    handler = serializers.IntegerField(required=False, help_text="accept: the assigned official's user id.")
    question = serializers.CharField(
        required=False, max_length=4000, help_text="consult; publish: the public question."
    )
    answer = serializers.CharField(required=False, max_length=8000, help_text="submit_answer, approve, publish.")
    days = serializers.IntegerField(required=False, help_text="extend: working days added to the deadline.")


ACTION_NAMES = [name for name, t in workflow.ACTIONS.items() if t.actor not in (workflow.CITIZEN, workflow.SYSTEM)]


class FeedbackFiguresSerializer(serializers.Serializer):
    key = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    received = serializers.IntegerField()
    answered = serializers.IntegerField()
    answered_on_time = serializers.IntegerField()
    answered_late = serializers.IntegerField()
    open_late = serializers.IntegerField()
    rated = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    on_time_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    satisfaction_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
