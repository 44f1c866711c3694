"""A test public-key infrastructure for the demo and the tests: a root CA, a time-stamping authority,
and certificates for agencies and officials, every one marked TEST in its subject.

Never a production PKI: a deployment signs with certificates from a licensed CA (docs/signatures.md).
Built with ``cryptography``; keys are RSA 2048, the certificates carry what PAdES validators ask for
(keyUsage digitalSignature and nonRepudiation for signers, a critical timeStamping EKU for the TSA).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

TEST_MARK = "TEST"
ROOT_NAME = "TEST – CA thử nghiệm Một Cửa (không dùng thật)"
TSA_NAME = "TEST – Máy chủ cấp dấu thời gian thử nghiệm"


class Holder(Enum):
    """Whom a certificate is issued to; decides its extensions."""

    PERSON = "person"
    AGENCY = "agency"
    TSA = "tsa"


@dataclass(frozen=True)
class Issued:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(
                NameOID.ORGANIZATIONAL_UNIT_NAME, "TEST – chứng thư thử nghiệm, không có giá trị pháp lý"
            ),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


# X.520 caps a common name at 64 (cryptography counts UTF-8 bytes); the organisation is cut the same way.
NAME_LIMIT = 64


def marked(text: str) -> str:
    """The subject's text with the TEST mark in front (once), cut to what a certificate's name holds."""
    text = text if text.startswith(TEST_MARK) else f"{TEST_MARK} – {text}"
    while len(text.encode("utf-8")) > NAME_LIMIT:  # counted in UTF-8 bytes: a Vietnamese letter takes 2–3
        text = text[:-2].rstrip() + "…"
    return text


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def create_root(*, now: datetime, years: int = 10) -> Issued:
    key = _new_key()
    name = _name(ROOT_NAME, marked("Một Cửa"))
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key, certificate)


def _usage(*, cert_sign: bool = False, sign: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign or cert_sign,
        content_commitment=sign,  # non-repudiation: pyHanko asks for it on a signer's certificate
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def issue(
    root: Issued, *, holder: Holder, common_name: str, organisation: str, now: datetime, years: int = 3
) -> Issued:
    """A certificate signed by ``root`` for a person, an agency or the TSA, with TEST in its subject."""
    key = _new_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(marked(common_name), marked(organisation)))
        .issuer_name(root.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()),
            critical=False,
        )
    )
    if holder is Holder.TSA:
        builder = builder.add_extension(_usage(sign=True), critical=True).add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    else:
        builder = builder.add_extension(_usage(sign=True), critical=True)
    return Issued(key, builder.sign(root.key, hashes.SHA256()))


def create_crl(
    root: Issued, *, now: datetime, revoked: tuple[int, ...] = (), days: int = 30
) -> x509.CertificateRevocationList:
    """The root's certificate revocation list: what a validator reads to know no key was revoked (PAdES B-LT)."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.certificate.subject)
        .last_update(now - timedelta(minutes=5))
        .next_update(now + timedelta(days=days))
        .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), critical=False)
    )
    for serial in revoked:
        entry = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(now).build()
        builder = builder.add_revoked_certificate(entry)
    return builder.sign(root.key, hashes.SHA256())


def write_crl(path: Path, crl: x509.CertificateRevocationList) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(crl.public_bytes(serialization.Encoding.PEM))


def write_pkcs12(path: Path, issued: Issued, *, chain: list[x509.Certificate], passphrase: str, label: str) -> None:
    """The key, its certificate and the chain in one PKCS#12 file, readable only by its owner."""
    data = pkcs12.serialize_key_and_certificates(
        label.encode("utf-8"),
        issued.key,
        issued.certificate,
        chain,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    _write_private(path, data)


def write_pem(path: Path, issued: Issued, *, with_key: bool) -> None:
    """The certificate (and, for the local TSA, its key) as PEM."""
    data = issued.certificate.public_bytes(serialization.Encoding.PEM)
    if with_key:
        data += issued.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        _write_private(path, data)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_private_key(path: Path, issued: Issued) -> None:
    """The key alone, unencrypted PEM, readable only by its owner (the test root's: to issue more)."""
    _write_private(
        path,
        issued.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    )


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_bytes(data)
