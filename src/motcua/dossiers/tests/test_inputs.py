"""Each action's input: declared once in the table, read and validated once, matching its service."""

from __future__ import annotations

import inspect
from datetime import datetime
from typing import Any

import pytest

from motcua.core.exceptions import DomainError
from motcua.dossiers import services, workflow
from motcua.dossiers.constants import Status, StepKind
from motcua.dossiers.inputs import ConsultInput, ExtendInput, ItemsInput, ReturnResultInput
from motcua.dossiers.services.dispatch import SERVICES
from motcua.dossiers.tests.helpers import pdf, receive, to_processing, to_resolved
from motcua.workdays.constants import VIETNAM_TZ

# What every action service takes besides its input: the dossier, who acts, the version seen, the moment.
ENGINE_PARAMETERS = {"dossier", "actor", "expected_version", "now"}
ACTING = "acting"  # the membership an official acts in: taken by every action an official may fire


def test_every_action_of_the_table_has_one_service() -> None:
    assert set(SERVICES) == set(workflow.ACTION_NAMES)


@pytest.mark.parametrize("transition", workflow.TRANSITIONS, ids=lambda t: t.name)
def test_every_input_fills_its_service_parameters_by_their_names(transition: workflow.Transition) -> None:
    parameters = inspect.signature(SERVICES[transition.name]).parameters
    filled = set(transition.input.service_parameters())
    assert set(parameters) >= ENGINE_PARAMETERS, "an action service takes the dossier, actor, version and moment"
    assert filled <= set(parameters) - ENGINE_PARAMETERS - {ACTING}, f"{transition.input.__name__} names unknown ones"
    if transition.roles - {workflow.APPLICANT}:
        assert ACTING in parameters, "an official chooses the membership to act in"
    needed = {
        name
        for name, parameter in parameters.items()
        if parameter.default is inspect.Parameter.empty and name not in ENGINE_PARAMETERS
    }
    assert needed <= filled, f"{transition.input.__name__} leaves required parameters out"


@pytest.mark.django_db
def test_missing_and_out_of_bounds_values_are_field_errors(world: Any) -> None:
    dossier = to_processing(world)
    with pytest.raises(DomainError) as refused:
        ConsultInput.parse({"agencies": [], "content": "  ", "days": "0"}, dossier)
    assert refused.value.code == "invalid"
    assert refused.value.fields == {
        "agencies": ["Trường này là bắt buộc."],
        "content": ["Trường này là bắt buộc."],
        "days": ["Không được nhỏ hơn 1."],
    }
    with pytest.raises(DomainError) as refused:
        ConsultInput.parse({"agencies": [world.partner.pk], "content": "Xin ý kiến", "days": "2.5"}, dossier)
    assert refused.value.fields == {"days": ["Phải là số nguyên."]}


@pytest.mark.django_db
def test_references_are_read_from_ids_or_instances_among_the_candidates(world: Any) -> None:
    dossier = to_processing(world)
    by_id = ConsultInput.parse({"agencies": [str(world.partner.pk)], "content": "Xin ý kiến"}, dossier)
    by_instance = ConsultInput.parse({"agencies": [world.partner], "content": "Xin ý kiến"}, dossier)
    assert by_id == by_instance and by_id.agencies == (world.partner,) and by_id.days == 3
    # The competent agency itself is not consulted: it is not among the candidates.
    with pytest.raises(DomainError) as refused:
        ConsultInput.parse({"agencies": [world.department.pk], "content": "Xin ý kiến"}, dossier)
    assert list(refused.value.fields) == ["agencies"]
    with pytest.raises(DomainError) as refused:  # beyond what the column holds: refused before any query
        ConsultInput.parse({"agencies": [10**20], "content": "Xin ý kiến"}, dossier)
    assert refused.value.fields == {"agencies": ["Mã không hợp lệ."]}
    assign = workflow.get("assign").input
    with pytest.raises(DomainError) as refused:
        assign.parse({"handler": world.partner_specialist.pk}, dossier)  # another agency's official
    assert refused.value.fields == {"handler": ["Cán bộ không hợp lệ."]}
    assert assign.parse({"handler": world.specialist.pk}, dossier).kwargs()["handler"] == world.specialist


