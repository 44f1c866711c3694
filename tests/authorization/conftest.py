"""One set of real objects for the whole authorization module: built once, rolled back at the end.

Citizen A sent a dossier online to the service centre (agency X); A also keeps a draft. Citizen B, an
official of X, an official of another agency, a system administrator and another system (an API key acting
as X's official, allowed to read dossiers and the catalogue) request every route.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.db import transaction

from authorization.helpers import Caller


@dataclass
class Objects:
    callers: dict[str, Caller]
    values: dict[str, dict[str, Any]]  # path parameter values by object kind: dossier, draft, procedure
    secrets: list[str]  # what only those who may see A's dossier may read: its code, references, A's ID
    bodies: dict[str, dict[str, Any]]  # complete request bodies for writes a role must refuse


def _feedback_item(world: Any) -> Any:
    """A staff-conduct item (never listed publicly) with a photo, waiting for X, the coordinating unit."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from motcua.feedback import defaults, services
    from motcua.feedback.constants import Channel
    from motcua.feedback.models import CoordinatingUnit

    defaults.ensure()
    CoordinatingUnit.objects.create(agency=world.centre)
    photo = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, content_type="image/png")
    submission = services.Submission(
        category="thai-do-can-bo",
        title="Cán bộ hẹn nhiều lần",
        content="Cán bộ tiếp nhận hẹn tôi ba lần chưa nhận hồ sơ.",
        name="Trần Thị Bình",
        phone="0912345678",
        files=[photo],
    )
    return services.submit_feedback(submission, channel=Channel.PORTAL)


def _documents(world: Any) -> tuple[Any, Any]:
    """An incoming document registered by agency X's clerk and an outgoing draft of X (ids 1-ish)."""
    from datetime import date

    from django.utils import timezone

    from motcua.accounts.models import Role
    from motcua.dossiers.tests.conftest import official
    from motcua.records import incoming, outgoing
    from motcua.records.models import Source
    from motcua.records.tests.conftest import sample_pdf

    clerk = official(world.department, Role.CLERK, "vanthu.x")
    data = incoming.IncomingData(
        sender="UBND tỉnh",
        number_notation="12/UBND-NC",
        document_type="Công văn",
        document_date=date(2026, 2, 27),
        summary="Rà soát thủ tục",
        files=[("cv.pdf", sample_pdf())],
    )
    received = incoming.receive(world.department, data, source=Source.UPLOAD, actor=clerk, now=timezone.now())
    draft = outgoing.Draft(
        document_type="Công văn",
        notation="STP-VP",
        summary="Xin ý kiến",
        main=("cv.pdf", sample_pdf()),
        external_recipients="000.00.00.G01; Văn phòng Chính phủ",
    )
    written = outgoing.create_draft(world.department, draft, actor=world.head, now=timezone.now())
    return received, written


def _group_application(world: Any, applicant: Any, citizen: Any) -> Any:
    """Citizen A's application of a procedure group (two procedures), not sent yet."""
    from motcua.catalogue.services import save_group
    from motcua.catalogue.tests.factories import make_procedure
    from motcua.dossiers.services.groups import create_group_drafts

    insurance = make_procedure("Cấp thẻ bảo hiểm y tế", competent_agencies=[world.partner.identifier_code])
    group = save_group(actor=None, code="LT-THU", name="Liên thông thử", procedures=[world.procedure, insurance])
    return create_group_drafts(group, applicant, actor=citizen, receiving_agency=world.centre)


