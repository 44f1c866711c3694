"""Who holds the private key: the signer interface and its two implementations.

``KeySigner.session()`` opens the key for one signing and yields pyHanko's signer; the caller never
sees the key itself. ``Pkcs12KeySigner`` reads a PKCS#12 file held by the server (per official or per
agency) with a passphrase from the environment; ``Pkcs11KeySigner`` signs on a token or an HSM through
a PKCS#11 module (a USB token's driver, a network HSM, SoftHSM for tests). A remote signing service
plugs in the same way: a class with ``session()`` yielding a pyHanko ``Signer`` (docs/signatures.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pyhanko.sign import signers

from motcua.core.exceptions import DomainError


class SigningUnavailable(DomainError):
    """The key could not be opened: a missing file or token, a wrong passphrase or PIN."""

    code = "signing_unavailable"
    status = 503


class KeySigner(Protocol):
    @property
    def label(self) -> str: ...

    def session(self) -> AbstractContextManager[signers.Signer]:
        """Open the key for one signing; closed when the block ends."""


def secret_from_env(variable: str) -> str:
    """A passphrase or PIN from the environment: never stored in the database."""
    value = os.environ.get(variable)
    if value is None:
        raise SigningUnavailable(f"Chưa cấu hình mật khẩu khóa ký (biến môi trường {variable}).")
    return value


@dataclass(frozen=True)
class Pkcs12KeySigner:
    """A key in a PKCS#12 (.p12/.pfx) file on the server, with its certificate and chain."""

    path: Path
    passphrase: str
    label: str = ""

    @contextmanager
    def session(self) -> Iterator[signers.Signer]:
        if not self.path.is_file():
            raise SigningUnavailable(f"Không tìm thấy tệp khóa ký {self.path.name}.")
        try:
            signer = signers.SimpleSigner.load_pkcs12(str(self.path), passphrase=self.passphrase.encode("utf-8"))
        except (ValueError, OSError) as exc:
            raise SigningUnavailable(f"Không mở được tệp khóa ký {self.path.name}.") from exc
        if signer is None:  # pyHanko logs the reason (wrong passphrase) and returns nothing
            raise SigningUnavailable(f"Không mở được tệp khóa ký {self.path.name}: sai mật khẩu?")
        yield signer


@dataclass(frozen=True)
class Pkcs11KeySigner:
    """A key on a PKCS#11 token (USB token, HSM, SoftHSM), found by the token's and the key's labels."""

    module: str  # path of the PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so
    token_label: str
    key_label: str
    pin: str
    cert_label: str = ""  # defaults to the key's label
    label: str = ""

    @contextmanager
    def session(self) -> Iterator[signers.Signer]:
        # Imported here: python-pkcs11 loads a native module, needed only where a token signs.
        from pkcs11.exceptions import PKCS11Error
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11

        try:
            session = pkcs11.open_pkcs11_session(
                self.module, token_criteria=TokenCriteria(label=self.token_label), user_pin=self.pin
            )
        except (PKCS11Error, RuntimeError, OSError) as exc:
            raise SigningUnavailable(f"Không mở được thiết bị ký {self.token_label}.") from exc
        try:
            yield pkcs11.PKCS11Signer(
                session,
                key_label=self.key_label,
                cert_label=self.cert_label or self.key_label,
                other_certs_to_pull=None,
            )
        finally:
            session.close()
