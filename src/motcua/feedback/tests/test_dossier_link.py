"""An item is linked to a dossier only by whoever knows its code and its applicant's phone or ID number."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.core.exceptions import DomainError
from motcua.dossiers.tests.conftest import build_world
from motcua.dossiers.tests.helpers import receive
from motcua.feedback import defaults, services
from motcua.feedback.constants import Channel
from motcua.feedback.tests.conftest import submission

pytestmark = pytest.mark.django_db


def test_link_with_the_phone_or_the_id_number_never_with_the_code_alone(frozen: Any) -> None:
    defaults.ensure()
    world = build_world()
    dossier = receive(world)  # applicant's phone 0912345678, ID 038190000123
    about = {"category": "giai-quyet-ho-so", "unit_code": "", "dossier_code": dossier.code.lower()}
    item = services.submit_feedback(submission(**about), channel=Channel.PORTAL)
    assert item.dossier == dossier and item.mentioned_agency == dossier.competent_agency
    by_id = services.submit_feedback(
        submission(**about, phone="0987654321", dossier_contact="038190000123"), channel=Channel.PORTAL
    )
    assert by_id.dossier == dossier
    with pytest.raises(DomainError) as refused:
        services.submit_feedback(submission(**about, phone="0987654321"), channel=Channel.PORTAL)
    assert "dossier_code" in refused.value.fields
