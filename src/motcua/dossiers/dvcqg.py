"""The national portal's (DVCQG) dossier payload and processing history: pure functions of plain records.

Fields, codes and formats follow regulations.md §8 items 44–45 (the create/update service
``DongBoHoSoMC`` and the progress service ``CapNhatTienDoHoSoMC``): moments as ``yyyyMMddHHmmss`` on a
24-hour clock in Vietnam's time, "" when not reached yet; status codes 1–10 (a refusal after
appraisal is 8, "Dừng xử lý", with its refusal date); yes/no flags as 1/0. ``sync.py`` reads the
records from the database; nothing here does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from motcua.dossiers.constants import DVCQG_CHANNEL_CODES, dvcqg_status
from motcua.workdays.constants import VIETNAM_TZ

SYNC_SERVICE = "DongBoHoSoMC"
PROGRESS_SERVICE = "CapNhatTienDoHoSoMC"
SUMMARY_LIMIT = 1000

# LoaiDoiTuong: 1 citizen, 2 enterprise, 3 state agency, 4 organisation or other.
APPLICANT_TYPE_CODES = {"citizen": 1, "business": 2, "state_agency": 3, "organisation": 4}
# LoaiDinhDanh: 1 = the 12-digit personal identity number, 2 = the 9-digit identity card number.
IDENTIFIER_TYPES = {12: 1, 9: 2}


@dataclass(frozen=True)
class ComponentRecord:
    code: str  # MaThanhPhanHoSo: the catalogue component's id, "" for a paper outside the list
    name: str
    files: tuple[tuple[str, str], ...] = ()  # (file name, address)
    digitised: bool = False
    reused: bool = False


@dataclass(frozen=True)
class FeeRecord:
    code: str
    name: str
    amount_vnd: int
    payment_method: str  # the label of how it is paid (HinhThucThu)


@dataclass(frozen=True)
class ResultRecord:
    code: str
    name: str
    url: str


@dataclass(frozen=True)
class SupplementRecord:
    requested_at: datetime
    content: str
    fulfilled_at: datetime | None


@dataclass(frozen=True)
class HistoryRecord:
    actor_name: str
    actor_title: str
    at: datetime
    department: str
    content: str
    status: int
    outcome: str
    started_at: datetime | None
    due_at: datetime | None


@dataclass(frozen=True)
class DossierRecord:
    code: str
    procedure_code: str
    procedure_name: str
    sector_code: str
    sector_name: str
    channel: str
    applicant_name: str
    applicant_kind: str
    applicant_id_number: str
    portal_user_id: str  # MaDoiTuong, online dossiers only
    phone: str
    email: str
    summary: str
    status: int
    outcome: str
    submitted_at: datetime | None
    accepted_at: datetime | None
    due_at: datetime | None
    resolved_at: datetime | None
    returned_at: datetime | None
    refused_at: datetime | None
    handling_agency: str
    receiving_agency: str
    interlevel: bool
    vneid_verified: bool
    paid_online: bool
    components: tuple[ComponentRecord, ...] = ()
    fees: tuple[FeeRecord, ...] = ()
    supplements: tuple[SupplementRecord, ...] = ()
    results: tuple[ResultRecord, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def moment(value: datetime | None) -> str:
    """``yyyyMMddHHmmss`` in Vietnam's time on a 24-hour clock; "" when the moment has not come."""
    if value is None:
        return ""
    return value.astimezone(VIETNAM_TZ).strftime("%Y%m%d%H%M%S")


def flag(value: bool) -> int:
    return 1 if value else 0


def identifiers(kind: str, number: str) -> list[dict[str, Any]]:
    """DinhDanhCHS: a citizen's identity number with its type (12 or 9 digits); none otherwise."""
    digits = number.strip()
    if kind != "citizen" or not re.fullmatch(r"\d+", digits) or len(digits) not in IDENTIFIER_TYPES:
        return []
    return [{"LoaiDinhDanh": IDENTIFIER_TYPES[len(digits)], "SoDinhDanh": digits}]


def status_code(status: int, outcome: str) -> int:
    code = dvcqg_status(status, outcome)
    if code is None:
        raise ValueError("a draft is never synchronised")
    return code


