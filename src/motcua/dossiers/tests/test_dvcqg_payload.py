"""The national portal's payload (regulations.md §8 items 44–45): every field, code and format."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from motcua.dossiers import dvcqg
from motcua.dossiers.constants import Outcome, Status

AT = datetime(2026, 3, 2, 6, 5, 9, tzinfo=UTC)  # 13:05:09 in Vietnam
DUE = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)

RECORD = dvcqg.DossierRecord(
    code="000.00.06.H56-260302-0001",
    procedure_code="1.001612",
    procedure_name="Cấp phiếu lý lịch tư pháp cho công dân",
    sector_code="G16-TP01",
    sector_name="Lý lịch tư pháp",
    channel="counter",
    applicant_name="Nguyễn Thị Hồng Nhung",
    applicant_kind="citizen",
    applicant_id_number="038190000123",
    portal_user_id="vneid-subject-1",
    phone="0912345678",
    email="nhung@example.vn",
    summary="Xin cấp phiếu số 1",
    status=Status.PROCESSING,
    outcome="",
    submitted_at=AT,
    accepted_at=AT,
    due_at=DUE,
    resolved_at=None,
    returned_at=None,
    refused_at=None,
    handling_agency="Sở Tư pháp",
    receiving_agency="Trung tâm Phục vụ hành chính công tỉnh",
    interlevel=False,
    vneid_verified=True,
    paid_online=False,
    components=(
        dvcqg.ComponentRecord(
            "11", "Tờ khai", (("to-khai.pdf", "https://x/f/1"), ("trang-2.pdf", "https://x/f/2")), digitised=True
        ),
        dvcqg.ComponentRecord("12", "Bản sao CCCD (xuất trình)", (), reused=True),
    ),
    fees=(dvcqg.FeeRecord("7", "Phí cấp phiếu", 200_000, "Nộp trực tiếp"),),
    supplements=(dvcqg.SupplementRecord(AT, "Bổ sung ảnh", None),),
    results=(dvcqg.ResultRecord("9", "Phiếu lý lịch tư pháp số 1", "https://x/f/9"),),
)


def test_every_field_of_the_dossier_payload() -> None:
    assert dvcqg.dossier_payload(RECORD) == {
        "MaHoSo": "000.00.06.H56-260302-0001",
        "MaTTHC": "1.001612",
        "TenTTHC": "Cấp phiếu lý lịch tư pháp cho công dân",
        "MaLinhVuc": "G16-TP01",
        "TenLinhVuc": "Lý lịch tư pháp",
        "KenhThucHien": 1,
        "ChuHoSo": "Nguyễn Thị Hồng Nhung",
        "LoaiDoiTuong": 1,
        "MaDoiTuong": "",  # a counter dossier has no portal user
        "SoDienThoai": "0912345678",
        "Email": "nhung@example.vn",
        "TrichYeuHoSo": "Xin cấp phiếu số 1",
        "NgayNopHoSo": "20260302130509",
        "NgayTiepNhan": "20260302130509",
        "NgayHenTra": "20260316160000",
        "NgayKetThucXuLy": "",
        "NgayTra": "",
        "NgayTuChoi": "",
        "TrangThaiHoSo": 4,
        "HinhThuc": 0,
        "DonViXuLy": "Sở Tư pháp",
        "NoiNopHoSo": "Trung tâm Phục vụ hành chính công tỉnh",
        "TaiLieuNop": [
            {
                "TenTepDinhKem": "to-khai.pdf",
                "MaThanhPhanHoSo": "11",
                "TenThanhPhanHoSo": "Tờ khai",
                "DuongDanTaiTepTin": "https://x/f/1",
                "DuocSoHoa": 1,
                "DuocTaiSuDung": 0,
                "DuocLayTuKhoDMQG": 0,
                "MaKetQuaThayThe": "",
            },
            {
                "TenTepDinhKem": "trang-2.pdf",
                "MaThanhPhanHoSo": "11",
                "TenThanhPhanHoSo": "Tờ khai",
                "DuongDanTaiTepTin": "https://x/f/2",
                "DuocSoHoa": 1,
                "DuocTaiSuDung": 0,
                "DuocLayTuKhoDMQG": 0,
                "MaKetQuaThayThe": "",
            },
            {
                "TenTepDinhKem": "Bản sao CCCD (xuất trình)",
                "MaThanhPhanHoSo": "12",
                "TenThanhPhanHoSo": "Bản sao CCCD (xuất trình)",
                "DuongDanTaiTepTin": "",
                "DuocSoHoa": 0,
                "DuocTaiSuDung": 1,
                "DuocLayTuKhoDMQG": 0,
                "MaKetQuaThayThe": "",
            },
        ],
        "DanhSachLePhi": [
            {"TenPhiLePhi": "Phí cấp phiếu", "MaPhiLePhi": "7", "HinhThucThu": "Nộp trực tiếp", "Gia": 200000}
        ],
        "DanhSachHoSoBoSung": [
            {"NgayYeuCauBoSung": "20260302130509", "NoiDungBoSung": "Bổ sung ảnh", "NgayTiepNhanBoSung": ""}
        ],
        "DanhSachGiayToKetQua": [
            {"TenGiayTo": "Phiếu lý lịch tư pháp số 1", "MaGiayToKetQua": "9", "DuongDanTepTinKetQua": "https://x/f/9"}
        ],
        "HoSoCoThanhPhanSoHoa": 1,
        "TaiKhoanDuocXacThucVoiVNeID": 1,
        "DuocThanhToanTrucTuyen": 0,
        "DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "038190000123"}],
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 3, 2, 6, 5, 0, tzinfo=UTC), "20260302130500"),  # 24-hour clock: 13:05, never 01:05
        (datetime(2026, 12, 31, 17, 0, 0, tzinfo=UTC), "20270101000000"),  # midnight in Vietnam, next year
        (datetime(2026, 1, 1, 0, 0, 0, tzinfo=UTC), "20260101070000"),
        (None, ""),
    ],
)
def test_moments_are_yyyymmddhhmmss_in_vietnam(value: datetime | None, expected: str) -> None:
    assert dvcqg.moment(value) == expected


@pytest.mark.parametrize(
    ("status", "outcome", "code"),
    [
        (Status.SUBMITTED, "", 1),
        (Status.ACCEPTED, "", 2),
        (Status.REFUSED_AT_INTAKE, "", 3),
        (Status.PROCESSING, "", 4),
        (Status.SUPPLEMENT_REQUESTED, "", 5),
        (Status.FINANCIAL_OBLIGATION, "", 6),
        (Status.WITHDRAWN, "", 7),
        (Status.STOPPED, "", 8),
        (Status.RESOLVED, Outcome.GRANTED, 9),
        (Status.RETURNED, Outcome.GRANTED, 10),
        (Status.RESOLVED, Outcome.REFUSED, 8),  # a refusal after appraisal is never "resolved"
        (Status.RETURNED, Outcome.REFUSED, 8),
    ],
)
def test_status_codes_1_to_10(status: int, outcome: str, code: int) -> None:
    assert dvcqg.dossier_payload(replace(RECORD, status=status, outcome=outcome))["TrangThaiHoSo"] == code


def test_a_draft_is_never_synchronised() -> None:
    with pytest.raises(ValueError, match="draft"):
        dvcqg.dossier_payload(replace(RECORD, status=Status.DRAFT))


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"channel": "counter"}, "KenhThucHien", 1),
        ({"channel": "online"}, "KenhThucHien", 2),
        ({"channel": "postal"}, "KenhThucHien", 3),
        ({"channel": "online"}, "MaDoiTuong", "vneid-subject-1"),
        ({"channel": "postal"}, "MaDoiTuong", ""),
        ({"applicant_kind": "citizen"}, "LoaiDoiTuong", 1),
        ({"applicant_kind": "business"}, "LoaiDoiTuong", 2),
        ({"applicant_kind": "organisation"}, "LoaiDoiTuong", 4),
        ({"applicant_id_number": "123456789"}, "DinhDanhCHS", [{"LoaiDinhDanh": 2, "SoDinhDanh": "123456789"}]),
        ({"applicant_id_number": "12345"}, "DinhDanhCHS", []),
        ({"applicant_id_number": ""}, "DinhDanhCHS", []),
        ({"applicant_kind": "business", "applicant_id_number": "0101234567"}, "DinhDanhCHS", []),
        ({"summary": "x" * 1200}, "TrichYeuHoSo", "x" * 1000),
        ({"interlevel": True}, "HinhThuc", 1),
        ({"vneid_verified": False}, "TaiKhoanDuocXacThucVoiVNeID", 0),
        ({"paid_online": True}, "DuocThanhToanTrucTuyen", 1),
        ({"components": ()}, "HoSoCoThanhPhanSoHoa", 0),
        ({"refused_at": AT, "status": Status.REFUSED_AT_INTAKE}, "NgayTuChoi", "20260302130509"),
        ({"resolved_at": DUE, "status": Status.RESOLVED}, "NgayKetThucXuLy", "20260316160000"),
        ({"returned_at": DUE, "status": Status.RETURNED}, "NgayTra", "20260316160000"),
    ],
)
def test_fields_follow_the_dossier(changes: dict[str, Any], field: str, expected: Any) -> None:
    assert dvcqg.dossier_payload(replace(RECORD, **changes))[field] == expected


def test_create_then_update_and_the_history() -> None:
    assert dvcqg.sync_message(RECORD, updating=False)["isUpdating"] == "False"
    update = dvcqg.sync_message(RECORD, updating=True)
    assert update["service"] == "DongBoHoSoMC" and update["isUpdating"] == "True"
    assert update["data"] == [dvcqg.dossier_payload(RECORD)]
    item = dvcqg.HistoryRecord("Cán bộ A", "Chuyên viên xử lý", AT, "Sở Tư pháp", "Chuyển bước", 4, "", AT, DUE)
    assert dvcqg.progress_message(RECORD.code, [item]) == {
        "service": "CapNhatTienDoHoSoMC",
        "data": [
            {
                "MaHoSo": RECORD.code,
                "NguoiXuLy": "Cán bộ A",
                "ChucDanh": "Chuyên viên xử lý",
                "ThoiDiemXuLy": "20260302130509",
                "PhongBanXuLy": "Sở Tư pháp",
                "NoiDungXuLy": "Chuyển bước",
                "TrangThai": 4,
                "NgayBatDau": "20260302130509",
                "NgayKetThucTheoQuyDinh": "20260316160000",
            }
        ],
    }
