"""An officer of the provincial centre resolves a payment difference on a tablet (768 px)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from motcua.backoffice.tests.browser import sign_in
from motcua.core.testing import TABLET, layout_problems, screenshot, serious_accessibility_violations
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.payments.constants import DifferenceKind, PaymentState
from motcua.payments.differences import open_difference
from motcua.payments.models import ReconciliationDifference
from motcua.payments.tests.factories import PaymentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_resolves_a_fee_paid_twice_at_768_px(live_server, new_browser_page):
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        payment = PaymentFactory(
            gateway="vnpay", state=PaymentState.PAID, amount_vnd=200_000, description="Lệ phí cấp phiếu lý lịch tư pháp"
        )
        open_difference(
            gateway="vnpay",
            day=date(2026, 3, 1),
            kind=DifferenceKind.MISSING_THERE,
            reference=payment.reference,
            payment=payment,
            recorded_amount_vnd=200_000,
        )
        open_difference(
            gateway="vnpay",
            day=date(2026, 3, 1),
            kind=DifferenceKind.MISSING_HERE,
            reference="TT20260301UNKNOWN000",
            transaction_id="14000123",
            statement_amount_vnd=50_000,
        )
        page = new_browser_page(TABLET)
        sign_in(page, live_server.url, world.officer.username)
        page.get_by_role("link", name="Đối soát thanh toán").click()
        expect(page.get_by_role("heading", name="Đối soát thanh toán trực tuyến")).to_be_visible()
        expect(page.get_by_text("200.000")).to_be_visible()
        assert layout_problems(page) == []
        assert serious_accessibility_violations(page) == []
        screenshot(page, "reconciliation-tablet", full_page=True)

        item = page.locator("section.reconciliation-item").filter(has_text=payment.reference)
        expect(item.get_by_label("Cách xử lý")).to_have_value("explained")  # the one fit for this difference
        item.get_by_label("Lý do, căn cứ (số chứng từ, sao kê)").fill("Có trên sao kê ngày 02/03, lệch ngày")
        item.get_by_role("button", name="Ghi nhận xử lý").click()
        expect(page.get_by_text(f"Đã xử lý chênh lệch {payment.reference}.")).to_be_visible()
        assert layout_problems(page) == []
    resolved = ReconciliationDifference.objects.get(reference=payment.reference)
    assert not resolved.is_open and resolved.resolved_by == world.officer
    assert ReconciliationDifference.objects.get(reference="TT20260301UNKNOWN000").is_open
