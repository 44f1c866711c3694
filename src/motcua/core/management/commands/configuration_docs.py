"""Render the declared environment settings to Markdown (docs/configuration.md), or check it is current."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.conf.env import REGISTRY

HEADER = """# Configuration

Một Cửa reads its configuration from environment variables. Each one is declared once in
`src/motcua/conf/settings.py`; this page is generated from those declarations by
`make schema` and checked by `make test`, so it is always current.

Set `MOTCUA_PRODUCTION=true` in production: the server then refuses to start with
`DEBUG` on or with the development `SECRET_KEY`.
"""


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def render() -> str:
    lines = [HEADER]
    groups: dict[str, list] = {}
    for declared in REGISTRY.values():
        groups.setdefault(declared.group, []).append(declared)
    for group, items in groups.items():
        lines += [f"\n## {group}\n", "| Variable | Default | Meaning |", "|---|---|---|"]
        for item in items:
            default = "(secret; set it)" if item.secret and item.default else _show(item.default)
            default = default.replace(str(settings.BASE_DIR), "<project>")
            lines.append(f"| `{item.name}` | `{default}` | {item.help_text} |")
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "Write docs/configuration.md from the declared settings, or check that it is current."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="File to write.")
        parser.add_argument("--check", help="File to compare with; exit with an error when it differs.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = render()
        if options["check"]:
            if Path(options["check"]).read_text(encoding="utf-8") != text:
                raise CommandError(f"{options['check']} is stale: run 'make schema'.")
            return
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text)
