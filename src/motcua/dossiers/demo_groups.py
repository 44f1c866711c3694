"""Demo applications of the procedure group "khai sinh, thường trú, thẻ BHYT cho trẻ em dưới 6 tuổi".

One received at the Việt Trì service centre for a mother registering her newborn: three dossiers, each at
its competent agency, under one code. (The demo catalogue's source offers two of the three procedures at
the counter only, so the group is not offered online in the demo; the portal's group pages say so.)
"""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from motcua.accounts import demo as people
from motcua.accounts.models import User
from motcua.catalogue.models import Procedure, ProcedureGroup
from motcua.dossiers.inputs import ComponentData
from motcua.dossiers.models import DossierGroup
from motcua.dossiers.services.applicants import ApplicantData
from motcua.dossiers.services.groups import GroupIntakeRequest, receive_group
from motcua.organisations import demo as org
from motcua.organisations.models import Agency

GROUP_CODE = "LT-KS-TT-BHYT"
MOTHER = ApplicantData(
    full_name="Phạm Thị Thu",
    id_number="025190004567",
    phone="0915000111",
    address="Số 8 đường Trần Phú, phường Việt Trì, tỉnh Phú Thọ",
)


def _scan(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% demo scan\n", content_type="application/pdf")


def _received(procedure: Procedure) -> list[ComponentData]:
    """What the mother brought: every component of the procedure's version, scanned at the counter."""
    version = procedure.versions.order_by("-number").first()
    components = version.components.all() if version else []
    return [
        ComponentData(component_id=c.pk, kind=c.kind, copies=c.copies, page_count=1, files=[_scan("scan.pdf")])
        for c in components
    ]


@transaction.atomic
def load(stdout: TextIO) -> None:
    group = ProcedureGroup.objects.filter(code=GROUP_CODE).first()
    if group is None or DossierGroup.objects.filter(procedure_group=group).exists():
        return
    centre = Agency.objects.get(identifier_code=org.TTPVHCC_VIET_TRI_CODE)
    now = timezone.now()
    procedures = [m.procedure for m in group.members.select_related("procedure").order_by("order")]
    at_counter = receive_group(
        GroupIntakeRequest(
            procedure_group=group,
            receiving_agency=centre,
            applicant=MOTHER,
            components={p.code: _received(p) for p in procedures},
            note="Đăng ký cho con sinh ngày 20/11/2026",
        ),
        actor=User.objects.get(username=people.TIEPNHAN_VIET_TRI),
        now=now - timedelta(hours=3),
    )
    stdout.write(f"Demo procedure-group application: {at_counter.code}.\n")
