"""Demo province: Phú Thọ after the 1 July 2025 merger (old Phú Thọ, Vĩnh Phúc and Hòa Bình).

Loads the province and its 148 communes with their pre-2025 aliases, then about twenty agencies
with real names. Identifier codes: see docs/organisations.md ("Demo codes") for what is verified
and what is illustrative. Idempotent: agencies are found by their code (or an old code) and
updated, never duplicated.

Other demo modules refer to agencies through the ``*_CODE`` constants or ``demo_agency(code)``.
"""

from __future__ import annotations

import datetime
import zlib
from dataclasses import dataclass
from typing import Any, TextIO

from motcua.organisations import units
from motcua.organisations.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel
from motcua.organisations.selectors import agency_by_code
from motcua.organisations.services import create_agency, reissue_agency_code, update_agency

PROVINCE_UNIT_CODE = "25"  # NSO code of Phú Thọ (kept by the merged province)
# Level-1 identifier of the province. Inferred from neighbouring codes, NOT confirmed: see docs/organisations.md.
LEVEL1 = "H44"

UBND_TINH_CODE = LEVEL1
VP_UBND_CODE = f"{LEVEL1}.01"
KSTTHC_CODE = f"{LEVEL1}.01.01"  # Phòng Kiểm soát thủ tục hành chính
TTPVHCC_TINH_CODE = f"{LEVEL1}.01.02"
SO_NOI_VU_CODE = f"{LEVEL1}.02"
SO_TU_PHAP_CODE = f"{LEVEL1}.03"
PHONG_HCTP_CODE = f"{LEVEL1}.03.01"  # Phòng Hành chính tư pháp
PHONG_BTTP_CODE = f"{LEVEL1}.03.02"  # Phòng Bổ trợ tư pháp
SO_TAI_CHINH_CODE = f"{LEVEL1}.04"
SO_NN_MT_CODE = f"{LEVEL1}.05"
VPDKDD_CODE = f"{LEVEL1}.05.01"  # Văn phòng Đăng ký đất đai
SO_XAY_DUNG_CODE = f"{LEVEL1}.06"
PHONG_QLHDXD_CODE = f"{LEVEL1}.06.01"  # Phòng Quản lý hoạt động xây dựng
SO_Y_TE_CODE = f"{LEVEL1}.07"
SO_GD_DT_CODE = f"{LEVEL1}.08"
SO_CONG_THUONG_CODE = f"{LEVEL1}.09"
SO_VHTTDL_CODE = f"{LEVEL1}.10"
UBND_VIET_TRI_CODE = f"{LEVEL1}.201"
TTPVHCC_VIET_TRI_CODE = f"{LEVEL1}.201.01"
UBND_VINH_YEN_CODE = f"{LEVEL1}.202"
TTPVHCC_VINH_YEN_CODE = f"{LEVEL1}.202.01"
UBND_HOA_BINH_CODE = f"{LEVEL1}.203"
TTPVHCC_HOA_BINH_CODE = f"{LEVEL1}.203.01"
UBND_LAM_THAO_CODE = f"{LEVEL1}.204"
TTPVHCC_LAM_THAO_CODE = f"{LEVEL1}.204.01"

# Communes with agencies in the demo (NSO codes from vietnam-provinces).
VIET_TRI_UNIT_CODE = "07900"
VINH_YEN_UNIT_CODE = "08707"
HOA_BINH_UNIT_CODE = "04795"
LAM_THAO_UNIT_CODE = "08494"

REFORM_DAY = datetime.date(2025, 7, 1)
ADDRESS = "{unit}, tỉnh Phú Thọ"


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    kind: str
    parent: str | None = None
    unit: str = PROVINCE_UNIT_CODE
    short_name: str = ""
    legacy_code: str = ""  # QCVN 102:2016 code held before 1/7/2025 (illustrative), kept as an alias


