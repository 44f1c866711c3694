"""Registering a key from the administrators' form: a PKCS#12 file uploaded with its passphrase, or a
PKCS#11 token's slot. Every refusal is a clear Vietnamese message on the field at fault, never a 500.

Checks of an uploaded PKCS#12: the passphrase opens it, it holds a private key and its certificate, the key
matches the certificate, the certificate is valid now and may sign (digitalSignature, nonRepudiation). The
file is then written under ``SIGNATURE_KEY_DIR`` (mode 600). The passphrase is never stored: when the key names
no environment variable, the file is re-encrypted with ``SIGNATURE_PASSPHRASE``; when it names one, that
variable must already hold the passphrase on the server.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError
from motcua.organisations.models import Agency
from motcua.signatures.models import KeyKind, SigningKey
from motcua.signatures.services import KeySpec, register_key

MAX_PKCS12_BYTES = 100 * 1024
ENV_NAME_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def refuse(field: str, message: str) -> DomainError:
    return DomainError(message, code="invalid_key", fields={field: [message]})


def _date(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y")


def check_certificate(key: PrivateKeyTypes, certificate: x509.Certificate, *, now: datetime) -> None:
    """The key matches the certificate, which is valid at ``now`` and may sign documents."""
    public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    certified = certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if public != certified:
        raise refuse("file", "Khóa bí mật trong tệp không khớp với chứng thư số đi kèm.")
    if certificate.not_valid_after_utc < now.astimezone(UTC):
        raise refuse("file", f"Chứng thư số đã hết hạn ngày {_date(certificate.not_valid_after_utc)}.")
    if certificate.not_valid_before_utc > now.astimezone(UTC):
        raise refuse("file", f"Chứng thư số chưa có hiệu lực (từ ngày {_date(certificate.not_valid_before_utc)}).")
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature and usage.content_commitment):
        raise refuse("file", "Chứng thư số không dùng để ký văn bản (thiếu digitalSignature hoặc nonRepudiation).")


def _open(content: bytes, passphrase: str) -> tuple[PrivateKeyTypes, x509.Certificate, list[x509.Certificate]]:
    if not content or len(content) > MAX_PKCS12_BYTES:
        raise refuse("file", "Tệp khóa trống hoặc quá lớn: hãy chọn tệp .p12/.pfx do tổ chức cung cấp chứng thư cấp.")
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(content, passphrase.encode("utf-8"))
    except ValueError as exc:
        raise refuse("passphrase", "Sai mật khẩu, hoặc tệp không phải tệp khóa PKCS#12 (.p12/.pfx).") from exc
    if key is None or certificate is None:
        raise refuse("file", "Tệp không chứa đủ khóa bí mật và chứng thư số.")
    return key, certificate, list(chain)


def _server_passphrase(secret_variable: str, passphrase: str) -> str:
    """The passphrase the file will be protected with on the server."""
    if secret_variable:
        if not set(secret_variable) <= ENV_NAME_CHARS:
            raise refuse("secret_variable", "Tên biến môi trường chỉ gồm chữ in hoa, chữ số và dấu gạch dưới.")
        if os.environ.get(secret_variable) != passphrase:
            raise refuse(
                "secret_variable",
                f"Biến môi trường {secret_variable} chưa được đặt trên máy chủ hoặc khác mật khẩu vừa nhập.",
            )
        return passphrase
    if not settings.SIGNATURE_PASSPHRASE:
        raise refuse("secret_variable", "Máy chủ chưa cấu hình SIGNATURE_PASSPHRASE: hãy ghi tên biến chứa mật khẩu.")
    return str(settings.SIGNATURE_PASSPHRASE)


def register_pkcs12(
    content: bytes,
    passphrase: str,
    *,
    label: str,
    secret_variable: str = "",
    agency: Agency | None = None,
    user: User | None = None,
    actor: User | None,
    now: datetime,
) -> SigningKey:
    """Check the uploaded PKCS#12, keep it under SIGNATURE_KEY_DIR and make it the holder's active key."""
    if not label.strip():
        raise refuse("label", "Cần đặt tên gọi cho khóa.")
    key, certificate, chain = _open(content, passphrase)
    check_certificate(key, certificate, now=now)
    protect = _server_passphrase(secret_variable.strip(), passphrase)
    holder = f"agency-{agency.pk}" if agency is not None else f"official-{user.pk if user else 0}"
    file_name = f"uploaded-{holder}-{now:%Y%m%d%H%M%S}-{secrets.token_hex(3)}.p12"
    data = pkcs12.serialize_key_and_certificates(
        label.encode("utf-8"),
        key,  # type: ignore[arg-type]  # a signing key: RSA or EC, never DH
        certificate,
        chain,
        serialization.BestAvailableEncryption(protect.encode("utf-8")),
    )
    path = Path(settings.SIGNATURE_KEY_DIR) / file_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_bytes(data)
    spec = KeySpec(
        kind=KeyKind.PKCS12, label=label.strip(), file_name=file_name, secret_variable=secret_variable.strip()
    )
    try:
        return register_key(spec, agency=agency, user=user, actor=actor, now=now)
    except DomainError:
        path.unlink(missing_ok=True)
        raise
