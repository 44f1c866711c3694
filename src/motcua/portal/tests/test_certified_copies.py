"""A citizen's electronic certified copies on the portal: listed in their account, downloaded (signed, with
its verification link), attached to a draft instead of a scan; the sent dossier counts as reusing data."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from motcua.accounts.selectors import citizen_applicant
from motcua.certification import services
from motcua.certification.models import CertificationEvent
from motcua.certification.tests.factories import NOW, counter, request
from motcua.dossiers.services import online
from motcua.portal.tests.conftest import make_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(give_key: Any, citizen: Any) -> Any:
    desk = counter(give_key)
    return services.issue_copy(request(), agency=desk.commune, actor=desk.officer, now=NOW)


def test_the_citizen_lists_and_downloads_their_copy(citizen_client: Any, issued: Any) -> None:
    page = citizen_client.get(reverse("portal:certified_copies")).content.decode()
    assert "Giấy khai sinh" in page and "01/2026-SCT/BS" in page
    assert reverse("portal:signature_document", kwargs={"token": issued.signed.token}) in page
    response = citizen_client.get(reverse("portal:certified_copy_download", kwargs={"copy_id": issued.pk}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == issued.signed.file.open("rb").read()


def test_someone_else_cannot_download_it(client: Any, issued: Any) -> None:
    other = make_citizen("0987654321", "025195000456")
    client.force_login(other)
    assert client.get(reverse("portal:certified_copy_download", kwargs={"copy_id": issued.pk})).status_code == 404
    assert "Giấy khai sinh" not in client.get(reverse("portal:certified_copies")).content.decode()


def test_a_copy_reused_in_a_draft_makes_the_dossier_count_as_reusing(
    citizen_client: Any, citizen: Any, issued: Any, world: Any
) -> None:
    draft = online.create_online_draft(
        citizen_applicant(citizen), world.procedure, actor=citizen, receiving_agency=world.centre, summary="Thử"
    )
    component = draft.components.get()
    page = citizen_client.get(reverse("portal:draft", kwargs={"reference": draft.reference})).content.decode()
    assert "Hoặc dùng bản sao chứng thực điện tử của bạn" in page

    response = citizen_client.post(
        reverse("portal:draft_reuse_copy", kwargs={"reference": draft.reference}),
        {"component": str(component.pk), f"copy_{component.pk}": str(issued.pk)},
    )

    assert response.status_code == 302
    component.refresh_from_db()
    assert component.reused and component.digitised
    stored = component.files.get()
    assert stored.file.open("rb").read() == issued.signed.file.open("rb").read()  # the signed bytes, unchanged
    sent = online.submit_online(draft, actor=citizen, payment_method="none", result_delivery="counter")
    assert sent.has_reused_components
    issued.refresh_from_db()
    assert issued.reuse_count == 1
    assert CertificationEvent.objects.filter(action="reused").count() == 1
    again = citizen_client.post(
        reverse("portal:draft_reuse_copy", kwargs={"reference": draft.reference}),
        {"component": str(component.pk)},
    )
    assert again.status_code in (302, 404)  # sent: no longer a draft, or nothing chosen


def test_the_reused_dossier_is_counted_for_decision_766(citizen: Any, issued: Any, world: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from motcua.dossiers.models import Dossier
    from motcua.dossiers.services.reuse import attach_certified_copy
    from motcua.operations.figures import FIGURES, Window
    from motcua.operations.index766 import score

    draft = online.create_online_draft(
        citizen_applicant(citizen), world.procedure, actor=citizen, receiving_agency=world.centre, summary="Thử"
    )
    attach_certified_copy(draft, draft.components.get().pk, issued.pk, actor=citizen)
    online.submit_online(draft, actor=citizen, payment_method="none", result_delivery="counter")

    now = timezone.now()
    window = Window(now - timedelta(days=1), now + timedelta(days=1), now)
    figure = {f.key: f for f in FIGURES}
    counts = {key: Dossier.objects.filter(figure[key].condition(window)).count() for key in ("reused", "received")}
    assert counts == {"reused": 1, "received": 1}
    reuse = next(s for g in score(counts).groups for s in g.subs if s.indicator.key == "mdsh_reuse")
    assert reuse.status == "scored" and reuse.points == reuse.indicator.max_points
