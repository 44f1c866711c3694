"""Checking the signatures of any PDF: intact, who signed, when, with which certificate and chain,
and whether the document was changed after signing (pyHanko's validation).

Trust comes from the roots a deployment lists in ``SIGNATURE_TRUST_ROOTS`` (and the demo's test root
when it is present), never from the network or the operating system: nothing is fetched.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import x509
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from motcua.core.exceptions import DomainError, NotFound
from motcua.core.uploads import UploadRejected, clean_name, sniff
from motcua.signatures import selectors
from motcua.signatures.models import SignedDocument
from motcua.signatures.pades import NotAPdf, signing_time_text
from motcua.signatures.tsa import ROOT_FILE, load_certificates

logger = logging.getLogger(__name__)

# Changes after a signature that leave what was signed as it was: later signatures, form filling, and
# the validation data a long-term signature adds. Anything else is a change of the document.
ACCEPTED_LATER_CHANGES = {"NONE", "LTA_UPDATES", "FORM_FILLING"}


class NoSignature(DomainError):
    code = "no_signature"
    status = 422


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    issuer: str
    serial: str
    valid_from: datetime
    valid_until: datetime
    is_test: bool  # issued by the demo's test CA: no legal value


@dataclass(frozen=True)
class SignatureReport:
    field: str
    signer: str
    signed_at: datetime | None  # what the signer's computer said
    timestamp_at: datetime | None  # what the time-stamping authority certified (B-T)
    intact: bool  # the signed bytes are unchanged and the cryptography holds
    trusted: bool  # the certificate chains to a trusted root
    changed_after: bool  # the document was changed after this signature (beyond later signatures)
    covers_whole_file: bool
    chain: tuple[CertificateInfo, ...]
    problem: str = ""  # why the signature could not be checked at all

    @property
    def valid(self) -> bool:
        return self.intact and not self.changed_after and not self.problem

    @property
    def signed_at_text(self) -> str:
        moment = self.timestamp_at or self.signed_at
        return signing_time_text(moment) if moment else ""


@dataclass(frozen=True)
class Verification:
    sha256: str
    size: int
    signatures: tuple[SignatureReport, ...]
    long_term: bool = False  # revocation data embedded for long-term validation (PAdES B-LT)

    @property
    def all_valid(self) -> bool:
        return all(s.valid for s in self.signatures)


def trust_roots() -> list[x509.Certificate]:
    roots: list[x509.Certificate] = []
    paths = [Path(p) for p in settings.SIGNATURE_TRUST_ROOTS]
    test_root = Path(settings.SIGNATURE_KEY_DIR) / ROOT_FILE
    if test_root.is_file():
        paths.append(test_root)
    for path in paths:
        try:
            roots.extend(load_certificates(path.read_bytes()))
        except (OSError, ValueError) as exc:  # a misconfigured root must not hide the others
            logger.error("Trust root %s unreadable: %s", path, exc)
    return roots


def verify_pdf(content: bytes) -> Verification:
    """Every signature of the PDF checked; NotAPdf for a broken file, NoSignature when it has none."""
    reader = _reader(content)
    try:
        embedded = list(reader.embedded_regular_signatures)
    except (PdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise NotAPdf("Không đọc được các chữ ký trong tệp PDF: tệp bị hỏng.") from exc
    if not embedded:
        raise NoSignature("Tệp PDF không có chữ ký số nào.")
    roots = trust_roots()
    reports = tuple(_check(signature, roots) for signature in embedded)
    return Verification(hashlib.sha256(content).hexdigest(), len(content), reports, long_term=_has_revocation(reader))


def _has_revocation(reader: PdfFileReader) -> bool:
    """A ``/DSS`` holding CRLs or OCSP responses: the document can be validated after the certificate expires."""
    try:
        store = reader.root.get("/DSS")
        if store is None:
            return False
        store = store.get_object()
        return any(len(store.get(key, [])) > 0 for key in ("/CRLs", "/OCSPs"))
    except (PdfError, ValueError, KeyError, TypeError, AttributeError):
        return False


def _reader(content: bytes) -> PdfFileReader:
    if not content.lstrip()[:5].startswith(b"%PDF"):
        raise NotAPdf("Tệp không phải là tệp PDF.")
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise NotAPdf("Tệp PDF bị hỏng, không đọc được.") from exc
    if reader.encrypted:
        raise NotAPdf("Tệp PDF được mã hóa bằng mật khẩu nên không kiểm tra được.")
    return reader


def _check(signature: EmbeddedPdfSignature, roots: list[x509.Certificate]) -> SignatureReport:
    field = signature.field_name or ""
    try:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(signature, signer_validation_context=context)
    except Exception as exc:
        logger.info("Signature %s could not be validated: %s", field, exc)
        return SignatureReport(
            field, "", None, None, False, False, True, False, (), problem="Chữ ký bị hỏng, không kiểm tra được."
        )
    return _report(field, status)


def _report(field: str, status: PdfSignatureStatus) -> SignatureReport:
    modification = status.modification_level.name if status.modification_level is not None else "OTHER"
    timestamp = status.timestamp_validity.timestamp if status.timestamp_validity is not None else None
    return SignatureReport(
        field=field,
        signer=_common_name(status.signing_cert),
        signed_at=status.signer_reported_dt,
        timestamp_at=timestamp,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        changed_after=not (status.intact and status.valid) or modification not in ACCEPTED_LATER_CHANGES,
        covers_whole_file=status.coverage is not None and status.coverage.name == "ENTIRE_FILE",
        chain=_chain(status),
    )


def _chain(status: PdfSignatureStatus) -> tuple[CertificateInfo, ...]:
    path = status.validation_path
    certificates = list(path.iter_certs(include_root=True)) if path is not None else [status.signing_cert]
    # The path runs from the root down; show the signer first.
    return tuple(_certificate(c) for c in reversed(certificates))


def _certificate(certificate: x509.Certificate) -> CertificateInfo:
    subject = certificate.subject.human_friendly
    return CertificateInfo(
        subject=subject,
        issuer=certificate.issuer.human_friendly,
        serial=format(certificate.serial_number, "X"),
        valid_from=certificate.not_valid_before,
        valid_until=certificate.not_valid_after,
        is_test="TEST" in subject,
    )


def _common_name(certificate: x509.Certificate) -> str:
    name = certificate.subject.native
    return str(name.get("common_name") or certificate.subject.human_friendly)


def verify_upload(upload: UploadedFile, *, field: str = "file") -> Verification:
    """A PDF anyone sent: not empty, not above SIGNATURE_VERIFY_MAX_MB, a PDF by its first bytes; then checked."""
    name = clean_name(upload.name)
    size = upload.size or 0
    limit_mb = int(settings.SIGNATURE_VERIFY_MAX_MB)

    def refuse(message: str) -> UploadRejected:
        return UploadRejected(message, file_name=name, field=field)

    if size == 0:
        raise refuse(f"Tệp “{name}” rỗng (0 byte). Vui lòng chọn lại tệp.")
    if size > limit_mb * 1024 * 1024:
        raise refuse(f"Tệp “{name}” vượt quá giới hạn {limit_mb} MB của trang kiểm tra chữ ký.")
    if sniff(upload) != "pdf":
        raise refuse(f"Tệp “{name}” không phải tệp PDF. Chỉ kiểm tra được chữ ký số trên tệp PDF.")
    upload.seek(0)
    return verify_pdf(upload.read())


def verify_document(token: str) -> tuple[SignedDocument, Verification]:
    """A document the platform signed, found by its QR code's token, and its signatures checked now."""
    document = selectors.signed_document(token) if len(token) <= 64 else None
    if document is None:
        raise NotFound("Không tìm thấy văn bản điện tử với mã kiểm tra này.")
    try:
        with document.file.open("rb") as stored:
            content = stored.read()
    except OSError as exc:  # the stored copy went missing: said plainly, never a 500
        logger.error("Signed document %s unreadable: %s", document.pk, exc)
        raise DomainError("Không đọc được bản lưu của văn bản này. Vui lòng liên hệ cơ quan phát hành.") from exc
    return document, verify_pdf(content)
