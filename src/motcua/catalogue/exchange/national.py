"""A catalogue file in the national procedure database's record format (``procedures.json``) as a catalogue
document, with a report of what was taken from each record and what was left out, and why.

Record fields (``code``, ``name``, ``sector``, ``level``, ``agency``, ``processing_time``, ``fees``,
``components``, ``result``, ``online_level``, ``source``) are described in docs/catalogue.md. The
national database publishes no internal process, so every procedure taken from such a file is
*information only* (``ProcedureVersion.information_only``): shown with "chưa công bố" where the source is
silent, and not received on the portal or at the counter until a catalogue manager completes it.

Procedures already in the catalogue are left as they are (the province's own versions win over the
national text), and the import of the records taken is all-or-nothing (``document.import_document``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from motcua.catalogue import services
from motcua.catalogue.constants import PROCEDURE_CODE_RE, SECTOR_CODE_RE
from motcua.catalogue.data import column_limit
from motcua.catalogue.exchange.document import FORMAT, FORMAT_VERSION, ImportReport, import_document
from motcua.catalogue.fees import published_rows
from motcua.catalogue.models import Component, Fee, Procedure, ProcedureVersion, Sector
from motcua.catalogue.requirements import requirement_from_text
from motcua.core.text import fold, normalise
from motcua.organisations.models import Agency, AgencyKind, UnitLevel

_TIME_UNITS = {
    "ngay lam viec": "working_days",
    # The sources' plain "ngày" is counted in working days: the clock only knows working time.
    "ngay": "working_days",
    "gio": "working_hours",
    "gio lam viec": "working_hours",
    "ngay trong ngay": "same_day",
}
_DECISION = re.compile(r"quyết định công bố[^:]*:\s*([0-9A-Za-zĐđ/\-.]+)")
_ELLIPSIS = "…"


@dataclass
class RecordOutcome:
    """What became of one record of the file: taken (with what was adapted) or left out (with why)."""

    row: int
    code: str
    name: str
    taken: bool
    reasons: list[str] = field(default_factory=list)

    def line(self) -> str:
        verdict = "nhận" if self.taken else "bỏ qua"
        detail = f": {'; '.join(self.reasons)}" if self.reasons else ""
        return f"dòng {self.row} · {self.code or '(không mã)'} · {verdict}{detail}"


@dataclass
class NationalReport:
    outcomes: list[RecordOutcome] = field(default_factory=list)
    imported: ImportReport | None = None

    @property
    def taken(self) -> list[RecordOutcome]:
        return [o for o in self.outcomes if o.taken]

    @property
    def left_out(self) -> list[RecordOutcome]:
        return [o for o in self.outcomes if not o.taken]

    def summary(self) -> str:
        text = f"{len(self.outcomes)} bản ghi: nhận {len(self.taken)}, bỏ qua {len(self.left_out)}."
        return f"{text} {self.imported.summary()}" if self.imported else text


def read_records(path: Path) -> list[dict[str, Any]]:
    records = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(records, list):
        raise ValueError(f"{path}: tệp phải là một danh sách bản ghi thủ tục.")
    return records


def levels_of(text: str | None, agency: str | None) -> list[str]:
    """The levels a record states ("Cấp tỉnh, Cấp xã"); when it states none, read from the implementing body."""
    folded = fold(text or "")
    levels = [
        level for key, level in (("tinh", UnitLevel.PROVINCE), ("xa", UnitLevel.COMMUNE)) if f"cap {key}" in folded
    ]
    if not levels and not folded:
        levels = [UnitLevel.COMMUNE] if " xa" in fold(agency or "") else [UnitLevel.PROVINCE]
    return [str(level) for level in levels]


def online_level_of(text: str | None) -> str:
    return {"toan trinh": "full", "mot phan": "partial"}.get(fold(text or ""), "none")


def result_kind_of(result: str) -> str:
    folded = fold(result)
    for key, kind in (
        ("giay phep", "licence"),
        ("quyet dinh", "decision"),
        ("giay khai sinh", "civil_status"),
        ("trich luc", "civil_status"),
        ("ket hon", "civil_status"),
        ("giay chung nhan", "certificate"),
        ("giay xac nhan", "certificate"),
        ("van ban", "written_reply"),
        ("thong bao", "written_reply"),
    ):
        if key in folded:
            return kind
    return "other"


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to fit ``limit`` characters, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + _ELLIPSIS


class _Agencies:
    """The installation's agencies a record's implementing body names (by name, or by level for UBND)."""

    def __init__(self) -> None:
        rows = list(
            Agency.objects.filter(is_active=True).values_list("identifier_code", "name_folded", "kind", "level")
        )
        self.departments = [(code, name) for code, name, kind, _level in rows if kind == AgencyKind.DEPARTMENT]
        self.province_committees = [
            code for code, _n, kind, level in rows if kind == AgencyKind.PEOPLES_COMMITTEE and level == "province"
        ]
        self.commune_committees = [
            code for code, _n, kind, level in rows if kind == AgencyKind.PEOPLES_COMMITTEE and level == "commune"
        ]

    def competent(self, agency_text: str, levels: list[str]) -> list[str]:
        folded = fold(agency_text)
        found = {code for code, name in self.departments if name and name in folded}
        committee = "uy ban nhan dan" in folded or "ubnd" in folded
        if UnitLevel.PROVINCE in levels and committee and "tinh" in folded:
            found.update(self.province_committees)
        if UnitLevel.COMMUNE in levels and (" xa" in folded or not found):
            found.update(self.commune_committees if " xa" in folded or levels == [UnitLevel.COMMUNE] else ())
        return sorted(found)


class _Sectors:
    """Sector codes for the records' sector names: the stored sector of that name, else one made from it."""

    def __init__(self, known: dict[str, str]) -> None:
        self.by_name = {fold(name): code for code, name in Sector.objects.values_list("code", "name")}
        self.known = known
        self.used = set(self.by_name.values())
        self.new: dict[str, str] = {}

    def code_for(self, name: str) -> str:
        key = fold(name)
        if key not in self.by_name:
            base = self.known.get(key) or "-".join(re.findall(r"[a-z0-9]+", key)).upper()[:26] or "KHAC"
            code, n = base, 1
            while (code in self.used and code not in self.new) or not SECTOR_CODE_RE.match(code):
                n += 1
                code = f"{base[:26]}-{n}"
            self.by_name[key] = code
            self.new.setdefault(code, name)
            self.used.add(code)
        return self.by_name[key]


