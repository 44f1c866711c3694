"""The demo's test CA on disk: a root and a TSA under SIGNATURE_KEY_DIR, then a PKCS#12 key per agency
or official, registered as their signing key. Refused in production (``PRODUCTION``).

Files: ``root.pem`` (certificate, trusted by the verification page), ``root-key.pem`` (to issue more),
``tsa.pem`` (the local TSA's certificate and key), ``agency-<id>.p12``, ``official-<id>.p12``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError
from motcua.organisations.models import Agency
from motcua.signatures import pki, services
from motcua.signatures.models import KeyKind, SigningKey
from motcua.signatures.tsa import LOCAL_TSA_FILE, ROOT_FILE

ROOT_KEY_FILE = "root-key.pem"
CRL_FILE = "crl.pem"  # the test root's revocation list, published for PAdES B-LT (signatures.ltv)


def _directory() -> Path:
    if settings.PRODUCTION:
        raise DomainError("Không tạo CA thử nghiệm trên hệ thống chính thức.", code="production")
    if not settings.SIGNATURE_PASSPHRASE:
        raise DomainError("Cần đặt SIGNATURE_PASSPHRASE để bảo vệ các tệp khóa thử nghiệm.", code="invalid")
    directory = Path(settings.SIGNATURE_KEY_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def ensure_root(*, now: datetime) -> pki.Issued:
    """The test root (and its TSA), created on first use and read back afterwards."""
    directory = _directory()
    root_file, key_file = directory / ROOT_FILE, directory / ROOT_KEY_FILE
    if root_file.is_file() and key_file.is_file():
        certificate = x509.load_pem_x509_certificate(root_file.read_bytes())
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
        root = pki.Issued(key, certificate)  # type: ignore[arg-type]
        if not (directory / CRL_FILE).is_file():
            publish_crl(root, now=now)
        return root
    root = pki.create_root(now=now)
    pki.write_private_key(key_file, root)
    pki.write_pem(root_file, root, with_key=False)
    tsa = pki.issue(root, holder=pki.Holder.TSA, common_name=pki.TSA_NAME, organisation="Một Cửa", now=now)
    pki.write_pem(directory / LOCAL_TSA_FILE, tsa, with_key=True)
    publish_crl(root, now=now)
    return root


def publish_crl(root: pki.Issued, *, now: datetime, revoked: tuple[int, ...] = ()) -> Path:
    """The test CA's revocation list (nothing revoked unless said), valid 30 days: the demo renews it at load."""
    path = Path(settings.SIGNATURE_KEY_DIR) / CRL_FILE
    pki.write_crl(path, pki.create_crl(root, now=now, revoked=revoked))
    return path


def issue_key(*, agency: Agency | None = None, user: User | None = None, now: datetime) -> SigningKey:
    """A test certificate and PKCS#12 key for the agency or the official, registered as their key."""
    root = ensure_root(now=now)
    if agency is not None:
        holder, name, organisation, file_name = pki.Holder.AGENCY, agency.name, agency.name, f"agency-{agency.pk}.p12"
    elif user is not None:
        membership = user.memberships.select_related("agency").filter(is_active=True).first()
        organisation = membership.agency.name if membership else "Một Cửa"
        holder, name, file_name = pki.Holder.PERSON, user.full_name, f"official-{user.pk}.p12"
    else:
        raise DomainError("Cần chỉ rõ cơ quan hoặc cán bộ.", code="invalid")
    issued = pki.issue(root, holder=holder, common_name=name, organisation=organisation, now=now)
    path = Path(settings.SIGNATURE_KEY_DIR) / file_name
    pki.write_pkcs12(path, issued, chain=[root.certificate], passphrase=settings.SIGNATURE_PASSPHRASE, label=name)
    spec = services.KeySpec(kind=KeyKind.PKCS12, label=pki.marked(name), file_name=file_name)
    return services.register_key(spec, agency=agency, user=user, actor=None, now=now)
