"""From a key's row to a signer: where its file or token is and where its secret comes from."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from motcua.signatures.models import KeyKind, SigningKey
from motcua.signatures.signers import KeySigner, Pkcs11KeySigner, Pkcs12KeySigner, SigningUnavailable, secret_from_env


def secret_for(key: SigningKey) -> str:
    """The passphrase or PIN: from the variable the key names, else from the SIGNATURE_PASSPHRASE setting."""
    if key.secret_variable:
        return secret_from_env(key.secret_variable)
    if not settings.SIGNATURE_PASSPHRASE:
        raise SigningUnavailable("Chưa cấu hình mật khẩu khóa ký (SIGNATURE_PASSPHRASE).")
    return str(settings.SIGNATURE_PASSPHRASE)


def key_path(file_name: str) -> Path:
    """The key file inside SIGNATURE_KEY_DIR; a name that would leave the directory is refused."""
    directory = Path(settings.SIGNATURE_KEY_DIR).resolve()
    path = (directory / file_name).resolve()
    if directory not in path.parents:
        raise SigningUnavailable("Tệp khóa ký phải nằm trong thư mục SIGNATURE_KEY_DIR.")
    return path


def signer_for(key: SigningKey) -> KeySigner:
    if key.kind == KeyKind.PKCS11:
        return Pkcs11KeySigner(
            module=key.pkcs11_module,
            token_label=key.token_label,
            key_label=key.key_label,
            pin=secret_for(key),
            label=key.label,
        )
    return Pkcs12KeySigner(path=key_path(key.file_name), passphrase=secret_for(key), label=key.label)
