"""The dossier tests' province (see motcua/dossiers/tests/conftest.py)."""

from motcua.dossiers.tests.conftest import _calendar_and_sms, frozen, world  # noqa: F401
