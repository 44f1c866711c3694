"""Two-factor sign-in pages: set-up, verification after the password, enforcement per role, admin reset."""

from __future__ import annotations

import time
from typing import Any

import pytest
import time_machine
from django.contrib.auth.signals import user_login_failed
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts import twofactor
from motcua.accounts.models import AccountEvent, Role
from motcua.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from motcua.accounts.tests.test_twofactor import code_now, enrolled

pytestmark = pytest.mark.django_db
LOGIN = reverse("backoffice:login")
INBOX = reverse("backoffice:inbox")
VERIFY = reverse("backoffice:two_factor")
SETUP = reverse("backoffice:two_factor_setup")


@pytest.fixture(autouse=True)
def _required_roles(settings: Any) -> None:
    settings.TWO_FACTOR_REQUIRED_ROLES = ["head_of_division", "leader", "administrator", "superuser"]


@pytest.fixture
def leader(agency: Any) -> Any:
    return MembershipFactory(agency=agency, role=Role.LEADER, user=UserFactory(username="giamdoc")).user


def _sign_in(client: Client, username: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": TEST_PASSWORD})


def _wrong(device: TOTPDevice) -> str:
    return "123456" if code_now(device) != "123456" else "654321"


def test_an_officer_whose_role_does_not_require_it_goes_straight_to_the_inbox(client: Client, officer: Any) -> None:
    _sign_in(client, "motcua1")
    assert client.get(INBOX).status_code == 200


def test_a_leader_without_a_second_factor_is_sent_to_set_up_and_cannot_reach_any_page(
    client: Client, leader: Any
) -> None:
    assert _sign_in(client, "giamdoc")["Location"] == INBOX  # the password step is unchanged
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fcan-bo%2F"
    assert client.get(VERIFY)["Location"] == f"{SETUP}?next=%2Fcan-bo%2F"
    for path in ("/can-bo/don-vi/", "/admin/", "/api/v1/dossiers/"):
        assert client.get(path).status_code in (302, 403)
    api = client.get("/api/v1/dossiers/")
    assert api.status_code == 403 and api.json()["code"] == "two_factor_required"


def test_setup_shows_a_qr_code_and_the_secret_and_confirms_with_a_first_code(client: Client, leader: Any) -> None:
    _sign_in(client, "giamdoc")
    page = client.get(SETUP + "?next=/can-bo/")
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=leader, confirmed=False)
    assert "Thiết lập xác thực hai bước" in html
    assert 'src="data:image/png;base64,' in html
    assert twofactor.secret_text(device) in html

    wrong = client.post(SETUP, {"code": _wrong(device), "next": "/can-bo/"})
    assert wrong.status_code == 400 and "Mã xác thực không đúng" in wrong.content.decode()
    with time_machine.travel(time.time() + 2, tick=False):
        done = client.post(SETUP, {"code": code_now(device), "next": "/can-bo/"})
        codes_html = done.content.decode()
        assert "Các mã chỉ hiển thị một lần này." in codes_html
        assert codes_html.count("<li><code>") == 10
        assert client.get(INBOX).status_code == 200  # the set-up verified this session


def test_a_leader_with_an_authenticator_gives_the_code_after_the_password(client: Client, leader: Any) -> None:
    device, _codes = enrolled(leader)
    _sign_in(client, "giamdoc")
    assert client.get(INBOX)["Location"].startswith(VERIFY)
    # A stolen password alone cannot replace the authenticator.
    assert client.get(SETUP)["Location"].startswith(VERIFY)
    with time_machine.travel(time.time() + 60, tick=False):
        wrong = client.post(VERIFY, {"code": _wrong(device), "next": INBOX})
        assert wrong.status_code == 400
    with time_machine.travel(time.time() + 120, tick=False):
        key_before = client.session.session_key
        right = client.post(VERIFY, {"code": code_now(device), "next": INBOX})
        assert right["Location"] == INBOX
        assert client.session.session_key != key_before
        assert client.get(INBOX).status_code == 200


def test_a_recovery_code_signs_in_and_says_how_many_are_left(client: Client, leader: Any) -> None:
    _device, codes = enrolled(leader)
    _sign_in(client, "giamdoc")
    response = client.post(VERIFY, {"code": codes[0], "next": INBOX}, follow=True)
    assert response.status_code == 200
    assert "còn 9 mã" in response.content.decode()


