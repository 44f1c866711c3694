"""Shortcuts for dossier tests: receive at the counter, walk a dossier to a status."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalogue.models import Procedure
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ApplicantData, ComponentData


def applicant_data(**overrides: Any) -> ApplicantData:
    data = {
        "full_name": "Nguyễn Thị Hồng Nhung",
        "id_number": "038190000123",
        "phone": "0912345678",
        "email": "nhung@example.vn",
        "address": "Phường Hạc Thành, tỉnh Thanh Hóa",
    }
    number = overrides.get("id_number")
    if number and number != data["id_number"]:
        # Another person: their own contact (a contact on record for another identity is refused).
        data.update(phone=f"09{number[-8:]}", email=f"nd{number}@example.vn")
    data.update(overrides)
    return ApplicantData(**data)


def pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def received_form(procedure: Procedure) -> list[ComponentData]:
    """The procedure's mandatory components as received at the counter (the first one named as printed)."""
    version = procedure.versions.order_by("-number").first()
    required = [c for c in version.components.all() if c.mandatory] if version else []
    return [
        ComponentData(
            name="Tờ khai yêu cầu cấp phiếu" if index == 0 else "", component_id=c.pk, page_count=2, files=[pdf()]
        )
        for index, c in enumerate(required)
    ]


def receive(world: Any, *, actor: Any = None, now: Any = None, **overrides: Any) -> Dossier:
    """A counter intake by the world's officer; ``overrides``: the fields of the ``IntakeRequest``."""
    fields: dict[str, Any] = {
        "receiving_agency": world.centre,
        "procedure": world.procedure,
        "applicant": applicant_data(),
    }
    fields.update(overrides)
    if "components" not in fields:
        fields["components"] = received_form(fields["procedure"])
    request = services.IntakeRequest(**fields)
    return services.receive_dossier(request, actor=actor or world.officer, now=now)


def to_processing(world: Any, **overrides: Any) -> Dossier:
    """Accepted, assigned to the specialist: status 4 at the appraisal step."""
    dossier = receive(world, **overrides)
    return services.assign(dossier, actor=world.head, handler=world.specialist)


def to_resolved(world: Any) -> Dossier:
    dossier = to_processing(world)
    dossier = services.forward(dossier, actor=world.specialist, note="Đủ điều kiện")
    dossier = services.approve(dossier, actor=world.leader)
    return services.attach_result(dossier, actor=world.leader, result_files=[pdf("ket-qua.pdf")])
