"""Fixtures of the back-office tests: officials in agencies, a clean cache per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.core.cache import cache

from motcua.accounts.models import Role, User
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.catalogue.models import Procedure
from motcua.catalogue.tests.factories import SectorFactory, make_procedure
from motcua.organisations.models import Agency
from motcua.organisations.tests.factories import AgencyFactory
from motcua.workdays.constants import VIETNAM_TZ

# Monday 2 March 2026, 09:00 in the province: a plain working week.
MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM_TZ)


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    # The lockout counters live in the cache; the local-memory cache outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _quiet_sms(settings: Any) -> None:
    settings.SMS_BACKEND = "motcua.notifications.sms.MemoryBackend"


@pytest.fixture
def agency(db: Any) -> Any:
    return AgencyFactory(name="Sở Tư pháp")


@pytest.fixture
def other_agency(db: Any) -> Any:
    return AgencyFactory(name="Sở Xây dựng")


@pytest.fixture
def officer(agency: Any) -> Any:
    """A one-stop officer of ``agency``."""
    return MembershipFactory(agency=agency, role=Role.ONE_STOP_OFFICER, user=UserFactory(username="motcua1")).user


@dataclass
class World:
    """A centre that receives, a department that decides, a partner to consult, and a stranger."""

    centre: Agency
    department: Agency
    partner: Agency
    elsewhere: Agency
    officer: User
    head: User
    specialist: User
    specialist2: User
    leader: User
    partner_specialist: User
    stranger: User
    procedure: Procedure


def official(agency: Agency, role: str, username: str, full_name: str) -> User:
    user = UserFactory(username=username, full_name=full_name)
    MembershipFactory(user=user, agency=agency, role=role)
    return user


def build_world() -> World:
    centre = AgencyFactory(centre=True, name="Trung tâm Phục vụ hành chính công tỉnh", identifier_code="000.00.06.H56")
    department = AgencyFactory(name="Sở Tư pháp", short_name="STP", identifier_code="H56.10")
    partner = AgencyFactory(name="Sở Tài chính", identifier_code="H56.11")
    elsewhere = AgencyFactory(name="Sở Xây dựng", identifier_code="H56.12")
    procedure = make_procedure(
        "Cấp phiếu lý lịch tư pháp cho công dân",
        code="1.001193",
        sector=SectorFactory(code="G09-TP03", name="Lý lịch tư pháp"),
        competent_agencies=[department.identifier_code],
        levels=["province"],
    )
    return World(
        centre=centre,
        department=department,
        partner=partner,
        elsewhere=elsewhere,
        officer=official(centre, Role.ONE_STOP_OFFICER, "motcua", "Lê Thị Một Cửa"),
        head=official(department, Role.HEAD_OF_DIVISION, "truongphong", "Phạm Văn Trưởng"),
        specialist=official(department, Role.SPECIALIST, "chuyenvien", "Đỗ Thị Chuyên"),
        specialist2=official(department, Role.SPECIALIST, "chuyenvien2", "Vũ Văn Hai"),
        leader=official(department, Role.LEADER, "lanhdao", "Hoàng Văn Lãnh"),
        partner_specialist=official(partner, Role.SPECIALIST, "phoihop", "Bùi Thị Phối"),
        stranger=official(elsewhere, Role.ONE_STOP_OFFICER, "nguoingoai", "Ngô Văn Ngoài"),
        procedure=procedure,
    )


@pytest.fixture
def frozen() -> Iterator[Any]:
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db: Any, frozen: Any) -> World:
    return build_world()
