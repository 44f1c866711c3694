"""Shapes of the catalogue API. Output is read from ``catalogue.selectors``; writes are parsed here and
validated by ``catalogue.services`` (which report every problem at once in the common error shape)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from rest_framework import serializers

from motcua.catalogue.models import Component, Fee, InternalProcess, Procedure, ProcedureVersion, ProcessStep


class CatalogueErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã lỗi ổn định, ví dụ `catalogue_invalid`, `not_found`.")
    message = serializers.CharField(help_text="Thông báo bằng tiếng Việt.")

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = dict(super().get_fields())
        fields["fields"] = serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            help_text="Lỗi theo đường dẫn trường, ví dụ `version.fees[1].amount_vnd`.",
        )
        return fields


class ProcedureSectorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ProcedureTimeSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    unit = serializers.CharField(help_text="`working_days`, `working_hours` hoặc `same_day`.")
    text = serializers.CharField(help_text="Ví dụ: 3 ngày làm việc; Trong ngày.")


def time_label(value: Decimal | None, unit: str) -> str:
    if unit == "same_day":
        return "Trong ngày"
    number = format(value.normalize(), "f").replace(".", ",") if value is not None else ""
    return f"{number} {'giờ làm việc' if unit == 'working_hours' else 'ngày làm việc'}"


def time_of(value: Decimal | None, unit: str) -> dict[str, Any] | None:
    if not unit:
        return None
    return {"value": value, "unit": unit, "text": time_label(value, unit)}


class ProcedureSummarySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã TTHC quốc gia, ví dụ 1.001193.")
    name = serializers.CharField()
    sector = ProcedureSectorSerializer()
    status = serializers.CharField(help_text="`active` hoặc `archived`.")
    levels = serializers.ListField(child=serializers.CharField(), help_text="`province`, `district`, `commune`.")
    online_level = serializers.CharField(help_text="`full` (toàn trình), `partial` (một phần), `none`.")
    resolved_at_centre = serializers.BooleanField(help_text="Giải quyết tại chỗ ở Trung tâm (4 tại chỗ).")
    information_only = serializers.BooleanField(
        help_text="Chỉ cung cấp thông tin: chưa công bố đủ thời hạn, quy trình; chưa tiếp nhận hồ sơ."
    )
    legal_time = ProcedureTimeSerializer(allow_null=True)
    reduced_time = ProcedureTimeSerializer(allow_null=True)


def summary(procedure: Procedure, version: ProcedureVersion | None) -> dict[str, Any]:
    return {
        "code": procedure.code,
        "name": procedure.name,
        "sector": {"code": procedure.sector.code, "name": procedure.sector.name},
        "status": procedure.status,
        "levels": version.levels if version else [],
        "online_level": version.online_level if version else "none",
        "resolved_at_centre": version.resolved_at_centre if version else False,
        "information_only": version.information_only if version else True,
        "legal_time": time_of(version.legal_time_value, version.legal_time_unit) if version else None,
        "reduced_time": time_of(version.reduced_time_value, version.reduced_time_unit) if version else None,
    }


class ProcedureFeeSerializer(serializers.ModelSerializer):
    channels = serializers.ListField(
        child=serializers.CharField(),
        help_text="Cách thức nộp mà mức thu áp dụng (`counter`, `online`, `postal`); rỗng: mọi cách thức.",
    )

    class Meta:
        model = Fee
        fields = ["name", "amount_vnd", "channels", "online_reduction_percent", "payer", "exemptions", "note"]


class ProcedureComponentSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="`original`, `certified_copy`, `photocopy`, `electronic`.")
    blank_form_url = serializers.SerializerMethodField()
    requirement = serializers.CharField(
        help_text="`always` (bắt buộc), `conditional` (bắt buộc trong trường hợp `condition`), `optional` (nếu có)."
    )
    mandatory = serializers.BooleanField(read_only=True, help_text="Bắt buộc với mọi người nộp (`always`).")

    class Meta:
        model = Component
        fields = [
            "name",
            "copies",
            "kind",
            "requirement",
            "condition",
            "mandatory",
            "reusable_from_data_store",
            "blank_form_url",
            "note",
        ]

    def get_blank_form_url(self, component: Component) -> str | None:
        # The public download view, never the storage's own address (no URL serves uploaded files).
        if not component.blank_form:
            return None
        return reverse("portal:procedure_form", args=[component.version.procedure.code, component.pk])


class ProcedureStepSerializer(serializers.ModelSerializer):
    actor_kind = serializers.CharField(help_text="`one_stop_unit`, `division`, `other_agency`, `leader`.")
    role = serializers.CharField()
    agency: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="identifier_code", read_only=True, allow_null=True
    )
    duration_unit = serializers.CharField(help_text="`working_hours` hoặc `working_days`.")
    allowed_actions = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = ProcessStep
        fields = [
            "order",
            "name",
            "actor_kind",
            "role",
            "agency",
            "duration_value",
            "duration_unit",
            "allowed_actions",
            "is_interagency",
            "parallel_group",
            "skippable",
        ]


class ProcedureProcessSerializer(serializers.ModelSerializer):
    implementing_agency: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="identifier_code", read_only=True, allow_null=True
    )
    steps = ProcedureStepSerializer(many=True, read_only=True)

    class Meta:
        model = InternalProcess
        fields = [
            "implementing_agency",
            "decision_number",
            "decision_date",
            "effective_from",
            "is_illustrative",
            "steps",
        ]


class ProcedureAgencySerializer(serializers.Serializer):
    identifier_code = serializers.CharField()
    name = serializers.CharField()


class ProcedureVersionRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    effective_from = serializers.DateField()
    effective_until = serializers.DateField(allow_null=True)


class ProcedureDetailSerializer(ProcedureSummarySerializer):
    version = serializers.IntegerField(help_text="Số phiên bản đang áp dụng.")
    effective_from = serializers.DateField()
    effective_until = serializers.DateField(allow_null=True)
    applicant_types = serializers.ListField(child=serializers.CharField())
    channels = serializers.ListField(child=serializers.CharField())
    requires_financial_obligation_pause = serializers.BooleanField()
    result_name = serializers.CharField()
    result_kind = serializers.CharField()
    result_electronic_allowed = serializers.BooleanField()
    legal_basis = serializers.CharField()
    submission_place = serializers.CharField()
    publication_decision_number = serializers.CharField()
    publication_decision_date = serializers.DateField(allow_null=True)
    competent_agencies = ProcedureAgencySerializer(many=True)
    fees = ProcedureFeeSerializer(many=True)
    components = ProcedureComponentSerializer(many=True)
    processes = ProcedureProcessSerializer(
        many=True, help_text="Quy trình mặc định (cơ quan trống) và quy trình riêng."
    )
    versions = ProcedureVersionRefSerializer(many=True)


def detail(procedure: Procedure, version: ProcedureVersion, request: Any) -> dict[str, Any]:
    context = {"request": request}
    return {
        **summary(procedure, version),
        "version": version.number,
        "effective_from": version.effective_from,
        "effective_until": version.effective_until,
        "applicant_types": version.applicant_types,
        "channels": version.channels,
        "requires_financial_obligation_pause": version.requires_financial_obligation_pause,
        "result_name": version.result_name,
        "result_kind": version.result_kind,
        "result_electronic_allowed": version.result_electronic_allowed,
        "legal_basis": version.legal_basis,
        "submission_place": version.submission_place,
        "publication_decision_number": version.publication_decision_number,
        "publication_decision_date": version.publication_decision_date,
        "competent_agencies": [
            {"identifier_code": a.identifier_code, "name": a.name} for a in version.competent_agencies.all()
        ],
        "fees": ProcedureFeeSerializer(version.fees.all(), many=True, context=context).data,
        "components": ProcedureComponentSerializer(version.components.all(), many=True, context=context).data,
        "processes": ProcedureProcessSerializer(version.processes.all(), many=True, context=context).data,
        "versions": [
            {"number": v.number, "effective_from": v.effective_from, "effective_until": v.effective_until}
            for v in procedure.versions.order_by("number")
        ],
    }


VERSION_HELP = (
    "Toàn bộ nội dung phiên bản (dạng như trong tệp JSON xuất danh mục, xem docs/catalogue.md): effective_from, "
    "legal_time_value/unit, reduced_time_value/unit, levels, applicant_types, online_level, channels, result_*, "
    "legal_basis, competent_agencies (mã định danh), fees[], components[], processes[{implementing_agency, steps[]}]."
)


class ProcedureCreateSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=10)
    name = serializers.CharField(max_length=500)
    sector = serializers.CharField(max_length=30, help_text="Mã lĩnh vực đã có.")
    version = serializers.DictField(help_text=VERSION_HELP)


class VersionCreateSerializer(serializers.Serializer):
    version = serializers.DictField(help_text=VERSION_HELP)


class ArchiveSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="Ngày cuối cùng thủ tục còn áp dụng.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
