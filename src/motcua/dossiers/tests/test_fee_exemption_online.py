"""An online applicant claims the exempt case they are in; the officer checks the proof at reception."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.online import claim_fee_exemption
from motcua.dossiers.tests.conftest import build_world
from motcua.dossiers.tests.helpers import applicant_data, pdf, receive
from motcua.dossiers.tests.test_fees import RESIDENCE_FEES

POOR_HOUSEHOLD = "Người thuộc hộ nghèo (giấy chứng nhận hộ nghèo số 45/2026)"


@pytest.fixture
def residence(db: Any, frozen: Any) -> Any:
    return build_world(fees=RESIDENCE_FEES)


def draft_of(world: Any) -> tuple[Dossier, Any]:
    citizen = UserFactory(username="congdan")
    person = services.resolve_applicant(applicant_data(), actor=None)
    person.user = citizen
    person.save()
    draft = services.create_online_draft(person, world.procedure, actor=citizen, receiving_agency=world.centre)
    services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=citizen)
    return draft, citizen


def test_a_claimed_exemption_charges_nothing_for_the_rows_stating_it_and_is_kept(residence):
    draft, citizen = draft_of(residence)
    claim_fee_exemption(draft, actor=citizen, case=f"  {POOR_HOUSEHOLD}  ")
    sent = services.submit_online(draft, actor=citizen, result_delivery="counter")
    assert [(f.name, f.amount_vnd) for f in sent.fees.all()] == [
        ("Lệ phí đăng ký cư trú - nộp trực tuyến", 10_000),
        ("Phí cấp bản sao", 0),
    ]
    assert sent.fee_exemption == POOR_HOUSEHOLD and sent.fee_total_vnd == 10_000
    assert sent.events.get(action="submit_online").data["fee_exemption"] == POOR_HOUSEHOLD


def test_a_withdrawn_claim_charges_the_full_rates(residence):
    draft, citizen = draft_of(residence)
    claim_fee_exemption(draft, actor=citizen, case=POOR_HOUSEHOLD)
    claim_fee_exemption(draft, actor=citizen, case="")
    sent = services.submit_online(draft, actor=citizen, result_delivery="counter")
    assert sent.fee_exemption == "" and sent.fee_total_vnd == 15_000
    assert [e.data for e in sent.events.filter(action="update_draft") if "fee_exemption" in e.data] == [
        {"fee_exemption": POOR_HOUSEHOLD},
        {"fee_exemption": ""},
    ]


def test_a_procedure_without_exempt_cases_refuses_a_claim(world):
    draft, citizen = draft_of(world)
    with pytest.raises(DomainError) as refused:
        claim_fee_exemption(draft, actor=citizen, case=POOR_HOUSEHOLD)
    assert "fee_exemption" in refused.value.fields


@pytest.mark.parametrize(
    ("who", "case"),
    [("stranger", POOR_HOUSEHOLD), ("owner", "x" * 501)],
    ids=["someone-else", "too-long"],
)
def test_only_the_owner_claims_and_within_bounds(residence, who, case):
    draft, citizen = draft_of(residence)
    actor = citizen if who == "owner" else UserFactory(username="nguoikhac")
    with pytest.raises(DomainError):
        claim_fee_exemption(draft, actor=actor, case=case)
    draft.refresh_from_db()
    assert draft.fee_exemption == ""


def test_a_counter_exemption_is_kept_on_the_dossier_too(residence):
    dossier = receive(residence, fee_exemption=" Người khuyết tật ")
    assert Dossier.objects.get(pk=dossier.pk).fee_exemption == "Người khuyết tật"