def _certified_copy(world: Any, citizen: Any) -> Any:
    """A's electronic certified copy, issued by the commune (kept as signed; its signing is tested elsewhere)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from motcua.certification.models import CertifiedCopy
    from motcua.signatures.models import SignedDocument

    signed = SignedDocument.objects.create(
        token="ban-sao-cua-a",
        name="ban-sao-chung-thuc-2026-01.pdf",
        file=ContentFile(b"%PDF-1.7 ban sao", name="ban-sao-chung-thuc-2026-01.pdf"),
        size=16,
        sha256="0" * 64,
        agency=world.commune,
        purpose="certified_copy",
        reference="01/01/2026-SCT/BS",
        signed_at=timezone.now(),
    )
    return CertifiedCopy.objects.create(
        agency=world.commune,
        year=2026,
        number=1,
        book="01/2026-SCT/BS",
        issued_at=timezone.now(),
        certifier=world.commune_specialist,
        citizen=citizen,
        citizen_name="Nguyễn Thị Lan",
        citizen_id_number="025195000123",
        document_name="Giấy khai sinh",
        pages=1,
        signed=signed,
    )


def _build() -> Objects:
    from motcua.accounts.tests.factories import UserFactory
    from motcua.catalogue.models import Component
    from motcua.dossiers.services import online
    from motcua.dossiers.tests.conftest import build_world
    from motcua.integrations.constants import Scope
    from motcua.integrations.tests.factories import make_client
    from motcua.portal.tests.conftest import make_citizen, pdf, submitted_dossier

    world = build_world()
    citizen_a = make_citizen("0912345678", "025195000123")
    citizen_b = make_citizen("0987654321", "025195000456")
    dossier = submitted_dossier(world, citizen_a)
    from motcua.accounts.selectors import citizen_applicant

    draft = online.create_online_draft(
        citizen_applicant(citizen_a), world.procedure, actor=citizen_a, receiving_agency=world.centre, summary="Nháp"
    )
    online.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=citizen_a)
    filing = _group_application(world, citizen_applicant(citizen_a), citizen_a)
    _, key = make_client(world.officer, scopes=[Scope.DOSSIERS_READ, Scope.CATALOGUE_READ], rate=100_000)
    feedback = _feedback_item(world)
    documents = _documents(world)
    certified = _certified_copy(world, citizen_a)
    component = Component.objects.filter(version__procedure=world.procedure).first()
    dossier_file = dossier.files.first()
    draft_file = draft.files.first()
    callers = {
        "anonymous": Caller("anonymous"),
        "citizen": Caller("citizen A (owner)", user=citizen_a),
        "other_citizen": Caller("citizen B", user=citizen_b),
        "official": Caller("official of agency X", user=world.officer),
        "other_official": Caller("official of another agency", user=world.stranger),
        "administrator": Caller("system administrator", user=UserFactory(superuser=True)),
        "integrator": Caller("another system (API key)", api_key=key),
    }
    values = {
        "dossier": {"code": dossier.code, "reference": dossier.reference, "file_id": dossier_file.pk},
        "draft": {"reference": draft.reference, "file_id": draft_file.pk},
        "procedure": {"code": world.procedure.code, "component_id": component.pk if component else 0},
        "feedback": {"code": feedback.code, "file_id": feedback.attachments.get().pk},
        "group": {"code": filing.procedure_group.code, "reference": filing.reference},
        "document": {"pk": documents[0].pk, "file_id": documents[0].files.get().pk},
        "document_out": {"pk": documents[1].pk, "file_id": documents[1].files.get().pk},
        "certified": {"copy_id": certified.pk},
    }
    secrets = [
        dossier.code,
        str(dossier.reference),
        str(draft.reference),
        "025195000123",
        feedback.code,
        str(filing.reference),
    ]
    intake = {
        "receiving_agency": world.centre.pk,
        "procedure": world.procedure.code,
        "applicant": {"full_name": "Lê Văn Đức", "id_number": "038090000777", "phone": "0987650000"},
        "components": [{"name": "Tờ khai", "page_count": 1}],
    }
    return Objects(callers=callers, values=values, secrets=secrets, bodies={"intake": intake})


@pytest.fixture(scope="module")
def objects(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Objects]:
    from motcua.dossiers.tests.conftest import MONDAY_9AM

    # Refusals are what this module expects by the hundred: not worth a warning with a traceback each.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    with time_machine.travel(MONDAY_9AM, tick=False), django_db_blocker.unblock(), transaction.atomic():
        built = _build()
        yield built
        transaction.set_rollback(True)
    request_log.setLevel(level)
