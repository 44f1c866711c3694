"""Poppler's ``pdfsig`` on a PDF's bytes: what an independent validator says of each signature."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

VALID = "Signature Validation: Signature is Valid."

needs_pdfsig = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="needs poppler-utils (make system-deps)")


def pdfsig(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "signed.pdf"
        path.write_bytes(content)
        done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)  # noqa: S603, S607
    return done.stdout + done.stderr


def assert_pdfsig_valid(content: bytes, *, signatures: int) -> str:
    """pdfsig finds ``signatures`` signatures and calls every one valid (the issuer's trust aside)."""
    report = pdfsig(content)
    assert report.count("Signature #") == signatures, report
    assert report.count(VALID) == signatures, report
    return report
