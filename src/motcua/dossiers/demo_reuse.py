"""Demo: Nguyễn Văn An (congdan.an) sends an online dossier with his electronic certified copy ("Bằng tốt nghiệp
đại học", certified at phường Việt Trì by ``certification/demo.py``) attached instead of a scan, so the dossier
counts as reusing digitised data (Decision 766). Idempotent: skipped once the copy has been reused."""

from __future__ import annotations

from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from motcua.accounts import demo as people
from motcua.accounts.models import Applicant, User
from motcua.catalogue.models import Component, Procedure
from motcua.catalogue.selectors import submittable_online, version_in_force
from motcua.certification.models import CertifiedCopy
from motcua.core.exceptions import DomainError
from motcua.dossiers.services import online
from motcua.dossiers.services.reuse import attach_certified_copy
from motcua.organisations import demo as org


def load(stdout: TextIO) -> None:
    certified = CertifiedCopy.objects.filter(
        document_name="Bằng tốt nghiệp đại học", citizen_id_number=people.CITIZEN_AN_ID
    ).first()
    if certified is None:
        stdout.write("Reuse: no demo certified copy to reuse.\n")
        return
    if certified.reuse_count:
        stdout.write("Reuse: the demo certified copy is already reused.\n")
        return
    code = _reuse(certified)
    stdout.write(f"Reuse: certified copy reused in dossier {code}.\n" if code else "Reuse: no procedure fits.\n")


def _reuse(certified: CertifiedCopy) -> str:
    """An's online dossier with the certified copy attached instead of a scan; its code, or "" if none fits."""
    citizen = User.objects.get(username=people.CONGDAN)
    applicant = Applicant.objects.get(id_number=people.CITIZEN_AN_ID)
    centre = org.demo_agency(org.TTPVHCC_VIET_TRI_CODE)
    today = timezone.localdate()
    for procedure in Procedure.objects.order_by("code"):
        try:
            version = version_in_force(procedure, today)
        except DomainError:
            continue
        if not submittable_online(version) or not Component.objects.filter(version=version).exists():
            continue
        try:
            with transaction.atomic():  # a procedure that does not fit leaves no draft behind
                draft = online.create_online_draft(applicant, procedure, actor=citizen, receiving_agency=centre)
                first, *others = list(draft.components.order_by("order"))
                attach_certified_copy(draft, first.pk, certified.pk, actor=citizen)
                for component in others:
                    scan = SimpleUploadedFile("ho-so.pdf", b"%PDF-1.4\n% demo scan\n", content_type="application/pdf")
                    online.attach_file_to_component(draft, component.pk, scan, actor=citizen)
                sent = online.submit_online(draft, actor=citizen, payment_method="none", result_delivery="electronic")
        except (DomainError, ValueError):
            continue
        return sent.code or ""
    return ""
