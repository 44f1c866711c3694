"""Demo: a consultation between agencies about a dossier is an official document. Sở Xây dựng asks Sở Tư
pháp's opinion on one of its demo dossiers by a công văn; Sở Tư pháp registers it, links it to the dossier,
and answers. Both documents show on the dossier's page. Idempotent: skipped once a document names a dossier."""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.organisations import demo as org
from motcua.records import demo as documents
from motcua.records import incoming
from motcua.records.models import OutgoingDocument, OutgoingStatus


def load(stdout: TextIO) -> None:
    if OutgoingDocument.objects.exclude(dossier_code="").exists():
        stdout.write("Văn bản gắn hồ sơ: đã có dữ liệu mẫu.\n")
        return
    building_agency = org.demo_agency(org.SO_XAY_DUNG_CODE)
    dossier = (
        Dossier.objects.filter(competent_agency=building_agency).exclude(code="").order_by("pk").first()
        or Dossier.objects.exclude(code="").order_by("pk").first()
    )
    if dossier is None:
        stdout.write("Văn bản gắn hồ sơ: không có hồ sơ mẫu.\n")
        return
    building, justice = documents.demo_offices()
    now = timezone.now() - timedelta(days=2)
    summary = f"V/v xin ý kiến về hồ sơ {dossier.code}"
    sent = documents.draft(
        building,
        "Công văn",
        "SXD-QLHDXD",
        summary,
        "Đề nghị Sở Tư pháp cho ý kiến.",
        [justice.agency],
        "",
        now,
        dossier_code=dossier.code,
    )
    sent = documents.walk(sent, building, "issue", now, signing=documents.has_keys(building, justice))
    if sent.status != OutgoingStatus.ISSUED:
        stdout.write(f"Văn bản gắn hồ sơ {dossier.code}: dự thảo chờ ký (chưa có khóa ký số thử nghiệm).\n")
        return
    received = justice.agency.incoming_documents.get(origin=sent)
    moment = now + timedelta(hours=5)
    incoming.perform("register", received, actor=justice.clerk, now=moment)
    incoming.perform("link_dossier", received, actor=justice.clerk, now=moment, data={"dossier_code": dossier.code})
    documents.direct(received, justice, moment + timedelta(hours=1), 3)
    incoming.perform(
        "complete",
        received,
        actor=justice.specialist,
        now=moment + timedelta(days=1),
        data={"result": "Đã có ý kiến thống nhất tại Công văn trả lời."},
    )
    stdout.write(f"Văn bản gắn hồ sơ {dossier.code}: công văn xin ý kiến và văn bản đến đã xử lý.\n")
