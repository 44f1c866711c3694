"""Signing fixtures for every app's tests (registered in the root conftest): a test PKI per session (root, local
TSA), signing keys for the agencies and officials of a test, a PDF signed by an agency."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from motcua.signatures import testpki

# Made once: RSA keys take a moment. The root is valid for ten years around this instant.
PKI_MOMENT = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("signatures")


@pytest.fixture
def signing(settings: Any, pki_dir: Path) -> Path:
    """Signing configured: the session's key directory, the local TSA, the test passphrase."""
    settings.SIGNATURE_KEY_DIR = str(pki_dir)
    settings.SIGNATURE_TSA_URL = "local"
    settings.SIGNATURE_PASSPHRASE = "test-passphrase"
    settings.SIGNATURE_TRUST_ROOTS = []
    root = testpki.ensure_root(now=PKI_MOMENT)
    # A current revocation list, as the demo publishes at load: signatures made now are B-LT.
    testpki.publish_crl(root, now=datetime.now(UTC))
    return pki_dir


@pytest.fixture
def give_key(signing: Path) -> Callable[..., Any]:
    def give(**holder: Any) -> Any:
        return testpki.issue_key(now=PKI_MOMENT, **holder)

    return give


def sign_sample(give_key: Callable[..., Any]) -> Any:
    """A PDF signed by a new agency of the test PKI (services.Issued: the bytes and the kept document)."""
    from weasyprint import HTML

    from motcua.organisations.tests.factories import AgencyFactory
    from motcua.signatures import services

    agency = AgencyFactory(name="UBND xã Thanh Ba")
    give_key(agency=agency)
    content = bytes(HTML(string="<h1>Giấy chứng nhận</h1>").write_pdf())
    return services.sign_issued(
        content, agency=agency, name="ket-qua.pdf", purpose="result", reference="H44-260302-0001", now=PKI_MOMENT
    )


@pytest.fixture
def signed(give_key: Callable[..., Any], db: Any) -> Any:
    return sign_sample(give_key)
