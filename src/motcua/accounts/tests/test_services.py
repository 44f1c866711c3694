"""People writes: accounts, memberships, applicants (find-or-create by ID or tax code)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.accounts.models import AccountEvent, Applicant, ApplicantKind, Membership, Role
from motcua.accounts.selectors import has_role
from motcua.accounts.services import (
    create_or_update_applicant,
    create_user,
    grant_membership,
    revoke_membership,
    update_user,
)
from motcua.accounts.tests.factories import ApplicantFactory, UserFactory
from motcua.core.exceptions import DomainError
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory(superuser=True)


def test_create_user_normalises_and_audits(actor):
    user = create_user(
        actor=actor, username="chuyenvien.tuphap", password="MotCua@2026", full_name=" Lê  Thị Hoa ",
        phone="+84 912 345 678", email="Hoa@PhuTho.gov.vn",
    )  # fmt: skip
    assert (user.full_name, user.phone, user.email) == ("Lê Thị Hoa", "0912345678", "Hoa@phutho.gov.vn")
    assert user.check_password("MotCua@2026")
    assert AccountEvent.objects.get(user=user).action == "user_created"
    with pytest.raises(DomainError) as caught:
        create_user(actor=actor, username="ChuyenVien.TuPhap")
    assert caught.value.code == "duplicate_username"


def test_weak_password_is_refused_with_a_field_error(actor):
    with pytest.raises(DomainError) as caught:
        create_user(actor=actor, username="motcua.x", password="123")
    assert "password" in caught.value.fields


def test_update_user_logs_changes_but_never_the_password(actor):
    user = UserFactory(full_name="A")
    update_user(user, actor=actor, full_name="Nguyễn Văn A", password="MotCua@2026-moi")
    event = AccountEvent.objects.get(action="user_updated")
    assert event.data == {"full_name": ["A", "Nguyễn Văn A"], "password": ["***", "***"]}
    user.refresh_from_db()
    assert user.check_password("MotCua@2026-moi")


def test_grant_is_idempotent_and_revoke_keeps_history(actor):
    user, agency = UserFactory(), AgencyFactory()
    first = grant_membership(actor=actor, user=user, agency=agency, role=Role.SPECIALIST, title="Chuyên viên")
    again = grant_membership(actor=actor, user=user, agency=agency, role=Role.SPECIALIST, title="Chuyên viên")
    assert first == again
    assert Membership.objects.count() == 1
    assert AccountEvent.objects.filter(action="membership_granted").count() == 1
    assert has_role(user, agency, Role.SPECIALIST)

    revoke_membership(first, actor=actor)
    assert not has_role(user, agency, Role.SPECIALIST)
    assert Membership.objects.get().is_active is False
    revoke_membership(first, actor=actor)
    assert AccountEvent.objects.filter(action="membership_revoked").count() == 1

    grant_membership(actor=actor, user=user, agency=agency, role=Role.SPECIALIST)
    assert has_role(user, agency, Role.SPECIALIST)
    assert Membership.objects.count() == 1


def test_grant_refuses_bad_role_and_inactive_agency(actor):
    with pytest.raises(DomainError, match="Vai trò"):
        grant_membership(actor=actor, user=UserFactory(), agency=AgencyFactory(), role="boss")
    with pytest.raises(DomainError, match="ngừng hoạt động"):
        grant_membership(actor=actor, user=UserFactory(), agency=AgencyFactory(is_active=False), role=Role.LEADER)


def test_applicant_is_created_then_found_by_id_number(actor):
    applicant, created = create_or_update_applicant(
        actor=actor, kind=ApplicantKind.CITIZEN, full_name="Nguyễn Văn An", id_number="025 095 000 123",
        date_of_birth=datetime.date(1995, 5, 4), phone="+84912345678", email="an@example.vn",
    )  # fmt: skip
    assert created
    assert (applicant.id_number, applicant.phone, applicant.name_folded) == (
        "025095000123", "0912345678", "nguyen van an",
    )  # fmt: skip
    same, created = create_or_update_applicant(
        actor=AnonymousUser(), kind=ApplicantKind.CITIZEN, full_name="Nguyễn Văn An",
        id_number="025095000123", address="Phường Việt Trì",
    )  # fmt: skip
    assert (same.pk, created) == (applicant.pk, False)
    # Blank inputs did not erase the phone; the new address was recorded.
    assert (same.phone, same.email, same.address) == ("0912345678", "an@example.vn", "Phường Việt Trì")
    assert Applicant.objects.count() == 1
    assert list(AccountEvent.objects.values_list("action", "actor")) == [
        ("applicant_created", actor.pk), ("applicant_updated", None),
    ]  # fmt: skip


def test_business_is_found_by_tax_code(actor):
    business, _ = create_or_update_applicant(
        actor=actor, kind=ApplicantKind.BUSINESS, full_name="Công ty TNHH Chè Phú Thọ", tax_code="2600123456"
    )
    branch, created = create_or_update_applicant(
        actor=actor, kind=ApplicantKind.BUSINESS, full_name="Chi nhánh Việt Trì", tax_code="2600123456-001"
    )
    assert created and branch != business
    again, created = create_or_update_applicant(
        actor=actor, kind=ApplicantKind.BUSINESS, full_name="Công ty TNHH Chè Phú Thọ", tax_code="2600123456"
    )
    assert (again, created) == (business, False)


def test_all_invalid_fields_are_reported_together(actor):
    with pytest.raises(DomainError) as caught:
        create_or_update_applicant(
            actor=actor, kind=ApplicantKind.CITIZEN, full_name="", id_number="12345", phone="12", email="x"
        )
    assert set(caught.value.fields) == {"full_name", "id_number", "phone", "email"}
    assert caught.value.code == "invalid_applicant"
    assert not Applicant.objects.exists()


@pytest.mark.parametrize(
    ("kind", "fields", "field"),
    [
        (ApplicantKind.CITIZEN, {}, "id_number"),
        (ApplicantKind.BUSINESS, {}, "tax_code"),
        (ApplicantKind.CITIZEN, {"id_number": "025095000123", "date_of_birth": datetime.date(2001, 1, 1)}, "id_number"),
        ("alien", {"id_number": "025095000123"}, "kind"),
    ],
)
def test_required_identifiers(actor, kind, fields, field):
    with pytest.raises(DomainError) as caught:
        create_or_update_applicant(actor=actor, kind=kind, full_name="Tên", **fields)
    assert field in caught.value.fields


def test_same_number_registered_to_another_kind_is_refused(actor):
    ApplicantFactory(business=True, tax_code="2600123456")
    with pytest.raises(DomainError) as caught:
        create_or_update_applicant(
            actor=actor, kind=ApplicantKind.ORGANISATION, full_name="Hợp tác xã", tax_code="2600123456"
        )
    assert caught.value.code == "applicant_kind_mismatch"


def test_organisation_without_tax_code_is_created_each_time(actor):
    for _ in range(2):
        create_or_update_applicant(actor=actor, kind=ApplicantKind.ORGANISATION, full_name="Tổ dân phố số 5")
    assert Applicant.objects.filter(kind=ApplicantKind.ORGANISATION).count() == 2


def test_a_lost_insert_race_falls_back_to_an_update(actor, monkeypatch):
    """Another intake inserted the same person between our lookup and our insert."""
    from motcua.accounts import services

    winner = ApplicantFactory(id_number="025095000777", full_name="Nguyễn Văn Nhanh", phone="")
    real_find = services._find_applicant
    calls = []

    def stale_first_lookup(kind, cleaned):
        calls.append(kind)
        return None if len(calls) == 1 else real_find(kind, cleaned)

    monkeypatch.setattr(services, "_find_applicant", stale_first_lookup)
    applicant, created = create_or_update_applicant(
        actor=actor, kind=ApplicantKind.CITIZEN, full_name="Nguyễn Văn Nhanh", id_number="025095000777",
        phone="0912000777",
    )  # fmt: skip
    assert (applicant.pk, created) == (winner.pk, False)
    assert applicant.phone == "0912000777"
    assert Applicant.objects.count() == 1
