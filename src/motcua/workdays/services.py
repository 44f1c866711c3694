"""Writes of the working calendar: add, rename and remove overrides, each with an audit event."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core.exceptions import DomainError
from motcua.workdays import selectors
from motcua.workdays.library import library_days
from motcua.workdays.models import CalendarEvent, CalendarOverride, OverrideKind

if TYPE_CHECKING:
    from motcua.accounts.models import User
    from motcua.organisations.models import AdministrativeUnit


class InvalidOverride(DomainError):
    code = "invalid_override"


def validate_override(
    *, day: date, kind: str, name: str, administrative_unit: AdministrativeUnit | None = None
) -> None:
    """Raise :class:`InvalidOverride` (with ``fields``) if the override would be a duplicate or make no sense."""
    if kind not in OverrideKind.values:
        _refuse("kind", "Loại điều chỉnh không hợp lệ.")
    if not name.strip():
        _refuse("name", "Cần nhập tên ngày (ví dụ: Nghỉ bù Tết).")
    if not selectors.MIN_YEAR <= day.year <= selectors.MAX_YEAR:
        _refuse("date", f"Chỉ điều chỉnh được các năm {selectors.MIN_YEAR}–{selectors.MAX_YEAR}.")
    if administrative_unit is not None and kind != OverrideKind.CLOSURE:
        _refuse("administrative_unit", "Chỉ ngày nghỉ riêng của địa phương mới gắn với một đơn vị hành chính.")
    duplicate = CalendarOverride.objects.filter(date=day, administrative_unit=administrative_unit)
    if duplicate.exists():
        _refuse("date", f"Ngày {day:%d/%m/%Y} đã có một điều chỉnh; hãy xoá điều chỉnh cũ trước.")
    _check_kind_makes_sense(day, kind, administrative_unit)


def _check_kind_makes_sense(day: date, kind: str, unit: AdministrativeUnit | None) -> None:
    shown = f"{day:%d/%m/%Y}"
    if kind == OverrideKind.WORKING_DAY and selectors.is_base_working_day(day):
        _refuse("date", f"Ngày {shown} vốn đã là ngày làm việc.")
    if kind in (OverrideKind.DAY_OFF, OverrideKind.CLOSURE):
        calendar = selectors.get_calendar(unit=unit, years=range(day.year, day.year + 1))
        if not calendar.is_working_day(day):
            _refuse("date", f"Ngày {shown} vốn đã là ngày nghỉ.")
    if kind == OverrideKind.NOT_A_HOLIDAY:
        library = library_days(range(day.year, day.year + 1), settings.WORKDAYS_EXCLUDED_HOLIDAYS)
        if day not in library.days_off:
            _refuse("date", f"Ngày {shown} không phải là ngày lễ trong lịch chuẩn.")


def _refuse(field: str, message: str) -> None:
    raise InvalidOverride(message, fields={field: [message]})


@transaction.atomic
def add_override(
    *,
    actor: User | None,
    day: date,
    kind: str,
    name: str,
    reason: str = "",
    administrative_unit: AdministrativeUnit | None = None,
) -> CalendarOverride:
    """Record an official correction of the calendar (``actor`` None only for system loads)."""
    validate_override(day=day, kind=kind, name=name, administrative_unit=administrative_unit)
    try:
        with transaction.atomic():
            override = CalendarOverride.objects.create(
                date=day,
                kind=kind,
                name=name.strip(),
                reason=reason.strip(),
                administrative_unit=administrative_unit,
                created_by=actor,
            )
    except IntegrityError as exc:  # a concurrent request won the race on the unique constraints
        message = f"Ngày {day:%d/%m/%Y} đã có một điều chỉnh."
        raise InvalidOverride(message, fields={"date": [message]}) from exc
    _audit(actor, "override_added", override)
    return override


@transaction.atomic
def rename_override(*, actor: User | None, override: CalendarOverride, name: str, reason: str) -> CalendarOverride:
    """Change the name or the stated reason; date, kind and unit are fixed (remove and add instead)."""
    if not name.strip():
        _refuse("name", "Cần nhập tên ngày (ví dụ: Nghỉ bù Tết).")
    override.name, override.reason = name.strip(), reason.strip()
    override.save(update_fields=["name", "reason", "updated_at"])
    _audit(actor, "override_renamed", override)
    return override


@transaction.atomic
def remove_override(*, actor: User | None, override: CalendarOverride) -> None:
    _audit(actor, "override_removed", override)
    override.delete()


def _audit(actor: User | None, action: str, override: CalendarOverride) -> None:
    CalendarEvent.objects.create(
        occurred_at=timezone.now(),
        actor=actor,
        action=action,
        override_date=override.date,
        kind=override.kind,
        data={
            "name": override.name,
            "reason": override.reason,
            "administrative_unit_id": override.administrative_unit_id,
        },
    )
