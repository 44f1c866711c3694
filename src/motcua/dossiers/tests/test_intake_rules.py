"""Intake rules every channel obeys: contact data follows its identity; acceptance needs the mandatory
components, never the conditional or optional ones; only what was received is listed as received."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.catalogue.tests.factories import make_procedure
from motcua.core.exceptions import DomainError
from motcua.documents.forms import dossier_context
from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import ComponentData
from motcua.dossiers.tests.helpers import applicant_data, pdf, receive

pytestmark = pytest.mark.django_db

SECOND_PERSON = {"full_name": "Trần Văn Bình", "id_number": "038090000555"}


# --- Contact data belongs to one identity ---------------------------------------------------------


def test_an_email_on_record_for_another_identity_is_refused_on_the_field(world):
    first = receive(world)  # Nhung, 038190000123, nhung@example.vn, 0912345678
    with pytest.raises(DomainError) as error:
        receive(world, applicant=applicant_data(**SECOND_PERSON, phone="0987000111", email="nhung@example.vn"))
    assert error.value.code == "contact_of_other_identity"
    assert set(error.value.fields) == {"email"} and "tổ chức, cá nhân khác" in error.value.fields["email"][0]
    first.applicant.refresh_from_db()
    assert first.applicant.email == "nhung@example.vn"  # nothing was written for the second person


def test_a_phone_on_record_for_another_identity_is_refused_too(world):
    receive(world)
    with pytest.raises(DomainError) as error:
        receive(world, applicant=applicant_data(**SECOND_PERSON, phone="0912345678", email="binh@example.vn"))
    assert set(error.value.fields) == {"phone"}


def test_the_email_of_another_citizens_portal_account_is_refused(world):
    account = UserFactory(username="congdan.hoa", email="hoa@example.vn")
    services.resolve_applicant(applicant_data(full_name="Lê Thị Hoa", id_number="038190000999", email=""), actor=None)
    account.applicant_profiles.add(services.resolve_applicant(applicant_data(id_number="038190000999"), actor=None))
    with pytest.raises(DomainError) as error:
        receive(world, applicant=applicant_data(**SECOND_PERSON, phone="0987000111", email="HOA@example.vn"))
    assert set(error.value.fields) == {"email"}


def test_the_same_person_may_change_or_keep_their_own_contact(world):
    receive(world)
    again = receive(world, applicant=applicant_data(email="nhung.moi@example.vn"))
    assert again.applicant_email == "nhung.moi@example.vn"
    assert receive(world).applicant.email == "nhung@example.vn"


def test_the_officer_may_keep_the_contact_when_the_applicant_confirms_it_and_the_history_says_so(world):
    receive(world)
    data = applicant_data(**SECOND_PERSON, phone="0912345678", email="nhung@example.vn", use_contact_anyway=True)
    dossier = receive(world, applicant=data)
    assert dossier.applicant_email == "nhung@example.vn" and dossier.applicant.id_number == "038090000555"
    registered = DossierEvent.objects.get(dossier=dossier, action="register")
    assert registered.data["contact_of_other_identity_confirmed"] == ["email", "phone"]
    plain = DossierEvent.objects.filter(action="register").exclude(dossier=dossier).get()
    assert "contact_of_other_identity_confirmed" not in plain.data


# --- Acceptance needs the mandatory components, whatever the channel ------------------------------


def _conditional_procedure(world: Any) -> Any:
    return make_procedure(
        "Đăng ký khai sinh",
        competent_agencies=[world.department.identifier_code],
        levels=["province"],
        components=[
            {"name": "Tờ khai đăng ký khai sinh", "copies": 1, "kind": "original"},
            {"name": "Biên bản về việc trẻ bị bỏ rơi", "note": "chỉ khi khai sinh cho trẻ bị bỏ rơi"},
            {"name": "Văn bản ủy quyền", "requirement": "conditional", "condition": "Khi ủy quyền"},
            {"name": "Giấy tờ chứng minh quan hệ (nếu có)"},
        ],
    )


def test_accepting_without_a_mandatory_component_is_refused_by_the_service(world):
    with pytest.raises(DomainError) as error:
        receive(world, components=[ComponentData(name="Bản sao CCCD")])
    assert error.value.code == "incomplete"
    assert error.value.fields["components"] == ["Chưa nhận: Tờ khai."]
    registered = receive(world, components=[], decision="register")
    with pytest.raises(DomainError):
        services.accept(registered, actor=world.officer)
    registered.refresh_from_db()
    assert registered.status == Status.SUBMITTED


def test_conditional_and_optional_components_block_neither_acceptance_nor_online_submission(world):
    procedure = _conditional_procedure(world)
    version = procedure.versions.get()
    requirements = [(c.requirement, c.condition) for c in version.components.order_by("order")]
    assert requirements == [
        ("always", ""),
        ("conditional", "Chỉ khi khai sinh cho trẻ bị bỏ rơi"),
        ("conditional", "Khi ủy quyền"),
        ("optional", ""),
    ]
    form = version.components.get(order=1)
    accepted = receive(world, procedure=procedure, components=[ComponentData(component_id=form.pk, files=[pdf()])])
    assert accepted.status == Status.ACCEPTED
    citizen = UserFactory(username="congdan.kha")
    person = services.resolve_applicant(applicant_data(id_number="038190000321", email="", phone=""), actor=None)
    person.user = citizen
    person.save()
    draft = services.create_online_draft(person, procedure, actor=citizen, receiving_agency=world.centre)
    line = draft.components.get(catalogue_component=form)
    services.attach_file_to_component(draft, line.pk, pdf("to-khai.pdf"), actor=citizen)
    submitted = services.submit_online(draft, actor=citizen, result_delivery="counter")
    assert services.accept(submitted, actor=world.officer).status == Status.ACCEPTED


def test_only_components_received_online_are_listed_on_the_receipt(world):
    procedure = _conditional_procedure(world)
    citizen = UserFactory(username="congdan.lan")
    person = services.resolve_applicant(applicant_data(id_number="038190000322", email="", phone=""), actor=None)
    person.user = citizen
    person.save()
    draft = services.create_online_draft(person, procedure, actor=citizen, receiving_agency=world.centre)
    assert draft.components.count() == 4  # the checklist to attach files to
    form = draft.components.get(order=1)
    services.attach_file_to_component(draft, form.pk, pdf("to-khai.pdf"), actor=citizen)
    submitted = services.submit_online(draft, actor=citizen, result_delivery="counter")
    assert [c.name for c in submitted.components.all()] == ["Tờ khai đăng ký khai sinh"]
    accepted = services.accept(submitted, actor=world.officer)
    receipt = dossier_context("01", accepted)
    assert [c["name"] for c in receipt["components"]] == ["Tờ khai đăng ký khai sinh"]
