"""Vocabulary of the working-time calendar shared with the other contexts."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.db import models

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class DurationUnit(models.TextChoices):
    """How a statutory time limit (thời hạn giải quyết) is expressed."""

    WORKING_DAYS = "working_days", "ngày làm việc"
    WORKING_HOURS = "working_hours", "giờ làm việc"
    # Due at the end of the working day of reception, or of the next working day when
    # received after the cut-off (15:00 by default, Decree 61/2018 Art. 18 practice).
    SAME_DAY = "same_day", "trong ngày"


class CompletionTiming(models.TextChoices):
    """Result of comparing a completion moment with its due moment (see ``clock.classify_completion``)."""

    EARLY = "early", "Trước hạn"
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Quá hạn"


class CalendarDayKind(models.TextChoices):
    """Kinds of the days listed by ``selectors.calendar_days`` and the public holidays API."""

    HOLIDAY = "holiday", "Ngày lễ, Tết"  # Labour Code Art. 112
    COMPENSATORY = "compensatory", "Ngày nghỉ bù"  # nghỉ bù, or a day off swapped with a worked Saturday
    DAY_OFF = "day_off", "Ngày nghỉ thêm"  # override table
    CLOSURE = "closure", "Ngày nghỉ riêng của địa phương"  # override table
    WORKING_DAY = "working_day", "Ngày làm việc bù"  # a weekend day or holiday that is worked
