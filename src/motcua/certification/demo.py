"""Demo certified copies at phường Việt Trì: three copies certified by the ward's justice officer (Phan Văn
Long) for Nguyễn Văn An (portal account congdan.an) and Trần Thị Bình, signed with the demo's TEST
certificates (An reuses one in an online dossier: ``dossiers/demo_reuse.py``). Idempotent: skipped once the ward's
register has copies, or without the test CA (production, no SIGNATURE_PASSPHRASE)."""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from motcua.accounts import demo as people
from motcua.accounts.models import User
from motcua.certification import services
from motcua.certification.models import CertifiedCopy
from motcua.organisations import demo as org
from motcua.signatures import selectors as signing_keys
from motcua.signatures import testpki

COPIES = (
    (people.CITIZEN_AN_ID, "Nguyễn Văn An", "0912345678", "Giấy khai sinh", "UBND phường Tiên Cát, tỉnh Phú Thọ", 1),
    (people.CITIZEN_AN_ID, "Nguyễn Văn An", "0912345678", "Bằng tốt nghiệp đại học", "Trường Đại học Hùng Vương", 2),
    (people.CITIZEN_BINH_ID, "Trần Thị Bình", "0987654321", "Giấy chứng nhận kết hôn", "UBND xã Đồng Thịnh", 1),
)


def _scan(title: str, pages: int) -> SimpleUploadedFile:
    from weasyprint import HTML  # heavy: imported when the demo makes copies

    body = "".join(
        f'<section style="page-break-after: always; border: 3px double #444; padding: 2cm; height: 22cm">'
        f"<p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><h1>{title.upper()}</h1><p>(Bản chính minh họa của bản demo – "
        f"trang {n}/{pages})</p></section>"
        for n in range(1, pages + 1)
    )
    return SimpleUploadedFile("ban-chinh.pdf", bytes(HTML(string=body).write_pdf()), content_type="application/pdf")


def load(stdout: TextIO) -> None:
    if settings.PRODUCTION or not settings.SIGNATURE_PASSPHRASE:
        stdout.write("Certification: no test CA, no certified copies.\n")
        return
    ward = org.demo_agency(org.UBND_VIET_TRI_CODE)
    if CertifiedCopy.objects.filter(agency=ward).exists():
        stdout.write("Certification: the ward's register already has copies.\n")
        return
    officer = User.objects.get(username=people.CHUYENVIEN_VIET_TRI)
    if signing_keys.official_key(officer) is None:
        testpki.issue_key(user=officer, now=timezone.now())
    if signing_keys.agency_key(ward) is None:
        testpki.issue_key(agency=ward, now=timezone.now())
    now = timezone.now() - timedelta(days=6)
    issued = []
    for id_number, name, phone, document, issuer, pages in COPIES:
        request = services.CopyRequest(
            citizen_name=name,
            citizen_id_number=id_number,
            citizen_phone=phone,
            document_name=document,
            document_issuer=issuer,
            files=[_scan(document, pages)],
            original_checked=True,
            certifier_title="Công chức Tư pháp – Hộ tịch",
        )
        issued.append(services.issue_copy(request, agency=ward, actor=officer, now=now))
        now += timedelta(days=1, hours=2)
    stdout.write(f"Certification: {len(issued)} certified copies at {ward.name} (TEST certificates).\n")
