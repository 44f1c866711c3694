"""Helpers for the test suite that test modules import (fixtures live in conftest.py files)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def screenshot(page: Any, name: str, *, full_page: bool = False) -> None:
    """Keep a screenshot of a key page in docs/screenshots/<name>.png (overwritten on every run)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


AXE = Path(__file__).resolve().parents[1] / "static" / "vendor" / "axe-core" / "axe.min.js"


def serious_accessibility_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core violations of impact serious or critical on the current page (WCAG 2.1 AA rules)."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in violations if v["impact"] in {"serious", "critical"}]
