from __future__ import annotations

from pathlib import Path

from django.conf import settings

from motcua.dossiers import workflow
from motcua.dossiers.diagram import document, mermaid


def test_every_action_is_drawn():
    text = mermaid()
    for transition in workflow.TRANSITIONS:
        assert f": {transition.name}" in text


def test_committed_diagram_is_up_to_date():
    committed = Path(settings.BASE_DIR) / "docs" / "dossier-workflow.md"
    assert committed.read_text(encoding="utf-8") == document(), "run manage.py dossier_workflow_diagram"
