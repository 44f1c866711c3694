"""Public working-calendar endpoints: due dates and the days off of a year.

Thin: parse and validate the query string, call ``workdays.selectors`` and ``workdays.clock``.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.api.throttling import ClientScopedRateThrottle
from motcua.workdays import selectors
from motcua.workdays.clock import add_working_time
from motcua.workdays.constants import VIETNAM_TZ, CalendarDayKind

MAX_WORKING_DAYS = 365
MAX_WORKING_HOURS = MAX_WORKING_DAYS * 8

# "+07:00" arrives as " 07:00" when a client forgets to percent-encode "+" (%2B).
_SPACE_OFFSET = re.compile(r" (\d{2}:?\d{2})$")


class CalendarErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã lỗi ổn định, ví dụ `invalid`.")
    message = serializers.CharField(help_text="Thông báo bằng tiếng Việt.")

    def get_fields(self) -> dict[str, serializers.Field]:
        # Declared here because a class attribute named "fields" would shadow Serializer.fields.
        fields = dict(super().get_fields())
        fields["fields"] = serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), help_text="Lỗi theo từng tham số."
        )
        return fields


class AwareDateTimeParam(serializers.Field):
    default_error_messages = {
        "invalid": "Thời điểm phải theo ISO 8601, ví dụ 2026-02-13T09:00:00+07:00.",
        "naive": "Thời điểm phải có múi giờ (ví dụ +07:00 hoặc Z).",
        "year": f"Chỉ tính được cho các năm {selectors.MIN_YEAR}–{selectors.MAX_YEAR}.",
    }

    def to_internal_value(self, data: Any) -> datetime:
        text = _SPACE_OFFSET.sub(r"+\1", str(data).strip())
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            self.fail("invalid")
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.fail("naive")
        if not selectors.MIN_YEAR <= moment.astimezone(VIETNAM_TZ).year <= selectors.MAX_YEAR:
            self.fail("year")
        return moment

    def to_representation(self, value: datetime) -> str:
        return value.isoformat()


def _amount(max_value: int, unit: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(max_value),
        required=False,
        error_messages={
            "invalid": "Phải là một số, ví dụ 5 hoặc 0.5.",
            "min_value": "Không được là số âm.",
            "max_value": f"Tối đa {max_value} {unit}.",
            "max_decimal_places": "Tối đa 2 chữ số thập phân.",
            "max_digits": f"Tối đa {max_value} {unit}.",
            "max_whole_digits": f"Tối đa {max_value} {unit}.",
        },
    )


class DueDateQuerySerializer(serializers.Serializer):
    start = AwareDateTimeParam(error_messages={"required": "Cần tham số start (thời điểm tiếp nhận)."})
    working_days = _amount(MAX_WORKING_DAYS, "ngày làm việc")
    working_hours = _amount(MAX_WORKING_HOURS, "giờ làm việc")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [name for name in ("working_days", "working_hours") if attrs.get(name) is not None]
        if len(given) != 1:
            message = "Cần đúng một trong hai tham số working_days hoặc working_hours."
            raise serializers.ValidationError({"working_days": [message], "working_hours": [message]})
        return attrs


class DueDateSerializer(serializers.Serializer):
    start = serializers.CharField(help_text="Thời điểm bắt đầu tính, ISO 8601 theo giờ Việt Nam (+07:00).")
    due = serializers.CharField(help_text="Thời điểm đến hạn, ISO 8601 theo giờ Việt Nam (+07:00).")
    working_days = serializers.FloatField(required=False, help_text="Số ngày làm việc đã yêu cầu.")
    working_hours = serializers.FloatField(required=False, help_text="Số giờ làm việc đã yêu cầu.")


class HolidaysQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=selectors.MIN_YEAR,
        max_value=selectors.MAX_YEAR,
        error_messages={
            "required": "Cần tham số year, ví dụ year=2026.",
            "invalid": "Năm phải là số nguyên, ví dụ 2026.",
            "min_value": f"Năm phải từ {selectors.MIN_YEAR} đến {selectors.MAX_YEAR}.",
            "max_value": f"Năm phải từ {selectors.MIN_YEAR} đến {selectors.MAX_YEAR}.",
            "max_string_length": "Năm không hợp lệ.",
        },
    )


class CalendarDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=CalendarDayKind.choices,
        help_text=(
            "holiday: ngày lễ, Tết; compensatory: nghỉ bù hoặc ngày nghỉ hoán đổi; day_off: ngày nghỉ thêm; "
            "closure: ngày nghỉ riêng của địa phương; working_day: ngày làm việc bù (thứ Bảy/Chủ nhật đi làm)."
        ),
    )
    day_off = serializers.BooleanField(help_text="true nếu là ngày nghỉ, false nếu là ngày làm việc bù.")


ERRORS = {400: CalendarErrorSerializer, 429: CalendarErrorSerializer}


class PublicCalendarView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []  # public: no session, so no CSRF and no per-user state
    throttle_classes = [ClientScopedRateThrottle]
    throttle_scope = "public_lookup"


class DueDateView(PublicCalendarView):
    @extend_schema(
        operation_id="calendar_due_date",
        summary="Tính thời điểm đến hạn theo ngày/giờ làm việc",
        description=(
            "Cộng N ngày làm việc (N × 8 giờ làm việc) hoặc N giờ làm việc vào thời điểm `start`, bỏ qua "
            "ngoài giờ hành chính (07:30–11:30, 13:00–17:00), thứ Bảy, Chủ nhật, ngày lễ, Tết, ngày nghỉ bù; "
            "tính cả ngày thứ Bảy làm việc bù. Bắt đầu ngoài giờ hành chính thì tính từ lúc mở cửa kế tiếp. "
            "Kết quả là thời điểm sớm nhất đủ thời gian: 8 giờ từ 07:30 thứ Hai là 17:00 thứ Hai. "
            "Dấu `+` trong múi giờ cần mã hoá thành `%2B` (dấu cách cũng được chấp nhận)."
        ),
        parameters=[
            OpenApiParameter(
                "start",
                OpenApiTypes.DATETIME,
                required=True,
                description="Thời điểm tiếp nhận, ISO 8601 có múi giờ, ví dụ 2026-02-13T09:00:00+07:00.",
            ),
            OpenApiParameter(
                "working_days", OpenApiTypes.NUMBER, description=f"Số ngày làm việc (0–{MAX_WORKING_DAYS})."
            ),
            OpenApiParameter(
                "working_hours", OpenApiTypes.NUMBER, description=f"Số giờ làm việc (0–{MAX_WORKING_HOURS})."
            ),
        ],
        responses={200: DueDateSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "5 ngày làm việc qua Tết 2026",
                value={"start": "2026-02-12T09:00:00+07:00", "due": "2026-02-26T09:00:00+07:00", "working_days": 5},
                response_only=True,
            )
        ],
        tags=["calendar"],
    )
    def get(self, request: Request) -> Response:
        query = DueDateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        start: datetime = query.validated_data["start"]
        days, hours = query.validated_data.get("working_days"), query.validated_data.get("working_hours")
        calendar = selectors.get_calendar_covering(start.astimezone(VIETNAM_TZ).date())
        due = add_working_time(calendar, start, days=days, hours=hours)
        body: dict[str, Any] = {"start": start.astimezone(calendar.tz).isoformat(), "due": due.isoformat()}
        if days is not None:
            body["working_days"] = _number(days)
        else:
            body["working_hours"] = _number(hours)
        return Response(body)


class HolidaysView(PublicCalendarView):
    @extend_schema(
        operation_id="calendar_holidays",
        summary="Ngày nghỉ và ngày làm việc bù trong năm",
        description=(
            "Ngày lễ, Tết (kể cả khi rơi vào cuối tuần), ngày nghỉ bù, ngày nghỉ hoán đổi, ngày nghỉ thêm và "
            "ngày làm việc bù của năm, theo thứ tự ngày. Thứ Bảy, Chủ nhật thông thường không được liệt kê."
        ),
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, required=True, description="Năm, ví dụ 2026.")],
        responses={200: CalendarDaySerializer(many=True), **ERRORS},
        tags=["calendar"],
    )
    def get(self, request: Request) -> Response:
        query = HolidaysQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        days = selectors.calendar_days(query.validated_data["year"])
        rows = [{"date": d.date, "name": d.name, "kind": d.kind, "day_off": d.is_day_off} for d in days]
        return Response(CalendarDaySerializer(rows, many=True).data)


def _number(value: Decimal | None) -> int | float:
    assert value is not None  # noqa: S101 - the query serializer guarantees one amount
    return int(value) if value == value.to_integral_value() else float(value)


urlpatterns = [
    path("due-date", DueDateView.as_view(), name="calendar-due-date"),
    path("holidays", HolidaysView.as_view(), name="calendar-holidays"),
]
