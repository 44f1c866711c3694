"""On a phone (390x844), a dossier refused after appraisal reads as a refusal: the status, the reason
and a link to the refusal notice, which downloads as a PDF; nothing says "có kết quả"."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine
from django.test import Client

from motcua.core.testing import PHONE, serious_accessibility_violations
from motcua.dossiers import services
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.portal.tests.conftest import make_citizen, submitted_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Người yêu cầu không thuộc đối tượng được cấp Phiếu lý lịch tư pháp số 2 theo Điều 45 Luật Lý lịch tư pháp"


def _signed_in_phone(new_browser_page, live_server, user):
    client = Client()
    client.force_login(user)
    page = new_browser_page(viewport=PHONE)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_refused_dossier_shows_refusal_reason_and_notice_on_a_phone(live_server, new_browser_page, tmp_path: Path):
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        citizen = make_citizen()
        dossier = submitted_dossier(world, citizen)
        services.accept(dossier, actor=world.officer)
        services.assign(dossier, actor=world.head, handler=world.specialist)
        dossier = services.refuse(dossier, actor=world.leader, reason=REASON)

        page = _signed_in_phone(new_browser_page, live_server, citizen)
        page.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.reference}/")
        status = page.get_by_role("region", name="Tình trạng")
        assert status.get_by_text("Từ chối giải quyết", exact=True).is_visible()
        assert status.get_by_text(REASON).is_visible()
        link = status.get_by_role("link", name="Tải văn bản từ chối giải quyết")
        assert link.is_visible()
        text = page.locator("main").inner_text()
        for words in ("Đã có kết quả", "Đã xử lý xong", "nhận kết quả theo"):
            assert words not in text
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert serious_accessibility_violations(page) == []

        with page.expect_download() as download_info:
            link.click()
        saved = tmp_path / download_info.value.suggested_filename
        download_info.value.save_as(saved)
        assert saved.name == f"van-ban-tu-choi-giai-quyet-{dossier.code}.pdf"
        assert saved.read_bytes().startswith(b"%PDF")
