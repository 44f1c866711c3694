"""Write docs/dossier-workflow.md (Mermaid diagram + table) from the workflow table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.dossiers.diagram import document

DEFAULT = Path(settings.BASE_DIR) / "docs" / "dossier-workflow.md"


class Command(BaseCommand):
    help = "Render the dossier workflow (states, actions, roles, guards) to Markdown with a Mermaid diagram."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(DEFAULT))
        parser.add_argument("--check", action="store_true", help="Fail if the file is not up to date.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        text = document()
        if options["check"]:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(f"{path} is stale: run manage.py dossier_workflow_diagram")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {path}")
