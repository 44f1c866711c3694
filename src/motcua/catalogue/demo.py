"""Demo catalogue: real procedures from the sourced sample (``settings.CATALOGUE_SAMPLE_FILE``, read where it
lies, never copied here) for the Phú Thọ demo province.

Facts (codes, names, times, fees, components, results, online levels, published internal steps)
come from the sample and ``demo_supplements``; what neither states is derived and marked:
internal processes without published durations get durations shared out of the time limit
(``is_illustrative``), see docs/catalogue.md. Legal bases the records cite come from
``demo_sources``, which also takes other provinces' names out of the texts; key components carry
a blank form from ``demo_forms``. Loading goes through the catalogue import, so it
is idempotent: a second run finds every procedure unchanged.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any, TextIO

from motcua.catalogue.demo_forms import stored_form
from motcua.catalogue.demo_sources import SOURCE_BASIS, localise
from motcua.catalogue.demo_supplements import (
    GROUPS,
    ILLUSTRATIVE_FORM,
    PARALLEL_STEPS,
    SECTOR_CODES,
    SECTOR_NAMES,
    SUPPLEMENTS,
)
from motcua.catalogue.exchange.document import FORMAT, FORMAT_VERSION, import_document
from motcua.catalogue.exchange.national import build_document as build_national
from motcua.catalogue.exchange.national import configured_file, online_level_of, read_records, result_kind_of
from motcua.catalogue.fees import published_rows
from motcua.catalogue.models import Procedure
from motcua.catalogue.requirements import requirement_from_text
from motcua.catalogue.services import connect_to_national_portal
from motcua.core.text import fold
from motcua.organisations.models import Agency

EFFECTIVE_FROM = date(2025, 12, 1)  # illustrative: the sample's provincial decisions date from 11/2025

# Agencies of organisations/demo.py (Phú Thọ), referred to by identifier code.
COMMUNE_AGENCIES = ["H44.201", "H44.202", "H44.203", "H44.204"]
PROVINCE_AGENCY_BY_SECTOR = {
    "TP-HT": "H44.03",
    "TP-CT": "H44.03",
    "NV-VL": "H44.02",
    "NV-NCC": "H44.02",
    "NV-TG": "H44.02",
    "MT-NUOC": "H44.05",
    "MT-DD": "H44.05",
    "XD-BDS": "H44.06",
    "XD-HDXD": "H44.06",
    "TC-GIA": "H44.04",
    "TC-DN": "H44.04",
    "CT-ATTP": "H44.09",
    "GD-DT": "H44.08",
}
STEP_AGENCY_BY_ACTOR = {"van phong dang ky dat dai": "H44.05.01", "van phong ubnd": "H44.01"}

# Weights sharing a time limit between kinds of steps when the sample gives no durations.
_WEIGHTS: dict[str, Decimal | int] = {
    "one_stop_unit": 1,
    "division": 6,
    "head": 1,
    "leader": Decimal("1.5"),
    "other_agency": 4,
    "clerk": Decimal("0.5"),
}
_ACTIONS = {
    "one_stop_unit": ["forward", "request_supplement", "refuse"],
    "division": ["forward", "return", "consult", "request_supplement"],
    "head": ["forward", "return"],
    "leader": ["approve", "return", "refuse"],
    "other_agency": ["forward", "return"],
    "clerk": ["attach_result", "forward"],
    "result": ["return_result"],
}
_ROLES = {
    "one_stop_unit": ("one_stop_unit", "one_stop_officer"),
    "division": ("division", "specialist"),
    "head": ("division", "head_of_division"),
    "leader": ("leader", "leader"),
    "other_agency": ("other_agency", "specialist"),
    "clerk": ("division", "specialist"),
    "result": ("one_stop_unit", "one_stop_officer"),
}


def _unit(time: dict[str, Any]) -> tuple[str | None, str]:
    unit = fold(time["unit"])
    if "trong ngay" in unit:
        return None, "same_day"
    # The sample's "ngày" (days) is counted as working days: the clock only knows working time.
    return str(time["value"]), "working_hours" if "gio" in unit else "working_days"


def _limit_hours(value: str | None, unit: str) -> Decimal:
    if unit == "same_day":
        return Decimal(8)
    return Decimal(value or 0) * (1 if unit == "working_hours" else 8)


def _levels(text: str | None, agency: str | None) -> list[str]:
    folded = fold(text or "")
    levels = [level for key, level in (("tinh", "province"), ("xa", "commune")) if f"cap {key}" in folded]
    if not levels:  # not stated: inferred from the implementing body
        levels = ["commune"] if " xa" in fold(agency or "") else ["province"]
    return levels


def _component(raw: dict[str, Any], code: str) -> dict[str, Any]:
    note = localise(raw.get("note"))
    folded = fold(note)
    kind = "certified_copy" if "chung thuc" in folded else "photocopy" if "ban sao" in folded else "original"
    # The case a component is needed in comes from the published wording (note or bracketed name).
    requirement, condition = requirement_from_text(raw["name"], note)
    return {
        "name": raw["name"],
        "copies": raw.get("copies") or 1,
        "kind": kind,
        "requirement": requirement,
        "condition": condition,
        "blank_form": stored_form(code, raw["name"]),
        "note": note,
    }


def _step_kind(actor: str, name: str) -> str | None:
    a, n = fold(actor), fold(name)
    if a.startswith(("nguoi yeu cau", "ca nhan", "nguoi dai dien", "nguoi tham gia", "cong dich vu")):
        return None  # the applicant's or the portal's own steps are not internal steps
    if n.startswith("tra ket qua") or "tra ket qua" in a or n.startswith(("trao", "thong bao, tra")):
        return "result"
    if "van thu" in a:
        return "clerk"
    if "lanh dao phong" in a:
        return "head"
    if a.startswith(("lanh dao", "chu tich", "van phong ubnd")):
        return "leader"
    if any(k in a for k in ("cong an", "bao hiem xa hoi", "chi nhanh", "co quan thue")):
        return "other_agency"
    if any(k in a for k in ("trung tam", "bo phan", "tiep nhan", "mot cua")):
        return "one_stop_unit"
    return "division"


def _sample_steps(record: dict[str, Any]) -> list[dict[str, Any]]:
    steps = []
    for raw in record.get("internal_steps") or []:
        kind = _step_kind(raw["actor"] or "", raw["name"])
        if kind is not None:
            steps.append(
                {
                    "name": localise(f"{raw['name']} ({raw['actor']})")[:500],
                    "kind": kind,
                    "duration": raw["duration"],
                    "actor": raw["actor"] or "",
                }
            )
    return steps


def _template_steps(levels: list[str]) -> list[dict[str, Any]]:
    if levels == ["commune"]:
        names = [
            ("Tiếp nhận, kiểm tra, số hóa hồ sơ (Trung tâm Phục vụ hành chính công)", "one_stop_unit"),
            ("Thẩm định hồ sơ, dự thảo kết quả (công chức chuyên môn UBND xã)", "division"),
            ("Xem xét, ký duyệt kết quả (Lãnh đạo UBND xã)", "leader"),
            ("Vào sổ, đóng dấu, chuyển kết quả (văn thư UBND xã)", "clerk"),
            ("Trả kết quả (Trung tâm Phục vụ hành chính công)", "result"),
        ]
    else:
        names = [
            ("Tiếp nhận, kiểm tra, số hóa hồ sơ (Trung tâm Phục vụ hành chính công tỉnh)", "one_stop_unit"),
            ("Phân công thụ lý (Lãnh đạo phòng chuyên môn)", "head"),
            ("Thẩm định hồ sơ, dự thảo kết quả (chuyên viên)", "division"),
            ("Xem xét dự thảo, trình ký (Lãnh đạo phòng)", "head"),
            ("Ký duyệt kết quả (Lãnh đạo Sở)", "leader"),
            ("Vào sổ, phát hành kết quả (văn thư)", "clerk"),
            ("Trả kết quả (Trung tâm Phục vụ hành chính công tỉnh)", "result"),
        ]
    return [{"name": name, "kind": kind, "duration": None, "actor": ""} for name, kind in names]


def _published_hours(step: dict[str, Any]) -> Decimal | None:
    duration = step["duration"]
    if duration is None or duration.get("value") is None:
        return Decimal(0) if step["kind"] == "result" else None
    unit = fold(duration["unit"] or "")
    return Decimal(str(duration["value"])) * (1 if "gio" in unit else 8)


def _process(
    record: dict[str, Any], code: str, limit: Decimal, levels: list[str], existing: set[str]
) -> dict[str, Any]:
    steps = _sample_steps(record)
    if len(steps) < 3:  # too few published internal steps to route a dossier: use the standard shape
        steps = _template_steps(levels)
    hours = [_published_hours(s) for s in steps]
    published = all(h is not None for h in hours) and sum(h for h in hours if h is not None) <= limit
    if not published:  # share the time limit out by kind of step; handing over the result is not timed
        weights = [Decimal(0) if s["kind"] == "result" else Decimal(_WEIGHTS[s["kind"]]) for s in steps]
        total = sum(weights) or Decimal(1)
        hours = [(limit * w / total * 4).to_integral_value(ROUND_FLOOR) / 4 for w in weights]
    parallel = PARALLEL_STEPS.get(code, ())
    out = []
    for step, duration in zip(steps, hours, strict=True):
        actor_kind, role = _ROLES[step["kind"]]
        agency = next((c for k, c in STEP_AGENCY_BY_ACTOR.items() if k in fold(step["actor"]) and c in existing), None)
        out.append(
            {
                "name": step["name"],
                "actor_kind": actor_kind,
                "role": role,
                "agency": agency,
                "duration_value": format(Decimal(duration or 0).normalize(), "f"),
                "duration_unit": "working_hours",
                "allowed_actions": _ACTIONS[step["kind"]],
                "is_interagency": actor_kind == "other_agency",
                "parallel_group": "A" if any(p.lower() in step["name"].lower() for p in parallel) else "",
            }
        )
    return {"is_illustrative": not published, "steps": out}


def _fee_rows(fee: dict[str, Any]) -> list[dict[str, Any]]:
    """A sample fee row with the channels its name or note gives (supplements state theirs)."""
    if "channels" in fee:
        return [{**fee, "note": fee.get("note") or ""}]
    return published_rows(fee["name"], fee["amount_vnd"], fee.get("note") or "")


def procedure_entry(record: dict[str, Any], existing: set[str]) -> dict[str, Any] | None:
    """One sample record as a catalogue document entry; None when the sample lacks a time limit."""
    supplement = SUPPLEMENTS.get(record["code"], {})
    time = supplement.get("processing_time") or record["processing_time"]
    if not time:
        return None
    value, unit = _unit(time)
    levels = _levels(supplement.get("level") or record["level"], record["agency"])
    sector_name = supplement.get("sector") or record["sector"] or "Khác"
    sector = SECTOR_CODES.get(fold(sector_name), "KHAC")
    online = online_level_of(record["online_level"])
    components = supplement.get("components") or [*record["components"], *supplement.get("components_extra", [])]
    result = record["result"] or supplement.get("result") or ""
    agencies = COMMUNE_AGENCIES if "commune" in levels else [PROVINCE_AGENCY_BY_SECTOR.get(sector, "")]
    version = {
        "number": 1,
        "effective_from": EFFECTIVE_FROM.isoformat(),
        "legal_time_value": value,
        "legal_time_unit": unit,
        "levels": levels,
        "applicant_types": ["citizen", "business", "organisation"] if sector.startswith(("TC", "CT")) else ["citizen"],
        "online_level": online,
        "channels": ["counter", "postal", *(["online"] if online != "none" else [])],
        "resolved_at_centre": unit == "same_day",
        "requires_financial_obligation_pause": sector in ("MT-DD", "TC-TCDD"),
        "result_name": result[:500],
        "result_kind": result_kind_of(result),
        "result_electronic_allowed": online == "full" or "dien tu" in fold(result),
        "legal_basis": supplement.get("basis") or SOURCE_BASIS.get(record["code"], ""),
        "submission_place": localise(record["agency"]),
        "competent_agencies": sorted(a for a in agencies if a in existing),
        "change_note": localise(f"Nguồn: {record['source']}")[:500],
        "fees": [
            {**row, "note": localise(row.get("note"))}
            for f in supplement.get("fees") or record["fees"]
            for row in _fee_rows(f)
        ],
        "components": [_component(c, record["code"]) for c in components]
        or [{**ILLUSTRATIVE_FORM, "kind": "original"}],
        "processes": [_process(record, record["code"], _limit_hours(value, unit), levels, existing)],
    }
    name = record["name"].removeprefix("Thủ tục ").strip()
    return {
        "code": record["code"],
        "name": name[:1].upper() + name[1:],
        "sector": sector,
        "status": "active",
        "versions": [version],
        "sector_name": sector_name,
    }


def sample_file() -> Path | None:
    """The sourced sample the curated procedures come from (``settings.CATALOGUE_SAMPLE_FILE``): third-party
    data, read where it lies and never copied into the repository."""
    return configured_file("CATALOGUE_SAMPLE_FILE")


def build_document() -> dict[str, Any]:
    existing = set(Agency.objects.values_list("identifier_code", flat=True))
    sample = sample_file()
    records = json.loads(sample.read_text(encoding="utf-8")) if sample is not None else []
    entries = [e for r in records if r["code"] and (e := procedure_entry(r, existing)) is not None]
    sectors = {e["sector"]: SECTOR_NAMES.get(e["sector"], e.pop("sector_name")) for e in entries}
    for entry in entries:
        entry.pop("sector_name", None)
    codes = {e["code"] for e in entries}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "sectors": [{"code": code, "name": name} for code, name in sorted(sectors.items())],
        "procedures": entries,
        "groups": [g for g in GROUPS if set(g["procedures"]) <= codes],
    }


def load(stdout: TextIO) -> None:
    if sample_file() is None:
        stdout.write("Danh mục thủ tục: không có tệp CATALOGUE_SAMPLE_FILE, không có thủ tục mẫu.\n")
    document = build_document()
    report = import_document(document, actor=None)
    stdout.write(f"Danh mục thủ tục: {len(document['procedures'])} thủ tục mẫu. {report.summary()}\n")
    # The demo's procedures are connected to the national portal, so its dossiers are synchronised (to
    # the reference receiver ``make demo`` starts) and their state shows on the dossier pages.
    codes = [entry["code"] for entry in document["procedures"]]
    connected = connect_to_national_portal(Procedure.objects.filter(code__in=codes), actor=None, connected=True)
    stdout.write(f"Kết nối Cổng DVC quốc gia: {connected} thủ tục mới kết nối.\n")
    load_catalogue_file(stdout)


def load_catalogue_file(stdout: TextIO) -> None:
    """The province's levels of the file ``settings.CATALOGUE_FILE`` names, after the curated procedures
    (which it leaves as they are); nothing when the file is absent."""
    path = configured_file()
    if path is None:
        stdout.write("Danh mục thủ tục: không có tệp CATALOGUE_FILE, chỉ dùng bộ thủ tục mẫu.\n")
        return
    document, report = build_national(read_records(path), effective_from=EFFECTIVE_FROM, known_sectors=SECTOR_CODES)
    report.imported = import_document(document, actor=None)
    stdout.write(f"Danh mục thủ tục từ {path.name}: {report.summary()}\n")
