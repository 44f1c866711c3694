"""The whole catalogue as one plain document (the JSON format), and its all-or-nothing import.

Document shape::

    {"format": "motcua-catalogue", "format_version": 1,
     "sectors": [{"code", "name"}],
     "procedures": [{"code", "name", "sector", "status", "versions": [{"number", ...version data}]}],
     "groups": [{"code", "name", "description", "legal_basis", "procedures": [codes]}]}

Import rules (per procedure): unknown code → created with the file's versions as they are;
known code → name and sector updated in place; a version equal to the stored one is skipped; a
changed *latest* version becomes a new version (effective from the file's date, or the day after
the stored one's, whichever is later); changing an older version is refused; higher-numbered
versions are appended. Nothing is written unless the whole file is valid.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from motcua.catalogue import services
from motcua.catalogue.constants import PROCEDURE_CODE_RE, SECTOR_CODE_RE, ProcedureStatus
from motcua.catalogue.data import Problem, VersionData, dump_version
from motcua.catalogue.models import (
    InternalProcess,
    Procedure,
    ProcedureGroup,
    ProcedureVersion,
    ProcessStep,
    Sector,
)
from motcua.core.exceptions import DomainError
from motcua.core.text import normalise

FORMAT = "motcua-catalogue"
FORMAT_VERSION = 1
# Fields of a version that are about its period or history, not its content.
_NOT_CONTENT = ("effective_from", "effective_until", "change_note")


class CatalogueImportError(DomainError):
    code = "catalogue_import_invalid"

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"Tệp có {len(problems)} lỗi, chưa nhập dữ liệu nào.", fields={"non_field_errors": problems})


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    versioned: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    unchanged: int = 0
    groups: int = 0

    def summary(self) -> str:
        return (
            f"Thêm mới {len(self.created)} thủ tục, tạo phiên bản mới cho {len(self.versioned)}, "
            f"cập nhật tên/lĩnh vực {len(self.renamed)}, lưu trữ {len(self.archived)}, "
            f"giữ nguyên {self.unchanged}; {self.groups} nhóm liên thông."
        )


# --- Export ----------------------------------------------------------------------------------------


def export_document() -> dict[str, Any]:
    versions = (
        ProcedureVersion.objects.prefetch_related("fees", "components", "competent_agencies")
        .prefetch_related(
            Prefetch(
                "processes",
                queryset=InternalProcess.objects.select_related("implementing_agency").prefetch_related(
                    Prefetch("steps", queryset=ProcessStep.objects.select_related("agency").order_by("order"))
                ),
            ),
        )
        .order_by("number")
    )
    procedures = Procedure.objects.select_related("sector").prefetch_related(Prefetch("versions", queryset=versions))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "sectors": [{"code": s.code, "name": s.name} for s in Sector.objects.order_by("code")],
        "procedures": [
            {
                "code": p.code,
                "name": p.name,
                "sector": p.sector.code,
                "status": p.status,
                "versions": [{"number": v.number, **dump_version(v)} for v in p.versions.all()],
            }
            for p in procedures.order_by("code")
        ],
        "groups": [
            {
                "code": g.code,
                "name": g.name,
                "description": g.description,
                "legal_basis": g.legal_basis,
                "procedures": [m.procedure.code for m in g.members.select_related("procedure")],
            }
            for g in ProcedureGroup.objects.order_by("code")
        ],
    }


def export_json() -> bytes:
    return json.dumps(export_document(), ensure_ascii=False, indent=1).encode()


# --- Import ----------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Canonical comparable form: dates ISO, decimals normalised strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in _NOT_CONTENT}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


@dataclass
class _Plan:
    """What the import will do, decided before anything is written."""

    sectors: list[tuple[str, str]] = field(default_factory=list)
    procedures: list[tuple[dict[str, Any], list[tuple[int, VersionData, Any, Any]]]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)


Locate = Callable[[str], str]


def import_document(document: Any, *, actor: Any, locate: Locate | None = None) -> ImportReport:
    """Validate the whole document, then apply it in one transaction; raises with every problem."""
    locate = locate or (lambda path: path)
    problems: list[Problem] = []
    plan = _plan(document, problems)
    layout = list(document.get("layout_problems") or []) if isinstance(document, dict) else []
    if problems or layout:
        raise CatalogueImportError(layout + [f"{locate(p.path)}: {p.message}" for p in problems])
    return _apply(plan, actor)


def _plan(document: Any, problems: list[Problem]) -> _Plan:
    plan = _Plan()
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        problems.append(Problem("format", f'Không phải tệp danh mục thủ tục (thiếu "format": "{FORMAT}").'))
        return plan
    known_sectors = set(Sector.objects.values_list("code", flat=True))
    for index, raw in enumerate(document.get("sectors") or [], 1):
        code, name = normalise(str(raw.get("code") or "")).upper(), normalise(str(raw.get("name") or ""))
        if not SECTOR_CODE_RE.match(code):
            problems.append(Problem(f"sectors[{index}].code", f"Mã lĩnh vực “{code}” không hợp lệ."))
        if not name:
            problems.append(Problem(f"sectors[{index}].name", "Không được để trống."))
        plan.sectors.append((code, name))
        known_sectors.add(code)
    seen: set[str] = set()
    raw_procedures = document.get("procedures") or []
    codes = [normalise(str(raw.get("code") or "")) for raw in raw_procedures if isinstance(raw, dict)]
    stored: dict[str, dict[int, ProcedureVersion]] = {}
    for version in ProcedureVersion.objects.filter(procedure__code__in=codes).select_related("procedure"):
        stored.setdefault(version.procedure.code, {})[version.number] = version
    for index, raw in enumerate(raw_procedures, 1):
        if not isinstance(raw, dict):
            problems.append(Problem(f"procedures[{index}]", "Phải là một đối tượng."))
            continue
        code = normalise(str(raw.get("code") or ""))
        _plan_procedure(raw, f"procedures[{index}].", known_sectors, seen, stored.get(code, {}), plan, problems)
    all_codes = seen | set(Procedure.objects.values_list("code", flat=True))
    for index, raw in enumerate(document.get("groups") or [], 1):
        members = [normalise(str(c)) for c in raw.get("procedures") or []]
        for code in members:
            if code not in all_codes:
                problems.append(Problem(f"groups[{index}].procedures", f"Không có thủ tục mã {code}."))
        if len(members) < 2 or not raw.get("code") or not raw.get("name"):
            problems.append(Problem(f"groups[{index}]", "Nhóm cần mã, tên và ít nhất hai thủ tục."))
        plan.groups.append({**raw, "procedures": members})
    return plan


def _plan_procedure(
    raw: dict[str, Any],
    path: str,
    sectors: set[str],
    seen: set[str],
    stored: dict[int, ProcedureVersion],
    plan: _Plan,
    problems: list[Problem],
) -> None:
    code = normalise(str(raw.get("code") or ""))
    if not PROCEDURE_CODE_RE.match(code):
        problems.append(Problem(f"{path}code", f"Mã thủ tục “{code}” không hợp lệ (dạng 1.001193)."))
    elif code in seen:
        problems.append(Problem(f"{path}code", f"Mã thủ tục {code} xuất hiện hai lần trong tệp."))
    seen.add(code)
    if not normalise(str(raw.get("name") or "")):
        problems.append(Problem(f"{path}name", "Không được để trống."))
    if raw.get("sector") not in sectors:
        problems.append(Problem(f"{path}sector", f"Không có lĩnh vực mã “{raw.get('sector')}”."))
    if raw.get("status", ProcedureStatus.ACTIVE) not in ProcedureStatus.values:
        problems.append(Problem(f"{path}status", f"Trạng thái “{raw.get('status')}” không hợp lệ."))
    latest = max(stored) if stored else 0
    versions: list[tuple[int, VersionData, Any, Any]] = []
    raw_versions = raw.get("versions") or []
    if not raw_versions:
        problems.append(Problem(f"{path}versions", "Thủ tục cần ít nhất một phiên bản."))
    for j, raw_version in enumerate(raw_versions, 1):
        vpath = f"{path}versions[{j}]."
        try:
            data, agencies = services.validate_version_data(raw_version, path=vpath)
        except services.CatalogueValidationError as error:
            problems.extend(Problem(key, msg) for key, msgs in error.fields.items() for msg in msgs)
            continue
        number = raw_version.get("number") or (latest + j)
        existing = stored.get(number)
        if existing is not None and number != latest and _plain(data) != _plain(dump_version(existing)):
            problems.append(
                Problem(f"{vpath}number", f"Không sửa được phiên bản cũ số {number}; hãy sửa phiên bản mới nhất.")
            )
        versions.append((number, data, existing, agencies))
    plan.procedures.append(({**raw, "code": code}, versions))


@transaction.atomic
def _apply(plan: _Plan, actor: Any) -> ImportReport:
    report = ImportReport()
    for code, name in plan.sectors:
        services.save_sector(actor=actor, code=code, name=name)
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    existing = Procedure.objects.in_bulk([raw["code"] for raw, _versions in plan.procedures], field_name="code")
    for raw, versions in plan.procedures:
        _apply_procedure(raw, versions, actor, report, sectors[raw["sector"]], existing.get(raw["code"]))
    if report.created:
        services.names_changed()  # once for the file (``import_procedure`` leaves it to us)
    for raw in plan.groups:
        services.save_group(
            actor=actor,
            code=raw["code"],
            name=raw["name"],
            description=raw.get("description") or "",
            legal_basis=raw.get("legal_basis") or "",
            procedures=[Procedure.objects.get(code=c) for c in raw["procedures"]],
        )
        report.groups += 1
    return report


def _apply_procedure(
    raw: dict[str, Any],
    versions: list[tuple[int, VersionData, Any, Any]],
    actor: Any,
    report: ImportReport,
    sector: Sector,
    procedure: Procedure | None,
) -> None:
    if procedure is None:
        procedure = services.import_procedure(
            actor=actor,
            code=raw["code"],
            name=raw["name"],
            sector=sector,
            versions=[(n, d, agencies) for n, d, _existing, agencies in versions],
        )
        report.created.append(procedure.code)
    else:
        if procedure.name != normalise(raw["name"]) or procedure.sector_id != sector.pk:
            services.rename_procedure(procedure, actor=actor, name=raw["name"], sector=sector)
            report.renamed.append(procedure.code)
        changed = False
        for _number, data, existing, _agencies in versions:
            if existing is not None and _plain(data) == _plain(dump_version(existing)):
                continue
            latest = procedure.versions.order_by("-number").first()
            if latest is not None and data["effective_from"] <= latest.effective_from:
                data = {**data, "effective_from": latest.effective_from + timedelta(days=1)}
            services.change_procedure(procedure, actor=actor, version=_plain_full(data))
            changed = True
        if changed:
            report.versioned.append(procedure.code)
        else:
            report.unchanged += 1
    if raw.get("status") == ProcedureStatus.ARCHIVED and procedure.status != ProcedureStatus.ARCHIVED:
        latest = procedure.versions.order_by("-number").first()
        on = latest.effective_until if latest and latest.effective_until else timezone.localdate()
        services.archive_procedure(procedure, actor=actor, on=on)
        report.archived.append(procedure.code)


def _plain_full(data: VersionData) -> dict[str, Any]:
    """Cleaned data back to raw form (dates ISO, decimals as strings) for the service's validation."""

    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        return value

    return dict(convert(data))
