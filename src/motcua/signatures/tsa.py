"""The time-stamping authority that makes a signature PAdES B-T.

``SIGNATURE_TSA_URL`` names an RFC 3161 service (a licensed CA's TSA in production). Set to ``local``,
the platform stamps with its own test TSA (the key and certificate the test PKI wrote under
``SIGNATURE_KEY_DIR``): RFC 3161 tokens made in-process by pyHanko's test time stamper, for the demo
and the tests, which have no network. Empty: no timestamp, the signature is PAdES B-B only.
"""

from __future__ import annotations

from pathlib import Path

from asn1crypto import keys, pem, x509
from django.conf import settings
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from motcua.signatures.signers import SigningUnavailable

LOCAL = "local"
LOCAL_TSA_FILE = "tsa.pem"  # the local TSA's certificate followed by its key (written by the test PKI)
ROOT_FILE = "root.pem"  # the test root's certificate


def timestamper() -> TimeStamper | None:
    url = settings.SIGNATURE_TSA_URL.strip()
    if not url:
        return None
    if url == LOCAL:
        return local_timestamper(Path(settings.SIGNATURE_KEY_DIR))
    return HTTPTimeStamper(url, timeout=settings.SIGNATURE_TSA_TIMEOUT)


def local_timestamper(key_dir: Path) -> TimeStamper:
    path = key_dir / LOCAL_TSA_FILE
    if not path.is_file():
        raise SigningUnavailable("Chưa có máy chủ cấp dấu thời gian thử nghiệm: hãy chạy lệnh signature_test_pki.")
    certificate, key = _certificate_and_key(path.read_bytes())
    chain = [certificate]
    root = key_dir / ROOT_FILE
    if root.is_file():
        chain.append(load_certificates(root.read_bytes())[0])
    return DummyTimeStamper(tsa_cert=certificate, tsa_key=key, certs_to_embed=SimpleCertificateStore.from_certs(chain))


def _certificate_and_key(data: bytes) -> tuple[x509.Certificate, keys.PrivateKeyInfo]:
    certificate = None
    key = None
    for kind, _headers, der in pem.unarmor(data, multiple=True):
        if kind == "CERTIFICATE":
            certificate = x509.Certificate.load(der)
        elif kind == "PRIVATE KEY":
            key = keys.PrivateKeyInfo.load(der)
    if certificate is None or key is None:
        raise SigningUnavailable("Tệp của máy chủ cấp dấu thời gian thử nghiệm không hợp lệ.")
    return certificate, key


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Certificates from PEM (one or several) or a single DER certificate."""
    if pem.detect(data):
        return [
            x509.Certificate.load(der) for kind, _h, der in pem.unarmor(data, multiple=True) if kind == "CERTIFICATE"
        ]
    return [x509.Certificate.load(data)]