def _time(record: dict[str, Any], reasons: list[str]) -> tuple[str | None, str]:
    time = record.get("processing_time") or {}
    unit = _TIME_UNITS.get(fold(time.get("unit") or ""))
    value = time.get("value")
    if unit == "same_day":
        return None, unit
    if unit is None or not isinstance(value, int | float) or not 0 < value <= 99999:
        if time:
            reasons.append(f"thời hạn “{value} {time.get('unit') or ''}” không rõ đơn vị: ghi chưa công bố")
        return None, ""
    return format(value, "g"), unit


def _components(record: dict[str, Any], reasons: list[str]) -> list[dict[str, Any]]:
    name_limit, condition_limit = column_limit(Component, "name"), column_limit(Component, "condition")
    out = []
    for raw in record.get("components") or []:
        name, note = normalise(str(raw.get("name") or "")), normalise(str(raw.get("note") or ""))
        if not name:
            continue
        if len(name) > name_limit:
            # The crawl ran some components into their explanations: the whole text stays, in the note.
            note, name = f"{name}\n{note}".strip(), _shorten(name, name_limit)
            reasons.append("tên thành phần dài được rút gọn, toàn văn ở ghi chú")
        requirement, condition = requirement_from_text(name, note)
        out.append(
            {
                "name": name,
                "copies": max(int(raw.get("copies") or 1), 1),
                "kind": "photocopy" if "ban sao" in fold(note) else "original",
                "requirement": requirement,
                "condition": _shorten(condition, condition_limit),
                "note": _shorten(note, 10000),
            }
        )
    return out


def _fees(record: dict[str, Any]) -> list[dict[str, Any]]:
    limit = column_limit(Fee, "name")
    rows = []
    for fee in record.get("fees") or []:
        name = _shorten(normalise(str(fee.get("name") or "Phí, lệ phí")), limit)
        amount = fee.get("amount_vnd")
        for row in published_rows(
            name, amount if isinstance(amount, int) and amount >= 0 else None, fee.get("note") or ""
        ):
            rows.append({**row, "note": _shorten(normalise(str(row.get("note") or "")), 5000)})
    return rows


