"""The demo province loads, is consistent and loads again without duplicates."""

from __future__ import annotations

import io

import pytest

from motcua.accounts import demo as people
from motcua.accounts.models import AccountEvent, Applicant, Membership, Role, User
from motcua.accounts.selectors import administered_agencies, agencies_for, has_role
from motcua.organisations import demo as org
from motcua.organisations.models import AdministrativeUnit, AdministrativeUnitAlias, Agency, AgencyEvent, UnitLevel
from motcua.organisations.selectors import agency_by_code

pytestmark = pytest.mark.django_db


def load_all() -> str:
    out = io.StringIO()
    org.load(out)
    people.load(out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [AdministrativeUnit, AdministrativeUnitAlias, Agency, User, Membership, Applicant, AgencyEvent]
    return {m.__name__: m.objects.count() for m in [*models, AccountEvent]}


def test_demo_loads_phu_tho_and_is_idempotent():
    output = load_all()
    assert "148 xã/phường" in output
    first = counts()
    assert first["AdministrativeUnit"] == 149
    assert 20 <= first["Agency"] <= 30
    assert first["Agency"] == len(org.AGENCIES)

    load_all()
    assert counts() == first


def test_demo_agencies_form_one_tree_on_real_units():
    load_all()
    root = org.demo_agency(org.UBND_TINH_CODE)
    assert root.parent is None
    assert root.administrative_unit.name == "Tỉnh Phú Thọ"
    assert Agency.objects.filter(parent__isnull=True).count() == 1
    viet_tri = org.demo_agency(org.TTPVHCC_VIET_TRI_CODE)
    assert (viet_tri.level, viet_tri.administrative_unit.name) == (UnitLevel.COMMUNE, "Phường Việt Trì")
    assert org.demo_agency(org.PHONG_HCTP_CODE).parent == org.demo_agency(org.SO_TU_PHAP_CODE)
    # Re-issued codes: the pre-reform code still finds the agency.
    assert agency_by_code("000.00.03.H44") == org.demo_agency(org.SO_TU_PHAP_CODE)


def test_every_role_has_a_demo_official_and_logins_are_described():
    load_all()
    assert {o.role for o in people.OFFICIALS} == set(Role.values)
    for official in people.OFFICIALS:
        user = User.objects.get(username=official.username)
        assert user.check_password(people.DEMO_PASSWORD)
        assert has_role(user, org.demo_agency(official.agency_code), official.role)
    admin = User.objects.get(username=people.SUPERUSER)
    assert admin.is_superuser and admin.is_staff
    lines = people.describe_logins()
    assert len(lines) == len(people.OFFICIALS) + 2
    assert "tiepnhan.tinh / MotCua@2026 – Cán bộ một cửa, TTPVHCC tỉnh" in lines


def test_scoping_in_the_demo_tree():
    load_all()
    officer = User.objects.get(username=people.TIEPNHAN_VIET_TRI)
    assert list(agencies_for(officer)) == [org.demo_agency(org.TTPVHCC_VIET_TRI_CODE)]
    ward_admin = User.objects.get(username=people.QUANTRI_VIET_TRI)
    assert set(administered_agencies(ward_admin).values_list("identifier_code", flat=True)) == {
        org.UBND_VIET_TRI_CODE,
        org.TTPVHCC_VIET_TRI_CODE,
    }
    province_admin = User.objects.get(username=people.QUANTRI_TINH)
    assert administered_agencies(province_admin).count() == len(org.AGENCIES)


def test_demo_applicants_are_valid_and_linked():
    load_all()
    an = Applicant.objects.get(id_number=people.CITIZEN_AN_ID)
    assert an.user.username == people.CONGDAN
    assert Applicant.objects.filter(tax_code=people.BUSINESS_TAX_CODE).get().kind == "business"
    assert Applicant.objects.count() == 5
