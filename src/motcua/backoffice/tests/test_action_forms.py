"""The action forms are built from the workflow table's input classes: same fields, same rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.backoffice.actionforms import FORM_NAMES, OFFERED, form_for
from motcua.dossiers import input_fields, workflow
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import to_processing, to_resolved

pytestmark = pytest.mark.django_db


def test_the_officials_actions_are_those_of_the_table_held_by_an_official_role() -> None:
    applicant_only = {"update_draft", "submit_online", "submit_supplement", "rate"}
    assert set(OFFERED) == set(workflow.ACTION_NAMES) - applicant_only


@pytest.mark.parametrize("name", OFFERED)
def test_each_form_asks_the_fields_its_input_declares(world: Any, name: str) -> None:
    transition = workflow.get(name)
    form = form_for(transition)(dossier=to_processing(world), prefix=name)
    expected = ["version"]
    for field_name, spec in form.asked_fields.items():
        assert spec.in_forms and (spec.asked is None or spec.asked(form.dossier))
        if spec.kind == input_fields.DATETIME:
            stem = field_name.removesuffix("_at")
            expected += [f"{stem}_date", f"{stem}_time"]
        else:
            expected.append(FORM_NAMES.get(field_name, field_name))
    assert list(form.fields) == expected
    for field_name, spec in transition.input.specs().items():
        shown = form.fields.get(form.field_name(field_name))
        if shown is not None:
            assert (shown.label, shown.required) == (spec.label, spec.required)


def test_a_rule_between_fields_is_shown_at_its_field(client: Client, world: Any) -> None:
    dossier = to_resolved(world)
    client.force_login(world.officer)
    response = client.post(
        reverse("backoffice:action", kwargs={"code": dossier.code, "action": "return_result"}),
        {"return_result-version": dossier.version, "return_result-method": "postal"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index('id="id_return_result-shipment_number-error"') :]
    assert errors[: errors.index("</ul>")].count("Cần nhập số vận đơn bưu chính.") == 1
    assert Dossier.objects.get(pk=dossier.pk).returned_at is None


def test_irreversible_actions_ask_for_confirmation(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.officer)
    html = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    stop = html[html.index('id="action-stop"') :]
    assert "data-confirm=" in stop[: stop.index("</details>")]
    assert workflow.get("stop").danger and not workflow.get("forward").danger
