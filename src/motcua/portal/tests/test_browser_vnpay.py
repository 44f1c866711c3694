"""A citizen pays an application's fee through VNPAY (its local simulator) on a phone."""

from __future__ import annotations

import json

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from motcua.accounts.tests.factories import UserFactory
from motcua.core.testing import PHONE, layout_problems, screenshot, serious_accessibility_violations
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.dossiers.tests.helpers import applicant_data, pdf
from motcua.dossiers.tests.test_fees import RESIDENCE_FEES
from motcua.payments.constants import PaymentState
from motcua.payments.models import GatewayNotice, Payment, SimulatedTransaction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in_as(page, user, base: str) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


def test_a_citizen_pays_through_vnpay_on_a_phone(live_server, new_browser_page, settings):
    settings.PAYMENT_GATEWAY = "vnpay"  # the switch: the portal offers VNPAY (here its simulator)
    settings.SITE_URL = live_server.url  # VNPAY sends the payer back to this site's absolute address
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world(fees=RESIDENCE_FEES[:2])
        citizen = UserFactory(username="congdan", full_name="Nguyễn Thị Lan")
        person = services.resolve_applicant(applicant_data(), actor=None)
        person.user = citizen
        person.save()
        draft = services.create_online_draft(person, world.procedure, actor=citizen, receiving_agency=world.centre)
        services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=citizen)
        services.update_draft(draft, actor=citizen, result_delivery="counter")
        page = new_browser_page(PHONE)
        _signed_in_as(page, citizen, live_server.url)

        page.goto(live_server.url + reverse("portal:draft_review", kwargs={"reference": draft.reference}))
        page.get_by_role("button", name="Thanh toán trực tuyến 10.000 đ").click()
        expect(page.get_by_role("heading", name="Thanh toán qua VNPAY")).to_be_visible()
        expect(page.get_by_text("10.000 đ")).to_be_visible()
        assert layout_problems(page) == []
        assert serious_accessibility_violations(page) == []
        screenshot(page, "vnpay-simulator-phone", full_page=True)
        page.get_by_label("Vietcombank").check()
        page.get_by_role("button", name="Thanh toán", exact=True).click()
        page.get_by_text("Đã thanh toán 10.000 đ").wait_for()
        assert layout_problems(page) == []
        page.get_by_role("button", name="Nộp hồ sơ").click()
        page.get_by_text("Đã nộp hồ sơ thành công").wait_for()

    payment = Payment.objects.get()
    assert (payment.gateway, payment.state) == ("vnpay", PaymentState.PAID)
    txn = SimulatedTransaction.objects.get()
    assert (txn.bank_code, json.loads(txn.ipn_answer)["RspCode"]) == ("VCB", "00")
    assert set(GatewayNotice.objects.values_list("channel", "verdict")) == {("ipn", "accepted"), ("return", "repeated")}
    sent = Dossier.objects.get()
    assert (sent.fee_total_vnd, sent.fees_paid) == (10_000, True)
