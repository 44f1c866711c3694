"""Printing the dossier's forms and the Form 07 ledger (PDF and .xlsx) from the back office."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db


def test_form_01_and_06_print_as_pdf_after_acceptance(client: Client, world: Any) -> None:
    dossier = receive(world)
    client.force_login(world.officer)
    for form_no in ("01", "06"):
        response = client.get(reverse("backoffice:form_pdf", kwargs={"code": dossier.code, "form_no": form_no}))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    # Form 03 exists only for a refused dossier.
    response = client.get(reverse("backoffice:form_pdf", kwargs={"code": dossier.code, "form_no": "03"}))
    assert response.status_code == 404


def test_refused_dossier_prints_form_03(client: Client, world: Any) -> None:
    dossier = receive(world, decision="refuse", reason="Không thuộc thẩm quyền")
    client.force_login(world.officer)
    html = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert "Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ" in html
    response = client.get(reverse("backoffice:form_pdf", kwargs={"code": dossier.code, "form_no": "03"}))
    assert response.content.startswith(b"%PDF")


def test_ledger_lists_the_period_and_downloads_pdf_and_xlsx(client: Client, world: Any) -> None:
    dossier = receive(world)
    client.force_login(world.officer)
    url = reverse("backoffice:ledger")
    html = client.get(url, {"from": "2026-03-01", "to": "2026-03-31"}).content.decode()
    assert dossier.code in html
    html = client.get(url, {"from": "2026-02-01", "to": "2026-02-28"}).content.decode()
    assert dossier.code not in html and "Không có hồ sơ" in html
    pdf = client.get(url, {"from": "2026-03-01", "to": "2026-03-31", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(url, {"from": "2026-03-01", "to": "2026-03-31", "format": "xlsx"})
    assert xlsx.content.startswith(b"PK")  # a zip container
    assert "attachment;" in xlsx["Content-Disposition"]


def test_ledger_bad_dates_are_explained(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    response = client.get(reverse("backoffice:ledger"), {"from": "2026-03-31", "to": "2026-03-01", "format": "pdf"})
    assert response.status_code == 400
    assert "“Đến ngày” phải sau “từ ngày”." in response.content.decode()
