"""Shared pytest fixtures; app-specific fixtures live in each app's tests/conftest.py."""

import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would
# otherwise refuse every query made by the test while a browser is open.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
