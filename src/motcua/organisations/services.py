"""Writes on agencies (create, update, re-issue the code) and hand edits of administrative units."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.core.exceptions import DomainError
from motcua.core.text import normalise
from motcua.organisations.codes import parse_agency_code
from motcua.organisations.models import (
    AdministrativeUnit,
    AdministrativeUnitEvent,
    Agency,
    AgencyCodeAlias,
    AgencyEvent,
    AgencyKind,
    UnitLevel,
)
from motcua.organisations.selectors import descendant_ids

EDITABLE_FIELDS = (
    "name",
    "short_name",
    "kind",
    "level",
    "parent",
    "administrative_unit",
    "address",
    "phone",
    "email",
    "is_active",
)
_LEVEL_DEPTH = {UnitLevel.PROVINCE: 0, UnitLevel.DISTRICT: 1, UnitLevel.COMMUNE: 2}


def _error(field: str, message: str, code: str = "invalid_agency") -> DomainError:
    return DomainError(message, code=code, fields={field: [message]})


def _free_code(value: str, *, agency: Agency | None) -> str:
    """Validate the code and make sure no other agency holds it, now or as an old code."""
    code = parse_agency_code(value).value
    holders = Agency.objects.filter(identifier_code=code)
    aliases = AgencyCodeAlias.objects.filter(code=code)
    if agency is not None and agency.pk is not None:
        holders = holders.exclude(pk=agency.pk)
        aliases = aliases.exclude(agency=agency)
    if holders.exists() or aliases.exists():
        raise _error("identifier_code", f"Mã định danh {code} đã được cấp cho cơ quan khác.", "duplicate_agency_code")
    return code


def _check_tree(agency: Agency) -> None:
    if not agency.name:
        raise _error("name", "Chưa nhập tên cơ quan, đơn vị.")
    if agency.kind not in AgencyKind.values:
        raise _error("kind", "Loại cơ quan không hợp lệ.")
    if agency.level not in UnitLevel.values:
        raise _error("level", "Cấp của cơ quan không hợp lệ.")
    unit: AdministrativeUnit = agency.administrative_unit
    if unit.level != agency.level:
        raise _error(
            "administrative_unit",
            f"Cơ quan {agency.get_level_display().lower()} phải đặt tại đơn vị hành chính cùng cấp "
            f"({unit.name} là {unit.get_level_display().lower()}).",
        )
    parent = agency.parent
    if parent is None:
        return
    if agency.pk is not None and parent.pk in descendant_ids([agency.pk]):
        raise _error("parent", "Không thể đặt cơ quan trực thuộc chính nó hoặc đơn vị cấp dưới của nó.")
    if _LEVEL_DEPTH[UnitLevel(agency.level)] < _LEVEL_DEPTH[UnitLevel(parent.level)]:
        raise _error("parent", "Cơ quan cấp trên không thể trực thuộc cơ quan cấp dưới.")


def _record(agency: Agency, action: str, *, actor: Any, data: dict[str, Any], note: str = "") -> None:
    AgencyEvent.objects.create(
        agency=agency, action=action, actor=actor, occurred_at=timezone.now(), data=data, note=note
    )


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: normalise(v) if isinstance(v, str) and k != "email" else v for k, v in fields.items()}


def validate_agency(agency: Agency, *, new_code: str | None = None) -> str | None:
    """Run the checks ``create_agency``/``update_agency`` apply, without writing; returns the
    normalised new code. Forms call it to show errors next to the fields."""
    code = _free_code(new_code, agency=agency) if new_code else None
    _check_tree(agency)
    return code


@transaction.atomic
def create_agency(
    *,
    actor: Any,
    name: str,
    kind: str,
    level: str,
    administrative_unit: AdministrativeUnit,
    identifier_code: str,
    parent: Agency | None = None,
    **optional: Any,
) -> Agency:
    """Create an agency in the tree. ``optional``: short_name, address, phone, email, is_active."""
    unknown = set(optional) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agency fields: {', '.join(sorted(unknown))}")
    agency = Agency(
        **_clean({"name": name, "kind": kind, "level": level, **optional}),
        administrative_unit=administrative_unit,
        parent=parent,
    )
    agency.identifier_code = _free_code(identifier_code, agency=None)
    _check_tree(agency)
    agency.save()
    _record(agency, "created", actor=actor, data={"identifier_code": agency.identifier_code, "name": agency.name})
    return agency


@transaction.atomic
def update_agency(agency: Agency, *, actor: Any, **changes: Any) -> Agency:
    """Change names, place in the tree, contacts or status. The code changes through ``reissue_agency_code``."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Use reissue_agency_code to change the code; unknown fields: {', '.join(sorted(unknown))}")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    changed: dict[str, list[Any]] = {}
    for field, value in _clean(changes).items():
        old = getattr(agency, field)
        if old != value:
            setattr(agency, field, value)
            changed[field] = [_plain(old), _plain(value)]
    if not changed:
        return agency
    _check_tree(agency)
    agency.save()
    _record(agency, "updated", actor=actor, data=changed)
    return agency


