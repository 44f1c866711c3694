"""A small province for dossier tests: a service centre, a department, a commune, their officials."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
import time_machine

from motcua.accounts.models import Role, User
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.catalogue.models import Procedure
from motcua.catalogue.tests.factories import make_procedure, step
from motcua.notifications.sms import MemoryBackend
from motcua.organisations.models import Agency
from motcua.organisations.tests.factories import AgencyFactory
from motcua.workdays.constants import VIETNAM_TZ

# Monday 2 March 2026, 09:00 in the province: a plain working week (no holiday until 26/4).
MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM_TZ)


@dataclass
class World:
    centre: Agency
    department: Agency
    commune: Agency
    partner: Agency
    officer: User
    head: User
    specialist: User
    leader: User
    partner_specialist: User
    commune_specialist: User
    stranger: User
    procedure: Procedure


def official(agency: Agency, role: str, name: str) -> User:
    user = UserFactory(username=name, full_name=f"Cán bộ {name}")
    MembershipFactory(user=user, agency=agency, role=role)
    return user


@pytest.fixture(autouse=True)
def _calendar_and_sms(settings: Any) -> Iterator[None]:
    settings.SMS_BACKEND = "motcua.notifications.sms.MemoryBackend"
    MemoryBackend.outbox.clear()
    yield


@pytest.fixture
def frozen() -> Iterator[Any]:
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


def build_world(**procedure_overrides: Any) -> World:
    centre = AgencyFactory(centre=True, name="Trung tâm Phục vụ hành chính công tỉnh", identifier_code="000.00.06.H56")
    department = AgencyFactory(name="Sở Tư pháp", identifier_code="H56.10")
    commune = AgencyFactory(commune=True, name="UBND Phường Hạc Thành", identifier_code="H56.10.01")
    partner = AgencyFactory(name="Sở Tài chính", identifier_code="H56.11")
    procedure = make_procedure(
        "Cấp phiếu lý lịch tư pháp cho công dân",
        competent_agencies=[department.identifier_code],
        levels=["province"],
        **procedure_overrides,
    )
    return World(
        centre=centre,
        department=department,
        commune=commune,
        partner=partner,
        officer=official(centre, Role.ONE_STOP_OFFICER, "motcua"),
        head=official(department, Role.HEAD_OF_DIVISION, "truongphong"),
        specialist=official(department, Role.SPECIALIST, "chuyenvien"),
        leader=official(department, Role.LEADER, "lanhdao"),
        partner_specialist=official(partner, Role.SPECIALIST, "phoihop"),
        commune_specialist=official(commune, Role.SPECIALIST, "capxa"),
        stranger=official(AgencyFactory(name="Sở Xây dựng"), Role.ONE_STOP_OFFICER, "nguoingoai"),
        procedure=procedure,
    )


@pytest.fixture
def world(db: Any, frozen: Any) -> World:
    return build_world()


PROCESS_WITH_STEPS = [
    step("Tiếp nhận", "4", role="one_stop_officer", actor_kind="one_stop_unit"),
    step("Thẩm định", "12"),
    step("Ký duyệt", "4", role="leader", actor_kind="leader", allowed_actions=["approve", "return"]),
    step("Trả kết quả", "4", role="one_stop_officer", actor_kind="one_stop_unit"),
]
