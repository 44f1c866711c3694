"""Load the administrative units of the 2025 two-level structure, and their pre-2025 names as aliases.

Sources (see docs/organisations.md): the ``vietnam-provinces`` package's nested JSON for the
current 34 provinces and 3,321 communes, and ``data/legacy_mapping_2025.json.gz`` (derived from
vietnam-provinces 2026.9.0) for the old provinces, districts and wards each new unit absorbed.

Both loads are bulk and idempotent: existing rows are updated in place, missing rows created,
nothing is deleted (units referenced by dossiers must survive a reload).
"""

from __future__ import annotations

import datetime
import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from motcua.core.text import fold, normalise
from motcua.organisations.models import AdministrativeUnit, AdministrativeUnitAlias, UnitLevel

REFORM_DATE = datetime.date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = REFORM_DATE - datetime.timedelta(days=1)
LEGACY_MAPPING_PATH = Path(__file__).with_name("data") / "legacy_mapping_2025.json.gz"
BATCH = 1000


@dataclass(frozen=True)
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def province_code(value: int | str) -> str:
    """NSO province codes are two digits: ``25``, ``01``."""
    return f"{int(value):02d}"


def commune_code(value: int | str) -> str:
    """NSO commune (ward) codes are five digits: ``07900``."""
    return f"{int(value):05d}"


def district_code(value: int | str) -> str:
    return f"{int(value):03d}"


def read_divisions(path: Path | str | None = None) -> list[dict[str, Any]]:
    """The nested province → wards list of the installed vietnam-provinces package."""
    if path is None:
        from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

        path = NESTED_DIVISIONS_JSON_PATH
    return json.loads(Path(path).read_text(encoding="utf-8"))


def read_legacy_mapping(path: Path | str | None = None) -> dict[str, Any]:
    raw = gzip.decompress(Path(path or LEGACY_MAPPING_PATH).read_bytes())
    return json.loads(raw)


def _province_name(entry: dict[str, Any]) -> str:
    # 2025.10.1 drops the "Tỉnh" prefix ("Phú Thọ") but keeps "Thành phố Hà Nội".
    name = normalise(entry["name"])
    kind = "Thành phố" if "thành phố" in entry["division_type"] else "Tỉnh"
    return name if fold(name).startswith(fold(kind)) else f"{kind} {name}"


def _select(divisions: list[dict[str, Any]], provinces: Iterable[int | str] | None) -> list[dict[str, Any]]:
    if provinces is None:
        return divisions
    wanted = {int(code) for code in provinces}
    selected = [p for p in divisions if int(p["code"]) in wanted]
    missing = wanted - {int(p["code"]) for p in selected}
    if missing:
        raise ValueError(f"Không có tỉnh, thành phố mã {', '.join(map(str, sorted(missing)))} trong dữ liệu.")
    return selected


def _upsert(rows: list[AdministrativeUnit], fields: list[str]) -> LoadResult:
    """Create rows whose code is new, update those that differ; compare field by field."""
    existing = AdministrativeUnit.objects.in_bulk([r.code for r in rows], field_name="code")
    to_create, to_update = [], []
    for row in rows:
        current = existing.get(row.code)
        if current is None:
            to_create.append(row)
        elif any(getattr(current, f) != getattr(row, f) for f in fields):
            for f in fields:
                setattr(current, f, getattr(row, f))
            to_update.append(current)
    AdministrativeUnit.objects.bulk_create(to_create, batch_size=BATCH)
    AdministrativeUnit.objects.bulk_update(to_update, fields, batch_size=BATCH)
    return LoadResult(len(to_create), len(to_update), len(rows) - len(to_create) - len(to_update))


def _unit(code: str, name: str, level: str, division_type: str, parent_id: int | None) -> AdministrativeUnit:
    name = normalise(name)
    return AdministrativeUnit(
        code=code,
        name=name,
        name_folded=fold(name),
        level=level,
        division_type=division_type,
        parent_id=parent_id,
        valid_from=REFORM_DATE,
    )


@transaction.atomic
def load_units(
    *, provinces: Iterable[int | str] | None = None, divisions: list[dict[str, Any]] | None = None
) -> dict[str, LoadResult]:
    """Create or update the provinces (all, or those listed by code) and their communes."""
    selected = _select(divisions if divisions is not None else read_divisions(), provinces)
    fields = ["name", "name_folded", "level", "division_type", "parent", "valid_from"]
    province_rows = [
        _unit(province_code(p["code"]), _province_name(p), UnitLevel.PROVINCE, p["division_type"], None)
        for p in selected
    ]
    result = {"provinces": _upsert(province_rows, fields)}
    parent_ids = dict(
        AdministrativeUnit.objects.filter(code__in=[r.code for r in province_rows]).values_list("code", "pk")
    )
    commune_rows = [
        _unit(
            commune_code(w["code"]),
            w["name"],
            UnitLevel.COMMUNE,
            w["division_type"],
            parent_ids[province_code(p["code"])],
        )
        for p in selected
        for w in p["wards"]
    ]
    _keep_districts(commune_rows)
    result["communes"] = _upsert(commune_rows, fields)
    return result