def _plain(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


@transaction.atomic
def reissue_agency_code(
    agency: Agency, *, actor: Any, new_code: str, retired_on: datetime.date | None = None, reason: str = ""
) -> Agency:
    """Give the agency a new identifier code; the old one stays as an alias so old dossier codes resolve."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    code = _free_code(new_code, agency=agency)
    old = agency.identifier_code
    if code == old:
        raise _error("identifier_code", "Mã định danh mới trùng với mã đang dùng.", "same_agency_code")
    # Going back to a code held before: it is current again, no longer an alias.
    AgencyCodeAlias.objects.filter(agency=agency, code=code).delete()
    AgencyCodeAlias.objects.get_or_create(
        agency=agency, code=old, defaults={"retired_on": retired_on or timezone.localdate()}
    )
    agency.identifier_code = code
    agency.save(update_fields=["identifier_code"])
    _record(agency, "code_reissued", actor=actor, data={"old": old, "new": code}, note=reason)
    return agency


# --- Administrative units (hand edits: districts on three-level deployments, corrections) --------

UNIT_FIELDS = ("code", "name", "level", "division_type", "parent", "valid_from", "valid_until")
_ALLOWED_PARENT_LEVELS = {
    UnitLevel.PROVINCE: set(),
    UnitLevel.DISTRICT: {UnitLevel.PROVINCE},
    UnitLevel.COMMUNE: {UnitLevel.PROVINCE, UnitLevel.DISTRICT},
}


def validate_unit(unit: AdministrativeUnit) -> None:
    """The rules every unit obeys: a code, a name, and a parent one level up (none for a province)."""
    if not unit.code.strip().isdigit():
        raise _error("code", "Mã đơn vị hành chính gồm các chữ số (mã thống kê).", "invalid_unit")
    if AdministrativeUnit.objects.filter(code=unit.code.strip()).exclude(pk=unit.pk).exists():
        raise _error("code", f"Mã {unit.code} đã có đơn vị hành chính khác.", "duplicate_unit_code")
    if not normalise(unit.name):
        raise _error("name", "Chưa nhập tên đơn vị hành chính.", "invalid_unit")
    allowed = _ALLOWED_PARENT_LEVELS.get(UnitLevel(unit.level), set()) if unit.level in UnitLevel.values else None
    if allowed is None:
        raise _error("level", "Cấp đơn vị hành chính không hợp lệ.", "invalid_unit")
    parent = unit.parent
    if (parent is None) != (not allowed) or (parent is not None and parent.level not in allowed):
        message = "Tỉnh không trực thuộc đơn vị nào." if not allowed else "Đơn vị trực thuộc không đúng cấp."
        raise _error("parent", message, "invalid_unit")
    if unit.valid_from and unit.valid_until and unit.valid_until < unit.valid_from:
        raise _error("valid_until", "Ngày hết hiệu lực phải sau ngày có hiệu lực.", "invalid_unit")


@transaction.atomic
def create_unit(*, actor: Any, code: str, name: str, level: str, parent: AdministrativeUnit | None = None,
                **optional: Any) -> AdministrativeUnit:  # fmt: skip
    """Add a unit by hand, e.g. a district (``UnitLevel.DISTRICT``) on a three-level deployment."""
    unit = AdministrativeUnit(code=code.strip(), name=normalise(name), level=level, parent=parent, **optional)
    validate_unit(unit)
    unit.save()
    AdministrativeUnitEvent.objects.create(
        unit=unit, action="created", actor=actor, occurred_at=timezone.now(), data={"code": unit.code}
    )
    return unit


@transaction.atomic
def update_unit(unit: AdministrativeUnit, *, actor: Any, **changes: Any) -> AdministrativeUnit:
    """Correct a unit or move it (a commune under a district, say). Loaded rows may be overwritten by
    the next ``load_administrative_units`` run for fields the package provides."""
    unknown = set(changes) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown unit fields: {', '.join(sorted(unknown))}")
    unit = AdministrativeUnit.objects.select_for_update().get(pk=unit.pk)
    changed = {}
    for field, value in changes.items():
        if getattr(unit, field) != value:
            changed[field] = [str(_plain(getattr(unit, field))), str(_plain(value))]
            setattr(unit, field, value)
    if changed:
        validate_unit(unit)
        unit.save()
        AdministrativeUnitEvent.objects.create(
            unit=unit, action="updated", actor=actor, occurred_at=timezone.now(), data=changed
        )
    return unit
