"""The dossier tests' province and fixtures, reused for the forms."""

from motcua.dossiers.tests.conftest import _calendar_and_sms, frozen, world  # noqa: F401
