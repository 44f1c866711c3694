"""Sign-in, lockout after repeated failures, sign-out and the agency/role switch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from motcua.backoffice.acting import SESSION_KEY

pytestmark = pytest.mark.django_db
LOGIN = reverse("backoffice:login")
START = datetime(2026, 4, 6, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội, a Monday


def _post(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_login_page_is_vietnamese_and_labelled(client: Client) -> None:
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="vi"' in html
    assert '<label for="id_username">Tên đăng nhập' in html
    assert '<label for="id_password">Mật khẩu' in html


def test_official_signs_in_and_lands_on_the_inbox(client: Client, officer: Any) -> None:
    response = _post(client, "motcua1", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:inbox")
    page = client.get(reverse("backoffice:inbox"))
    html = page.content.decode()
    assert "Cán bộ một cửa · Sở Tư pháp" in html


def test_safe_next_is_followed_and_foreign_next_ignored(client: Client, officer: Any) -> None:
    response = client.post(LOGIN + "?next=/can-bo/?tab=overdue", {"username": "motcua1", "password": TEST_PASSWORD})
    assert response["Location"] == "/can-bo/?tab=overdue"
    client.logout()
    response = client.post(LOGIN, {"username": "motcua1", "password": TEST_PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("backoffice:inbox")


def test_anonymous_is_sent_to_login_with_next(client: Client) -> None:
    response = client.get(reverse("backoffice:inbox") + "?tab=overdue")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN + "?next=")


def test_wrong_password_says_how_many_attempts_remain(client: Client, officer: Any) -> None:
    response = _post(client, "motcua1", "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng. Còn 4 lần thử" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_even_the_right_password_for_fifteen_minutes(client: Client, officer: Any) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        for _ in range(4):
            _post(client, "motcua1", "sai")
        response = _post(client, "MOTCUA1", "sai")  # user names count case-insensitively
        assert response.status_code == 429
        assert "tạm bị khóa đăng nhập" in response.content.decode()
        assert "đến 09:15" in response.content.decode()

        traveller.shift(timedelta(minutes=14))
        response = _post(client, "motcua1", TEST_PASSWORD)
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

        traveller.shift(timedelta(minutes=2))
        response = _post(client, "motcua1", TEST_PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(officer.pk)


def test_lock_is_per_ip_address(client: Client, officer: Any) -> None:
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            _post(client, "motcua1", "sai", REMOTE_ADDR="10.0.0.1")
        assert _post(client, "motcua1", TEST_PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 429
        assert _post(client, "motcua1", TEST_PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_failures_outside_the_window_do_not_count(client: Client, officer: Any) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        for _ in range(4):
            _post(client, "motcua1", "sai")
        traveller.shift(timedelta(minutes=16))
        response = _post(client, "motcua1", "sai")
        assert response.status_code == 200
        assert "Còn 4 lần thử" in response.content.decode()


def _errors(response: Any) -> str:
    return " ".join(str(error) for error in response.context["form"].non_field_errors())


def test_a_right_password_without_an_official_role_answers_like_a_wrong_one(client: Client) -> None:
    """No password oracle: a citizen's right password and a wrong one get the same words and status,
    both count towards the lockout, and neither signs in."""
    UserFactory(username="congdan")
    UserFactory(username="congdan2")
    right = _post(client, "congdan", TEST_PASSWORD)
    wrong = _post(client, "congdan2", "sai-mat-khau")
    assert "_auth_user_id" not in client.session
    assert right.status_code == wrong.status_code == 200
    assert (
        _errors(right) == _errors(wrong) == "Tên đăng nhập hoặc mật khẩu không đúng. Còn 4 lần thử trước khi tạm khóa."
    )
    assert "vai trò cán bộ" not in right.content.decode()


def test_right_passwords_without_a_role_count_towards_the_lockout(client: Client, settings: Any) -> None:
    settings.LOGIN_LOCKOUT_ATTEMPTS = 2
    UserFactory(username="congdan")
    assert _post(client, "congdan", TEST_PASSWORD).status_code == 200
    assert _post(client, "congdan", TEST_PASSWORD).status_code == 429


def test_logout_needs_post(client: Client, officer: Any) -> None:
    client.force_login(officer)
    assert client.get(reverse("backoffice:logout")).status_code == 405
    response = client.post(reverse("backoffice:logout"))
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_switch_between_own_memberships_only(client: Client, agency: Any, other_agency: Any) -> None:
    user = UserFactory(username="dabiet")
    first = MembershipFactory(user=user, agency=agency, role=Role.ONE_STOP_OFFICER)
    second = MembershipFactory(user=user, agency=other_agency, role=Role.SPECIALIST)
    stranger = MembershipFactory(agency=other_agency, role=Role.LEADER)
    client.force_login(user)

    html = client.get(reverse("backoffice:inbox")).content.decode()
    assert f'<option value="{first.pk}" selected>' in html
    assert "Chuyên viên xử lý · Sở Xây dựng" in html

    client.post(reverse("backoffice:switch"), {"membership": second.pk})
    assert client.session[SESSION_KEY] == second.pk
    assert f'<option value="{second.pk}" selected>' in client.get(reverse("backoffice:inbox")).content.decode()

    response = client.post(reverse("backoffice:switch"), {"membership": stranger.pk}, follow=True)
    assert client.session[SESSION_KEY] == second.pk
    assert "không còn hiệu lực" in response.content.decode()


def test_revoked_membership_stops_working_at_the_next_request(client: Client, agency: Any, other_agency: Any) -> None:
    user = UserFactory(username="thuhoi")
    MembershipFactory(user=user, agency=agency, role=Role.ONE_STOP_OFFICER)
    second = MembershipFactory(user=user, agency=other_agency, role=Role.SPECIALIST)
    client.force_login(user)
    client.post(reverse("backoffice:switch"), {"membership": second.pk}, follow=True)
    second.is_active = False  # an administrator's change; the accounts service is not under test here
    second.save()
    html = client.get(reverse("backoffice:inbox")).content.decode()
    assert "Cán bộ một cửa · Sở Tư pháp" in html
    assert "Sở Xây dựng" not in html


def test_official_without_active_membership_gets_403(client: Client) -> None:
    user = UserFactory(username="hethan")
    MembershipFactory(user=user, is_active=False)
    client.force_login(user)
    response = client.get(reverse("backoffice:inbox"))
    assert response.status_code == 403
    assert "chưa có vai trò cán bộ" in response.content.decode()


def test_sign_in_page_follows_the_language_chosen_on_the_portal(client: Client, officer: Any) -> None:
    html = client.get(LOGIN).content.decode()
    assert '<html lang="vi">' in html and 'value="en"' in html  # the switch offers English
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(LOGIN).content.decode()
    assert '<html lang="en">' in html
    assert "Sign-in for officials" in html and 'value="vi"' in html


def test_superuser_chooses_any_agency_and_role(client: Client, agency: Any) -> None:
    admin = UserFactory(superuser=True)
    response = _post(client, admin.username, TEST_PASSWORD)
    assert response.status_code == 302
    response = client.get(reverse("backoffice:inbox"))
    assert response["Location"] == reverse("backoffice:act_as")
    response = client.post(reverse("backoffice:act_as"), {"agency": agency.pk, "role": Role.LEADER}, follow=True)
    html = response.content.decode()
    assert "Lãnh đạo cơ quan · Sở Tư pháp" in html
    assert "Chờ phê duyệt" in html  # the leader's inbox


def test_only_superusers_may_act_as_anything(client: Client, officer: Any, other_agency: Any) -> None:
    client.force_login(officer)
    response = client.post(reverse("backoffice:act_as"), {"agency": other_agency.pk, "role": Role.LEADER})
    assert response["Location"] == reverse("backoffice:inbox")
    assert "Cán bộ một cửa · Sở Tư pháp" in client.get(reverse("backoffice:inbox")).content.decode()