def test_too_many_wrong_codes_sign_the_session_out(client: Client, leader: Any, settings: Any) -> None:
    settings.TWO_FACTOR_MAX_ATTEMPTS = 3
    device, _codes = enrolled(leader)
    _sign_in(client, "giamdoc")
    for second in range(3):
        # Past django-otp's growing delay between tries, so each wrong code is really checked.
        with time_machine.travel(time.time() + 100 * (second + 1), tick=False):
            response = client.post(VERIFY, {"code": _wrong(device)})
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    assert AccountEvent.objects.filter(user=leader, action="two_factor_failed").count() == 3


def test_a_wrong_code_is_reported_as_a_failed_sign_in_for_the_lockout(client: Client, leader: Any) -> None:
    device, _codes = enrolled(leader)
    _sign_in(client, "giamdoc")
    failed: list[dict[str, Any]] = []

    def receiver(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
        failed.append(credentials)

    user_login_failed.connect(receiver)
    try:
        with time_machine.travel(time.time() + 60, tick=False):
            client.post(VERIFY, {"code": _wrong(device)})
    finally:
        user_login_failed.disconnect(receiver)
    assert failed == [{"username": "giamdoc"}]


def test_a_verified_official_regenerates_recovery_codes(client: Client, leader: Any) -> None:
    _device, old = enrolled(leader)
    _sign_in(client, "giamdoc")
    client.post(VERIFY, {"code": old[0], "next": INBOX})
    status = client.get(VERIFY).content.decode()
    assert "Còn 9 mã khôi phục chưa dùng." in status
    fresh = client.post(reverse("backoffice:two_factor_recovery"), {"next": INBOX}).content.decode()
    assert fresh.count("<li><code>") == 10
    assert twofactor.recovery_codes_left(leader) == 10


def test_recovery_codes_cannot_be_regenerated_before_verification(client: Client, leader: Any) -> None:
    _device, old = enrolled(leader)
    _sign_in(client, "giamdoc")
    response = client.post(reverse("backoffice:two_factor_recovery"))
    assert response["Location"] == VERIFY
    with time_machine.travel(time.time() + 5, tick=False):
        assert twofactor.verify(leader, old[0])  # the old codes still work


def test_nobody_is_asked_when_the_setting_is_empty(client: Client, leader: Any, settings: Any) -> None:
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    _sign_in(client, "giamdoc")
    assert client.get(INBOX).status_code == 200


def test_the_admin_asks_superusers_for_the_second_factor(client: Client) -> None:
    superuser = UserFactory(superuser=True)
    device, _codes = enrolled(superuser)
    client.post("/admin/login/", {"username": superuser.username, "password": TEST_PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    with time_machine.travel(time.time() + 60, tick=False):
        assert client.post(VERIFY, {"code": code_now(device), "next": "/admin/"})["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200


def test_an_administrator_resets_a_second_factor_and_it_is_audited(client: Client, leader: Any) -> None:
    enrolled(leader)
    superuser = UserFactory(superuser=True)
    with time_machine.travel(time.time() + 60, tick=False):
        client.force_login(superuser)
        device, _codes = enrolled(superuser)
    with time_machine.travel(time.time() + 120, tick=False):
        client.post(VERIFY, {"code": code_now(device)})
        url = reverse("admin:accounts_user_two_factor_reset", args=[leader.pk])
        change = client.get(reverse("admin:accounts_user_change", args=[leader.pk])).content.decode()
        assert url in change and "còn 10 mã khôi phục" in change
        assert "Đặt lại sẽ xóa ứng dụng xác thực" in client.get(url).content.decode()
        assert client.post(url)["Location"] == reverse("admin:accounts_user_change", args=[leader.pk])
    assert twofactor.authenticator(leader) is None
    assert AccountEvent.objects.get(user=leader, action="two_factor_reset").actor == superuser


def test_an_administrator_of_another_agency_cannot_reset(client: Client, leader: Any, other_agency: Any) -> None:
    enrolled(leader)
    staff = UserFactory(is_staff=True)
    administrator = MembershipFactory(agency=other_agency, role=Role.ADMINISTRATOR, user=staff).user
    client.force_login(administrator)
    with time_machine.travel(time.time() + 60, tick=False):
        device, _codes = enrolled(administrator)
    with time_machine.travel(time.time() + 120, tick=False):
        client.post(VERIFY, {"code": code_now(device)})
        url = reverse("admin:accounts_user_two_factor_reset", args=[leader.pk])
        assert client.post(url).status_code == 403
    assert twofactor.authenticator(leader) is not None
