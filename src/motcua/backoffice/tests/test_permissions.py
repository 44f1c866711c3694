"""An official cannot open or act on another agency's dossier by URL, nor use another role's pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import receive, to_processing

pytestmark = pytest.mark.django_db


def test_other_agency_gets_404_on_page_file_and_forms(client: Client, world: Any) -> None:
    dossier = receive(world)
    client.force_login(world.stranger)
    urls = [
        reverse("backoffice:dossier", kwargs={"code": dossier.code}),
        reverse("backoffice:file", kwargs={"code": dossier.code, "file_id": dossier.files.get().pk}),
        reverse("backoffice:form_pdf", kwargs={"code": dossier.code, "form_no": "01"}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_other_agency_cannot_act_by_url(client: Client, world: Any) -> None:
    dossier = receive(world, decision="register")
    client.force_login(world.stranger)  # a one-stop officer, but of another agency
    response = client.post(
        reverse("backoffice:action", kwargs={"code": dossier.code, "action": "accept"}),
        {"accept-version": dossier.version},
    )
    assert response.status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUBMITTED


def test_same_agency_wrong_role_is_refused_with_a_reason(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.specialist2)  # same department, but the step is assigned to a colleague
    response = client.post(
        reverse("backoffice:action", kwargs={"code": dossier.code, "action": "forward"}),
        {"forward-version": dossier.version},
    )
    assert response.status_code == 403
    assert "Bạn không có quyền “chuyển bước tiếp theo”" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_unknown_action_is_404(client: Client, world: Any) -> None:
    dossier = receive(world)
    client.force_login(world.officer)
    url = reverse("backoffice:action", kwargs={"code": dossier.code, "action": "rate"})
    assert client.post(url, {}).status_code == 404


def test_role_pages_are_refused_to_other_roles(client: Client, world: Any) -> None:
    client.force_login(world.specialist)
    response = client.get(reverse("backoffice:intake"))
    assert response.status_code == 403
    assert "Vai trò hiện tại của bạn không được dùng chức năng này." in response.content.decode()
    client.force_login(world.officer)
    assert client.get(reverse("backoffice:unit")).status_code == 403


def test_reassign_cannot_touch_another_units_dossier(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    from motcua.accounts.models import Role
    from motcua.backoffice.tests.conftest import official

    other_head = official(world.elsewhere, Role.HEAD_OF_DIVISION, "truongkhac", "Trưởng Phòng Khác")
    client.force_login(other_head)
    response = client.post(
        reverse("backoffice:reassign"), {"dossier": dossier.code, "handler": world.specialist2.pk}, follow=True
    )
    assert "không thuộc đơn vị của bạn" in response.content.decode()
    assert dossier.steps.get(state="active").handler == world.specialist
