"""A supplement answering only some of the requested items is not taken as complete."""

from __future__ import annotations

import pytest

from motcua.core.exceptions import DomainError
from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import DossierEvent, SupplementRequest
from motcua.dossiers.services import ComponentData
from motcua.dossiers.services.supplements import SupplementIncomplete, missing_items
from motcua.dossiers.tests.helpers import receive, to_processing

pytestmark = pytest.mark.django_db
ITEMS = ["Bản sao Giấy khai sinh", "Tờ khai có chữ ký của người yêu cầu"]


@pytest.fixture
def at_intake(world):
    return receive(world, decision="request_supplement", supplement_items=ITEMS)


def test_missing_items_are_compared_without_diacritics_or_case(at_intake):
    assert missing_items(at_intake, [ComponentData(name="ban sao  GIAY khai sinh")]) == [ITEMS[1]]
    assert missing_items(at_intake, [ComponentData(name=item) for item in ITEMS]) == []


def test_partial_supplement_at_intake_is_refused_naming_what_is_missing(world, at_intake):
    with pytest.raises(SupplementIncomplete) as refused:
        services.resubmit(at_intake, actor=world.officer, components=[ComponentData(name=ITEMS[0])])
    assert refused.value.code == "supplement_incomplete"
    assert f"Còn thiếu: “{ITEMS[1]}”" in refused.value.message
    at_intake.refresh_from_db()
    assert at_intake.status == Status.SUPPLEMENT_REQUESTED
    assert SupplementRequest.objects.get(dossier=at_intake).fulfilled_at is None


def test_officer_may_take_it_explicitly_with_a_note(world, at_intake):
    partial = [ComponentData(name=ITEMS[0])]
    with pytest.raises(DomainError) as no_note:
        services.resubmit(at_intake, actor=world.officer, components=partial, accept_incomplete=True)
    assert "note" in no_note.value.fields
    note = "Tờ khai được ký lại tại quầy khi tiếp nhận"
    dossier = services.resubmit(at_intake, actor=world.officer, components=partial, accept_incomplete=True, note=note)
    assert dossier.status == Status.SUBMITTED
    event = DossierEvent.objects.get(dossier=dossier, action="resubmit")
    assert event.data == {"missing": [ITEMS[1]], "accepted_incomplete": True} and event.note == note


def test_partial_supplement_after_appraisal_is_refused_too(world):
    dossier = services.request_supplement(to_processing(world), actor=world.specialist, items=ITEMS)
    with pytest.raises(SupplementIncomplete):
        services.receive_supplement(dossier, actor=world.officer, components=[ComponentData(name=ITEMS[1])])
    dossier = services.receive_supplement(
        dossier, actor=world.officer, components=[ComponentData(name=i) for i in ITEMS]
    )
    assert dossier.status == Status.PROCESSING
    assert "missing" not in DossierEvent.objects.get(dossier=dossier, action="receive_supplement").data
