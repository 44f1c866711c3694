"""Fees by channel and exemption, and the fee adjustment and refund by the receiving agency."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.constants import PaymentMethod
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import build_world, official
from motcua.dossiers.tests.helpers import applicant_data, pdf, receive

RESIDENCE_FEES = [
    {"name": "Lệ phí đăng ký cư trú - nộp trực tiếp", "amount_vnd": 20_000, "channels": ["counter", "postal"]},
    {"name": "Lệ phí đăng ký cư trú - nộp trực tuyến", "amount_vnd": 10_000, "channels": ["online"]},
    {"name": "Phí cấp bản sao", "amount_vnd": 5_000, "exemptions": "Người thuộc hộ nghèo"},
]


@pytest.fixture
def residence(db: Any, frozen: Any) -> Any:
    return build_world(fees=RESIDENCE_FEES)


def _submitted_online(world: Any) -> Dossier:
    citizen = UserFactory(username="congdan")
    person = services.resolve_applicant(applicant_data(), actor=None)
    person.user = citizen
    person.save()
    draft = services.create_online_draft(person, world.procedure, actor=citizen, receiving_agency=world.centre)
    services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=citizen)
    return services.submit_online(draft, actor=citizen, result_delivery="counter")


def test_online_submission_charges_the_online_rate_only(residence):
    sent = _submitted_online(residence)
    assert [(f.name, f.amount_vnd) for f in sent.fees.all()] == [
        ("Lệ phí đăng ký cư trú - nộp trực tuyến", 10_000),
        ("Phí cấp bản sao", 5_000),
    ]
    assert sent.fee_total_vnd == 15_000


@pytest.mark.parametrize(
    ("channel", "extra", "expected"), [("counter", {}, 25_000), ("postal", {"postal_shipment_number": "EB1"}, 25_000)]
)
def test_paper_channels_charge_the_paper_rate(residence, channel, extra, expected):
    dossier = receive(residence, channel=channel, **extra)
    assert dossier.fee_total_vnd == expected


def test_an_exempt_applicant_pays_nothing_for_the_rows_stating_exemptions(residence):
    dossier = receive(residence, fee_exemption="Người thuộc hộ nghèo (sổ hộ nghèo số 12)")
    assert [(f.name, f.amount_vnd) for f in dossier.fees.all()] == [
        ("Lệ phí đăng ký cư trú - nộp trực tiếp", 20_000),
        ("Phí cấp bản sao", 0),
    ]
    assert dossier.events.get(action="register").data["fee_exemption"].startswith("Người thuộc hộ nghèo")


def test_an_officer_of_the_receiving_agency_adjusts_the_amount_with_a_reason(world):
    dossier = receive(world, fees_paid=True)
    assert dossier.fee_total_vnd == 50_000
    with pytest.raises(DomainError) as error:
        services.adjust_fees(dossier, amount_vnd=30_000, reason=" ", actor=world.officer)
    assert "reason" in error.value.fields
    adjusted = services.adjust_fees(dossier, amount_vnd=30_000, reason="Thu nhầm mức", actor=world.officer)
    assert adjusted.fee_total_vnd == 30_000 and adjusted.fees_paid
    assert adjusted.status == dossier.status  # not a workflow step
    entry = adjusted.events.get(action="adjust_fees")
    assert entry.note == "Thu nhầm mức"
    assert entry.data == {"previous_vnd": 50_000, "amount_vnd": 30_000, "paid_vnd": 50_000, "reason": "Thu nhầm mức"}
    raised = services.adjust_fees(adjusted, amount_vnd=80_000, reason="Bổ sung khoản phí", actor=world.officer)
    assert not raised.fees_paid


def test_only_the_receiving_agencys_officers_and_heads_correct_fees(world):
    dossier = receive(world)
    for outsider in (world.stranger, world.specialist, world.head):  # head of the department, not the centre
        with pytest.raises(PermissionDenied):
            services.adjust_fees(dossier, amount_vnd=1, reason="x", actor=outsider)
    centre_head = official(world.centre, Role.HEAD_OF_DIVISION, "truongbophan")
    assert services.adjust_fees(dossier, amount_vnd=1, reason="x", actor=centre_head).fee_total_vnd == 1


def test_a_refund_needs_a_reference_and_at_most_what_was_paid(world):
    dossier = receive(world, fees_paid=True)
    services.adjust_fees(dossier, amount_vnd=20_000, reason="Miễn giảm theo nghị quyết", actor=world.officer)
    with pytest.raises(DomainError) as error:
        services.refund_fee(dossier, amount_vnd=30_000, reason="Thu thừa", reference="", actor=world.officer)
    assert "reference" in error.value.fields
    with pytest.raises(DomainError) as error:
        services.refund_fee(dossier, amount_vnd=60_000, reason="Thu thừa", reference="UNC-1", actor=world.officer)
    assert "amount_vnd" in error.value.fields
    refunded = services.refund_fee(
        dossier, amount_vnd=30_000, reason="Thu thừa", reference="UNC-1", actor=world.officer
    )
    assert refunded.fees_paid and services.fee_adjustments.amount_paid(refunded) == 20_000
    entry = refunded.events.get(action="refund_fee")
    assert (entry.note, entry.data["reference"], entry.data["amount_vnd"]) == ("Thu thừa", "UNC-1", 30_000)
    again = services.refund_fee(dossier, amount_vnd=20_000, reason="Rút hồ sơ", reference="UNC-2", actor=world.officer)
    assert not again.fees_paid


def test_an_online_payment_counts_as_paid_for_a_refund(world):
    dossier = receive(world, payment_method=PaymentMethod.TRANSFER)
    services.record_fee_payment(
        dossier, amount_vnd=50_000, method="transfer", reference="CK1", paid_at=dossier.submitted_at, actor=None
    )
    assert services.fee_adjustments.amount_paid(dossier) == 50_000


def test_what_remains_paid_after_a_partial_refund_can_still_be_refunded(world):
    dossier = receive(world, fees_paid=True)
    assert dossier.events.get(action="register").data["fees_paid_vnd"] == 50_000
    first = services.refund_fee(dossier, amount_vnd=10_000, reason="Thu thừa", reference="PC-1", actor=world.officer)
    assert not first.fees_paid  # 40.000 đ left against 50.000 đ due
    services.refund_fee(dossier, amount_vnd=40_000, reason="Rút hồ sơ", reference="PC-2", actor=world.officer)
    assert services.fee_adjustments.amount_paid(dossier) == 0


@pytest.mark.parametrize(
    "write",
    [
        lambda w, d: services.adjust_fees(d, amount_vnd=10**20, reason="Sửa", actor=w.officer),
        lambda w, d: services.refund_fee(d, amount_vnd=10**20, reason="Hoàn", reference="UNC-1", actor=w.officer),
        lambda w, d: services.request_financial_obligation(d, actor=w.officer, amount_vnd=10**20),
    ],
)
def test_amounts_beyond_what_the_database_holds_are_refused_by_the_domain(world, write):
    dossier = receive(world, fees_paid=True)
    with pytest.raises(DomainError) as refused:
        write(world, dossier)
    assert refused.value.code == "invalid" and "amount_vnd" in refused.value.fields


@pytest.mark.parametrize(("copies", "pages"), [(10**20, 1), (1, 10**20), (0, 1), (1, -1)])
def test_copies_and_pages_beyond_their_bounds_are_refused_by_the_domain(world, copies, pages):
    from motcua.dossiers.services.intake import ComponentData

    with pytest.raises(DomainError) as refused:
        receive(world, components=[ComponentData(name="Tờ khai", copies=copies, page_count=pages, files=[pdf()])])
    assert "components" in refused.value.fields
    assert not Dossier.objects.exists()
