"""Intake on the three channels and the reception decision."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from motcua.accounts.models import ApplicantKind
from motcua.accounts.tests.factories import UserFactory
from motcua.catalogue import services as catalogue
from motcua.catalogue.selectors import version_in_force
from motcua.catalogue.tests.factories import make_procedure, version_data
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.constants import Channel, Status
from motcua.dossiers.models import SupplementRequest
from motcua.dossiers.services import ApplicantData, ComponentData
from motcua.dossiers.tests.helpers import applicant_data, pdf, receive

pytestmark = pytest.mark.django_db


def test_incomplete_at_intake_lists_every_item_once_then_resubmit_and_accept(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = receive(world, decision="request_supplement", supplement_items=["Bản sao CCCD", "Ảnh 4x6", " "])
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    request = SupplementRequest.objects.get(dossier=dossier)
    assert request.items == ["Bản sao CCCD", "Ảnh 4x6"] and request.stage == "intake"
    assert "Bản sao CCCD" in mail.outbox[0].body
    assert dossier.due_at is None  # the clock has not started
    received = [ComponentData(name="Bản sao CCCD"), ComponentData(name="Ảnh 4x6")]
    dossier = services.resubmit(dossier, actor=world.officer, components=received)
    assert dossier.status == Status.SUBMITTED
    assert SupplementRequest.objects.get(dossier=dossier).fulfilled_at is not None
    dossier = services.accept(dossier, actor=world.officer)
    assert dossier.status == Status.ACCEPTED and dossier.due_at is not None


def test_supplement_request_needs_items(world):
    with pytest.raises(DomainError) as error:
        receive(world, decision="request_supplement", supplement_items=[])
    assert "items" in error.value.fields


def test_refusal_needs_a_reason_and_closes_the_dossier(world):
    with pytest.raises(DomainError):
        receive(world, decision="refuse", reason="  ")
    dossier = receive(world, decision="refuse", reason="Không thuộc thẩm quyền giải quyết của tỉnh")
    assert dossier.status == Status.REFUSED_AT_INTAKE and dossier.closed_at is not None
    assert not dossier.steps.exists()


def test_postal_intake_records_the_shipment(world):
    with pytest.raises(DomainError) as error:
        receive(world, channel=Channel.POSTAL)
    assert "postal_shipment_number" in error.value.fields
    dossier = receive(world, channel=Channel.POSTAL, postal_shipment_number="EB123456789VN")
    assert dossier.channel == Channel.POSTAL and dossier.postal_shipment_number == "EB123456789VN"


def test_register_only_then_decide(world):
    dossier = receive(world, decision="register")
    assert dossier.status == Status.SUBMITTED and dossier.code.endswith("-0001")
    assert not dossier.steps.exists()


def test_only_one_stop_officers_of_the_receiving_unit_receive(world):
    with pytest.raises(PermissionDenied):
        receive(world, actor=world.specialist)
    with pytest.raises(PermissionDenied):
        receive(world, actor=world.stranger)


def test_business_applicant_and_reused_components(world):
    dossier = receive(
        world,
        applicant=ApplicantData(
            full_name="Công ty TNHH Hạc Thành", kind=ApplicantKind.BUSINESS, tax_code="2801234567", phone="0237123456"
        ),
        components=[ComponentData(name="Giấy chứng nhận đăng ký doanh nghiệp", reused=True)],
        decision="register",  # the procedure's form is not among these: it cannot be accepted yet
    )
    assert dossier.applicant_id_number == "2801234567"
    assert dossier.has_reused_components and not dossier.has_digitised_components


def test_invalid_applicant_data_is_a_field_error(world):
    with pytest.raises(DomainError) as error:
        receive(world, applicant=applicant_data(id_number="12ab"))
    assert error.value.fields


def test_online_draft_submit_and_accept(world, django_capture_on_commit_callbacks):
    citizen = UserFactory(username="congdan")
    person = services.resolve_applicant(applicant_data(), actor=None)
    person.user = citizen
    person.save()
    draft = services.create_online_draft(person, world.procedure, actor=citizen, receiving_agency=world.centre)
    assert draft.status == Status.DRAFT and draft.code is None
    with pytest.raises(DomainError) as error:
        services.submit_online(draft, actor=citizen)
    assert error.value.code == "incomplete" and error.value.fields["components"] == ["Tờ khai"]
    component = draft.components.get()
    services.attach_file_to_component(draft, component.pk, pdf("to-khai.pdf"), actor=citizen)
    with pytest.raises(PermissionDenied):
        services.submit_online(draft, actor=world.officer)
    submitted = services.submit_online(draft, actor=citizen, result_delivery="counter")
    assert submitted.status == Status.SUBMITTED and submitted.code.startswith("000.00.06.H56-260302-")
    assert submitted.channel == Channel.ONLINE and submitted.has_digitised_components
    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.accept(submitted, actor=world.officer)
    assert accepted.status == Status.ACCEPTED
    assert mail.outbox[-1].to == ["nhung@example.vn"]


def test_online_draft_only_for_own_profile(world):
    citizen = UserFactory(username="congdan2")
    person = services.resolve_applicant(applicant_data(), actor=None)
    with pytest.raises(PermissionDenied):
        services.create_online_draft(person, world.procedure, actor=citizen, receiving_agency=world.centre)


def test_a_version_read_by_the_caller_is_used_only_if_it_is_in_force_that_day(world):
    # The world's clock is frozen on Monday 02/03/2026.
    current = version_in_force(world.procedure, date(2026, 3, 2))
    assert receive(world, version=current).procedure_version == current
    # Read "yesterday": a new version takes effect today and the one read ended last night.
    catalogue.change_procedure(world.procedure, actor=None, version=version_data(effective_from="2026-03-02"))
    current.refresh_from_db()
    newer = version_in_force(world.procedure, date(2026, 3, 2))
    assert (current.effective_until, newer.number) == (date(2026, 3, 1), current.number + 1)
    again = receive(world, version=current, applicant=applicant_data(id_number="038190000124"))
    assert again.procedure_version == newer
    # A version of another procedure is not taken either.
    other = make_procedure(
        "Cấp bản sao trích lục hộ tịch", code="1.004884", competent_agencies=[world.commune.identifier_code]
    )
    stray = version_in_force(other, date(2026, 3, 2))
    assert receive(world, version=stray, applicant=applicant_data(id_number="038190000125")).procedure_version == newer
