"""The reconciliation page: differences listed for the provincial centre's officers, resolved with a reason."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from motcua.payments.constants import DifferenceKind, PaymentState, Resolution
from motcua.payments.differences import open_difference
from motcua.payments.models import GatewayNotice, ReconciliationDifference
from motcua.payments.tests.factories import PaymentFactory

pytestmark = pytest.mark.django_db
URL = "/can-bo/doi-soat-thanh-toan/"


def _differences() -> tuple[ReconciliationDifference, ReconciliationDifference]:
    unknown, _ = open_difference(
        gateway="vnpay",
        day=date(2026, 11, 23),
        kind=DifferenceKind.MISSING_HERE,
        reference="TT20261123UNKNOWN000",
        transaction_id="14123456",
        statement_amount_vnd=150_000,
    )
    payment = PaymentFactory(gateway="vnpay", state=PaymentState.PAID, amount_vnd=50_000, description="Lệ phí LLTP")
    here, _ = open_difference(
        gateway="vnpay",
        day=date(2026, 11, 23),
        kind=DifferenceKind.MISSING_THERE,
        reference=payment.reference,
        payment=payment,
        recorded_amount_vnd=50_000,
    )
    return unknown, here


def test_the_centre_officer_sees_the_open_differences_and_refused_notices(client, world):
    unknown, _here = _differences()
    GatewayNotice.objects.create(
        gateway="vnpay", channel="ipn", received_at="2026-11-23T02:00:00Z", verdict="refused", reference="TT9",
        message="Chữ ký của thông báo thanh toán không hợp lệ.", client_ip="198.51.100.9",
    )  # fmt: skip
    client.force_login(world.officer)
    page = client.get(URL).content.decode()
    assert "Cổng đã thu, hệ thống chưa ghi nhận" in page and unknown.reference in page and "150.000" in page
    assert "Hệ thống ghi nhận, cổng không có" in page and "Lệ phí LLTP" in page
    assert "198.51.100.9" in page and "Chữ ký của thông báo thanh toán không hợp lệ." in page
    assert 'href="/can-bo/doi-soat-thanh-toan/"' in page  # the menu names the page


@pytest.mark.parametrize("who", ["stranger", "specialist", "head"])
def test_officials_outside_the_provincial_centre_are_refused(client, world, who):
    _differences()
    client.force_login(getattr(world, who))
    response = client.get(URL)
    assert response.status_code == 403
    assert "TT20261123UNKNOWN000" not in response.content.decode()


def test_a_difference_is_resolved_with_a_reason(client, world):
    unknown, here = _differences()
    client.force_login(world.officer)
    url = reverse("backoffice:reconciliation_resolve", kwargs={"pk": here.pk})
    missing_reason = client.post(url, {f"d{here.pk}-resolution": Resolution.EXPLAINED, f"d{here.pk}-reason": ""})
    assert missing_reason.status_code == 400 and "Trường này là bắt buộc." in missing_reason.content.decode()
    wrong = client.post(url, {f"d{here.pk}-resolution": Resolution.REFUND, f"d{here.pk}-reason": "x"})
    assert wrong.status_code == 400  # a refund does not fit a payment the gateway does not have
    done = client.post(
        url, {f"d{here.pk}-resolution": Resolution.EXPLAINED, f"d{here.pk}-reason": "Giao dịch ngày 24/11 trên sao kê"}
    )
    assert done.status_code == 302
    here.refresh_from_db()
    assert not here.is_open and here.resolved_by == world.officer
    assert list(here.events.values_list("action", flat=True)) == ["found", "resolved"]
    page = client.get(URL).content.decode()
    assert f'id="d{here.pk}-title"' not in page and unknown.reference in page
    assert "Giao dịch ngày 24/11 trên sao kê" in client.get(URL + "?tat-ca=1").content.decode()
    again = client.post(url, {f"d{here.pk}-resolution": Resolution.EXPLAINED, f"d{here.pk}-reason": "lại"})
    assert again.status_code == 404


def test_a_refused_resolution_shows_the_reason(client, world):
    unknown, _here = _differences()
    client.force_login(world.officer)
    url = reverse("backoffice:reconciliation_resolve", kwargs={"pk": unknown.pk})
    response = client.post(url, {f"d{unknown.pk}-resolution": Resolution.CONFIRM, f"d{unknown.pk}-reason": "sao kê"})
    assert response.status_code == 400  # only a reason closes a transaction unknown here
    assert 'value="confirm"' not in response.content.decode()
    assert ReconciliationDifference.objects.get(pk=unknown.pk).is_open
