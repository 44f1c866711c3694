"""The land registry (a division of Sở Nông nghiệp và Môi trường) in the demo province: its officials act on
the department's dossiers, the director assigns them, and the role they act in is the one recorded."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from motcua.accounts import demo as people
from motcua.accounts.models import Role, User
from motcua.accounts.tests.factories import MembershipFactory
from motcua.backoffice.acting import SESSION_KEY
from motcua.backoffice.actionforms import FORMS
from motcua.catalogue.tests.sample import needs_sample
from motcua.dossiers.models import DossierEvent, DossierStep
from motcua.dossiers.tests.helpers import receive
from motcua.organisations import demo as org

pytestmark = [pytest.mark.django_db, needs_sample]
AssignForm = FORMS["assign"]  # the assign action's form, built from the workflow table


@pytest.fixture
def demo(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_demo", stdout=io.StringIO())


def _actions(client: Client, code: str) -> set[str]:
    html = client.get(reverse("backoffice:dossier", kwargs={"code": code})).content.decode()
    return set(re.findall(r"thao-tac/([a-z_]+)/", html))


def _signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _department_step(role: str) -> DossierStep:
    return DossierStep.objects.filter(
        agency__identifier_code=org.SO_NN_MT_CODE, state="active", kind="process", role=role, dossier__status=4
    ).first()


def test_land_registry_officials_act_on_the_department_steps(demo: None) -> None:
    specialist_step = _department_step(Role.SPECIALIST)
    head_step = _department_step(Role.HEAD_OF_DIVISION)
    assert specialist_step is not None and head_step is not None
    assert "forward" in _actions(_signed_in(people.CHUYENVIEN_DAT_DAI), specialist_step.dossier.code)
    # (this dossier waits for a consultation, so it cannot move on yet; the head's own actions are there)
    assert {"assign", "return_to_previous"} <= _actions(_signed_in(people.TRUONGPHONG_DAT_DAI), head_step.dossier.code)


def test_the_director_assigns_the_officials_holding_the_step_role(demo: None) -> None:
    specialist_step = _department_step(Role.SPECIALIST)
    head_step = _department_step(Role.HEAD_OF_DIVISION)
    candidates = {u.username for u in AssignForm(dossier=specialist_step.dossier).fields["handler"].queryset}
    assert candidates == {people.CHUYENVIEN_DAT_DAI}
    candidates = {u.username for u in AssignForm(dossier=head_step.dossier).fields["handler"].queryset}
    assert candidates == {people.TRUONGPHONG_DAT_DAI}
    director = _signed_in(people.GIAMDOC_NN_MT)
    dossier = specialist_step.dossier
    registry_specialist = User.objects.get(username=people.CHUYENVIEN_DAT_DAI)
    response = director.post(
        reverse("backoffice:action", kwargs={"code": dossier.code, "action": "assign"}),
        {"assign-version": dossier.version, "assign-handler": registry_specialist.pk},
    )
    assert response.status_code == 302
    specialist_step.refresh_from_db()
    assert specialist_step.handler == registry_specialist


def test_the_role_chosen_in_the_header_is_the_role_recorded(client: Client, world: Any) -> None:
    dossier = receive(world)
    MembershipFactory(user=world.head, agency=world.department, role=Role.SPECIALIST)
    as_specialist = world.head.memberships.get(role=Role.SPECIALIST)
    client.force_login(world.head)
    session = client.session
    session[SESSION_KEY] = as_specialist.pk
    session.save()
    response = client.post(
        reverse("backoffice:action", kwargs={"code": dossier.code, "action": "forward"}),
        {"forward-version": dossier.version},
    )
    assert response.status_code == 302
    event = DossierEvent.objects.get(dossier=dossier, action="forward")
    assert event.role == Role.SPECIALIST
