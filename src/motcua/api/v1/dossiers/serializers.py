"""Request and response shapes of the dossier API. Parsing only: the services decide."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from motcua.accounts.models import ApplicantKind
from motcua.api.serializing import represented
from motcua.catalogue.constants import ComponentKind
from motcua.core.limits import MAX_AMOUNT_VND, MAX_COPIES, MAX_INTEGER, MAX_PAGES
from motcua.dossiers.constants import (
    OPEN_STATUSES,
    Channel,
    PaymentMethod,
    ReturnMethod,
    Status,
)
from motcua.dossiers.models import Dossier, DossierEvent, DossierStep
from motcua.dossiers.workflow import ACTION_NAMES


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã lỗi ổn định (`invalid`, `conflict`, `action_not_allowed`…).")
    message = serializers.CharField(help_text="Thông báo bằng tiếng Việt.")

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = dict(super().get_fields())
        fields["fields"] = serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), help_text="Lỗi theo từng trường."
        )
        return fields


# --- Intake -------------------------------------------------------------------------------


class ApplicantInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApplicantKind.choices, default=ApplicantKind.CITIZEN)
    full_name = serializers.CharField(max_length=255)
    id_number = serializers.CharField(max_length=12, required=False, allow_blank=True, default="")
    tax_code = serializers.CharField(max_length=14, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=15, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    use_contact_anyway = serializers.BooleanField(
        default=False,
        help_text="Vẫn dùng thư điện tử / số điện thoại đã đăng ký cho tổ chức, cá nhân khác "
        "(người nộp xác nhận là của mình); ghi vào nhật ký hồ sơ.",
    )


class ComponentInSerializer(serializers.Serializer):
    component_id = serializers.IntegerField(max_value=MAX_INTEGER, required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=ComponentKind.choices, default=ComponentKind.ORIGINAL)
    copies = serializers.IntegerField(min_value=1, max_value=MAX_COPIES, default=1)
    page_count = serializers.IntegerField(min_value=0, max_value=MAX_PAGES, default=0)
    digitised = serializers.BooleanField(default=False)
    reused = serializers.BooleanField(default=False)


class FeeInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    amount_vnd = serializers.IntegerField(min_value=0, max_value=MAX_AMOUNT_VND)


class IntakeSerializer(serializers.Serializer):
    receiving_agency = serializers.IntegerField(
        max_value=MAX_INTEGER, help_text="Id of the one-stop unit receiving the dossier."
    )
    procedure = serializers.CharField(max_length=10, help_text="National procedure code, e.g. 1.001193.")
    applicant = ApplicantInSerializer()
    components = ComponentInSerializer(many=True, required=False, default=list)
    channel = serializers.ChoiceField(
        choices=Channel.choices,
        default=Channel.COUNTER,
        help_text="counter or postal (online goes through the portal).",
    )
    postal_shipment_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    fees = FeeInSerializer(many=True, required=False, allow_null=True, default=None)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, default=PaymentMethod.CASH)
    fees_paid = serializers.BooleanField(default=False)
    fee_exemption = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="The exempt case the applicant proved; fee rows that state exemptions are then charged 0.",
    )
    result_delivery = serializers.ChoiceField(
        choices=ReturnMethod.choices,
        default=ReturnMethod.COUNTER,
        help_text="How the applicant wants the result: counter, postal (with delivery_address) or electronic.",
    )
    delivery_address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    competent_agency = serializers.IntegerField(max_value=MAX_INTEGER, required=False, allow_null=True, default=None)
    summary = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    decision = serializers.ChoiceField(choices=["accept", "request_supplement", "refuse", "register"], default="accept")
    supplement_items = serializers.ListField(child=serializers.CharField(max_length=500), required=False, default=list)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- Fee corrections ----------------------------------------------------------------------


class FeeAdjustmentSerializer(serializers.Serializer):
    amount_vnd = serializers.IntegerField(
        min_value=0, max_value=MAX_AMOUNT_VND, help_text="The new amount due, in đồng."
    )
    reason = serializers.CharField(max_length=1000, help_text="Why the amount changes (kept in the history).")


class FeeRefundSerializer(serializers.Serializer):
    amount_vnd = serializers.IntegerField(
        min_value=1, max_value=MAX_AMOUNT_VND, help_text="Amount given back, at most what was paid."
    )
    reason = serializers.CharField(max_length=1000)
    reference = serializers.CharField(
        max_length=64, help_text="Number of the payment order or the payment platform's refund transaction."
    )


# --- Actions ------------------------------------------------------------------------------


class ActionNameSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=list(ACTION_NAMES))
    form = serializers.CharField(allow_blank=True, help_text="Form issued by the action (01–05), if any.")

    def get_fields(self) -> dict[str, serializers.Field]:
        # "label" is an attribute of Field: declare the field here instead of as a class attribute.
        fields = dict(super().get_fields())
        fields["label"] = serializers.CharField(help_text="Vietnamese name of the action.")
        return fields


# --- Output -------------------------------------------------------------------------------


class DossierListSerializer(serializers.ModelSerializer[Dossier]):
    status_label = serializers.CharField(read_only=True)
    dvcqg_status = serializers.SerializerMethodField()
    procedure_code = serializers.CharField(source="procedure.code", read_only=True)
    procedure_name = serializers.CharField(source="procedure.name", read_only=True)
    receiving_agency_name = serializers.CharField(source="receiving_agency.name", read_only=True)
    competent_agency_name = serializers.CharField(source="competent_agency.name", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Dossier
        fields = [
            "code",
            "status",
            "status_label",
            "dvcqg_status",
            "version",
            "procedure_code",
            "procedure_name",
            "applicant_name",
            "channel",
            "receiving_agency",
            "receiving_agency_name",
            "competent_agency",
            "competent_agency_name",
            "submitted_at",
            "accepted_at",
            "due_at",
            "resolved_at",
            "returned_at",
            "timing",
            "overdue",
        ]

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_dvcqg_status(self, obj: Dossier) -> str:
        return obj.dvcqg_status_key

    def get_overdue(self, obj: Dossier) -> bool:
        return bool(obj.status in OPEN_STATUSES and obj.due_at and obj.due_at < timezone.now())


class NationalPortalStateSerializer(serializers.Serializer):
    connected = serializers.BooleanField(help_text="The dossier's procedure is connected to the national portal.")
    sync_state = serializers.ChoiceField(
        choices=["none", "queued", "retrying", "acknowledged", "failed"], required=False
    )
    messages = serializers.IntegerField(required=False, help_text="Messages queued for the dossier so far.")
    delivered = serializers.IntegerField(required=False, help_text="Of which acknowledged by the portal.")
    last_delivered_at = serializers.DateTimeField(required=False, allow_null=True)
    error = serializers.CharField(
        required=False, allow_blank=True, help_text="The last error of a waiting or failed message."
    )
    attempts = serializers.IntegerField(required=False, help_text="Attempts of the waiting or failed message.")

    def get_fields(self) -> dict[str, serializers.Field]:
        # "label" is an attribute of Field: declared here instead of as a class attribute.
        fields = dict(super().get_fields())
        fields["label"] = serializers.CharField(required=False, help_text="The state in Vietnamese.")
        return fields


# Describes the answer (the OpenAPI schema); created_representation writes it, since the forms
# issued are not a field of the dossier.
class DossierCreatedSerializer(DossierListSerializer):
    """What intake answers: the summary, the forms issued, and where to read the rest."""

    forms = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(DossierListSerializer.Meta):
        fields = [*DossierListSerializer.Meta.fields, "forms"]


def created_representation(dossier: Dossier, forms: list[str]) -> dict[str, Any]:
    """The :class:`DossierCreatedSerializer` answer: the summary, through the serializer shared by
    every request (intake is the hot path), followed by the forms issued."""
    return {**represented(DossierListSerializer, dossier), "forms": list(forms)}


class StepSerializer(serializers.ModelSerializer[DossierStep]):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    handler_name = serializers.SerializerMethodField()

    class Meta:
        model = DossierStep
        fields = [
            "id",
            "kind",
            "order",
            "name",
            "agency",
            "agency_name",
            "role",
            "handler",
            "handler_name",
            "state",
            "started_at",
            "due_at",
            "finished_at",
            "timing",
            "content",
            "answer",
        ]

    def get_handler_name(self, obj: DossierStep) -> str:
        return obj.handler.full_name if obj.handler else ""


class EventSerializer(serializers.ModelSerializer[DossierEvent]):
    status_before = serializers.IntegerField(allow_null=True, read_only=True, help_text="Status code before.")
    status_after = serializers.IntegerField(allow_null=True, read_only=True, help_text="Status code after.")
    actor_name = serializers.SerializerMethodField()
    agency_name = serializers.SerializerMethodField()

    class Meta:
        model = DossierEvent
        fields = [
            "occurred_at",
            "action",
            "actor",
            "actor_name",
            "role",
            "agency",
            "agency_name",
            "status_before",
            "status_after",
            "note",
            "data",
        ]

    def get_actor_name(self, obj: DossierEvent) -> str:
        return obj.actor.full_name if obj.actor else ""

    def get_agency_name(self, obj: DossierEvent) -> str:
        return obj.agency.name if obj.agency else ""


class ComponentOutSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    copies = serializers.IntegerField()
    page_count = serializers.IntegerField()
    digitised = serializers.BooleanField()
    reused = serializers.BooleanField()


class DossierDetailSerializer(DossierListSerializer):
    components = ComponentOutSerializer(many=True, read_only=True)
    steps = StepSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    available_actions = serializers.SerializerMethodField()
    forms = serializers.SerializerMethodField()

    class Meta(DossierListSerializer.Meta):
        fields = [
            *DossierListSerializer.Meta.fields,
            "applicant_phone",
            "applicant_email",
            "applicant_address",
            "summary",
            "postal_shipment_number",
            "time_value",
            "time_unit",
            "clock_started_at",
            "supplement_stage",
            "extended_at",
            "due_before_extension",
            "approved_at",
            "outcome",
            "outcome_reason",
            "result_delivery",
            "delivery_address",
            "return_method",
            "return_shipment_number",
            "payment_method",
            "fee_total_vnd",
            "fees_paid",
            "fee_exemption",
            "has_digitised_components",
            "has_reused_components",
            "components",
            "steps",
            "events",
            "available_actions",
            "forms",
        ]

    @extend_schema_field(ActionNameSerializer(many=True))
    def get_available_actions(self, obj: Dossier) -> list[dict[str, Any]]:
        actions = self.context.get("available_actions", [])
        return [{"name": t.name, "label": t.label, "form": t.form} for t in actions]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_forms(self, obj: Dossier) -> list[str]:
        return list(self.context.get("forms", []))


class PublicEventSerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    action = serializers.CharField()
    agency = serializers.CharField()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = dict(super().get_fields())
        fields["label"] = serializers.CharField(help_text="Vietnamese name of the step taken.")
        return fields


class PublicDossierSerializer(serializers.Serializer):
    code = serializers.CharField()
    procedure_code = serializers.CharField()
    procedure_name = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField()
    receiving_agency = serializers.CharField()
    competent_agency = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    current_step = serializers.CharField()
    current_agency = serializers.CharField()
    history = PublicEventSerializer(many=True)


class ListFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    agency = serializers.IntegerField(required=False)
    procedure = serializers.CharField(max_length=10, required=False)
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)
    received_from = serializers.DateTimeField(required=False)
    received_to = serializers.DateTimeField(required=False)
    box = serializers.CharField(required=False, help_text="An inbox name (to_receive, to_process, overdue…).")
    role = serializers.CharField(required=False, max_length=32, help_text="With box: the role to act in.")


class RegisterFilterSerializer(serializers.Serializer):
    agency = serializers.IntegerField()
    start = serializers.DateField(help_text="First day of the period (received on or after).")
    end = serializers.DateField(help_text="Last day of the period (inclusive).")
