"""Shapes of the statistics answers (documented in the OpenAPI file; the views build plain dicts)."""

from __future__ import annotations

from rest_framework import serializers

from motcua.operations.figures import COUNTED
from motcua.operations.report import COLUMNS


class CountsSerializer(serializers.Serializer):
    def get_fields(self) -> dict[str, serializers.Field]:
        fields: dict[str, serializers.Field] = {f.key: serializers.IntegerField(help_text=f.label) for f in COUNTED}
        for key, label in (
            ("procedures_with_fees", "TTHC có hồ sơ thu phí"),
            ("procedures_paid_online", "TTHC có hồ sơ thanh toán trực tuyến"),
            ("ratings", "Lượt đánh giá"),
            ("ratings_not_satisfied", "Đánh giá không hài lòng"),
        ):
            fields[key] = serializers.IntegerField(help_text=label)
        return fields


class RatesSerializer(serializers.Serializer):
    on_time = serializers.FloatField(allow_null=True, help_text="(trước hạn + đúng hạn) ÷ đã giải quyết")
    within_time = serializers.FloatField(allow_null=True, help_text="QĐ 766 TDGQ: gồm hồ sơ đang trong hạn")
    online = serializers.FloatField(allow_null=True, help_text="Nộp trực tuyến ÷ hồ sơ của TTHC có trực tuyến")
    full_online = serializers.FloatField(allow_null=True)
    postal = serializers.FloatField(allow_null=True)
    paid_online = serializers.FloatField(allow_null=True)
    digitised = serializers.FloatField(allow_null=True)
    electronic_results = serializers.FloatField(allow_null=True)


class ProcessingSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    average_days = serializers.FloatField(allow_null=True, help_text="Ngày (lịch), từ tiếp nhận đến giải quyết")
    p90_days = serializers.FloatField(allow_null=True)
    legal_days = serializers.FloatField(allow_null=True, help_text="Thời hạn theo quy định, ngày làm việc")
    applied_days = serializers.FloatField(allow_null=True, help_text="Thời hạn áp dụng (đã cắt giảm)")


class RowSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    received = serializers.IntegerField()
    received_online = serializers.IntegerField()
    resolved = serializers.IntegerField()
    resolved_early = serializers.IntegerField()
    resolved_on_time = serializers.IntegerField()
    resolved_late = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    in_progress_overdue = serializers.IntegerField()


class MonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="mm/yyyy")
    received = serializers.IntegerField()
    received_online = serializers.IntegerField()
    resolved = serializers.IntegerField()
    resolved_late = serializers.IntegerField()


class PeriodSerializer(serializers.Serializer):
    kind = serializers.CharField()
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    title = serializers.CharField(help_text="Tháng 05/2026, Quý 2/2026, Năm 2026…")


class OfferSerializer(serializers.Serializer):
    full_online = serializers.IntegerField(help_text="TTHC cung cấp trực tuyến toàn trình")
    partly_online = serializers.IntegerField(help_text="TTHC cung cấp trực tuyến một phần")
    not_online = serializers.IntegerField(help_text="TTHC không cung cấp trực tuyến")


class FiguresSerializer(serializers.Serializer):
    scope = serializers.CharField(help_text="Toàn tỉnh, or the agencies in scope")
    period = PeriodSerializer()
    counts = CountsSerializer()
    rates = RatesSerializer()
    processing = ProcessingSerializer()
    by = serializers.CharField(help_text="agency | level | sector | procedure | channel")
    rows = RowSerializer(many=True)
    months = MonthSerializer(many=True)
    offer = OfferSerializer(help_text="Thủ tục của phạm vi theo mức độ trực tuyến (phiên bản có hiệu lực cuối kỳ)")


class SubIndicatorSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    formula = serializers.CharField()
    status = serializers.CharField(
        help_text="scored (tính được); no_data (chưa có dữ liệu); national (hệ thống quốc gia nắm giữ, không ước đoán)"
    )
    max_points = serializers.DecimalField(max_digits=5, decimal_places=2)
    target = serializers.DecimalField(max_digits=4, decimal_places=2)
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    points = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)


class GroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    max_points = serializers.DecimalField(max_digits=5, decimal_places=2)
    points = serializers.DecimalField(max_digits=5, decimal_places=2)
    sub_indicators = SubIndicatorSerializer(many=True)


class IndexSerializer(serializers.Serializer):
    scope = serializers.CharField()
    period = PeriodSerializer()
    points = serializers.DecimalField(max_digits=5, decimal_places=2)
    known_max = serializers.DecimalField(max_digits=5, decimal_places=2)
    national_max = serializers.DecimalField(max_digits=5, decimal_places=2)
    on_known_scale = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    band = serializers.CharField(allow_null=True)
    groups = GroupSerializer(many=True)


class RankedSerializer(serializers.Serializer):
    agency = serializers.IntegerField()
    name = serializers.CharField()
    on_time = serializers.FloatField(allow_null=True)
    index = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    rank_on_time = serializers.IntegerField(allow_null=True)
    rank_index = serializers.IntegerField(allow_null=True)
    moved_on_time = serializers.IntegerField(allow_null=True, help_text="Bậc tăng so với kỳ trước (âm: giảm)")
    moved_index = serializers.IntegerField(allow_null=True)


class RankingsSerializer(serializers.Serializer):
    period = PeriodSerializer()
    province = RankedSerializer(many=True)
    commune = RankedSerializer(many=True)


class PublicSerializer(serializers.Serializer):
    period = PeriodSerializer()
    received = serializers.IntegerField()
    received_online = serializers.IntegerField()
    received_postal = serializers.IntegerField()
    resolved = serializers.IntegerField()
    on_time = serializers.FloatField(allow_null=True)
    online = serializers.FloatField(allow_null=True)
    months = MonthSerializer(many=True)


def _report_cells(class_name: str, /, **extra: serializers.Field) -> type[serializers.Serializer]:
    """A serializer with one integer per column of the report form (``operations.report.COLUMNS``)."""
    cells = {
        c.key: serializers.IntegerField(help_text=f"{c.group} – {c.label}" if c.group else c.label) for c in COLUMNS
    }
    return type(class_name, (serializers.Serializer,), {**extra, **cells})


ReportCellsSerializer = _report_cells("ReportCellsSerializer")
ReportRowSerializer = _report_cells(
    "ReportRowSerializer",
    sector=serializers.CharField(help_text="Mã lĩnh vực"),
    name=serializers.CharField(help_text="Tên lĩnh vực"),
)


class ReportSerializer(serializers.Serializer):
    """Carried over + new = resolved + withdrawn or stopped + pending, per sector and in total."""

    scope = serializers.CharField()
    period = PeriodSerializer()
    rows = ReportRowSerializer(many=True)
    total = ReportCellsSerializer()


class EvaluationIndicatorSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="1–9 (Thông tư 01/2018/TT-VPCP, Điều 13)")
    title = serializers.CharField()
    rule = serializers.CharField()
    score = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True, help_text="null: không tính")
    basis = serializers.CharField(help_text="Số liệu dùng để chấm, hoặc lý do không tính")


class EvaluationSerializer(serializers.Serializer):
    scope = serializers.CharField()
    period = PeriodSerializer()
    indicators = EvaluationIndicatorSerializer(many=True)
    total = serializers.DecimalField(max_digits=4, decimal_places=1)
    scored_maximum = serializers.IntegerField(help_text="2 × số chỉ số tính được")
    on_full_scale = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    grade = serializers.CharField(allow_null=True, help_text="Xuất sắc, Tốt, Khá, Trung bình, Yếu")
