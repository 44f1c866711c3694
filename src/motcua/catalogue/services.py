"""Writes to the catalogue. Every change goes through here and leaves a ``CatalogueEvent``.

Versioning rule: a procedure's rules (times, levels, fees, components, processes) are never
edited in place once saved. ``change_procedure`` closes the previous open version the day
before the new one takes effect and writes a new version, so dossiers received earlier keep
the version they were received under.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.catalogue.constants import PROCEDURE_CODE_RE, SECTOR_CODE_RE, WORKING_HOURS_PER_DAY, ProcedureStatus
from motcua.catalogue.data import Problem, VersionData, clean_version, dump_version
from motcua.catalogue.models import (
    CatalogueEvent,
    Component,
    Fee,
    InternalProcess,
    NamesRevision,
    Procedure,
    ProcedureGroup,
    ProcedureGroupMember,
    ProcedureVersion,
    ProcessStep,
    SearchSynonym,
    Sector,
)
from motcua.core.exceptions import Conflict, DomainError
from motcua.core.text import fold, normalise
from motcua.organisations.models import Agency, UnitLevel
from motcua.workdays.constants import DurationUnit


class CatalogueValidationError(DomainError):
    code = "catalogue_invalid"

    @classmethod
    def from_problems(cls, problems: list[Problem], message: str = "") -> CatalogueValidationError:
        fields: dict[str, list[str]] = {}
        for problem in problems:
            fields.setdefault(problem.path or "non_field_errors", []).append(problem.message)
        return cls(message or "Dữ liệu thủ tục chưa hợp lệ.", fields=fields)


def _record(
    actor: Any,
    action: str,
    *,
    procedure: Procedure | None = None,
    group: ProcedureGroup | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> None:
    CatalogueEvent.objects.create(
        occurred_at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        procedure=procedure,
        group=group,
        note=note,
        data=data or {},
    )


def names_changed() -> None:
    """Tell every process that procedure names changed (search reloads its word list); same transaction.

    A new row each time, the older ones deleted: updating one row thousands of times in one transaction (an
    import) grows a chain of row versions on PostgreSQL that every later update walks (quadratic).
    """
    from motcua.catalogue.search import token_changed  # search reads the models; the services call it

    revision = NamesRevision.objects.create()
    NamesRevision.objects.filter(pk__lt=revision.pk).delete()
    token_changed()


# --- Process timing -------------------------------------------------------------------------------


def _hours(value: Decimal | None, unit: str) -> Decimal:
    if unit == DurationUnit.SAME_DAY:
        return Decimal(WORKING_HOURS_PER_DAY)
    if value is None:
        return Decimal(0)
    return value if unit == DurationUnit.WORKING_HOURS else value * WORKING_HOURS_PER_DAY


def process_duration_hours(steps: list[dict[str, Any]]) -> Decimal:
    """Working hours a process takes: sequential steps add up; a parallel group counts as its longest step."""
    total = Decimal(0)
    groups: dict[str, Decimal] = {}
    for step in steps:
        hours = _hours(step["duration_value"], step["duration_unit"])
        group = step.get("parallel_group") or ""
        if group:
            groups[group] = max(groups.get(group, Decimal(0)), hours)
        else:
            total += hours
    return total + sum(groups.values(), Decimal(0))


def process_problems(data: VersionData, *, path: str = "") -> list[Problem]:
    """Steps must fit in the time the clock runs on (the reduced time when the province set one)."""
    if data["reduced_time_unit"]:
        limit = _hours(data["reduced_time_value"], data["reduced_time_unit"])
    else:
        limit = _hours(data["legal_time_value"], data["legal_time_unit"])
    problems = []
    for index, process in enumerate(data["processes"], start=1):
        used = process_duration_hours(process["steps"])
        if used > limit:
            problems.append(
                Problem(
                    f"{path}processes[{index}].steps",
                    f"Tổng thời gian các bước ({_fmt_hours(used)}) vượt thời hạn giải quyết ({_fmt_hours(limit)}).",
                )
            )
    legal = _hours(data["legal_time_value"], data["legal_time_unit"])
    if data["reduced_time_unit"] and data["legal_time_unit"] and limit > legal:
        problems.append(
            Problem(f"{path}reduced_time_value", "Thời hạn cắt giảm không được dài hơn thời hạn theo quy định.")
        )
    return problems


def _fmt_hours(hours: Decimal) -> str:
    return f"{format(hours.normalize(), 'f').replace('.', ',')} giờ làm việc"


# --- Agencies referred to by code ------------------------------------------------------------------


def _agencies_by_code(data: VersionData, path: str) -> tuple[dict[str, Agency], list[Problem]]:
    codes = set(data["competent_agencies"])
    for process in data["processes"]:
        codes.update(c for c in [process["implementing_agency"]] if c)
        codes.update(s["agency"] for s in process["steps"] if s["agency"])
    if not codes:
        return {}, []
    found = {a.identifier_code: a for a in Agency.objects.filter(identifier_code__in=codes)}
    missing = sorted(codes - found.keys())
    problems = [Problem(f"{path}competent_agencies", f"Không có cơ quan mã {code}.") for code in missing]
    return found, problems


def validate_version_data(raw: dict[str, Any], *, path: str = "") -> tuple[VersionData, dict[str, Agency]]:
    """Clean, check process timing and resolve agencies; raises with every problem at once."""
    data, problems = clean_version(raw, path=path)
    # Timing is only judged on valid times and durations (otherwise it would repeat their errors).
    if not any(word in p.path for p in problems for word in ("time_", "duration", "steps")):
        problems += process_problems(data, path=path)
    agencies, missing = _agencies_by_code(data, path)
    problems += missing
    if problems:
        raise CatalogueValidationError.from_problems(problems)
    return data, agencies


def _write_content(version: ProcedureVersion, data: VersionData, agencies: dict[str, Agency]) -> None:
    if data["competent_agencies"]:
        version.competent_agencies.set([agencies[code] for code in data["competent_agencies"]])
    Fee.objects.bulk_create([Fee(version=version, order=i, **fee) for i, fee in enumerate(data["fees"], 1)])
    Component.objects.bulk_create(
        [
            Component(version=version, order=i, **{**comp, "blank_form": comp["blank_form"] or None})
            for i, comp in enumerate(data["components"], 1)
        ]
    )
    for process_data in data["processes"]:
        fields = {k: v for k, v in process_data.items() if k not in ("steps", "implementing_agency")}
        code = process_data["implementing_agency"]
        process = InternalProcess.objects.create(
            version=version, implementing_agency=agencies[code] if code else None, **fields
        )
        ProcessStep.objects.bulk_create(
            [
                ProcessStep(
                    process=process, order=i, **{**step, "agency": agencies[step["agency"]] if step["agency"] else None}
                )
                for i, step in enumerate(process_data["steps"], 1)
            ]
        )


def _new_version(
    procedure: Procedure, number: int, data: VersionData, agencies: dict[str, Agency], actor: Any
) -> ProcedureVersion:
    levels = set(data["levels"])
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=number,
        created_by=actor if getattr(actor, "pk", None) else None,
        at_province_level=UnitLevel.PROVINCE in levels,
        at_district_level=UnitLevel.DISTRICT in levels,
        at_commune_level=UnitLevel.COMMUNE in levels,
        **{
            k: v
            for k, v in data.items()
            if k not in ("levels", "competent_agencies", "fees", "components", "processes")
        },
    )
    _write_content(version, data, agencies)
    return version


# --- Sectors and procedures ------------------------------------------------------------------------


@transaction.atomic
def save_sector(*, actor: Any, code: str, name: str) -> Sector:
    code, name = normalise(code).upper(), normalise(name)
    if not SECTOR_CODE_RE.match(code):
        raise CatalogueValidationError("Mã lĩnh vực không hợp lệ.", fields={"code": ["Mã lĩnh vực không hợp lệ."]})
    if not name:
        raise CatalogueValidationError("Tên lĩnh vực không được để trống.", fields={"name": ["Không được để trống."]})
    sector, created = Sector.objects.get_or_create(code=code, defaults={"name": name})
    if created or sector.name != name:
        sector.name = name
        sector.save()
        _record(actor, "sector_saved", data={"code": code, "name": name})
    return sector


@transaction.atomic
def create_procedure(*, actor: Any, code: str, name: str, sector: Sector, version: dict[str, Any]) -> Procedure:
    """A new procedure with its first version (the raw ``version`` mapping is validated here)."""
    code, name = normalise(code), normalise(name)
    problems = []
    if not PROCEDURE_CODE_RE.match(code):
        problems.append(Problem("code", "Mã thủ tục phải có dạng 1.001193."))
    elif Procedure.objects.filter(code=code).exists():
        problems.append(Problem("code", f"Đã có thủ tục mã {code}."))
    if not name:
        problems.append(Problem("name", "Không được để trống."))
    if problems:
        raise CatalogueValidationError.from_problems(problems)
    data, agencies = validate_version_data(version, path="version.")
    procedure = Procedure.objects.create(code=code, name=name, sector=sector)
    names_changed()
    created = _new_version(procedure, 1, data, agencies, actor)
    _record(actor, "procedure_created", procedure=procedure, data={"version": created.number})
    return procedure


@transaction.atomic
def import_procedure(
    *,
    actor: Any,
    code: str,
    name: str,
    sector: Sector,
    versions: list[tuple[int, VersionData, dict[str, Agency]]],
) -> Procedure:
    """A procedure arriving from another installation's export, with its versions numbered and dated as given.

    ``versions`` hold data already checked by ``validate_version_data`` (the import validates the
    whole file before writing anything) with the agencies it resolved. The caller calls ``names_changed``
    once for the whole file (once per procedure would cost thousands of writes to one table).
    """
    procedure = Procedure.objects.create(code=normalise(code), name=name, sector=sector)
    for number, data, agencies in versions:
        _new_version(procedure, number, data, agencies, actor)
    _record(actor, "procedure_imported", procedure=procedure, data={"versions": [n for n, _d, _a in versions]})
    return procedure


@transaction.atomic
def change_procedure(procedure: Procedure, *, actor: Any, version: dict[str, Any]) -> ProcedureVersion:
    """Write a new version taking effect on ``version["effective_from"]``; the previous one ends the day before."""
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    if procedure.status == ProcedureStatus.ARCHIVED:
        raise Conflict("Thủ tục đã lưu trữ, không tạo phiên bản mới.", code="procedure_archived")
    data, agencies = validate_version_data(version, path="version.")
    previous = procedure.versions.order_by("-number").first()
    if previous is not None:
        if data["effective_from"] <= previous.effective_from:
            raise CatalogueValidationError(
                "Phiên bản mới phải áp dụng sau ngày áp dụng của phiên bản hiện hành "
                f"({previous.effective_from:%d/%m/%Y}).",
                fields={"version.effective_from": ["Phải sau ngày áp dụng của phiên bản hiện hành."]},
            )
        if previous.effective_until is None or previous.effective_until >= data["effective_from"]:
            previous.effective_until = data["effective_from"] - timedelta(days=1)
            previous.save(update_fields=["effective_until"])
    number = previous.number + 1 if previous else 1
    created = _new_version(procedure, number, data, agencies, actor)
    _record(actor, "procedure_versioned", procedure=procedure, note=data["change_note"], data={"version": number})
    return created


@transaction.atomic
def rename_procedure(procedure: Procedure, *, actor: Any, name: str, sector: Sector) -> Procedure:
    """Name and sector are identity, not rules: they change in place (recorded in the audit trail)."""
    name = normalise(name)
    if not name:
        raise CatalogueValidationError("Tên thủ tục không được để trống.", fields={"name": ["Không được để trống."]})
    before = {"name": procedure.name, "sector": procedure.sector.code}
    procedure.name, procedure.sector = name, sector
    procedure.save()
    names_changed()
    _record(
        actor,
        "procedure_renamed",
        procedure=procedure,
        data={"before": before, "after": {"name": name, "sector": sector.code}},
    )
    return procedure


@transaction.atomic
def archive_procedure(procedure: Procedure, *, actor: Any, on: date, note: str = "") -> Procedure:
    """Retire a procedure: no new dossiers after ``on``; the record stays for dossiers that refer to it."""
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    if procedure.status == ProcedureStatus.ARCHIVED:
        return procedure
    latest = procedure.versions.order_by("-number").first()
    if latest is not None and (latest.effective_until is None or latest.effective_until > on):
        if on < latest.effective_from:
            raise CatalogueValidationError("Ngày bãi bỏ phải sau ngày áp dụng của phiên bản hiện hành.")
        latest.effective_until = on
        latest.save(update_fields=["effective_until"])
    procedure.status = ProcedureStatus.ARCHIVED
    procedure.save(update_fields=["status", "updated_at"])
    _record(actor, "procedure_archived", procedure=procedure, note=note, data={"on": on.isoformat()})
    return procedure


@transaction.atomic
def connect_to_national_portal(procedures: Any, *, actor: Any, connected: bool) -> int:
    """Start (or stop) synchronising the dossiers of ``procedures`` to the national portal; the number changed."""
    changed = 0
    for procedure in Procedure.objects.select_for_update().filter(pk__in=[p.pk for p in procedures]).order_by("pk"):
        if procedure.dvcqg_connected == connected:
            continue
        procedure.dvcqg_connected = connected
        procedure.save(update_fields=["dvcqg_connected", "updated_at"])
        _record(
            actor, "procedure_dvcqg_connected" if connected else "procedure_dvcqg_disconnected", procedure=procedure
        )
        changed += 1
    return changed


def version_data(version: ProcedureVersion) -> dict[str, Any]:
    """The version as editable plain data (the starting point of a change)."""
    return dump_version(version)


# --- Interconnected groups -------------------------------------------------------------------------


@transaction.atomic
def save_group(
    *, actor: Any, code: str, name: str, procedures: list[Procedure], description: str = "", legal_basis: str = ""
) -> ProcedureGroup:
    code, name = normalise(code).upper(), normalise(name)
    if not code or not name:
        raise CatalogueValidationError("Mã và tên nhóm không được để trống.")
    if len(procedures) < 2:
        raise CatalogueValidationError(
            "Nhóm liên thông gồm ít nhất hai thủ tục.", fields={"procedures": ["Chọn ít nhất hai thủ tục."]}
        )
    group, _ = ProcedureGroup.objects.update_or_create(
        code=code, defaults={"name": name, "description": description, "legal_basis": legal_basis}
    )
    group.members.all().delete()
    ProcedureGroupMember.objects.bulk_create(
        [ProcedureGroupMember(group=group, procedure=p, order=i) for i, p in enumerate(procedures, 1)]
    )
    _record(actor, "group_saved", group=group, data={"procedures": [p.code for p in procedures]})
    return group


# --- Search synonyms (managers' table) ---------------------------------------------------------------


@transaction.atomic
def save_synonym(synonym: SearchSynonym, *, actor: Any) -> SearchSynonym:
    """Store a synonym row (its term folded: what search compares) and record who changed it."""
    synonym.term = " ".join(fold(synonym.term).split())
    synonym.expansion = normalise(synonym.expansion)
    synonym.save()
    names_changed()  # search reads the synonyms again with the names
    _record(actor, "synonym_saved", data={"term": synonym.term, "expansion": synonym.expansion})
    return synonym


@transaction.atomic
def delete_synonym(synonym: SearchSynonym, *, actor: Any) -> None:
    _record(actor, "synonym_deleted", data={"term": synonym.term, "expansion": synonym.expansion})
    synonym.delete()
    names_changed()
