"""What a citizen pays online for a procedure whose fee depends on the channel, as seen in the browser."""

from __future__ import annotations

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from motcua.accounts.tests.factories import UserFactory
from motcua.core.testing import PHONE, layout_problems, screenshot
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.dossiers.tests.helpers import applicant_data, pdf
from motcua.dossiers.tests.test_fees import RESIDENCE_FEES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in_as(page, user, base: str) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


def test_an_online_residence_registration_pays_the_online_rate_only(live_server, new_browser_page):
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world(fees=RESIDENCE_FEES[:2])
        citizen = UserFactory(username="congdan", full_name="Nguyễn Thị Lan")
        person = services.resolve_applicant(applicant_data(), actor=None)
        person.user = citizen
        person.save()
        draft = services.create_online_draft(person, world.procedure, actor=citizen, receiving_agency=world.centre)
        services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=citizen)
        services.update_draft(draft, actor=citizen, result_delivery="counter")
        page = new_browser_page()
        _signed_in_as(page, citizen, live_server.url)

        page.goto(live_server.url + reverse("portal:draft_review", kwargs={"reference": draft.reference}))
        fees = page.locator("#rv-fees").locator("xpath=..")
        assert "Lệ phí đăng ký cư trú - nộp trực tuyến: 10.000 đ" in fees.inner_text()
        assert "20.000" not in fees.inner_text() and "30.000" not in fees.inner_text()
        page.get_by_role("button", name="Thanh toán trực tuyến 10.000 đ").click()
        page.get_by_role("button", name="Thanh toán thành công").click()
        page.get_by_text("Đã thanh toán 10.000 đ").wait_for()
        page.get_by_role("button", name="Nộp hồ sơ").click()
        page.get_by_text("Đã nộp hồ sơ thành công").wait_for()
        sent = Dossier.objects.get()
        assert (sent.fee_total_vnd, sent.fees_paid) == (10_000, True)


def test_a_citizen_claims_an_exemption_on_a_phone_and_pays_only_the_rest(live_server, new_browser_page):
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world(fees=RESIDENCE_FEES[1:])  # the online rate and the copy fee with its exempt case
        citizen = UserFactory(username="congdan", full_name="Nguyễn Thị Lan")
        person = services.resolve_applicant(applicant_data(), actor=None)
        person.user = citizen
        person.save()
        draft = services.create_online_draft(person, world.procedure, actor=citizen, receiving_agency=world.centre)
        services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=citizen)
        services.update_draft(draft, actor=citizen, result_delivery="counter")
        page = new_browser_page(viewport=PHONE)
        _signed_in_as(page, citizen, live_server.url)

        page.goto(live_server.url + reverse("portal:draft_review", kwargs={"reference": draft.reference}))
        expect(page.get_by_role("button", name="Thanh toán trực tuyến 15.000 đ")).to_be_visible()
        page.get_by_text("Tôi thuộc trường hợp được miễn phí, lệ phí").click()
        expect(page.get_by_text("Người thuộc hộ nghèo")).to_be_visible()
        page.get_by_label("Trường hợp của bạn").fill("Hộ nghèo, sổ số 45/2026")
        page.get_by_role("button", name="Khai miễn phí, lệ phí").click()
        expect(page.get_by_text("Bạn khai thuộc trường hợp được miễn: Hộ nghèo, sổ số 45/2026")).to_be_visible()
        assert layout_problems(page) == []
        page.locator("#rv-fees").scroll_into_view_if_needed()
        screenshot(page, "portal-fee-exemption-phone")
        page.get_by_role("button", name="Thanh toán trực tuyến 10.000 đ").click()
        page.get_by_role("button", name="Thanh toán thành công").click()
        page.get_by_text("Đã thanh toán 10.000 đ").wait_for()
        page.get_by_role("button", name="Nộp hồ sơ").click()
        page.get_by_text("Đã nộp hồ sơ thành công").wait_for()
        sent = Dossier.objects.get()
        assert (sent.fee_total_vnd, sent.fee_exemption) == (10_000, "Hộ nghèo, sổ số 45/2026")
