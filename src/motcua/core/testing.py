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
