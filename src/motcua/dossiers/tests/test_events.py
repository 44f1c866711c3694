"""Every action a dossier's history can record has a Vietnamese label, and pages show the label."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse

from motcua.dossiers import events, selectors, services, workflow
from motcua.dossiers.services.base import event
from motcua.dossiers.tests.helpers import receive, to_processing

SOURCE = Path(__file__).resolve().parents[2]  # src/motcua
# Functions that write a history event, and the position of the action among their arguments.
WRITERS = {"record": 1, "event": 1, "_event": 1, "begin": 1, "begin_new": 1}
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)


def _constant(node: ast.expr, module_constants: dict[str, str]) -> str | None:
    """A literal action, a module constant (ACTION) or one of ``events``' names (events.REGISTER)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return module_constants.get(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "events":
        value = getattr(events, node.attr, None)
        return value if isinstance(value, str) else None
    return None


def recorded_actions() -> set[str]:
    """Every action name the code can write to a dossier's history: the workflow's, and those passed to
    the event writers or to ``DossierEvent(action=…)`` in the dossiers app or any module using its
    writers (other apps' audit events, payments' ``_event`` for instance, are not dossier history)."""
    found = set(workflow.ACTION_NAMES)
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "dossiers" not in path.parts and "dossiers.services.base" not in text and "DossierEvent(" not in text:
            continue
        tree = ast.parse(text)
        constants: dict[str, str] = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                value = _constant(node.value, {})
                if value is not None:
                    constants[node.targets[0].id] = value
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            candidates: list[ast.expr] = []
            if name in WRITERS and len(node.args) > WRITERS[name]:
                candidates.append(node.args[WRITERS[name]])
            if name == "DossierEvent":
                candidates += [k.value for k in node.keywords if k.arg == "action"]
            for candidate in candidates:
                value = _constant(candidate, constants)
                if value is not None:
                    found.add(value)
    return found


def test_the_scan_sees_the_events_written_outside_the_workflow():
    assert {"register", "create_draft", "record_fee_payment", "accept", "rate"} <= recorded_actions()


@pytest.mark.parametrize("action", sorted(recorded_actions()))
def test_every_recordable_action_has_a_vietnamese_label(action):
    assert action in events.EVENT_LABELS, f"{action} has no label in dossiers/events.py"
    text = events.label(action)
    assert text != action and "_" not in text and VIETNAMESE.search(text), text


def test_every_label_is_vietnamese_words():
    for action, text in events.EVENT_LABELS.items():
        assert text != action and "_" not in text and VIETNAMESE.search(text), (action, text)
    assert VIETNAMESE.search(events.label("renamed_long_ago")) and "_" not in events.label("renamed_long_ago")


@pytest.mark.django_db
def test_an_unlabelled_action_cannot_be_recorded(world):
    dossier = receive(world)
    with pytest.raises(events.UnlabelledEvent):
        event(dossier, "sync_national_portal", user=None, now=dossier.created_at)


def _paid(world):
    dossier = to_processing(world)
    return services.record_fee_payment(
        dossier,
        amount_vnd=50000,
        method="transfer",
        reference="CK-2026-0001",
        paid_at=dossier.accepted_at,
        actor=world.officer,
    )


@pytest.mark.django_db
def test_public_lookup_shows_the_fee_payment_in_words(world):
    dossier = _paid(world)
    history = selectors.public_lookup(dossier.code, phone="0912345678").history
    labels = [e.label for e in history]
    assert "Ghi nhận nộp phí, lệ phí" in labels
    assert all(e.label == events.EVENT_LABELS[e.action] for e in history)


@pytest.mark.django_db
def test_back_office_history_shows_the_fee_payment_in_words(client, world):
    dossier = _paid(world)
    client.force_login(world.officer)
    html = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert "Ghi nhận nộp phí, lệ phí" in html and "record_fee_payment" not in html
    public = client.post(reverse("portal:track"), {"code": dossier.code, "contact": "0912345678"}).content.decode()
    assert "Ghi nhận nộp phí, lệ phí" in public and "record_fee_payment" not in public