C = UnitLevel.COMMUNE
K = AgencyKind
AGENCIES: list[AgencySpec] = [
    AgencySpec(UBND_TINH_CODE, "Ủy ban nhân dân tỉnh Phú Thọ", K.PEOPLES_COMMITTEE, short_name="UBND tỉnh Phú Thọ"),
    AgencySpec(VP_UBND_CODE, "Văn phòng Ủy ban nhân dân tỉnh", K.DEPARTMENT, UBND_TINH_CODE, short_name="VP UBND tỉnh"),
    AgencySpec(KSTTHC_CODE, "Phòng Kiểm soát thủ tục hành chính", K.DIVISION, VP_UBND_CODE),
    AgencySpec(
        TTPVHCC_TINH_CODE,
        "Trung tâm Phục vụ hành chính công tỉnh Phú Thọ",
        K.SERVICE_CENTRE,
        VP_UBND_CODE,
        short_name="TTPVHCC tỉnh",
    ),
    AgencySpec(SO_NOI_VU_CODE, "Sở Nội vụ", K.DEPARTMENT, UBND_TINH_CODE),
    AgencySpec(SO_TU_PHAP_CODE, "Sở Tư pháp", K.DEPARTMENT, UBND_TINH_CODE, legacy_code="000.00.03.H44"),
    AgencySpec(PHONG_HCTP_CODE, "Phòng Hành chính tư pháp", K.DIVISION, SO_TU_PHAP_CODE),
    AgencySpec(PHONG_BTTP_CODE, "Phòng Bổ trợ tư pháp", K.DIVISION, SO_TU_PHAP_CODE),
    AgencySpec(SO_TAI_CHINH_CODE, "Sở Tài chính", K.DEPARTMENT, UBND_TINH_CODE),
    AgencySpec(SO_NN_MT_CODE, "Sở Nông nghiệp và Môi trường", K.DEPARTMENT, UBND_TINH_CODE),
    AgencySpec(VPDKDD_CODE, "Văn phòng Đăng ký đất đai", K.DIVISION, SO_NN_MT_CODE),
    AgencySpec(SO_XAY_DUNG_CODE, "Sở Xây dựng", K.DEPARTMENT, UBND_TINH_CODE, legacy_code="000.00.06.H44"),
    AgencySpec(PHONG_QLHDXD_CODE, "Phòng Quản lý hoạt động xây dựng", K.DIVISION, SO_XAY_DUNG_CODE),
    AgencySpec(SO_Y_TE_CODE, "Sở Y tế", K.DEPARTMENT, UBND_TINH_CODE),
    AgencySpec(SO_GD_DT_CODE, "Sở Giáo dục và Đào tạo", K.DEPARTMENT, UBND_TINH_CODE),
    AgencySpec(SO_CONG_THUONG_CODE, "Sở Công Thương", K.DEPARTMENT, UBND_TINH_CODE),
    AgencySpec(SO_VHTTDL_CODE, "Sở Văn hóa, Thể thao và Du lịch", K.DEPARTMENT, UBND_TINH_CODE),
]
for _code, _centre, _unit, _place in [
    (UBND_VIET_TRI_CODE, TTPVHCC_VIET_TRI_CODE, VIET_TRI_UNIT_CODE, "phường Việt Trì"),
    (UBND_VINH_YEN_CODE, TTPVHCC_VINH_YEN_CODE, VINH_YEN_UNIT_CODE, "phường Vĩnh Yên"),
    (UBND_HOA_BINH_CODE, TTPVHCC_HOA_BINH_CODE, HOA_BINH_UNIT_CODE, "phường Hòa Bình"),
    (UBND_LAM_THAO_CODE, TTPVHCC_LAM_THAO_CODE, LAM_THAO_UNIT_CODE, "xã Lâm Thao"),
]:
    AGENCIES.append(
        AgencySpec(
            _code, f"Ủy ban nhân dân {_place}", K.PEOPLES_COMMITTEE, UBND_TINH_CODE, _unit, short_name=f"UBND {_place}"
        )
    )
    AGENCIES.append(
        AgencySpec(
            _centre,
            f"Trung tâm Phục vụ hành chính công {_place}",
            K.SERVICE_CENTRE,
            _code,
            _unit,
            short_name=f"TTPVHCC {_place}",
        )
    )


def demo_agency(code: str) -> Agency:
    """The demo agency holding ``code`` (raises ``Agency.DoesNotExist`` before the demo is loaded)."""
    agency = agency_by_code(code)
    if agency is None:
        raise Agency.DoesNotExist(f"Demo agency {code} is not loaded; run manage.py load_demo")
    return agency


def _upsert(spec: AgencySpec, unit: AdministrativeUnit) -> tuple[Agency, bool]:
    parent = demo_agency(spec.parent) if spec.parent else None
    fields: dict[str, Any] = {
        "name": spec.name,
        "short_name": spec.short_name,
        "kind": spec.kind,
        "level": unit.level,
        "parent": parent,
        "administrative_unit": unit,
        "address": ADDRESS.format(unit=unit.name) if unit.level == C else "Phường Việt Trì, tỉnh Phú Thọ",
        # A landline per agency (the post office needs the sender's telephone): Phú Thọ's area code 0210.
        "phone": f"0210{zlib.crc32(spec.code.encode()) % 10_000_000:07d}",
    }
    existing = agency_by_code(spec.code)
    if existing is not None:
        return update_agency(existing, actor=None, **fields), False
    if spec.legacy_code:
        # Created under its pre-reform code, then re-issued: the old code stays searchable.
        agency = create_agency(actor=None, identifier_code=spec.legacy_code, **fields)
        return reissue_agency_code(agency, actor=None, new_code=spec.code, retired_on=REFORM_DAY), True
    return create_agency(actor=None, identifier_code=spec.code, **fields), True


def load(stdout: TextIO) -> None:
    result = units.load_units(provinces=[PROVINCE_UNIT_CODE])
    aliases = units.load_legacy_aliases(provinces=[PROVINCE_UNIT_CODE])
    communes = result["communes"]
    total = communes.created + communes.updated + communes.unchanged
    stdout.write(f"Đơn vị hành chính: tỉnh Phú Thọ, {total} xã/phường, {aliases.created} tên/mã cũ mới nạp.\n")
    units_by_code = AdministrativeUnit.objects.in_bulk({spec.unit for spec in AGENCIES}, field_name="code")
    created = 0
    for spec in AGENCIES:
        _, is_new = _upsert(spec, units_by_code[spec.unit])
        created += is_new
    stdout.write(f"Cơ quan, đơn vị: {len(AGENCIES)} ({created} mới).\n")
