import re

import pytest
from django.core import mail
from django.http import HttpRequest  # the sign-in lockout needs the request
from django.urls import reverse

from motcua.accounts.models import AccountEvent, Applicant, User
from motcua.accounts.tests.factories import TEST_PASSWORD, ApplicantFactory, UserFactory
from motcua.portal.identity import normalise_phone

pytestmark = pytest.mark.django_db
PASSWORD = "Khai-Sinh-2026"


def _register(client, **overrides):
    data = {
        "full_name": "Nguyễn Thị Lan",
        "phone": "+84 912 345 678",
        "email": "lan@example.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return client.post(reverse("portal:register"), data)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("0912345678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("(+84) 912-345-678", "0912345678"),
    ],
)
def test_phone_numbers_are_normalised(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["912345678", "09123456789", "+1 912 345 678", "abc"])
def test_bad_phone_numbers_are_refused(raw):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        normalise_phone(raw)


def test_register_creates_account_signs_in_and_audits(client):
    response = _register(client)
    # With a phone, the next step is verifying it by the code just sent; then the profile.
    assert response.status_code == 302
    assert response.url == reverse("portal:verify_phone") + "?next=%2Ftai-khoan%2F"
    user = User.objects.get(phone="0912345678")
    assert user.full_name == "Nguyễn Thị Lan" and user.email == "lan@example.vn"
    assert user.check_password(PASSWORD)
    assert AccountEvent.objects.filter(user=user, action="user_created").exists()
    assert client.get(reverse("portal:profile")).status_code == 200


def test_register_needs_phone_or_email_and_shows_errors_on_fields(client):
    response = _register(client, phone="", email="")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nhập số điện thoại hoặc thư điện tử" in body
    assert 'id="error-summary"' in body and 'aria-invalid="true"' in body
    assert not User.objects.exists()


def test_register_rejects_mismatched_and_weak_passwords(client):
    assert "Hai mật khẩu không khớp" in _register(client, password2="other-Pass-1").content.decode()
    response = _register(client, password1="12345678", password2="12345678")
    assert response.status_code == 200 and not User.objects.exists()


def test_register_refuses_a_phone_already_used(client):
    UserFactory(phone="0912345678")
    response = _register(client, email="other@example.vn")
    assert "Số điện thoại này đã được dùng" in response.content.decode()


@pytest.mark.parametrize("identifier", ["0912345678", "+84912345678", "LAN@example.vn"])
def test_login_with_phone_or_email(client, identifier):
    _register(client)
    client.logout()
    response = client.post(reverse("portal:login"), {"username": identifier, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("portal:my_dossiers")


def test_login_failure_is_explained(client):
    _register(client)
    client.logout()
    response = client.post(reverse("portal:login"), {"username": "0912345678", "password": "wrong"})
    assert response.status_code == 200
    assert "mật khẩu không đúng" in response.content.decode()


def test_login_ignores_an_unsafe_next(client):
    _register(client)
    client.logout()
    response = client.post(
        reverse("portal:login"), {"username": "0912345678", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == reverse("portal:my_dossiers")


def test_profile_validates_citizen_id_and_creates_the_applicant(client):
    _register(client)
    url = reverse("portal:profile")
    bad = client.post(url, {"full_name": "Nguyễn Thị Lan", "id_number": "12345", "phone": "0912345678"})
    assert "12 chữ số" in bad.content.decode()
    assert not Applicant.objects.exists()
    good = client.post(
        url,
        {
            "full_name": "Nguyễn Thị Lan",
            "id_number": "025195000123",
            "date_of_birth": "02/09/1995",
            "phone": "0912345678",
            "email": "lan@example.vn",
            "address": "Số 1 Hùng Vương, phường Việt Trì, tỉnh Phú Thọ",
        },
    )
    assert good.status_code == 302
    applicant = Applicant.objects.get(user__phone="0912345678")
    assert applicant.id_number == "025195000123" and applicant.date_of_birth.isoformat() == "1995-09-02"
    assert applicant.kind == "citizen"


def test_profile_refuses_an_id_number_linked_to_another_account(client):
    ApplicantFactory(id_number="025195000999", user=UserFactory())
    _register(client)
    response = client.post(
        reverse("portal:profile"), {"full_name": "Nguyễn Thị Lan", "id_number": "025195000999", "phone": "0912345678"}
    )
    assert "đã gắn với một tài khoản khác" in response.content.decode()


def test_profile_needs_login(client):
    response = client.get(reverse("portal:profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("portal:login"))


def test_password_reset_by_email(client):
    _register(client)
    client.logout()
    response = client.post(reverse("portal:password_reset"), {"email": "lan@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/dat-lai-mat-khau/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = "Mat-khau-moi-2026"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert User.objects.get(phone="0912345678").check_password(new)


def test_password_reset_does_not_reveal_unknown_addresses(client):
    response = client.post(reverse("portal:password_reset"), {"email": "nobody@example.vn"})
    assert response.status_code == 302 and mail.outbox == []


def test_logout_is_a_post(client):
    user = UserFactory()
    client.login(request=HttpRequest(), username=user.username, password=TEST_PASSWORD)
    assert client.post(reverse("portal:logout")).status_code == 302
    assert client.get(reverse("portal:profile")).status_code == 302


def test_pages_switch_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("portal:login")).content.decode()
    assert '<html lang="en">' in page
    assert "E-mail or phone number" in page and "Forgot your password?" in page
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Thư điện tử hoặc số điện thoại" in client.get(reverse("portal:login")).content.decode()


def test_login_locks_after_repeated_failures(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.LOGIN_LOCKOUT_ATTEMPTS = 3
    _register(client)
    client.logout()
    url = reverse("portal:login")
    for typed in ["0912345678", "+84912345678"]:
        assert client.post(url, {"username": typed, "password": "wrong"}).status_code == 200
    # The failure that reaches the limit already answers with the lockout page, as on every sign-in page.
    assert client.post(url, {"username": "0912 345 678", "password": "wrong"}).status_code == 429
    locked = client.post(url, {"username": "0912345678", "password": PASSWORD})
    assert locked.status_code == 429 and "quá nhiều lần" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    cache.clear()


def test_locked_login_does_not_check_the_password(client, settings, monkeypatch):
    from django.core.cache import cache

    from motcua.accounts.auth_backends import EmailOrPhoneBackend

    cache.clear()
    settings.LOGIN_LOCKOUT_ATTEMPTS = 1
    _register(client)
    client.logout()
    client.post(reverse("portal:login"), {"username": "0912345678", "password": "wrong"})
    calls = []
    monkeypatch.setattr(EmailOrPhoneBackend, "authenticate", lambda *a, **k: calls.append(1))
    response = client.post(reverse("portal:login"), {"username": "0912345678", "password": PASSWORD})
    assert response.status_code == 429 and calls == []
    cache.clear()