@pytest.mark.django_db
def test_lines_dates_and_rules_between_fields(world: Any) -> None:
    dossier = to_processing(world)
    items = ItemsInput.parse({"items": "Bản sao giấy khai sinh\n\n  Ảnh 4x6  \n"}, dossier)
    assert items.items == ("Bản sao giấy khai sinh", "Ảnh 4x6")
    extend = ExtendInput.parse({"new_due_at": "2026-03-10T16:00", "reason": "Cần xác minh"}, dossier)
    assert extend.new_due_at == datetime(2026, 3, 10, 16, 0, tzinfo=VIETNAM_TZ)  # a time without zone is Vietnam's
    with pytest.raises(DomainError) as refused:
        ExtendInput.parse({"new_due_at": "ngày mai", "reason": "Cần xác minh"}, dossier)
    assert list(refused.value.fields) == ["new_due_at"]
    resolved = to_resolved(world)
    resolved.result_delivery = "postal"
    with pytest.raises(DomainError) as refused:
        ReturnResultInput.parse({}, resolved)  # blank follows the applicant's choice: by post
    assert refused.value.fields == {"shipment_number": ["Cần nhập số vận đơn bưu chính."]}
    former = ReturnResultInput.parse({"return_method": "counter"}, resolved)
    assert former.method == "counter"


@pytest.mark.django_db
def test_perform_validates_then_calls_the_service_of_the_action(world: Any) -> None:
    dossier = to_processing(world)
    with pytest.raises(DomainError) as refused:
        services.perform(dossier, "return_to_previous", {}, actor=world.specialist)
    assert refused.value.fields == {"reason": ["Trường này là bắt buộc."]}
    consulted = services.perform(
        dossier,
        "consult",
        {"agencies": [world.partner.pk], "content": "Xin ý kiến về lệ phí", "days": "2"},
        actor=world.specialist,
        expected_version=dossier.version,
    )
    step = consulted.steps.get(kind=StepKind.CONSULTATION)
    assert step.agency == world.partner and step.duration_value == 2
    with pytest.raises(workflow.UnknownAction):
        services.perform(dossier, "fly", {}, actor=world.specialist)


@pytest.mark.django_db
def test_supplement_received_lines_become_components_with_the_scans(world: Any) -> None:
    dossier = receive(world, decision="request_supplement", supplement_items=["Bản sao giấy khai sinh"])
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    data = {"received_items": "Bản sao giấy khai sinh\nẢnh 4x6", "files": [pdf("khai-sinh.pdf")]}
    resubmitted = services.perform(dossier, "resubmit", data, actor=world.officer)
    names = list(resubmitted.components.order_by("pk").values_list("name", flat=True))
    assert names[-2:] == ["Bản sao giấy khai sinh", "Ảnh 4x6"]
    assert resubmitted.files.filter(name="khai-sinh.pdf", component__name="Bản sao giấy khai sinh").exists()


@pytest.mark.django_db
def test_ticked_items_must_be_among_those_requested(world: Any) -> None:
    from motcua.dossiers.inputs import SupplementReceivedInput

    dossier = receive(world, decision="request_supplement", supplement_items=["Bản sao giấy khai sinh"])
    with pytest.raises(DomainError) as refused:
        SupplementReceivedInput.parse({"requested": ["Giấy tờ khác"]}, dossier)
    assert refused.value.fields == {"requested": ["Không có trong danh sách: “Giấy tờ khác”."]}
    data = {"requested": ["Bản sao giấy khai sinh"], "accept_incomplete": "on"}
    ticked = SupplementReceivedInput.parse(data, dossier)
    kwargs = ticked.kwargs()
    assert [c.name for c in kwargs["components"]] == ["Bản sao giấy khai sinh"] and kwargs["accept_incomplete"] is True
