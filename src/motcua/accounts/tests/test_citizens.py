"""Citizens' own accounts: self-registration, profile, sign-in through an identity provider, sign-in backend."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from motcua.accounts import citizens
from motcua.accounts.auth_backends import EmailOrPhoneBackend
from motcua.accounts.citizens import register_citizen, save_citizen_profile, sign_in_with_external_identity
from motcua.accounts.models import AccountEvent, Applicant, ApplicantKind, ExternalIdentity
from motcua.accounts.selectors import citizen_applicant, citizen_profile
from motcua.accounts.tests.factories import TEST_PASSWORD, ApplicantFactory, UserFactory
from motcua.core.exceptions import Conflict

pytestmark = pytest.mark.django_db
ISSUER = "https://id.example.gov.vn"
NOW = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC)
ID_NUMBER = "001090000111"  # born 1990 in Hà Nội, male


def _citizen(**overrides: str):  # type: ignore[no-untyped-def]
    data = {"full_name": "Trần Thị Bình", "email": "Binh@Example.vn", "phone": "0912345678", "password": TEST_PASSWORD}
    return register_citizen(**{**data, **overrides}, actor=AnonymousUser())


def test_registration_creates_an_active_account_named_after_the_phone() -> None:
    user = _citizen()
    assert (user.username, user.email, user.is_active, user.check_password(TEST_PASSWORD)) == (
        "0912345678",
        "binh@example.vn",
        True,
        True,
    )
    event = AccountEvent.objects.get(user=user)
    assert (event.action, event.actor) == ("user_created", None)


def test_registration_without_phone_uses_the_email() -> None:
    assert _citizen(phone="").username == "binh@example.vn"


def test_registration_refuses_identifiers_of_another_account() -> None:
    _citizen()
    with pytest.raises(Conflict) as caught:
        _citizen(email="BINH@example.vn", phone="0912345678")
    assert set(caught.value.fields) == {"email", "phone"}


def test_profile_without_id_number_updates_the_account_only() -> None:
    user = _citizen()
    assert save_citizen_profile(user, actor=user, full_name="Trần Thị Bình An", phone="0912345678") is None
    user.refresh_from_db()
    assert user.full_name == "Trần Thị Bình An" and user.email == ""
    assert not Applicant.objects.exists()


def test_profile_with_id_number_links_the_applicant_record() -> None:
    user = _citizen()
    applicant = save_citizen_profile(
        user, actor=user, full_name="Trần Thị Bình", phone="0912345678", id_number=ID_NUMBER, address="Hà Nội"
    )
    assert applicant is not None and applicant == citizen_applicant(user)
    assert (applicant.kind, applicant.user, applicant.address) == (ApplicantKind.CITIZEN, user, "Hà Nội")
    assert citizen_profile(user)["id_number"] == ID_NUMBER
    assert AccountEvent.objects.filter(applicant=applicant, action="applicant_created", actor=user).exists()


def test_declared_id_number_cannot_be_changed_by_the_citizen() -> None:
    user = _citizen()
    save_citizen_profile(user, actor=user, full_name="Trần Thị Bình", id_number=ID_NUMBER)
    with pytest.raises(Conflict) as caught:
        save_citizen_profile(user, actor=user, full_name="Trần Thị Bình", id_number="001190000222")
    assert caught.value.code == "id_number_locked"


def test_id_number_of_another_account_is_refused_and_nothing_is_saved() -> None:
    ApplicantFactory(kind=ApplicantKind.CITIZEN, id_number=ID_NUMBER, user=UserFactory())
    user = _citizen()
    with pytest.raises(Conflict) as caught:
        save_citizen_profile(user, actor=user, full_name="Tên Mới", id_number=ID_NUMBER)
    assert caught.value.code == "id_number_taken"
    user.refresh_from_db()
    assert user.full_name == "Trần Thị Bình"  # the whole change rolled back


def test_first_external_sign_in_creates_and_links_an_account() -> None:
    with time_machine.travel(NOW, tick=False):
        user = sign_in_with_external_identity(
            issuer=ISSUER, subject="s-1", full_name="Lê Văn Định", phone="0987654321", id_number=ID_NUMBER
        )
    identity = ExternalIdentity.objects.get(issuer=ISSUER, subject="s-1")
    assert identity.user == user and identity.linked_at == NOW
    assert not user.has_usable_password() and user.phone == "0987654321"
    assert Applicant.objects.get(user=user).id_number == ID_NUMBER
    linked = AccountEvent.objects.get(action="external_identity_linked")
    assert (linked.user, linked.data) == (user, {"identity": identity.pk, "issuer": ISSUER})


def test_next_external_sign_in_reuses_the_account() -> None:
    with time_machine.travel(NOW, tick=False):
        first = sign_in_with_external_identity(issuer=ISSUER, subject="s-1", full_name="Lê Văn Định")
    later = NOW + datetime.timedelta(days=3)
    with time_machine.travel(later, tick=False):
        again = sign_in_with_external_identity(issuer=ISSUER, subject="s-1", full_name="Tên Khác")
    assert again == first and again.full_name == "Lê Văn Định"
    assert ExternalIdentity.objects.get().last_login_at == later


def test_external_sign_in_never_takes_over_identifiers_or_an_id_number() -> None:
    owner = _citizen()
    save_citizen_profile(
        owner, actor=owner, full_name="Trần Thị Bình", phone="0912345678", email="binh@example.vn", id_number=ID_NUMBER
    )
    user = sign_in_with_external_identity(
        issuer=ISSUER,
        subject="s-2",
        full_name="Trần Thị Bình",
        phone="0912345678",
        email="binh@example.vn",
        id_number=ID_NUMBER,
    )
    assert user != owner and (user.phone, user.email) == ("", "")
    assert citizen_applicant(user) is None  # the citizen sorts the ID out in the profile
    assert Applicant.objects.get(id_number=ID_NUMBER).user == owner


def test_simultaneous_first_sign_in_returns_the_account_linked_by_the_other(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    other = UserFactory(username="oidc-first")
    ExternalIdentity.objects.create(issuer=ISSUER, subject="s-3", user=other, linked_at=NOW, last_login_at=NOW)
    # The other request's row is not visible yet when this one looks it up; its insert then collides.
    monkeypatch.setattr(citizens, "_linked_identity", lambda issuer, subject: None)
    assert sign_in_with_external_identity(issuer=ISSUER, subject="s-3", full_name="Lê Văn Định") == other
    assert ExternalIdentity.objects.count() == 1
    assert not AccountEvent.objects.filter(action__in=["user_created", "external_identity_linked"]).exists()


@pytest.mark.parametrize("identifier", ["binh@EXAMPLE.vn", "0912345678", "+84 912 345 678", "0912.345.678"])
def test_backend_finds_the_account_by_email_or_phone(identifier: str) -> None:
    user = _citizen()
    assert EmailOrPhoneBackend().authenticate(None, username=identifier, password=TEST_PASSWORD) == user
    assert EmailOrPhoneBackend().authenticate(None, username=identifier, password="sai") is None


def test_backend_refuses_unknown_identifiers_and_inactive_accounts() -> None:
    user = _citizen()
    backend = EmailOrPhoneBackend()
    assert backend.authenticate(None, username="abc", password=TEST_PASSWORD) is None
    assert backend.authenticate(None, username="khong@example.vn", password=TEST_PASSWORD) is None
    user.is_active = False
    user.save()
    assert backend.authenticate(None, username="0912345678", password=TEST_PASSWORD) is None
