"""Helpers of the portal's browser tests (the accessibility check is motcua.core.testing)."""

from __future__ import annotations

from typing import Any


def phone_page_like(new_browser_page: Any, page: Any, viewport: dict[str, int]) -> Any:
    """A phone-sized page signed in as the same citizen (cookies copied)."""
    phone = new_browser_page(viewport=viewport)
    phone.context.add_cookies(page.context.cookies())
    return phone
