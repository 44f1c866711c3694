"""Certification test helpers: a commune with a certifying official who both hold test keys, scans, a copy."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.organisations.tests.factories import AgencyFactory

NOW = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)  # 09:30 in Vietnam


@dataclass
class Counter:
    commune: Any
    officer: Any


def counter(give_key: Any, *, name: str = "UBND xã Thanh Ba", officer: str = "Hà Văn Tuấn") -> Counter:
    """A commune and its justice officer (a specialist), both with keys of the test CA."""
    commune = AgencyFactory(commune=True, name=name)
    user = UserFactory(full_name=officer)
    MembershipFactory(user=user, agency=commune, role=Role.SPECIALIST)
    give_key(agency=commune)
    give_key(user=user)
    return Counter(commune, user)


def make_citizen(phone: str = "0912345678", id_number: str = "025195000123") -> Any:
    """A citizen's portal account with their profile (personal ID number)."""
    from motcua.accounts.services import create_or_update_applicant

    user = UserFactory(username=phone, phone=phone, email=f"{phone}@example.vn", full_name="Nguyễn Thị Lan")
    create_or_update_applicant(
        actor=user, kind="citizen", full_name="Nguyễn Thị Lan", id_number=id_number, phone=phone, user=user
    )
    return user


def scan_pdf(pages: int = 2, name: str = "giay-khai-sinh.pdf") -> SimpleUploadedFile:
    from weasyprint import HTML

    body = "".join(
        f'<section style="page-break-after: always"><h1>GIẤY KHAI SINH</h1><p>Trang {n}</p></section>'
        for n in range(1, pages + 1)
    )
    return SimpleUploadedFile(name, bytes(HTML(string=body).write_pdf()), content_type="application/pdf")


def scan_png(name: str = "trang-1.png") -> SimpleUploadedFile:
    from PIL import Image

    image = Image.new("RGB", (400, 560), "white")
    output = io.BytesIO()
    image.save(output, "JPEG" if name.endswith(".jpg") else "PNG")
    return SimpleUploadedFile(
        name, output.getvalue(), content_type="image/jpeg" if name.endswith(".jpg") else "image/png"
    )


def request(**overrides: Any) -> Any:
    from motcua.certification.services import CopyRequest

    values: dict[str, Any] = {
        "citizen_name": "Nguyễn Thị Lan",
        "citizen_id_number": "025195000123",
        "citizen_phone": "0912345678",
        "document_name": "Giấy khai sinh",
        "document_issuer": "UBND xã Thanh Ba",
        "files": [scan_pdf()],
        "original_checked": True,
        "certifier_title": "Công chức Tư pháp - Hộ tịch",
    }
    values.update(overrides)
    return CopyRequest(**values)
