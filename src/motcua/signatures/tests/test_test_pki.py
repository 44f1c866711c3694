"""The demo's test CA: made by a command, marked TEST, never on a production system."""

from __future__ import annotations

from io import StringIO

import pytest
from cryptography import x509
from django.core.management import CommandError, call_command

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory
from motcua.organisations.tests.factories import AgencyFactory
from motcua.signatures import demo
from motcua.signatures.models import SigningKey

pytestmark = pytest.mark.django_db


def test_command_issues_test_keys_for_agencies_and_officials(signing):
    agency = AgencyFactory()
    membership = MembershipFactory(agency=agency, role=Role.LEADER)

    call_command(
        "signature_test_pki",
        "--agency",
        agency.identifier_code,
        "--official",
        membership.user.username,
        stdout=StringIO(),
    )

    root = x509.load_pem_x509_certificate((signing / "root.pem").read_bytes())
    assert root.subject.rfc4514_string().count("TEST") >= 2
    keys = SigningKey.objects.filter(is_active=True)
    assert {(k.agency_id, k.user_id) for k in keys} == {(agency.pk, None), (None, membership.user_id)}
    assert all(k.certificate_subject.count("TEST") >= 2 for k in keys)
    assert oct((signing / f"agency-{agency.pk}.p12").stat().st_mode)[-3:] == "600"


def test_command_refuses_in_production(signing, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="hệ thống chính thức"):
        call_command("signature_test_pki", stdout=StringIO())


def test_demo_gives_every_agency_and_leader_a_key_once(signing):
    agency = AgencyFactory()
    MembershipFactory(agency=agency, role=Role.LEADER)
    demo.load(StringIO())
    demo.load(StringIO())  # idempotent
    assert SigningKey.objects.filter(agency=agency, is_active=True).count() == 1
    assert SigningKey.objects.filter(user__isnull=False).count() == 1


def test_demo_without_passphrase_leaves_documents_unsigned(signing, settings):
    settings.SIGNATURE_PASSPHRASE = ""
    out = StringIO()
    demo.load(out)
    assert "unsigned" in out.getvalue()
    assert not SigningKey.objects.exists()


def test_a_long_agency_name_still_fits_the_certificate(signing, give_key):
    agency = AgencyFactory(name="Trung tâm Phục vụ hành chính công và Kiểm soát thủ tục hành chính tỉnh Phú Thọ")
    key = give_key(agency=agency)
    assert "TEST – Trung tâm Phục vụ hành chính công" in key.certificate_subject
