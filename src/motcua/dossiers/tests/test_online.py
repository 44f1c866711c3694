"""Online drafts: applicant details, files, result delivery, the submitted message, fees paid online."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.constants import PaymentMethod, ReturnMethod, Status
from motcua.dossiers.models import Dossier, DossierEvent, DossierFile, FilePurpose
from motcua.dossiers.payment_link import payment_subject
from motcua.dossiers.tests.helpers import applicant_data, pdf, to_resolved
from motcua.payments import services as payment_services
from motcua.payments.interface import GatewayOutcome, GatewayResult


def _draft(world: Any) -> Dossier:
    citizen = UserFactory(username="congdan")
    person = services.resolve_applicant(applicant_data(), actor=None)
    person.user = citizen
    person.save()
    draft = services.create_online_draft(person, world.procedure, actor=citizen, receiving_agency=world.centre)
    return draft


def _owner(draft: Dossier) -> Any:
    return draft.applicant.user


def test_submit_needs_a_valid_result_delivery(world):
    draft = _draft(world)
    component = draft.components.get()
    services.attach_file_to_component(draft, component.pk, pdf(), actor=_owner(draft))
    with pytest.raises(DomainError) as error:
        services.submit_online(draft, actor=_owner(draft))
    assert "result_delivery" in error.value.fields
    with pytest.raises(DomainError) as error:
        services.update_draft(draft, actor=_owner(draft), result_delivery=ReturnMethod.POSTAL, delivery_address=" ")
    assert error.value.fields == {"delivery_address": ["Nhập địa chỉ nhận kết quả qua bưu chính."]}
    with pytest.raises(DomainError) as error:  # the procedure does not issue electronic results
        services.update_draft(draft, actor=_owner(draft), result_delivery=ReturnMethod.ELECTRONIC)
    assert "result_delivery" in error.value.fields
    services.update_draft(
        draft, actor=_owner(draft), result_delivery=ReturnMethod.POSTAL, delivery_address="Số 5  phố Lê Lợi"
    )
    sent = services.submit_online(draft, actor=_owner(draft))
    assert sent.status == Status.SUBMITTED
    assert (sent.result_delivery, sent.delivery_address) == ("postal", "Số 5 phố Lê Lợi")


def test_submitted_message_is_queued_after_commit(world, django_capture_on_commit_callbacks):
    draft = _draft(world)
    services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=_owner(draft))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sent = services.submit_online(draft, actor=_owner(draft), result_delivery=ReturnMethod.COUNTER)
    assert not mail.outbox
    for callback in callbacks:
        callback()
    message = mail.outbox[-1]
    assert message.to == ["nhung@example.vn"]
    assert message.subject == f"Đã nhận hồ sơ trực tuyến {sent.code}"
    assert world.centre.name in message.body and "Trực tiếp tại Bộ phận Một cửa" in message.body


def test_update_draft_applicant_validates_and_records_the_change(world):
    draft = _draft(world)
    with pytest.raises(DomainError) as error:
        services.update_draft_applicant(draft, actor=_owner(draft), full_name="Nhung", phone="12")
    assert "phone" in error.value.fields
    with pytest.raises(DomainError):
        services.update_draft_applicant(draft, actor=_owner(draft), full_name=" ")
    with pytest.raises(PermissionDenied):
        services.update_draft_applicant(draft, actor=world.officer, full_name="Người khác")
    updated = services.update_draft_applicant(
        draft, actor=_owner(draft), full_name="Nguyễn Thị Hồng  Nhung", phone="0987 654 321", address="Thôn 3"
    )
    assert (updated.applicant_name, updated.applicant_phone) == ("Nguyễn Thị Hồng Nhung", "0987654321")
    assert updated.applicant_address == "Thôn 3" and updated.applicant_email == ""
    event = updated.events.get(action="update_draft")
    assert event.data["applicant"]["applicant_phone"] == ["0912345678", "0987654321"]
    assert updated.applicant_id_number == "038190000123"  # the identity is not editable


def test_remove_draft_file_only_from_the_own_draft(world):
    draft = _draft(world)
    component = draft.components.get()
    stored = services.attach_file_to_component(draft, component.pk, pdf("sai.pdf"), actor=_owner(draft))
    with pytest.raises(PermissionDenied):
        services.remove_draft_file(draft, stored.pk, actor=world.officer)
    with pytest.raises(DomainError):
        services.remove_draft_file(draft, stored.pk + 999, actor=_owner(draft))
    dossier = services.remove_draft_file(draft, stored.pk, actor=_owner(draft))
    assert not DossierFile.objects.filter(pk=stored.pk).exists()
    component.refresh_from_db()
    assert not component.digitised and not dossier.has_digitised_components
    assert dossier.events.filter(action="update_draft", data__removed_file="sai.pdf").exists()
    with pytest.raises(DomainError) as error:  # the mandatory file is missing again
        services.submit_online(dossier, actor=_owner(draft), result_delivery="counter")
    assert error.value.code == "incomplete"


def test_files_of_a_sent_dossier_cannot_be_removed(world):
    draft = _draft(world)
    stored = services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=_owner(draft))
    services.submit_online(draft, actor=_owner(draft), result_delivery="counter")
    with pytest.raises(DomainError):
        services.remove_draft_file(draft, stored.pk, actor=_owner(draft))
    assert DossierFile.objects.filter(pk=stored.pk).exists()


def test_record_fee_payment_is_idempotent_per_reference(world):
    draft = _draft(world)
    kwargs = {"amount_vnd": 50_000, "method": PaymentMethod.ONLINE, "paid_at": world_now(), "actor": None}
    paid = services.record_fee_payment(draft, reference="TT1", receipt_pdf=b"%PDF-1.4 bl", **kwargs)
    assert paid.fees_paid and paid.fee_total_vnd == 50_000 and paid.payment_method == "online"
    again = services.record_fee_payment(draft, reference="TT1", receipt_pdf=b"%PDF-1.4 bl", **kwargs)
    assert again.version == paid.version
    assert DossierEvent.objects.filter(dossier=draft, action="record_fee_payment").count() == 1
    assert DossierFile.objects.filter(dossier=draft, purpose=FilePurpose.RECEIPT).count() == 1
    with pytest.raises(DomainError):
        services.record_fee_payment(draft, reference="", **kwargs)
    services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=_owner(draft))
    sent = services.submit_online(draft, actor=_owner(draft), payment_method="none", result_delivery="counter")
    assert sent.fees_paid and sent.payment_method == PaymentMethod.ONLINE


def test_a_less_than_due_amount_is_recorded_but_not_paid(world):
    draft = _draft(world)
    partial = services.record_fee_payment(
        draft, amount_vnd=10_000, method="online", reference="TT2", paid_at=world_now(), actor=None
    )
    assert not partial.fees_paid and partial.events.filter(action="record_fee_payment").exists()


def test_a_gateway_confirmation_reaches_the_dossier_without_a_request(world):
    draft = _draft(world)
    payment, _url = payment_services.start_payment(
        amount_vnd=50_000,
        description="Lệ phí",
        callback_url="/thanh-toan/ket-qua/sandbox/",
        subject=payment_subject(draft),
        actor=_owner(draft),
    )
    result = GatewayResult(payment.reference, GatewayOutcome.SUCCEEDED, 50_000, "SBX9")
    paid = payment_services.apply_gateway_result(result, gateway="sandbox", source="callback")
    draft.refresh_from_db()
    assert draft.fees_paid and draft.payment_method == PaymentMethod.ONLINE
    receipt = DossierFile.objects.get(dossier=draft, purpose=FilePurpose.RECEIPT)
    assert receipt.name == f"bien-lai-{paid.receipt_number}.pdf"
    assert receipt.file.read().startswith(b"%PDF")
    payment_services.apply_gateway_result(result, gateway="sandbox", source="callback")  # a repeated notice
    assert DossierFile.objects.filter(dossier=draft, purpose=FilePurpose.RECEIPT).count() == 1


def test_a_failing_dossier_handler_does_not_undo_the_payment(world, monkeypatch):
    from motcua.payments import hooks

    def broken(payment: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(hooks._handlers, "dossier", broken)
    draft = _draft(world)
    payment, _url = payment_services.start_payment(
        amount_vnd=50_000, description="Lệ phí", callback_url="/x/", subject=payment_subject(draft), actor=None
    )
    result = GatewayResult(payment.reference, GatewayOutcome.SUCCEEDED, 50_000, "SBX9")
    assert payment_services.apply_gateway_result(result, gateway="sandbox").state == "paid"
    draft.refresh_from_db()
    assert not draft.fees_paid


def test_return_follows_the_chosen_delivery(world):
    dossier = to_resolved(world)
    Dossier.objects.filter(pk=dossier.pk).update(result_delivery="postal", delivery_address="Thôn 3, xã Yên Lạc")
    with pytest.raises(DomainError) as error:
        services.return_result(dossier, actor=world.officer)
    assert "shipment_number" in error.value.fields
    returned = services.return_result(dossier, actor=world.officer, shipment_number="EB123VN")
    assert returned.return_method == "postal" and returned.returned_to.endswith("Thôn 3, xã Yên Lạc")


def test_electronic_return_needs_the_result_file(world):
    dossier = to_resolved(world)
    DossierFile.objects.filter(dossier=dossier, purpose=FilePurpose.RESULT).delete()
    with pytest.raises(DomainError) as error:
        services.return_result(dossier, actor=world.officer, method="electronic")
    assert "method" in error.value.fields


def test_counter_intake_records_the_delivery(world):
    from motcua.dossiers.tests.helpers import receive

    dossier = receive(world, result_delivery="postal", delivery_address="Thôn 3")
    assert (dossier.result_delivery, dossier.delivery_address) == ("postal", "Thôn 3")
    assert receive(world).result_delivery == "counter"
    with pytest.raises(DomainError):
        receive(world, result_delivery="postal")


def world_now() -> Any:
    from django.utils import timezone

    return timezone.now()


def test_the_applicant_finds_a_draft_by_its_reference_and_a_sent_dossier_by_either(world):
    from motcua.core.exceptions import NotFound
    from motcua.dossiers.selectors import dossier_for_applicant

    draft = _draft(world)
    owner = _owner(draft)
    assert dossier_for_applicant(owner, str(draft.reference)) == draft
    assert dossier_for_applicant(owner, draft.reference, draft=True) == draft
    with pytest.raises(NotFound):
        dossier_for_applicant(owner, str(draft.reference), draft=False)
    with pytest.raises(NotFound):
        dossier_for_applicant(UserFactory(username="khac"), str(draft.reference))
    services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=owner)
    sent = services.submit_online(draft, actor=owner, result_delivery="counter")
    assert dossier_for_applicant(owner, sent.code) == sent == dossier_for_applicant(owner, str(sent.reference))
    with pytest.raises(NotFound):
        dossier_for_applicant(owner, str(sent.reference), draft=True)
