"""Create the demo's test CA and test signing keys for agencies and officials (never in production)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError
from motcua.organisations.selectors import agency_by_code
from motcua.signatures import testpki


class Command(BaseCommand):
    help = "Create the TEST CA (SIGNATURE_KEY_DIR) and test signing keys for the agencies and officials named."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", action="append", default=[], help="Identifier code of an agency.")
        parser.add_argument("--official", action="append", default=[], help="Username of an official.")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        try:
            testpki.ensure_root(now=now)
            for code in options["agency"]:
                agency = agency_by_code(code)
                if agency is None:
                    raise CommandError(f"Không có cơ quan mã {code}.")
                self.stdout.write(f"{testpki.issue_key(agency=agency, now=now)}")
            for username in options["official"]:
                user = User.objects.filter(username=username).first()
                if user is None:
                    raise CommandError(f"Không có tài khoản {username}.")
                self.stdout.write(f"{testpki.issue_key(user=user, now=now)}")
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS("Test CA ready."))
