"""The certification counter in the back office: issuing a copy, errors shown on the form, the register
and its .xlsx, the copy itself; closed to units that do not certify and to other units' copies."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.certification.models import CertifiedCopy
from motcua.certification.tests.factories import counter, scan_pdf
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _post(client: Client, **overrides: Any) -> Any:
    data = {
        "citizen_name": "Nguyễn Thị Lan",
        "citizen_id_number": "025195000123",
        "citizen_phone": "0912345678",
        "document_name": "Bằng tốt nghiệp trung học phổ thông",
        "document_issuer": "Sở Giáo dục và Đào tạo tỉnh Phú Thọ",
        "files": scan_pdf(1, "bang.pdf"),
        "original_checked": "on",
        "certifier_title": "Công chức Tư pháp - Hộ tịch",
    }
    data.update(overrides)
    return client.post(reverse("backoffice:certification"), data)


def test_the_officer_issues_a_copy_and_finds_it_in_the_register(client: Client, give_key: Any) -> None:
    desk = counter(give_key)
    client.force_login(desk.officer)
    page = client.get(reverse("backoffice:certification"))
    assert page.status_code == 200 and "Chứng thực bản sao điện tử từ bản chính" in page.content.decode()

    response = _post(client)

    assert response.status_code == 302
    issued = CertifiedCopy.objects.get()
    register = client.get(reverse("backoffice:certification_register")).content.decode()
    assert "Bằng tốt nghiệp trung học phổ thông" in register and "025195000123" in register
    copy = client.get(reverse("backoffice:certification_copy", kwargs={"copy_id": issued.pk}))
    assert b"".join(copy.streaming_content).startswith(b"%PDF")
    sheet = client.get(reverse("backoffice:certification_register"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[2][0] == "Số chứng thực" and rows[3][0] == "01" and rows[3][4] == "Bằng tốt nghiệp trung học phổ thông"


def test_mistakes_are_shown_on_the_form_never_a_500(client: Client, give_key: Any) -> None:
    desk = counter(give_key)
    client.force_login(desk.officer)
    response = _post(client, citizen_id_number="123", original_checked="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Số định danh cá nhân gồm đúng 12 chữ số." in html
    assert "Cần xác nhận đã đối chiếu" in html
    bad_file = _post(client, files=io.BytesIO(b"not a scan"))
    assert bad_file.status_code == 400
    assert client.get(reverse("backoffice:certification_register"), {"nam": "abc"}).status_code == 400
    assert not CertifiedCopy.objects.exists()


def test_a_unit_that_does_not_certify_gets_a_clear_403_and_other_units_copies_are_not_found(
    client: Client, give_key: Any
) -> None:
    desk = counter(give_key)
    client.force_login(desk.officer)
    _post(client)
    issued = CertifiedCopy.objects.get()
    department = AgencyFactory(name="Sở Xây dựng")
    outsider = UserFactory()
    MembershipFactory(user=outsider, agency=department, role=Role.SPECIALIST)
    client.force_login(outsider)
    refused = client.get(reverse("backoffice:certification"))
    assert refused.status_code == 403 and "Chỉ UBND cấp xã" in refused.content.decode()
    assert client.get(reverse("backoffice:certification_copy", kwargs={"copy_id": issued.pk})).status_code == 404
    other = counter(give_key, name="UBND xã Hạ Hòa", officer="Lê Văn Nam")
    client.force_login(other.officer)
    assert client.get(reverse("backoffice:certification_copy", kwargs={"copy_id": issued.pk})).status_code == 404
    assert "Bằng tốt nghiệp" not in client.get(reverse("backoffice:certification_register")).content.decode()
