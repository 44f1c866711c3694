"""Registering a key from the administrators' form: a good PKCS#12 becomes the holder's key; a wrong
passphrase, an expired certificate, a key that does not match its certificate, a missing token are refused
with a clear message on the form, never a 500."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError
from motcua.organisations.tests.factories import AgencyFactory
from motcua.signatures import pki, registration, testpki
from motcua.signatures.models import SigningKey
from motcua.signatures.tests.fixtures import PKI_MOMENT

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)


def _p12(issued: pki.Issued, passphrase: str = "mat-khau-cua-so") -> bytes:  # noqa: S107
    return pkcs12.serialize_key_and_certificates(
        b"so", issued.key, issued.certificate, None, serialization.BestAvailableEncryption(passphrase.encode())
    )


def _issued(years: int = 3, moment: datetime = PKI_MOMENT) -> pki.Issued:
    root = testpki.ensure_root(now=PKI_MOMENT)
    return pki.issue(
        root, holder=pki.Holder.AGENCY, common_name="Sở Tư pháp", organisation="Sở Tư pháp", now=moment, years=years
    )


def test_a_good_pkcs12_is_re_encrypted_and_becomes_the_agency_key(signing):
    agency = AgencyFactory(name="Sở Tư pháp")
    key = registration.register_pkcs12(
        _p12(_issued()), "mat-khau-cua-so", label="Sở Tư pháp", agency=agency, actor=None, now=NOW
    )
    assert key.is_active and key.agency == agency and "Sở Tư pháp" in key.certificate_subject
    assert (signing / key.file_name).stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("wrong passphrase", "passphrase", "Sai mật khẩu"),
        ("not a pkcs12", "passphrase", "không phải tệp khóa PKCS#12"),
        ("expired", "file", "đã hết hạn"),
        ("variable unset", "secret_variable", "chưa được đặt"),
    ],
)
def test_bad_keys_are_refused_on_the_right_field(signing, case, field, message):
    agency = AgencyFactory()
    content, passphrase, variable = _p12(_issued()), "mat-khau-cua-so", ""
    if case == "wrong passphrase":
        passphrase = "sai"
    elif case == "not a pkcs12":
        content = b"\x30\x03\x02\x01\x00 not pkcs12"
    elif case == "expired":
        content = _p12(_issued(years=1, moment=NOW - timedelta(days=800)))
    elif case == "variable unset":
        variable = "MAT_KHAU_KHONG_CO"
    with pytest.raises(DomainError) as refused:
        registration.register_pkcs12(
            content, passphrase, label="Khóa", secret_variable=variable, agency=agency, actor=None, now=NOW
        )
    assert field in refused.value.fields and message in refused.value.message
    assert not SigningKey.objects.filter(agency=agency).exists()


def test_a_key_that_does_not_match_its_certificate_is_refused(signing):
    one, other = _issued(), _issued()
    with pytest.raises(DomainError, match="không khớp"):
        registration.check_certificate(one.key, other.certificate, now=NOW)


def test_the_admin_form_registers_a_key_and_shows_errors(client, signing, monkeypatch):
    admin = UserFactory(superuser=True)
    client.force_login(admin)
    agency = AgencyFactory(name="UBND xã Thanh Ba")
    url = reverse("admin:signatures_signingkey_register")
    assert client.get(url).status_code == 200

    def post(**data):
        base = {"agency": agency.pk, "kind": "pkcs12", "label": "UBND xã Thanh Ba", "passphrase": "mat-khau-cua-so"}
        base.update(data)
        return client.post(url, base)

    wrong = post(file=SimpleUploadedFile("xa.p12", _p12(_issued())), passphrase="sai")
    assert wrong.status_code == 400 and "Sai mật khẩu" in wrong.content.decode()
    token = post(
        kind="pkcs11", pkcs11_module="/khong/co/libtoken.so", token_label="T", key_label="K", secret_variable="PIN_T"
    )
    assert token.status_code == 400 and "Chưa cấu hình mật khẩu khóa ký" in token.content.decode()
    monkeypatch.setenv("PIN_T", "1234")
    absent = post(
        kind="pkcs11", pkcs11_module="/khong/co/libtoken.so", token_label="T", key_label="K", secret_variable="PIN_T"
    )
    assert absent.status_code == 400 and "Không mở được thiết bị ký" in absent.content.decode()
    done = post(file=SimpleUploadedFile("xa.p12", _p12(_issued())))
    assert done.status_code == 302
    assert SigningKey.objects.get(agency=agency).is_active
    official = UserFactory()
    client.force_login(official)
    assert client.get(url).status_code in (302, 403)
