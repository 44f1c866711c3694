"""Agency writes: validation, tree rules, code re-issue with aliases, audit."""

from __future__ import annotations

import datetime

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError
from motcua.organisations.codes import InvalidAgencyCode
from motcua.organisations.models import AgencyCodeAlias, AgencyEvent, AgencyKind, UnitLevel
from motcua.organisations.selectors import agency_by_code
from motcua.organisations.services import create_agency, reissue_agency_code, update_agency
from motcua.organisations.tests.factories import AdministrativeUnitFactory, AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory()


@pytest.fixture
def province():
    return AdministrativeUnitFactory(code="25", name="Tỉnh Phú Thọ")


def make(actor, province, **kwargs):
    fields = {
        "name": "Sở  Tư pháp ",
        "kind": AgencyKind.DEPARTMENT,
        "level": UnitLevel.PROVINCE,
        "administrative_unit": province,
        "identifier_code": "h25.06",
    }
    return create_agency(actor=actor, **{**fields, **kwargs})


def test_create_normalises_folds_and_audits(actor, province):
    agency = make(actor, province)
    assert (agency.name, agency.name_folded, agency.identifier_code) == ("Sở Tư pháp", "so tu phap", "H25.06")
    event = AgencyEvent.objects.get(agency=agency)
    assert (event.action, event.actor, event.data["identifier_code"]) == ("created", actor, "H25.06")


def test_create_accepts_the_legacy_form(actor, province):
    assert make(actor, province, identifier_code="000.00.06.H45").identifier_code == "000.00.06.H45"


@pytest.mark.parametrize("bad", ["H25..06", "25.06", "000.05.00.H45"])
def test_create_refuses_invalid_codes(actor, province, bad):
    with pytest.raises(InvalidAgencyCode):
        make(actor, province, identifier_code=bad)
    assert not AgencyEvent.objects.exists()


def test_codes_are_unique_across_current_and_old_codes(actor, province):
    first = make(actor, province)
    with pytest.raises(DomainError) as caught:
        make(actor, province, name="Sở khác", identifier_code="H25.06")
    assert caught.value.code == "duplicate_agency_code"
    reissue_agency_code(first, actor=actor, new_code="H25.16")
    with pytest.raises(DomainError, match=r"H25\.06"):
        make(actor, province, name="Sở khác", identifier_code="H25.06")


def test_level_must_match_the_administrative_unit(actor, province):
    ward = AdministrativeUnitFactory(commune=True, parent=province)
    with pytest.raises(DomainError) as caught:
        make(actor, ward)
    assert "administrative_unit" in caught.value.fields
    ubnd_xa = make(
        actor, ward, name="UBND xã", kind=AgencyKind.PEOPLES_COMMITTEE, level=UnitLevel.COMMUNE, identifier_code="H25.5"
    )
    assert ubnd_xa.level == UnitLevel.COMMUNE


def test_tree_refuses_cycles_and_upside_down_levels(actor, province):
    ubnd = make(actor, province, name="UBND tỉnh", kind=AgencyKind.PEOPLES_COMMITTEE, identifier_code="H25")
    so = make(actor, province, parent=ubnd)
    phong = make(actor, province, name="Phòng", kind=AgencyKind.DIVISION, parent=so, identifier_code="H25.06.01")
    with pytest.raises(DomainError, match="trực thuộc chính nó"):
        update_agency(ubnd, actor=actor, parent=phong)
    with pytest.raises(DomainError, match="trực thuộc chính nó"):
        update_agency(so, actor=actor, parent=so)
    ward_agency = AgencyFactory(commune=True)
    with pytest.raises(DomainError, match="cấp dưới"):
        update_agency(so, actor=actor, parent=ward_agency)


def test_update_records_only_real_changes(actor, province):
    agency = make(actor, province)
    update_agency(agency, actor=actor, name="Sở Tư pháp", phone="0210 3846 000")
    events = list(AgencyEvent.objects.filter(agency=agency, action="updated"))
    assert [e.data for e in events] == [{"phone": ["", "0210 3846 000"]}]
    update_agency(agency, actor=actor, phone="0210 3846 000")
    assert AgencyEvent.objects.filter(action="updated").count() == 1
    with pytest.raises(TypeError):
        update_agency(agency, actor=actor, identifier_code="H25.99")


def test_reissue_keeps_the_old_code_as_alias(actor, province):
    agency = make(actor, province, identifier_code="000.00.06.H45")
    reissue_agency_code(agency, actor=actor, new_code="H25.06", retired_on=datetime.date(2025, 7, 1))
    agency.refresh_from_db()
    assert agency.identifier_code == "H25.06"
    assert list(agency.code_aliases.values_list("code", "retired_on")) == [("000.00.06.H45", datetime.date(2025, 7, 1))]
    assert agency_by_code("000.00.06.H45") == agency == agency_by_code("H25.06")
    event = AgencyEvent.objects.get(action="code_reissued")
    assert event.data == {"old": "000.00.06.H45", "new": "H25.06"}

    with pytest.raises(DomainError, match="trùng"):
        reissue_agency_code(agency, actor=actor, new_code="h25.06")
    # Returning to the old code makes it current again and retires the other one.
    reissue_agency_code(agency, actor=actor, new_code="000.00.06.H45")
    assert set(AgencyCodeAlias.objects.values_list("code", flat=True)) == {"H25.06"}


@pytest.mark.parametrize(
    ("level", "parent_level", "code", "field"),
    [
        (UnitLevel.PROVINCE, UnitLevel.PROVINCE, "98", "parent"),
        (UnitLevel.DISTRICT, None, "227", "parent"),
        (UnitLevel.DISTRICT, UnitLevel.COMMUNE, "227", "parent"),
        (UnitLevel.COMMUNE, None, "07900", "parent"),
        (UnitLevel.COMMUNE, UnitLevel.PROVINCE, "079A0", "code"),
        (UnitLevel.COMMUNE, UnitLevel.PROVINCE, "25", "code"),  # taken by the province
    ],
)
def test_unit_rules(actor, province, level, parent_level, code, field):
    from motcua.organisations.services import create_unit

    parents = {
        None: None,
        UnitLevel.PROVINCE: province,
        UnitLevel.COMMUNE: AdministrativeUnitFactory(commune=True, parent=province),
    }
    with pytest.raises(DomainError) as caught:
        create_unit(actor=actor, code=code, name="Đơn vị", level=level, parent=parents[parent_level])
    assert field in caught.value.fields


def test_units_created_and_moved_by_hand_are_audited(actor, province):
    from motcua.organisations.services import create_unit, update_unit

    district = create_unit(actor=actor, code="227", name="Thành phố Việt Trì", level=UnitLevel.DISTRICT,
                           parent=province)  # fmt: skip
    ward = AdministrativeUnitFactory(commune=True, parent=province)
    update_unit(ward, actor=actor, parent=district)
    assert [e.action for e in ward.events.all()] == ["updated"]
    assert district.events.get().actor == actor
    with pytest.raises(DomainError):
        update_unit(district, actor=actor, parent=None)