def _keep_districts(rows: list[AdministrativeUnit]) -> None:
    """On three-level deployments a commune placed under a district of its province stays there."""
    placed = dict(
        AdministrativeUnit.objects.filter(
            code__in=[r.code for r in rows], parent__level=UnitLevel.DISTRICT
        ).values_list("code", "parent_id")
    )
    if not placed:
        return
    district_province = dict(AdministrativeUnit.objects.filter(pk__in=placed.values()).values_list("pk", "parent_id"))
    for row in rows:
        district = placed.get(row.code)
        if district is not None and district_province.get(district) == row.parent_id:
            row.parent_id = district


def _alias(unit_id: int, code: str, name: str, level: str, note: str) -> AdministrativeUnitAlias:
    name = normalise(name)
    return AdministrativeUnitAlias(
        unit_id=unit_id,
        code=code,
        name=name,
        name_folded=fold(name),
        level=level,
        valid_until=LAST_DAY_BEFORE_REFORM,
        note=note[:300],
    )


def _legacy_aliases(mapping: dict[str, Any], unit_ids: dict[str, int], names: dict[str, str]) -> list[Any]:
    """Alias rows for every old unit whose territory went (wholly or partly) into a loaded unit."""
    old_provinces = {code: name for code, name, _ in mapping["provinces"]}
    old_districts = {code: (name, province) for code, name, province in mapping["districts"]}
    aliases: dict[tuple[int, str, str, str], AdministrativeUnitAlias] = {}

    def add(unit_id: int, code: str, name: str, level: str, note: str) -> None:
        key = (unit_id, level, code, fold(name))
        if key not in aliases:
            aliases[key] = _alias(unit_id, code, name, level, note)

    for code, name, new_codes in mapping["provinces"]:
        for new in new_codes:
            new_code = province_code(new)
            # The province that kept its code and name needs no alias of itself.
            if new_code in unit_ids and not (new_code == province_code(code) and fold(name) == names[new_code]):
                add(unit_ids[new_code], province_code(code), name, UnitLevel.PROVINCE, "Tỉnh cũ, trước 01/07/2025")
    for code, name, district, partly, new_codes in mapping["wards"]:
        district_name, old_province = old_districts.get(district, ("", 0))
        where = ", ".join(filter(None, [district_name, old_provinces.get(old_province, "")]))
        for new in new_codes:
            new_code = commune_code(new)
            if new_code not in unit_ids:
                continue
            if name and not (new_code == commune_code(code) and fold(name) == names[new_code]):
                note = f"{name}, {where}" + (" (một phần)" if partly else "")
                add(unit_ids[new_code], commune_code(code), name, UnitLevel.COMMUNE, note)
            if district_name:
                add(
                    unit_ids[new_code],
                    district_code(district),
                    district_name,
                    UnitLevel.DISTRICT,
                    f"{district_name}, {old_provinces.get(old_province, '')} (cấp huyện, trước 01/07/2025)",
                )
    return list(aliases.values())


@transaction.atomic
def load_legacy_aliases(
    *, provinces: Iterable[int | str] | None = None, mapping: dict[str, Any] | None = None
) -> LoadResult:
    """Record the pre-2025 provinces, districts and wards as aliases of the loaded units they became.

    Only units already loaded get aliases (load the units first). Existing aliases are kept; the
    same (unit, level, code, name) is never recorded twice.
    """
    mapping = mapping if mapping is not None else read_legacy_mapping()
    units = AdministrativeUnit.objects.filter(level__in=[UnitLevel.PROVINCE, UnitLevel.COMMUNE])
    if provinces is not None:
        codes = [province_code(c) for c in provinces]
        units = units.filter(code__in=codes, level=UnitLevel.PROVINCE) | units.filter(
            parent__code__in=codes, level=UnitLevel.COMMUNE
        )
    rows = list(units.values_list("code", "pk", "name_folded"))
    unit_ids = {code: pk for code, pk, _ in rows}
    names = {code: folded for code, _, folded in rows}
    candidates = _legacy_aliases(mapping, unit_ids, names)
    existing = set(
        AdministrativeUnitAlias.objects.filter(unit_id__in=unit_ids.values()).values_list(
            "unit_id", "level", "code", "name_folded"
        )
    )
    new = [a for a in candidates if (a.unit_id, a.level, a.code, a.name_folded) not in existing]
    AdministrativeUnitAlias.objects.bulk_create(new, batch_size=BATCH)
    return LoadResult(created=len(new), unchanged=len(candidates) - len(new))
