"""Admin for units and agencies: scoped to the administrator's subtree, writes through services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.organisations.models import Agency, AgencyCodeAlias, AgencyEvent, AgencyKind, UnitLevel
from motcua.organisations.tests.factories import AdministrativeUnitFactory, AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("motcua.organisations.tests.admin_urls")]


@pytest.fixture
def tree():
    province = AdministrativeUnitFactory(code="25", name="Tỉnh Phú Thọ")
    ubnd = AgencyFactory(name="UBND tỉnh", identifier_code="H44", administrative_unit=province)
    so_tp = AgencyFactory(name="Sở Tư pháp", identifier_code="H44.03", parent=ubnd)
    phong = AgencyFactory(name="Phòng Hành chính tư pháp", identifier_code="H44.03.01", parent=so_tp)
    so_yt = AgencyFactory(name="Sở Y tế", identifier_code="H44.07", parent=ubnd)
    return {"province": province, "ubnd": ubnd, "so_tp": so_tp, "phong": phong, "so_yt": so_yt}


@pytest.fixture
def scoped_admin(client, tree):
    user = UserFactory(is_staff=True)
    MembershipFactory(user=user, agency=tree["so_tp"], role=Role.ADMINISTRATOR)
    client.force_login(user)
    return user


def agency_form(agency: Agency, **changes):
    data = {
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "level": agency.level,
        "parent": agency.parent_id or "",
        "administrative_unit": agency.administrative_unit_id,
        "address": "",
        "phone": "",
        "email": "",
        "is_active": "on",
        "new_identifier_code": "",
        "reissue_reason": "",
        "code_aliases-TOTAL_FORMS": "0",
        "code_aliases-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_scoped_admin_lists_only_the_subtree(client, scoped_admin, tree):
    response = client.get(reverse("admin:organisations_agency_changelist"))
    assert response.status_code == 200
    shown = {a.pk for a in response.context["cl"].result_list}
    assert shown == {tree["so_tp"].pk, tree["phong"].pk}
    assert client.get(reverse("admin:organisations_agency_change", args=[tree["so_yt"].pk])).status_code == 302
    assert client.get(reverse("admin:organisations_agency_change", args=[tree["phong"].pk])).status_code == 200


def test_staff_without_administrator_role_sees_nothing(client, tree):
    user = UserFactory(is_staff=True)
    MembershipFactory(user=user, agency=tree["so_tp"], role=Role.LEADER)
    client.force_login(user)
    assert client.get(reverse("admin:organisations_agency_changelist")).status_code == 403
    assert client.get(reverse("admin:organisations_administrativeunit_changelist")).status_code == 403


def test_edit_goes_through_the_service(client, scoped_admin, tree):
    phong = tree["phong"]
    url = reverse("admin:organisations_agency_change", args=[phong.pk])
    response = client.post(url, agency_form(phong, name="Phòng Hành chính  tư pháp và Bổ trợ"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    phong.refresh_from_db()
    assert phong.name == "Phòng Hành chính tư pháp và Bổ trợ"
    event = AgencyEvent.objects.get(agency=phong, action="updated")
    assert event.actor == scoped_admin


def test_cannot_move_an_agency_out_of_the_subtree(client, scoped_admin, tree):
    phong = tree["phong"]
    url = reverse("admin:organisations_agency_change", args=[phong.pk])
    response = client.post(url, agency_form(phong, parent=tree["so_yt"].pk))
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    phong.refresh_from_db()
    assert phong.parent == tree["so_tp"]


def test_add_under_own_subtree_with_code_validation(client, scoped_admin, tree):
    url = reverse("admin:organisations_agency_add")
    base = {
        "name": "Phòng Bổ trợ tư pháp",
        "kind": AgencyKind.DIVISION,
        "level": UnitLevel.PROVINCE,
        "administrative_unit": tree["province"].pk,
        "is_active": "on",
        "code_aliases-TOTAL_FORMS": "0",
        "code_aliases-INITIAL_FORMS": "0",
    }
    bad = client.post(url, {**base, "identifier_code": "H44..02", "parent": tree["so_tp"].pk})
    assert bad.status_code == 200
    assert "nhóm rỗng" in str(bad.context["adminform"].form.errors["identifier_code"])
    outside = client.post(url, {**base, "identifier_code": "H44.07.09", "parent": tree["so_yt"].pk})
    assert "parent" in outside.context["adminform"].form.errors
    ok = client.post(url, {**base, "identifier_code": "h44.03.02", "parent": tree["so_tp"].pk})
    assert ok.status_code == 302
    created = Agency.objects.get(identifier_code="H44.03.02")
    assert AgencyEvent.objects.get(agency=created).action == "created"


def test_reissue_code_keeps_the_old_one(client, scoped_admin, tree):
    so_tp = tree["so_tp"]
    url = reverse("admin:organisations_agency_change", args=[so_tp.pk])
    # The top of the subtree cannot be moved (its parent is outside the scope): the field is read-only.
    assert "parent" not in client.get(url).context["adminform"].form.fields
    duplicate = client.post(url, agency_form(so_tp, new_identifier_code="H44.07"))
    assert "new_identifier_code" in duplicate.context["adminform"].form.errors
    response = client.post(url, agency_form(so_tp, new_identifier_code="H44.13", reissue_reason="QĐ 123/QĐ-UBND"))
    assert response.status_code == 302
    so_tp.refresh_from_db()
    assert so_tp.identifier_code == "H44.13"
    assert AgencyCodeAlias.objects.get(agency=so_tp).code == "H44.03"
    assert AgencyEvent.objects.get(action="code_reissued").note == "QĐ 123/QĐ-UBND"


def test_agency_search_folds_accents_and_finds_old_codes(client, scoped_admin, tree):
    AgencyCodeAlias.objects.create(agency=tree["phong"], code="000.01.03.H44")
    url = reverse("admin:organisations_agency_changelist")
    assert [a.pk for a in client.get(url, {"q": "hanh chinh tu phap"}).context["cl"].result_list] == [tree["phong"].pk]
    assert [a.pk for a in client.get(url, {"q": "000.01.03.H44"}).context["cl"].result_list] == [tree["phong"].pk]
    assert list(client.get(url, {"q": "y te"}).context["cl"].result_list) == []  # out of scope


def test_units_are_read_only_for_scoped_admins_and_searchable_without_accents(client, scoped_admin, tree):
    ward = AdministrativeUnitFactory(commune=True, parent=tree["province"], name="Phường Việt Trì", code="07900")
    changelist = client.get(reverse("admin:organisations_administrativeunit_changelist"), {"q": "viet tri"})
    assert list(changelist.context["cl"].result_list) == [ward]
    url = reverse("admin:organisations_administrativeunit_change", args=[ward.pk])
    response = client.post(url, {"code": "07900", "name": "Đổi tên", "level": "commune", "parent": tree["province"].pk})
    assert response.status_code == 403
    ward.refresh_from_db()
    assert ward.name == "Phường Việt Trì"


def test_superuser_adds_a_district_through_the_service(client, tree):
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:organisations_administrativeunit_add")
    data = {"code": "227", "name": "Thành phố Việt Trì", "level": "district", "division_type": "thành phố",
            "parent": tree["province"].pk, "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    district = tree["province"].children.get(code="227")
    assert district.name_folded == "thanh pho viet tri"
    assert district.events.get().action == "created"
    wrong = client.post(url, {**data, "code": "228", "parent": ""})
    assert "parent" in wrong.context["adminform"].form.errors
