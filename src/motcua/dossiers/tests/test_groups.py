"""A procedure group (nhóm TTHC liên thông) filed as one application, at the counter and online."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.catalogue.models import Procedure, ProcedureGroup
from motcua.catalogue.services import save_group
from motcua.catalogue.tests.factories import make_procedure
from motcua.core.exceptions import DomainError
from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier, DossierGroup
from motcua.dossiers.selectors.groups import group_dossiers, progress
from motcua.dossiers.services.groups import GroupIntakeRequest, create_group_drafts, receive_group, submit_group
from motcua.dossiers.tests.helpers import applicant_data, pdf, received_form

pytestmark = pytest.mark.django_db
S = Status


def group_of(world: Any) -> tuple[ProcedureGroup, Procedure]:
    name = "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"
    insurance = make_procedure(name, competent_agencies=[world.partner.identifier_code], levels=["province"])
    group = save_group(actor=None, code="LT-THU", name="Liên thông thử nghiệm", procedures=[world.procedure, insurance])
    return group, insurance


def test_a_group_received_at_the_counter_is_one_dossier_per_procedure_each_at_its_agency(world):
    group, insurance = group_of(world)
    request = GroupIntakeRequest(
        procedure_group=group,
        receiving_agency=world.centre,
        applicant=applicant_data(),
        components={p.code: received_form(p) for p in (world.procedure, insurance)},
    )
    filing = receive_group(request, actor=world.officer)
    dossiers = group_dossiers(filing)
    assert [d.procedure for d in dossiers] == [world.procedure, insurance]
    assert [d.competent_agency for d in dossiers] == [world.department, world.partner]
    assert {d.status for d in dossiers} == {Status.ACCEPTED} and len({d.applicant_id for d in dossiers}) == 1
    assert filing.code == f"LT-{dossiers[0].code}" and filing.submitted_at is not None
    assert progress([d.status for d in dossiers]).label == "Đang giải quyết (0/2 thủ tục đã xong)"


def test_a_refusal_for_one_procedure_names_it_and_receives_none(world):
    group, insurance = group_of(world)
    request = GroupIntakeRequest(
        procedure_group=group,
        receiving_agency=world.centre,
        applicant=applicant_data(),
        components={world.procedure.code: received_form(world.procedure)},  # nothing for the insurance card
    )
    with pytest.raises(DomainError) as refused:
        receive_group(request, actor=world.officer)
    assert refused.value.message.startswith(f"{insurance.name}: ") and refused.value.code == "incomplete"
    assert not Dossier.objects.exists() and not DossierGroup.objects.exists()


def test_online_drafts_are_created_together_and_sent_together(world):
    group, insurance = group_of(world)
    citizen = UserFactory(username="congdan")
    person = services.resolve_applicant(applicant_data(), actor=None)
    person.user = citizen
    person.save()
    filing = create_group_drafts(group, person, actor=citizen, receiving_agency=world.centre)
    drafts = group_dossiers(filing)
    assert [d.status for d in drafts] == [S.DRAFT, S.DRAFT] and progress([S.DRAFT, S.DRAFT]).needs_applicant
    first, second = drafts
    services.attach_file_to_component(first, first.components.first().pk, pdf(), actor=citizen)
    with pytest.raises(DomainError) as refused:
        submit_group(filing, actor=citizen, result_delivery="counter")
    assert refused.value.message.startswith(f"{insurance.name}: ")
    assert Dossier.objects.filter(status=S.DRAFT).count() == 2  # all or none
    for component in second.components.all():
        services.attach_file_to_component(second, component.pk, pdf(), actor=citizen)
    filing = submit_group(filing, actor=citizen, result_delivery="counter")
    sent = group_dossiers(filing)
    assert [d.status for d in sent] == [S.SUBMITTED, S.SUBMITTED] and filing.code == f"LT-{sent[0].code}"
    assert progress([d.status for d in sent]).label == "Chờ tiếp nhận"
    with pytest.raises(DomainError):
        submit_group(filing, actor=citizen, result_delivery="counter")


def test_someone_else_cannot_start_a_group_for_an_applicant(world):
    group, _ = group_of(world)
    person = services.resolve_applicant(applicant_data(), actor=None)
    with pytest.raises(DomainError):
        create_group_drafts(group, person, actor=UserFactory(username="nguoila"), receiving_agency=world.centre)


@pytest.mark.parametrize(
    ("statuses", "label", "needs_applicant"),
    [
        ([S.DRAFT, S.SUBMITTED], "Chưa nộp", True),
        ([S.PROCESSING, S.SUPPLEMENT_REQUESTED], "Cần bổ sung hoặc thực hiện nghĩa vụ tài chính", True),
        ([S.FINANCIAL_OBLIGATION, S.RETURNED], "Cần bổ sung hoặc thực hiện nghĩa vụ tài chính", True),
        ([S.SUBMITTED, S.SUBMITTED, S.SUBMITTED], "Chờ tiếp nhận", False),
        ([S.SUBMITTED, S.ACCEPTED], "Đang giải quyết (0/2 thủ tục đã xong)", False),
        ([S.RETURNED, S.PROCESSING, S.ACCEPTED], "Đang giải quyết (1/3 thủ tục đã xong)", False),
        ([S.RETURNED, S.RESOLVED], "Đã giải quyết xong", False),
        ([S.RETURNED, S.REFUSED_AT_INTAKE], "Đã giải quyết xong", False),
        ([S.RETURNED, S.RETURNED, S.RETURNED], "Đã trả đủ kết quả", False),
    ],
)
def test_the_combined_status(statuses, label, needs_applicant):
    combined = progress(statuses)
    assert (combined.label, combined.needs_applicant, combined.total) == (label, needs_applicant, len(statuses))
