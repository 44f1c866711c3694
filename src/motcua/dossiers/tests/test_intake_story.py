"""The shape of an intake: every check before the first write, the dossier's row written once, last."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import codes, services
from motcua.dossiers.constants import Channel, Status
from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent, DossierFee
from motcua.dossiers.services import ComponentData, IntakeRequest
from motcua.dossiers.services.registration import registering
from motcua.dossiers.tests.helpers import applicant_data, receive, received_form

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]


def request_for(world: Any, **fields: Any) -> IntakeRequest:
    defaults: dict[str, Any] = {
        "receiving_agency": world.centre,
        "procedure": world.procedure,
        "applicant": applicant_data(),
        "components": received_form(world.procedure),
    }
    return IntakeRequest(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("fields", "actor", "error"),
    [
        ({"decision": "refuse", "reason": " "}, "officer", DomainError),
        ({"channel": Channel.POSTAL}, "officer", DomainError),
        ({"channel": Channel.ONLINE}, "officer", DomainError),
        ({"decision": "approve"}, "officer", DomainError),
        ({}, "specialist", PermissionDenied),
    ],
    ids=[
        "refusal-without-reason",
        "postal-without-shipment",
        "online-at-the-counter",
        "unknown-decision",
        "not-one-stop",
    ],
)
def test_a_refused_intake_writes_nothing(world: Any, fields: dict[str, Any], actor: str, error: type) -> None:
    with CaptureQueriesContext(connection) as queries, pytest.raises(error):
        services.receive_dossier(request_for(world, **fields), actor=getattr(world, actor))
    assert writes(queries) == []


def test_missing_mandatory_components_are_refused_before_any_dossier_row(world: Any) -> None:
    before = DossierComponent.objects.count(), DossierFee.objects.count(), DossierEvent.objects.count()
    with CaptureQueriesContext(connection) as queries, pytest.raises(DomainError) as refused:
        services.receive_dossier(request_for(world, components=[]), actor=world.officer)
    assert refused.value.code == "incomplete"
    # The applicant may be found or recorded first; nothing of the dossier is.
    assert not [sql for sql in writes(queries) if "dossiers_" in sql]
    assert (DossierComponent.objects.count(), DossierFee.objects.count(), DossierEvent.objects.count()) == before


def test_the_dossier_row_is_inserted_once_and_never_updated(world: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        dossier = receive(world)
    dossier_writes = [sql for sql in writes(queries) if '"dossiers_dossier"' in sql.split("(")[0]]
    assert len(dossier_writes) == 1 and dossier_writes[0].lstrip().upper().startswith("INSERT")
    assert dossier.status == Status.ACCEPTED and not dossier.code.startswith(codes.PROVISIONAL_PREFIX)
    assert Dossier.objects.get(pk=dossier.pk).code == dossier.code


def test_registering_numbers_nothing_when_the_body_fails(world: Any) -> None:
    """The test's transaction is not rolled back here: a row or a drawn number would show."""
    dossier = services.receive_dossier(request_for(world, decision="register"), actor=world.officer)
    template = Dossier.objects.get(pk=dossier.pk)
    template.pk, template.code = None, ""
    template._state.adding = True
    with pytest.raises(RuntimeError), registering(template, dossier.submitted_at):
        reserved = template.pk
        raise RuntimeError("a write failed")
    assert reserved is not None and not Dossier.objects.filter(pk=reserved).exists()
    # The daily counter was not drawn: the next intake takes the number after the first one.
    following = receive(world, components=[ComponentData(name="Đơn")], decision="register")
    assert int(following.code.rsplit("-", 1)[-1]) == int(dossier.code.rsplit("-", 1)[-1]) + 1
