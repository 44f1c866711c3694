"""Vietnamese first, English second: the back office follows the language chosen with the switch."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from motcua.backoffice import vocabulary
from motcua.backoffice.actionforms import OFFERED, form_for
from motcua.dossiers import events, workflow
from motcua.dossiers.selectors.inboxes import BOXES
from motcua.dossiers.tests.helpers import receive, to_processing

pytestmark = pytest.mark.django_db

INBOX = reverse("backoffice:inbox")
INTAKE = reverse("backoffice:intake")


def choose(client: Client, language: str, page: str) -> str:
    """Press the header's language button on ``page``; the switch sends the official back to it."""
    response = client.post(reverse("set_language"), {"language": language, "next": page})
    assert response.status_code == 302 and response["Location"] == page
    return client.get(page).content.decode()


def test_english_inbox_intake_and_dossier_pages(client: Client, world: Any) -> None:
    processing = to_processing(world)
    client.force_login(world.officer)
    html = choose(client, "en", INBOX)
    assert '<html lang="en">' in html
    assert "To receive" in html and "Overdue" in html and "Counter intake" in html  # tabs and sections
    assert "Dossier code" in html and "Sign out" in html
    assert "Chờ tiếp nhận" not in html and "Tiếp nhận tại quầy" not in html
    assert 'name="language" value="vi"' in html and "Tiếng Việt" in html  # the way back

    html = client.get(f"{INTAKE}?procedure={world.procedure.code}").content.decode()
    assert '<html lang="en">' in html
    assert "Receive a dossier at the counter" in html and "Receive, print Form 01" in html
    assert "Full name / organisation name" in html  # form labels
    assert "Tiếp nhận hồ sơ tại quầy" not in html

    html = client.get(reverse("backoffice:dossier", kwargs={"code": processing.code})).content.decode()
    assert '<html lang="en">' in html
    assert "Dossier details" in html and "Your actions" in html
    assert "Stop processing the dossier (Form 05)" in html  # an action title of the one-stop officer
    assert "Form 01: Dossier receipt and result appointment" in html
    assert "Dossier registered (code issued)" in html  # the history
    assert "09:00 on 05/03/2026" in html  # the due moment: dd/mm/yyyy and HH:mm in English too
    assert "Thông tin hồ sơ" not in html and "Dừng giải quyết hồ sơ" not in html


def test_vietnamese_pages_are_unchanged_after_switching_back(client: Client, world: Any) -> None:
    dossier = receive(world)
    client.force_login(world.officer)
    choose(client, "en", INBOX)
    html = choose(client, "vi", INBOX)
    assert '<html lang="vi">' in html
    assert "Chờ tiếp nhận" in html and "Tiếp nhận tại quầy" in html and "Mã hồ sơ" in html
    assert 'name="language" value="en"' in html
    html = client.get(f"{INTAKE}?procedure={world.procedure.code}").content.decode()
    assert "Tiếp nhận hồ sơ tại quầy" in html and "Tiếp nhận, in Mẫu 01" in html
    html = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert '<html lang="vi">' in html
    assert "Thông tin hồ sơ" in html and "Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in html
    assert "Dossier details" not in html


def test_messages_after_an_action_follow_the_language(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.specialist)
    page = reverse("backoffice:dossier", kwargs={"code": dossier.code})
    choose(client, "en", page)
    response = client.post(
        reverse("backoffice:action", kwargs={"code": dossier.code, "action": "forward"}),
        {"forward-version": dossier.version},
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Done: Forward to the next step." in html


def test_every_engine_label_shown_here_has_an_english_text() -> None:
    # A new inbox or action in the engine must be added to vocabulary.py (and translated).
    labels = {box.label for box in BOXES} | {workflow.get(name).label for name in OFFERED}
    listed = set(vocabulary.INBOX_LABELS) | set(vocabulary.ACTION_LABELS)
    assert labels <= listed, labels - listed
    with translation.override("en"):
        untranslated = [label for label in sorted(labels) if translation.gettext(label) == label]
    assert untranslated == []


def test_every_history_label_has_an_english_text() -> None:
    # A new event action in dossiers/events.py must be listed in vocabulary.py (and translated).
    labels = set(events.EVENT_LABELS.values()) | {events.UNKNOWN_EVENT_LABEL}
    listed = set(vocabulary.ACTION_LABELS) | set(vocabulary.HISTORY_LABELS)
    assert labels <= listed, labels - listed
    with translation.override("en"):
        untranslated = [label for label in sorted(labels) if translation.gettext(label) == label]
    assert untranslated == []


def test_every_action_form_label_has_an_english_text() -> None:
    # A new field, hint or time label in dossiers/inputs.py must be listed in vocabulary.py (and translated).
    labels: set[str] = set()
    for name in OFFERED:
        for spec in workflow.get(name).input.specs().values():
            labels |= {text for text in (spec.label, spec.help, spec.time_label) if text}
    listed = set(vocabulary.ACTION_INPUT_LABELS)
    assert labels <= listed, labels - listed
    with translation.override("en"):
        untranslated = [label for label in sorted(labels) if translation.gettext(label) == label]
    assert untranslated == []


def test_action_forms_ask_in_english(world: Any) -> None:
    dossier = to_processing(world)
    with translation.override("en"):
        form = form_for(workflow.get("consult"))(dossier=dossier, prefix="consult")
        labels = [str(field.label) for field in form.fields.values()]
        hints = " ".join(str(field.help_text) for field in form.fields.values())
    assert "Consultation request" in labels and "Time to answer (working days)" in labels
    assert "Each agency answers within the same time limit." in hints
    assert "Nội dung xin ý kiến" not in labels
