"""Demo people: officials for every role in the Phú Thọ demo agencies, a superuser, a few applicants.

Every account shares ``DEMO_PASSWORD``. Idempotent: accounts are found by username, applicants by
personal ID or tax code; a second run changes nothing and keeps passwords as they are.
Other demo modules refer to people through the username constants below.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TextIO

from django.conf import settings

from motcua.accounts.models import Applicant, ApplicantKind, Role, User
from motcua.accounts.services import create_or_update_applicant, create_user, grant_membership
from motcua.organisations import demo as org

DEMO_PASSWORD = "MotCua@2026"  # noqa: S105 - published demo password, never used in production

SUPERUSER = "admin"
TIEPNHAN_TINH = "tiepnhan.tinh"
TIEPNHAN_VIET_TRI = "tiepnhan.viettri"
TIEPNHAN_VINH_YEN = "tiepnhan.vinhyen"
CHUYENVIEN_TU_PHAP = "chuyenvien.tuphap"
TRUONGPHONG_TU_PHAP = "truongphong.tuphap"
GIAMDOC_TU_PHAP = "giamdoc.tuphap"
CHUYENVIEN_XAY_DUNG = "chuyenvien.xaydung"
TRUONGPHONG_XAY_DUNG = "truongphong.xaydung"
GIAMDOC_XAY_DUNG = "giamdoc.xaydung"
CHUYENVIEN_DAT_DAI = "chuyenvien.datdai"
TRUONGPHONG_DAT_DAI = "truongphong.datdai"
GIAMDOC_NN_MT = "giamdoc.nnmt"
CHUYENVIEN_TAI_CHINH = "chuyenvien.taichinh"
CHUYENVIEN_VIET_TRI = "chuyenvien.viettri"
LANHDAO_VIET_TRI = "lanhdao.viettri"
LANHDAO_TINH = "lanhdao.tinh"
VANTHU_TU_PHAP = "vanthu.tuphap"  # the document clerk (văn thư) of Sở Tư pháp
VANTHU_XAY_DUNG = "vanthu.xaydung"
QUANLY_TTHC = "quanly.tthc"
QUANTRI_TINH = "quantri.tinh"
QUANTRI_VIET_TRI = "quantri.viettri"
CONGDAN = "congdan.an"  # a citizen's portal account, linked to CITIZEN_AN_ID

CITIZEN_AN_ID = "025095001234"
CITIZEN_BINH_ID = "026188004567"
CITIZEN_CHI_ID = "017301002345"
BUSINESS_TAX_CODE = "2600987654"
COOPERATIVE_TAX_CODE = "2500876543"


@dataclass(frozen=True)
class Official:
    username: str
    full_name: str
    agency_code: str
    role: str
    title: str
    staff: bool = False  # may open the Django admin


OFFICIALS = [
    Official(TIEPNHAN_TINH, "Nguyễn Thị Thu Hà", org.TTPVHCC_TINH_CODE, Role.ONE_STOP_OFFICER, "Chuyên viên"),
    Official(TIEPNHAN_VIET_TRI, "Trần Văn Minh", org.TTPVHCC_VIET_TRI_CODE, Role.ONE_STOP_OFFICER, "Công chức"),
    Official(TIEPNHAN_VINH_YEN, "Phạm Thị Lan", org.TTPVHCC_VINH_YEN_CODE, Role.ONE_STOP_OFFICER, "Công chức"),
    Official(CHUYENVIEN_TU_PHAP, "Lê Thị Hoa", org.PHONG_HCTP_CODE, Role.SPECIALIST, "Chuyên viên"),
    Official(TRUONGPHONG_TU_PHAP, "Đỗ Văn Hùng", org.PHONG_HCTP_CODE, Role.HEAD_OF_DIVISION, "Trưởng phòng"),
    Official(GIAMDOC_TU_PHAP, "Hoàng Minh Tuấn", org.SO_TU_PHAP_CODE, Role.LEADER, "Giám đốc Sở"),
    Official(CHUYENVIEN_XAY_DUNG, "Vũ Đức Anh", org.PHONG_QLHDXD_CODE, Role.SPECIALIST, "Chuyên viên"),
    Official(TRUONGPHONG_XAY_DUNG, "Bùi Thị Ngọc", org.PHONG_QLHDXD_CODE, Role.HEAD_OF_DIVISION, "Trưởng phòng"),
    Official(GIAMDOC_XAY_DUNG, "Ngô Quang Huy", org.SO_XAY_DUNG_CODE, Role.LEADER, "Phó Giám đốc Sở"),
    Official(CHUYENVIEN_DAT_DAI, "Đinh Thị Mai", org.VPDKDD_CODE, Role.SPECIALIST, "Viên chức"),
    Official(
        TRUONGPHONG_DAT_DAI, "Nguyễn Thị Thanh Hương", org.VPDKDD_CODE, Role.HEAD_OF_DIVISION, "Phó Giám đốc Văn phòng"
    ),
    Official(GIAMDOC_NN_MT, "Lê Văn Khánh", org.SO_NN_MT_CODE, Role.LEADER, "Phó Giám đốc Sở"),
    Official(CHUYENVIEN_TAI_CHINH, "Hà Thị Phương", org.SO_TAI_CHINH_CODE, Role.SPECIALIST, "Chuyên viên"),
    Official(
        CHUYENVIEN_VIET_TRI, "Phan Văn Long", org.UBND_VIET_TRI_CODE, Role.SPECIALIST, "Công chức Tư pháp – Hộ tịch"
    ),
    Official(LANHDAO_VIET_TRI, "Nguyễn Văn Thắng", org.UBND_VIET_TRI_CODE, Role.LEADER, "Chủ tịch UBND phường"),
    Official(LANHDAO_TINH, "Trịnh Thế Bảo", org.UBND_TINH_CODE, Role.LEADER, "Phó Chủ tịch UBND tỉnh"),
    Official(VANTHU_TU_PHAP, "Trương Thị Thảo", org.SO_TU_PHAP_CODE, Role.CLERK, "Văn thư"),
    Official(VANTHU_XAY_DUNG, "Lò Văn Quý", org.SO_XAY_DUNG_CODE, Role.CLERK, "Văn thư"),
    Official(QUANLY_TTHC, "Lương Thị Hạnh", org.KSTTHC_CODE, Role.CATALOGUE_MANAGER, "Chuyên viên", staff=True),
    Official(QUANTRI_TINH, "Tạ Quang Vinh", org.UBND_TINH_CODE, Role.ADMINISTRATOR, "Quản trị hệ thống", staff=True),
    Official(
        QUANTRI_VIET_TRI, "Kiều Văn Sơn", org.UBND_VIET_TRI_CODE, Role.ADMINISTRATOR, "Quản trị hệ thống", staff=True
    ),
]

ROLE_SUMMARY = {
    SUPERUSER: "Quản trị toàn hệ thống (superuser)",
    CONGDAN: "Công dân Nguyễn Văn An, Cổng dịch vụ công",
}


def _user(username: str, full_name: str, **flags: bool) -> User:
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    return create_user(
        actor=None,
        username=username,
        password=DEMO_PASSWORD,
        full_name=full_name,
        email=f"{username}@demo.phutho.gov.vn",
        **flags,
    )


def _applicants(citizen: User) -> list[Applicant]:
    rows = [
        {
            "kind": ApplicantKind.CITIZEN,
            "full_name": "Nguyễn Văn An",
            "id_number": CITIZEN_AN_ID,
            "date_of_birth": datetime.date(1995, 3, 12),
            "phone": "0912345678",
            "email": "nguyenvanan@example.vn",
            "address": "Số 12 đường Hùng Vương, phường Việt Trì, tỉnh Phú Thọ",
            "user": citizen,
        },
        {
            "kind": ApplicantKind.CITIZEN,
            "full_name": "Trần Thị Bình",
            "id_number": CITIZEN_BINH_ID,
            "date_of_birth": datetime.date(1988, 9, 2),
            "phone": "0987654321",
            "address": "Tổ dân phố Đống Đa, phường Vĩnh Yên, tỉnh Phú Thọ",
        },
        {
            "kind": ApplicantKind.CITIZEN,
            "full_name": "Lê Hoàng Chí",
            "id_number": CITIZEN_CHI_ID,
            "date_of_birth": datetime.date(2001, 6, 30),
            "phone": "0356789012",
            "email": "lehoangchi@example.vn",
            "address": "Phường Hòa Bình, tỉnh Phú Thọ",
        },
        {
            "kind": ApplicantKind.BUSINESS,
            "full_name": "Công ty TNHH Chè Phú Thọ Xanh",
            "tax_code": BUSINESS_TAX_CODE,
            "phone": "02103812345",
            "email": "lienhe@chephuthoxanh.example.vn",
            "address": "Khu công nghiệp Thụy Vân, phường Việt Trì, tỉnh Phú Thọ",
        },
        {
            "kind": ApplicantKind.ORGANISATION,
            "full_name": "Hợp tác xã Nông nghiệp Tam Đảo",
            "tax_code": COOPERATIVE_TAX_CODE,
            "phone": "0211 3824 567",
            "address": "Xã Tam Đảo, tỉnh Phú Thọ",
        },
    ]
    return [create_or_update_applicant(actor=None, **row)[0] for row in rows]  # type: ignore[arg-type]


def load(stdout: TextIO) -> None:
    _user(SUPERUSER, "Quản trị hệ thống", is_staff=True, is_superuser=True)
    for official in OFFICIALS:
        user = _user(official.username, official.full_name, is_staff=official.staff)
        agency = org.demo_agency(official.agency_code)
        grant_membership(actor=None, user=user, agency=agency, role=official.role, title=official.title)
    citizen = _user(CONGDAN, "Nguyễn Văn An")
    applicants = _applicants(citizen)
    stdout.write(f"Cán bộ: {len(OFFICIALS)} tài khoản và 1 quản trị; tổ chức, cá nhân: {len(applicants)}.\n")


TWO_FACTOR_NOTE = " · cần xác thực hai bước (thiết lập ứng dụng xác thực ở lần đăng nhập đầu)"


def _two_factor_note(role: str) -> str:
    # `make demo` requires it of the IT administrators only (TWO_FACTOR_REQUIRED_ROLES=administrator).
    return TWO_FACTOR_NOTE if role in settings.TWO_FACTOR_REQUIRED_ROLES else ""


def describe_logins() -> list[str]:
    """One line per demo login: ``username / password – role, agency``, and whether it needs a second factor."""
    lines = [f"{SUPERUSER} / {DEMO_PASSWORD} – {ROLE_SUMMARY[SUPERUSER]}{_two_factor_note('superuser')}"]
    agencies = {spec.code: spec.short_name or spec.name for spec in org.AGENCIES}
    for official in OFFICIALS:
        role = Role(official.role).label
        note = _two_factor_note(official.role)
        lines.append(f"{official.username} / {DEMO_PASSWORD} – {role}, {agencies[official.agency_code]}{note}")
    lines.append(f"{CONGDAN} / {DEMO_PASSWORD} – {ROLE_SUMMARY[CONGDAN]}")
    return lines
