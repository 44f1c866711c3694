"""Adjusting and refunding a dossier's fees from the dossier page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers.tests.helpers import receive, to_processing

pytestmark = pytest.mark.django_db


def _fees(code: str, action: str) -> str:
    return reverse("backoffice:fees", kwargs={"code": code, "action": action})


def test_the_receiving_officer_adjusts_and_refunds_through_the_page(client: Client, world: Any) -> None:
    dossier = receive(world, fees_paid=True)
    client.force_login(world.officer)
    html = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert 'id="fee-dieu-chinh"' in html and 'id="fee-hoan-tra"' in html
    missing = client.post(_fees(dossier.code, "dieu-chinh"), {"dieu-chinh-amount_vnd": "20000"})
    assert missing.status_code == 400 and 'id="fee-dieu-chinh" open' in missing.content.decode()
    response = client.post(
        _fees(dossier.code, "dieu-chinh"), {"dieu-chinh-amount_vnd": "20000", "dieu-chinh-reason": "Thu nhầm mức"}
    )
    assert response.status_code == 302
    too_much = client.post(
        _fees(dossier.code, "hoan-tra"),
        {"hoan-tra-amount_vnd": "90000", "hoan-tra-reference": "UNC-7", "hoan-tra-reason": "Thu thừa"},
    )
    assert too_much.status_code == 400 and "không quá số đã nộp (50.000 đồng)" in too_much.content.decode()
    client.post(
        _fees(dossier.code, "hoan-tra"),
        {"hoan-tra-amount_vnd": "30000", "hoan-tra-reference": "UNC-7", "hoan-tra-reason": "Thu thừa"},
    )
    html = client.get(response["Location"]).content.decode()
    assert "Điều chỉnh phí, lệ phí phải nộp" in html and "Hoàn trả phí, lệ phí" in html
    assert "phải nộp 20.000" in html
    dossier.refresh_from_db()
    assert dossier.fee_total_vnd == 20_000 and dossier.events.filter(action="refund_fee").count() == 1


def test_other_officials_get_no_fee_forms(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.specialist)
    html = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert 'id="fee-dieu-chinh"' not in html
    response = client.post(_fees(dossier.code, "dieu-chinh"), {"dieu-chinh-amount_vnd": "1", "dieu-chinh-reason": "x"})
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.fee_total_vnd == 50_000


def test_the_fee_forms_in_english(client: Client, world: Any) -> None:
    dossier = receive(world)
    client.force_login(world.officer)
    page = reverse("backoffice:dossier", kwargs={"code": dossier.code})
    client.post(reverse("set_language"), {"language": "en", "next": page})
    html = client.get(page).content.decode()
    assert "Adjust the fees due" in html and "Reason for the refund" in html and "due 50.000" in html
