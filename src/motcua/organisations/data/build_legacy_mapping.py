"""Rebuild ``legacy_mapping_2025.json.gz`` from the ``vietnam-provinces`` package (2026.9.0 or later).

The 2025.10.1 release we install on Python 3.11 has no pre-2025 data; 2026.9.0 (Python >= 3.12)
ships the old three-level units and the official conversion table. Run once with that package
on the path, e.g. an unpacked wheel:

    PYTHONPATH=/tmp/vp/x python src/motcua/organisations/data/build_legacy_mapping.py \
        .venv/lib/python3.11/site-packages/vietnam_provinces/data/nested-divisions.json

The second argument is the 2025.10.1 list we load units from. A hundred or so new communes
carry a different code (and a few a corrected name) in 2026.9.0, so new-unit references are
translated to the 2025.10.1 codes by folded name within the province, then by code.

Data: vietnam-provinces (https://github.com/sunshine-tech/VietnamProvinces), GPL-3.0-or-later,
itself built from the General Statistics Office lists and the conversion table
``BangChuyendoiĐVHCmoi_cu_khong_merge.csv``.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

from motcua.core.text import fold

OUTPUT = Path(__file__).with_name("legacy_mapping_2025.json.gz")


def _name_key(name: str) -> str:
    # 2025.10.1 and 2026.9.0 disagree on dashes, apostrophes and doubled spaces.
    return fold(name).replace("–", "-").replace("’", "'").replace(" ", "")


def _code_translation(installed_json: Path) -> dict[int, int]:
    """2026.9.0 commune code → 2025.10.1 commune code (only where they differ)."""
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    def by_key(path: Path) -> dict[tuple[int, str], int]:
        divisions = json.loads(Path(path).read_text(encoding="utf-8"))
        return {(p["code"], _name_key(w["name"])): w["code"] for p in divisions for w in p["wards"]}

    newer, installed = by_key(NESTED_DIVISIONS_JSON_PATH), by_key(installed_json)
    installed_codes = set(installed.values())
    translation = {}
    for key, code in newer.items():
        target = installed.get(key, code if code in installed_codes else None)
        if target is None:
            raise SystemExit(f"No 2025.10.1 commune for {key} ({code})")
        if target != code:
            translation[code] = target
    return translation


def build(installed_json: Path) -> dict[str, Any]:
    from vietnam_provinces import _province_conversion_2025 as province_conversion  # type: ignore[attr-defined]
    from vietnam_provinces import _ward_conversion_2025 as ward_conversion  # type: ignore[attr-defined]
    from vietnam_provinces.legacy._lookup import DISTRICT_MAPPING, PROVINCE_MAPPING, WARD_MAPPING

    translate = _code_translation(installed_json)
    provinces = [
        [code, p.name, sorted(ref.code for ref in province_conversion.OLD_TO_NEW[code].new_provinces)]
        for code, p in sorted(PROVINCE_MAPPING.items())
        if code in province_conversion.OLD_TO_NEW
    ]
    districts = [[code, d.name, int(d.province_code)] for code, d in sorted(DISTRICT_MAPPING.items())]
    wards = []
    for code, entry in sorted(ward_conversion.OLD_TO_NEW.items()):
        old = entry.old_ward
        name = WARD_MAPPING[code].name if code in WARD_MAPPING else ""
        wards.append(
            [
                code,
                name,
                old.district_code,
                int(old.is_partly_merged),
                sorted(translate.get(ref.code, ref.code) for ref in entry.new_wards),
            ]
        )
    return {
        "source": "vietnam-provinces 2026.9.0 (GPL-3.0-or-later); " + ward_conversion.SOURCE,
        "effective_date": ward_conversion.EFFECTIVE_DATE,
        "fields": {
            "provinces": ["old_code", "name", "new_province_codes"],
            "districts": ["old_code", "name", "old_province_code"],
            "wards": ["old_code", "name", "old_district_code", "partly_merged", "new_ward_codes"],
        },
        "translated_new_codes": len(translate),
        "provinces": provinces,
        "districts": districts,
        "wards": wards,
    }


if __name__ == "__main__":
    data = build(Path(sys.argv[1]))
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    # mtime=0 keeps the file byte-identical between rebuilds.
    OUTPUT.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(
        f"{OUTPUT.name}: {len(data['provinces'])} provinces, {len(data['districts'])} districts, "
        f"{len(data['wards'])} wards, {OUTPUT.stat().st_size} bytes"
    )
