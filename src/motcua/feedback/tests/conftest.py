"""A small province for feedback tests: a coordinating centre, a department, a commune, their officials."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
import time_machine

from motcua.accounts.models import Role, User
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.feedback import defaults
from motcua.feedback.models import Category, CoordinatingUnit, RoutingRule
from motcua.feedback.services import Submission
from motcua.notifications.sms import MemoryBackend
from motcua.organisations.models import AdministrativeUnit, Agency
from motcua.organisations.tests.factories import AdministrativeUnitFactory, AgencyFactory
from motcua.workdays.constants import VIETNAM_TZ

# Monday 2 March 2026, 09:00 in the province: a plain working week (no holiday until 26/4).
MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM_TZ)


@dataclass
class Province:
    centre: Agency
    department: Agency
    commune_agency: Agency
    province_unit: AdministrativeUnit
    ward: AdministrativeUnit
    coordinator: User
    head: User
    specialist: User
    leader: User
    commune_leader: User
    stranger: User


def official(agency: Agency, role: str, name: str) -> User:
    user = UserFactory(username=name, full_name=f"Cán bộ {name}")
    MembershipFactory(user=user, agency=agency, role=role)
    return user


def build_province() -> Province:
    defaults.ensure()  # a transactional test's flush removes the migration's rows
    province_unit = AdministrativeUnitFactory(code="38", name="Tỉnh Thanh Hóa")
    ward = AdministrativeUnitFactory(code="14800", name="Phường Hạc Thành", level="commune", parent=province_unit)
    centre = AgencyFactory(
        centre=True, name="Trung tâm Phục vụ hành chính công tỉnh", administrative_unit=province_unit
    )
    department = AgencyFactory(name="Sở Xây dựng", administrative_unit=province_unit)
    commune_agency = AgencyFactory(commune=True, name="UBND Phường Hạc Thành", administrative_unit=ward)
    CoordinatingUnit.objects.create(agency=centre)
    roads = Category.objects.get(code="giao-thong-ha-tang")
    roads.default_agency = department
    roads.save()
    RoutingRule.objects.create(category=Category.objects.get(code="an-ninh-trat-tu"), unit=ward, agency=commune_agency)
    return Province(
        centre=centre,
        department=department,
        commune_agency=commune_agency,
        province_unit=province_unit,
        ward=ward,
        coordinator=official(centre, Role.ONE_STOP_OFFICER, "dieuphoi"),
        head=official(department, Role.HEAD_OF_DIVISION, "truongphong"),
        specialist=official(department, Role.SPECIALIST, "chuyenvien"),
        leader=official(department, Role.LEADER, "giamdoc"),
        commune_leader=official(commune_agency, Role.LEADER, "chutich"),
        stranger=UserFactory(username="nguoila"),
    )


def submission(**overrides: Any) -> Submission:
    values: dict[str, Any] = {
        "category": "giao-thong-ha-tang",
        "title": "Ổ gà lớn trên đường Lê Lợi",
        "content": "Đoạn trước số 12 Lê Lợi có ổ gà sâu, xe máy dễ ngã, đề nghị sửa sớm.",
        "name": "Nguyễn Văn An",
        "phone": "0912345678",
        "email": "an@example.vn",
        "unit_code": "14800",
        "address": "12 Lê Lợi",
    }
    values.update(overrides)
    return Submission(**values)


@pytest.fixture(autouse=True)
def _sms_in_memory(settings: Any) -> Iterator[None]:
    settings.SMS_BACKEND = "motcua.notifications.sms.MemoryBackend"
    MemoryBackend.outbox.clear()
    yield


@pytest.fixture
def frozen() -> Iterator[Any]:
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def province(db: Any) -> Province:
    return build_province()