def _version(
    record: dict[str, Any], levels: list[str], agencies: _Agencies, effective_from: date, reasons: list[str]
) -> dict[str, Any]:
    value, unit = _time(record, reasons)
    online = online_level_of(record.get("online_level"))
    result = normalise(str(record.get("result") or ""))
    source = normalise(str(record.get("source") or ""))
    decision = _DECISION.search(source)
    limit = column_limit(ProcedureVersion, "result_name")
    if len(result) > limit:
        reasons.append("kết quả dài được rút gọn")
    return {
        "number": 1,
        "effective_from": effective_from.isoformat(),
        "legal_time_value": value,
        "legal_time_unit": unit,
        "information_only": True,
        "levels": levels,
        "online_level": online,
        "channels": ["counter", "postal", *(["online"] if online != "none" else [])],
        "resolved_at_centre": unit == "same_day",
        "result_name": _shorten(result, limit),
        "result_kind": result_kind_of(result),
        "result_electronic_allowed": online == "full" or "dien tu" in fold(result),
        "submission_place": normalise(str(record.get("agency") or "")),
        "publication_decision_number": decision.group(1).rstrip(".)")[:60] if decision else "",
        "competent_agencies": agencies.competent(str(record.get("agency") or ""), levels),
        "change_note": _shorten(f"Nguồn: {source}", column_limit(ProcedureVersion, "change_note")),
        "fees": _fees(record),
        "components": _components(record, reasons),
    }


def _refused(version: dict[str, Any]) -> list[str]:
    """What the catalogue's own validation refuses in a record's version (so the row is left out, not the file)."""
    try:
        services.validate_version_data(version)
    except services.CatalogueValidationError as error:
        return [f"{key}: {message}" for key, messages in error.fields.items() for message in messages]
    return []


def build_document(
    records: Iterable[Any],
    *,
    levels: Iterable[str] = (UnitLevel.PROVINCE, UnitLevel.COMMUNE),
    effective_from: date,
    known_sectors: dict[str, str] | None = None,
) -> tuple[dict[str, Any], NationalReport]:
    """The catalogue document of the records to take, and the report on every record."""
    wanted = {str(level) for level in levels}
    report = NationalReport()
    stored = set(Procedure.objects.values_list("code", flat=True))
    agencies, sectors = _Agencies(), _Sectors(known_sectors or {})
    seen: set[str] = set()
    entries = []
    name_limit = column_limit(Procedure, "name")
    for row, record in enumerate(records, 1):
        if not isinstance(record, dict):
            report.outcomes.append(RecordOutcome(row, "", "", False, ["không phải một bản ghi thủ tục"]))
            continue
        code, name = normalise(str(record.get("code") or "")), normalise(str(record.get("name") or ""))
        outcome = RecordOutcome(row, code, name, False)
        report.outcomes.append(outcome)
        record_levels = [level for level in levels_of(record.get("level"), record.get("agency")) if level in wanted]
        if not code:
            outcome.reasons.append("không có mã thủ tục quốc gia")
        elif not PROCEDURE_CODE_RE.match(code):
            outcome.reasons.append(f"mã “{code}” không đúng dạng 1.001193")
        elif code in seen:
            outcome.reasons.append("mã trùng với một dòng trước trong tệp")
        elif code in stored:
            outcome.reasons.append("đã có trong danh mục: giữ nguyên nội dung đang áp dụng")
        elif not name:
            outcome.reasons.append("không có tên thủ tục")
        elif len(name) > name_limit:
            outcome.reasons.append(f"tên dài quá {name_limit} ký tự")
        elif not record_levels:
            outcome.reasons.append(f"không thực hiện ở cấp đã chọn (cấp: {record.get('level') or 'không ghi'})")
        if outcome.reasons:
            continue
        version = _version(record, record_levels, agencies, effective_from, outcome.reasons)
        refused = _refused(version)
        if refused:
            outcome.reasons = refused
            continue
        seen.add(code)
        name = name.removeprefix("Thủ tục ").strip()
        entries.append(
            {
                "code": code,
                "name": name[:1].upper() + name[1:],
                "sector": sectors.code_for(normalise(str(record.get("sector") or "")) or "Khác"),
                "status": "active",
                "versions": [version],
            }
        )
        outcome.taken = True
        outcome.reasons = list(dict.fromkeys(outcome.reasons))
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "sectors": [{"code": code, "name": name} for code, name in sorted(sectors.new.items())],
        "procedures": entries,
        "groups": [],
    }
    return document, report


def import_file(path: Path, *, actor: Any, effective_from: date, levels: Iterable[str] | None = None) -> NationalReport:
    """Import the records of ``path`` the province serves; all-or-nothing (raises ``CatalogueImportError``)."""
    document, report = build_document(
        read_records(path), levels=levels or (UnitLevel.PROVINCE, UnitLevel.COMMUNE), effective_from=effective_from
    )
    report.imported = import_document(document, actor=actor)
    return report


def configured_file(setting: str = "CATALOGUE_FILE") -> Path | None:
    """The file the setting names (relative to the project directory), when it exists."""
    from django.conf import settings

    value = getattr(settings, setting)
    if not value:
        return None
    path = Path(value)
    path = path if path.is_absolute() else Path(settings.BASE_DIR) / path
    return path if path.is_file() else None
