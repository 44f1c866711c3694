"""Official corrections to the holiday library: the override table and its audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from motcua.core.models import AuditEvent, TimeStampedModel


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", "Ngày nghỉ thêm"
    WORKING_DAY = "working_day", "Ngày làm việc bù"
    NOT_A_HOLIDAY = "not_a_holiday", "Ngày lễ không áp dụng"
    CLOSURE = "closure", "Ngày nghỉ riêng của địa phương"


class CalendarOverride(TimeStampedModel):
    """One date whose status differs from the holiday library and the weekday rule.

    Written only by ``workdays.services``. A ``closure`` may be limited to an administrative
    unit (and the units under it); every other kind applies to the whole deployment.
    """

    date = models.DateField("ngày", db_index=True)
    kind = models.CharField("loại", max_length=20, choices=OverrideKind.choices)
    administrative_unit = models.ForeignKey(
        "organisations.AdministrativeUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calendar_overrides",
        verbose_name="đơn vị hành chính",
        help_text="Chỉ dùng cho ngày nghỉ riêng của địa phương; để trống nếu áp dụng toàn tỉnh.",
    )
    name = models.CharField("tên", max_length=200)
    reason = models.TextField("căn cứ, lý do", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tạo",
    )

    class Meta:
        verbose_name = "điều chỉnh lịch làm việc"
        verbose_name_plural = "điều chỉnh lịch làm việc"
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(administrative_unit__isnull=True),
                name="workdays_override_one_per_date",
            ),
            models.UniqueConstraint(
                fields=["date", "administrative_unit"],
                condition=Q(administrative_unit__isnull=False),
                name="workdays_override_one_per_date_and_unit",
            ),
            models.CheckConstraint(
                condition=Q(administrative_unit__isnull=True) | Q(kind="closure"),
                name="workdays_override_unit_only_for_closure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}: {self.name}"


class CalendarEvent(AuditEvent):
    """Audit trail of the override table. Keeps the date and kind, because overrides can be removed."""

    override_date = models.DateField("ngày điều chỉnh", db_index=True)
    kind = models.CharField("loại", max_length=20, choices=OverrideKind.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký lịch làm việc"
        verbose_name_plural = "nhật ký lịch làm việc"

    def __str__(self) -> str:
        return f"{self.action} – {self.override_date:%d/%m/%Y}"