def documents(components: tuple[ComponentRecord, ...]) -> list[dict[str, Any]]:
    """TaiLieuNop: one entry per file of each component (one without a file when it was only shown)."""
    rows = []
    for component in components:
        for name, url in component.files or ((component.name, ""),):
            rows.append(
                {
                    "TenTepDinhKem": name,
                    "MaThanhPhanHoSo": component.code,
                    "TenThanhPhanHoSo": component.name,
                    "DuongDanTaiTepTin": url,
                    "DuocSoHoa": flag(component.digitised),
                    "DuocTaiSuDung": flag(component.reused),
                    # Reuse here is of the province's own stored papers; nothing is fetched from the
                    # national data store yet, and no result replaces a paper.
                    "DuocLayTuKhoDMQG": 0,
                    "MaKetQuaThayThe": "",
                }
            )
    return rows


def dossier_payload(record: DossierRecord) -> dict[str, Any]:
    """The dossier as the create/update service receives it."""
    return {
        "MaHoSo": record.code,
        "MaTTHC": record.procedure_code,
        "TenTTHC": record.procedure_name,
        "MaLinhVuc": record.sector_code,
        "TenLinhVuc": record.sector_name,
        "KenhThucHien": DVCQG_CHANNEL_CODES[record.channel],  # type: ignore[index]
        "ChuHoSo": record.applicant_name,
        "LoaiDoiTuong": APPLICANT_TYPE_CODES.get(record.applicant_kind, 4),
        "MaDoiTuong": record.portal_user_id if record.channel == "online" else "",
        "SoDienThoai": record.phone,
        "Email": record.email,
        "TrichYeuHoSo": record.summary[:SUMMARY_LIMIT],
        "NgayNopHoSo": moment(record.submitted_at),
        "NgayTiepNhan": moment(record.accepted_at),
        "NgayHenTra": moment(record.due_at),
        "NgayKetThucXuLy": moment(record.resolved_at),
        "NgayTra": moment(record.returned_at),
        "NgayTuChoi": moment(record.refused_at),
        "TrangThaiHoSo": status_code(record.status, record.outcome),
        # 0 a dossier handled by one agency, 1 an inter-level (liên thông) dossier.
        "HinhThuc": flag(record.interlevel),
        "DonViXuLy": record.handling_agency,
        "NoiNopHoSo": record.receiving_agency,
        "TaiLieuNop": documents(record.components),
        "DanhSachLePhi": [
            {"TenPhiLePhi": f.name, "MaPhiLePhi": f.code, "HinhThucThu": f.payment_method, "Gia": f.amount_vnd}
            for f in record.fees
        ],
        "DanhSachHoSoBoSung": [
            {
                "NgayYeuCauBoSung": moment(s.requested_at),
                "NoiDungBoSung": s.content,
                "NgayTiepNhanBoSung": moment(s.fulfilled_at),
            }
            for s in record.supplements
        ],
        "DanhSachGiayToKetQua": [
            {"TenGiayTo": r.name, "MaGiayToKetQua": r.code, "DuongDanTepTinKetQua": r.url} for r in record.results
        ],
        "HoSoCoThanhPhanSoHoa": flag(any(c.digitised for c in record.components)),
        "TaiKhoanDuocXacThucVoiVNeID": flag(record.vneid_verified),
        "DuocThanhToanTrucTuyen": flag(record.paid_online),
        "DinhDanhCHS": identifiers(record.applicant_kind, record.applicant_id_number),
    }


def history_item(code: str, item: HistoryRecord) -> dict[str, Any]:
    """One row of the processing history (tiến trình)."""
    return {
        "MaHoSo": code,
        "NguoiXuLy": item.actor_name,
        "ChucDanh": item.actor_title,
        "ThoiDiemXuLy": moment(item.at),
        "PhongBanXuLy": item.department,
        "NoiDungXuLy": item.content,
        "TrangThai": status_code(item.status, item.outcome),
        "NgayBatDau": moment(item.started_at),
        "NgayKetThucTheoQuyDinh": moment(item.due_at),
    }


def sync_message(record: DossierRecord, *, updating: bool) -> dict[str, Any]:
    """The body of a create (first message of the dossier) or update call."""
    return {"service": SYNC_SERVICE, "isUpdating": "True" if updating else "False", "data": [dossier_payload(record)]}


def progress_message(code: str, items: list[HistoryRecord]) -> dict[str, Any]:
    return {"service": PROGRESS_SERVICE, "data": [history_item(code, item) for item in items]}
