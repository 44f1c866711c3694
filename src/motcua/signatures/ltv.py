"""Long-term validation (PAdES B-LT): the signer's chain and revocation data embedded at signing time.

A signature keeps its proof after the certificate expires or the CA's services go away only if what a
validator needs was captured when it was made: the certificates up to the root and a CRL or OCSP response
saying the certificate was not revoked. pyHanko collects them through a ``ValidationContext`` and writes them
into the document's security store (``/DSS``) when ``embed_validation_info`` is on.

Revocation data comes from the CRL files the operator keeps (``SIGNATURE_CRLS``, the test CA's ``crl.pem``),
or from the CA's services when fetching is allowed (``SIGNATURE_REVOCATION_FETCH``). With none of them,
or with ``SIGNATURE_LONG_TERM`` off, signatures stay B-T.
"""

from __future__ import annotations

import logging
from pathlib import Path

from asn1crypto import crl, pem
from django.conf import settings
from pyhanko_certvalidator import ValidationContext

from motcua.core.exceptions import DomainError
from motcua.signatures.verify import trust_roots, verify_pdf

logger = logging.getLogger(__name__)
TEST_CRL_FILE = "crl.pem"  # written by testpki.publish_crl


def crl_paths() -> list[Path]:
    paths = [Path(p) for p in settings.SIGNATURE_CRLS]
    test_crl = Path(settings.SIGNATURE_KEY_DIR) / TEST_CRL_FILE
    if test_crl.is_file():
        paths.append(test_crl)
    return paths


def load_crls(data: bytes) -> list[crl.CertificateList]:
    if pem.detect(data):
        return [crl.CertificateList.load(der) for kind, _h, der in pem.unarmor(data, multiple=True) if "CRL" in kind]
    return [crl.CertificateList.load(data)]


def revocation_lists() -> list[crl.CertificateList]:
    found: list[crl.CertificateList] = []
    for path in crl_paths():
        try:
            found.extend(load_crls(path.read_bytes()))
        except (OSError, ValueError) as exc:  # one unreadable list must not stop signing
            logger.error("CRL %s unreadable: %s", path, exc)
    return found


def validation_context() -> ValidationContext | None:
    """What the signing embeds for B-LT, or None (B-T) when the setting is off or no revocation data exists."""
    if not settings.SIGNATURE_LONG_TERM:
        return None
    crls = revocation_lists()
    fetch = bool(settings.SIGNATURE_REVOCATION_FETCH)
    if not crls and not fetch:
        return None
    return ValidationContext(trust_roots=trust_roots(), crls=crls, allow_fetching=fetch)


def embedded_revocation(content: bytes) -> bool:
    """Whether the PDF carries revocation data for long-term validation (a ``/DSS`` with CRLs or OCSP responses)."""
    try:
        return verify_pdf(content).long_term
    except DomainError:
        return False
