"""Two agencies of a province with their divisions, clerks, leaders and specialists, on a Monday morning."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
import time_machine

from motcua.accounts.models import Role, User
from motcua.dossiers.tests.conftest import official
from motcua.organisations.models import Agency, AgencyKind
from motcua.organisations.tests.factories import AgencyFactory
from motcua.workdays.constants import VIETNAM_TZ

MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM_TZ)


@dataclass
class Office:
    agency: Agency
    division: Agency
    clerk: User
    leader: User
    head: User
    specialist: User


def make_office(name: str, code: str, prefix: str) -> Office:
    agency = AgencyFactory(name=name, identifier_code=code)
    division = AgencyFactory(
        name=f"Phòng nghiệp vụ – {name}", kind=AgencyKind.DIVISION, parent=agency, identifier_code=f"{code}.01"
    )
    return Office(
        agency=agency,
        division=division,
        clerk=official(agency, Role.CLERK, f"vanthu.{prefix}"),
        leader=official(agency, Role.LEADER, f"lanhdao.{prefix}"),
        head=official(division, Role.HEAD_OF_DIVISION, f"truongphong.{prefix}"),
        specialist=official(division, Role.SPECIALIST, f"chuyenvien.{prefix}"),
    )


@dataclass
class Pair:
    justice: Office
    building: Office


def build_pair() -> Pair:
    return Pair(
        justice=make_office("Sở Tư pháp", "000.00.30.H56", "tuphap"),
        building=make_office("Sở Xây dựng", "000.00.32.H56", "xaydung"),
    )


@pytest.fixture
def frozen() -> Iterator[Any]:
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def pair(db: Any, frozen: Any) -> Pair:
    return build_pair()


def sample_pdf(text: str = "Quyết định") -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=f"<h1>{text}</h1><p>Nội dung văn bản.</p>").write_pdf())
