"""Load the demo province: administrative units, agencies, people, catalogue, dossiers. Idempotent."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand

# Each context contributes a ``demo.load(stdout)`` function; order matters (dependencies first).
DEMO_MODULES = [
    "motcua.organisations.demo",
    "motcua.accounts.demo",
    "motcua.signatures.demo",
    "motcua.workdays.demo",
    "motcua.catalogue.demo",
    "motcua.dossiers.demo",
    "motcua.dossiers.demo_groups",
    "motcua.dossiers.demo_payments",  # a payment through the VNPAY simulator, a reconciliation difference
    "motcua.dossiers.demo_integration",  # a partner's webhook deliveries, postal orders with their tracking
    "motcua.certification.demo",  # certified copies
    "motcua.dossiers.demo_reuse",  # one of them reused in an online dossier
    "motcua.documents.demo",  # forms 01–06 issued signed
    "motcua.feedback.demo",
    "motcua.records.demo",  # official documents, signed with the TEST keys
    "motcua.dossiers.demo_documents",  # a consultation between agencies about a dossier
    "motcua.operations.demo",  # a year of closed dossiers for the operations centre
]


class Command(BaseCommand):
    help = "Load the realistic demo province. Safe to run again: existing data is kept."

    def handle(self, *args: Any, **options: Any) -> None:
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
