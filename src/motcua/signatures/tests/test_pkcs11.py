"""A key on a PKCS#11 token signs through pyHanko: SoftHSM (Debian's softhsm2) stands in for a USB token."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from motcua.organisations.tests.factories import AgencyFactory
from motcua.signatures import pki, services, testpki
from motcua.signatures.models import DocumentPurpose, KeyKind
from motcua.signatures.tests.pdfsig import assert_pdfsig_valid, needs_pdfsig
from motcua.signatures.tests.test_signing import a_pdf
from motcua.signatures.verify import verify_pdf

SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")
PIN = "123456"
UTIL = shutil.which("softhsm2-util") or "softhsm2-util"
NOW = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not SOFTHSM.exists() or not Path(UTIL).is_absolute(), reason="needs softhsm2 (make system-deps)"
    ),
]


@pytest.fixture
def token(tmp_path: Path, signing: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SoftHSM token holding an agency's key (imported) and its certificate (written through PKCS#11)."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    (tmp_path / "tokens").mkdir()
    config = tmp_path / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(config))
    monkeypatch.setenv("TOKEN_PIN", PIN)
    label = f"agency-{tmp_path.name[-12:]}"
    issued = pki.issue(
        testpki.ensure_root(now=NOW), holder=pki.Holder.AGENCY, common_name="UBND xã Thử", organisation="UBND", now=NOW
    )
    key_file = tmp_path / "key.pem"
    key_file.write_bytes(
        issued.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    subprocess.run(  # noqa: S603
        [UTIL, "--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", "0000"],
        check=True,
        capture_output=True,
    )
    subprocess.run(  # noqa: S603
        [UTIL, "--import", str(key_file), "--token", label, "--label", "seal", "--id", "01", "--pin", PIN],
        check=True,
        capture_output=True,
    )
    library = pkcs11.lib(str(SOFTHSM))
    library.reinitialize()  # the token was created after the library was first loaded in this process
    with library.get_token(token_label=label).open(rw=True, user_pin=PIN) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "seal",
                Attribute.ID: b"\x01",
                Attribute.VALUE: issued.certificate.public_bytes(serialization.Encoding.DER),
                Attribute.SUBJECT: issued.certificate.subject.public_bytes(),
            }
        )
    return label


@needs_pdfsig
def test_an_agency_key_on_a_token_signs_and_verifies(token):
    agency = AgencyFactory()
    spec = services.KeySpec(
        kind=KeyKind.PKCS11,
        label="Token",
        pkcs11_module=str(SOFTHSM),
        token_label=token,
        key_label="seal",
        secret_variable="TOKEN_PIN",
    )
    key = services.register_key(spec, agency=agency, actor=None, now=NOW)
    assert "UBND xã Thử" in key.certificate_subject

    issued = services.sign_issued(
        a_pdf(), agency=agency, name="x.pdf", purpose=DocumentPurpose.RESULT, reference="", now=NOW
    )

    assert issued is not None
    assert_pdfsig_valid(issued.content, signatures=1)
    signature = verify_pdf(issued.content).signatures[0]
    assert signature.intact and signature.trusted and signature.timestamp_at is not None


def test_a_wrong_pin_is_a_clear_error(token, monkeypatch):
    monkeypatch.setenv("TOKEN_PIN", "000000")
    spec = services.KeySpec(
        kind=KeyKind.PKCS11,
        label="Token",
        pkcs11_module=str(SOFTHSM),
        token_label=token,
        key_label="seal",
        secret_variable="TOKEN_PIN",
    )
    with pytest.raises(services.DomainError, match="Không mở được thiết bị ký"):
        services.register_key(spec, agency=AgencyFactory(), actor=None, now=NOW)
    assert os.environ["TOKEN_PIN"] == "000000"
