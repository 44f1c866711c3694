"""Admin for accounts, memberships and applicants: scoped, audited, no direct saves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.accounts.models import AccountEvent, Applicant, Membership, Role, User
from motcua.accounts.tests.factories import ApplicantFactory, MembershipFactory, UserFactory
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("motcua.organisations.tests.admin_urls")]


@pytest.fixture
def tree():
    ubnd = AgencyFactory(name="UBND tỉnh")
    so_tp = AgencyFactory(name="Sở Tư pháp", parent=ubnd)
    phong = AgencyFactory(name="Phòng Hành chính tư pháp", parent=so_tp)
    so_yt = AgencyFactory(name="Sở Y tế", parent=ubnd)
    return {"ubnd": ubnd, "so_tp": so_tp, "phong": phong, "so_yt": so_yt}


@pytest.fixture
def scoped_admin(client, tree):
    user = UserFactory(username="quantri.tuphap", is_staff=True)
    MembershipFactory(user=user, agency=tree["so_tp"], role=Role.ADMINISTRATOR)
    client.force_login(user)
    return user


def membership_management(prefix="memberships", rows=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(sum(1 for r in rows if r.get("id"))),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def user_form(user, rows=(), **changes):
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "phone": user.phone,
        "is_active": "on",
    }
    data.update(changes)
    data.update(membership_management(rows=rows))
    return data


def test_users_list_is_scoped(client, scoped_admin, tree):
    inside = MembershipFactory(agency=tree["phong"], role=Role.SPECIALIST).user
    outside = MembershipFactory(agency=tree["so_yt"], role=Role.SPECIALIST).user
    UserFactory(superuser=True)
    response = client.get(reverse("admin:accounts_user_changelist"))
    shown = set(response.context["cl"].result_list)
    assert inside in shown and scoped_admin in shown
    assert outside not in shown
    assert not any(u.is_superuser for u in shown)


def test_cannot_edit_a_user_who_also_works_outside_the_subtree(client, scoped_admin, tree):
    both = MembershipFactory(agency=tree["phong"], role=Role.SPECIALIST).user
    MembershipFactory(user=both, agency=tree["so_yt"], role=Role.SPECIALIST)
    url = reverse("admin:accounts_user_change", args=[both.pk])
    assert client.get(url).context["has_change_permission"] is False
    response = client.post(url, user_form(both, full_name="Đổi tên"))
    assert response.status_code == 403
    both.refresh_from_db()
    assert both.full_name != "Đổi tên"


def test_add_user_needs_a_role_in_the_subtree_and_uses_the_services(client, scoped_admin, tree):
    url = reverse("admin:accounts_user_add")
    base = {"username": "chuyenvien.moi", "full_name": "Lê Văn Mới", "password1": "MotCua@2026",
            "password2": "MotCua@2026", "usable_password": "true"}  # fmt: skip
    missing = client.post(url, base)
    assert missing.status_code == 200
    assert not User.objects.filter(username="chuyenvien.moi").exists()
    outside = client.post(url, {**base, "agency": tree["so_yt"].pk, "role": Role.SPECIALIST})
    assert "agency" in outside.context["adminform"].form.errors
    response = client.post(url, {**base, "agency": tree["phong"].pk, "role": Role.SPECIALIST})
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="chuyenvien.moi")
    assert user.check_password("MotCua@2026")
    assert user.memberships.get().agency == tree["phong"]
    assert set(AccountEvent.objects.filter(user=user).values_list("action", "actor")) == {
        ("user_created", scoped_admin.pk),
        ("membership_granted", scoped_admin.pk),
    }


def test_inline_memberships_grant_and_revoke_through_services(client, scoped_admin, tree):
    official = MembershipFactory(agency=tree["phong"], role=Role.SPECIALIST).user
    existing = official.memberships.get()
    url = reverse("admin:accounts_user_change", args=[official.pk])
    rows = [
        {"id": existing.pk, "user": official.pk, "agency": tree["phong"].pk, "role": Role.SPECIALIST,
         "title": "", "DELETE": "on"},
        {"user": official.pk, "agency": tree["phong"].pk, "role": Role.HEAD_OF_DIVISION,
         "title": "Trưởng phòng", "is_active": "on"},
    ]  # fmt: skip
    response = client.post(url, user_form(official, rows=rows))
    assert response.status_code == 302, response.context["adminform"].form.errors
    existing.refresh_from_db()
    assert existing.is_active is False  # revoked, not deleted
    head = Membership.objects.get(user=official, role=Role.HEAD_OF_DIVISION)
    assert (head.agency, head.title, head.is_active) == (tree["phong"], "Trưởng phòng", True)
    actions = list(AccountEvent.objects.filter(user=official).values_list("action", flat=True))
    assert sorted(actions) == ["membership_granted", "membership_revoked"]


def test_inline_cannot_grant_outside_the_subtree(client, scoped_admin, tree):
    official = MembershipFactory(agency=tree["phong"], role=Role.SPECIALIST).user
    url = reverse("admin:accounts_user_change", args=[official.pk])
    existing = official.memberships.get()
    rows = [
        {"id": existing.pk, "user": official.pk, "agency": tree["phong"].pk, "role": Role.SPECIALIST,
         "title": "", "is_active": "on"},
        {"user": official.pk, "agency": tree["so_yt"].pk, "role": Role.LEADER, "title": "", "is_active": "on"},
    ]  # fmt: skip
    response = client.post(url, user_form(official, rows=rows))
    assert response.status_code == 200
    assert not Membership.objects.filter(agency=tree["so_yt"]).exists()


def test_scoped_admin_cannot_make_a_superuser(client, scoped_admin, tree):
    official = MembershipFactory(agency=tree["phong"], role=Role.SPECIALIST).user
    existing = official.memberships.get()
    rows = [{"id": existing.pk, "user": official.pk, "agency": tree["phong"].pk, "role": Role.SPECIALIST,
             "title": "", "is_active": "on"}]  # fmt: skip
    url = reverse("admin:accounts_user_change", args=[official.pk])
    response = client.post(url, user_form(official, rows=rows, is_superuser="on", is_staff="on"))
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.is_staff and not official.is_superuser


def test_password_change_is_audited(client, scoped_admin, tree):
    official = MembershipFactory(agency=tree["phong"], role=Role.SPECIALIST).user
    url = reverse("admin:auth_user_password_change", args=[official.pk])
    response = client.post(url, {"password1": "MatKhau@Moi2026", "password2": "MatKhau@Moi2026",
                                 "usable_password": "true"})  # fmt: skip
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.check_password("MatKhau@Moi2026")
    event = AccountEvent.objects.get(user=official, action="user_updated")
    assert event.actor == scoped_admin
    assert event.data == {"password": ["***", "***"]}


def test_membership_list_is_scoped_and_revokes_instead_of_deleting(client, scoped_admin, tree):
    inside = MembershipFactory(agency=tree["phong"], role=Role.SPECIALIST)
    MembershipFactory(agency=tree["so_yt"], role=Role.SPECIALIST)
    response = client.get(reverse("admin:accounts_membership_changelist"))
    assert set(response.context["cl"].result_list) == {inside, scoped_admin.memberships.get()}
    url = reverse("admin:accounts_membership_change", args=[inside.pk])
    assert client.post(url, {"title": "Chuyên viên"}).status_code == 302
    inside.refresh_from_db()
    assert inside.is_active is False
    assert AccountEvent.objects.get(action="membership_revoked").actor == scoped_admin


def test_applicant_admin_validates_and_audits(client):
    support = UserFactory(superuser=True)
    client.force_login(support)
    url = reverse("admin:accounts_applicant_add")
    data = {"kind": "citizen", "full_name": "Nguyễn Thị Dung", "id_number": "12345", "phone": "+84 912 000 111",
            "tax_code": "", "email": "", "address": "", "date_of_birth": ""}  # fmt: skip
    bad = client.post(url, data)
    assert bad.status_code == 200
    assert "id_number" in bad.context["adminform"].form.errors
    assert client.post(url, {**data, "id_number": "025195000111"}).status_code == 302
    applicant = Applicant.objects.get()
    assert (applicant.phone, applicant.name_folded) == ("0912000111", "nguyen thi dung")
    assert AccountEvent.objects.get(applicant=applicant, action="applicant_created").actor == support

    change = reverse("admin:accounts_applicant_change", args=[applicant.pk])
    other = ApplicantFactory()
    duplicate = client.post(change, {**data, "id_number": other.id_number})
    assert "đã có trong hồ sơ của người khác" in str(duplicate.context["adminform"].form.errors)
    search = client.get(reverse("admin:accounts_applicant_changelist"), {"q": "thi dung"})
    assert list(search.context["cl"].result_list) == [applicant]


@pytest.mark.parametrize("superuser", [True, False])
def test_every_admin_page_renders(client, tree, superuser):
    if superuser:
        client.force_login(UserFactory(superuser=True))
    else:
        user = UserFactory(is_staff=True)
        MembershipFactory(user=user, agency=tree["ubnd"], role=Role.ADMINISTRATOR)
        client.force_login(user)
    official = MembershipFactory(agency=tree["phong"], role=Role.SPECIALIST)
    applicant = ApplicantFactory()
    pages = [
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_add"),
        reverse("admin:accounts_user_change", args=[official.user.pk]),
        reverse("admin:auth_user_password_change", args=[official.user.pk]),
        reverse("admin:accounts_membership_changelist"),
        reverse("admin:accounts_membership_add"),
        reverse("admin:accounts_membership_change", args=[official.pk]),
        reverse("admin:organisations_agency_changelist"),
        reverse("admin:organisations_agency_add"),
        reverse("admin:organisations_agency_change", args=[tree["phong"].pk]),
        reverse("admin:organisations_administrativeunit_changelist"),
        reverse("admin:organisations_administrativeunit_change", args=[tree["phong"].administrative_unit_id]),
    ]
    applicant_pages = [
        reverse("admin:accounts_applicant_changelist"),
        reverse("admin:accounts_applicant_add"),
        reverse("admin:accounts_applicant_change", args=[applicant.pk]),
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
    # Applicants' personal data: superusers only (a support case), never the administrator role.
    for page in applicant_pages:
        assert client.get(page).status_code == (200 if superuser else 403), page


def test_membership_add_offers_only_accounts_and_agencies_in_scope(client, scoped_admin, tree):
    inside = MembershipFactory(agency=tree["phong"], role=Role.SPECIALIST).user
    outside = MembershipFactory(agency=tree["so_yt"], role=Role.SPECIALIST).user
    url = reverse("admin:accounts_membership_add")
    refused = client.post(url, {"user": outside.pk, "agency": tree["phong"].pk, "role": Role.LEADER,
                                "title": "", "is_active": "on"})  # fmt: skip
    assert "user" in refused.context["adminform"].form.errors
    response = client.post(url, {"user": inside.pk, "agency": tree["phong"].pk, "role": Role.HEAD_OF_DIVISION,
                                 "title": "Phó Trưởng phòng", "is_active": "on"})  # fmt: skip
    assert response.status_code == 302
    granted = Membership.objects.get(user=inside, role=Role.HEAD_OF_DIVISION)
    assert granted.title == "Phó Trưởng phòng"
    assert AccountEvent.objects.get(user=inside, action="membership_granted").actor == scoped_admin


def test_user_page_shows_the_linked_identities_read_only(client):
    from datetime import datetime

    from motcua.accounts.models import ExternalIdentity
    from motcua.workdays.constants import VIETNAM_TZ

    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    citizen = UserFactory(username="congdan")
    moment = datetime(2026, 11, 20, 8, 15, tzinfo=VIETNAM_TZ)
    issuer = "https://sso.dichvucong.gov.vn"
    ExternalIdentity.objects.create(
        issuer=issuer, subject="vneid-001", user=citizen, linked_at=moment, last_login_at=moment
    )
    client.force_login(admin)
    page = client.get(reverse("admin:accounts_user_change", args=[citizen.pk])).content.decode()
    assert "https://sso.dichvucong.gov.vn · vneid-001" in page
    assert "20/11/2026" in page and "08:15" in page
    assert 'name="linked_identities"' not in page  # shown, not editable
    other = client.get(reverse("admin:accounts_user_change", args=[admin.pk])).content.decode()
    assert "Chưa liên kết." in other
