"""Demo signing keys: a TEST CA, a key for every active agency and for every agency leader.

Skipped (with a note) in production or without SIGNATURE_PASSPHRASE; idempotent: a holder that has a
key keeps it.
"""

from __future__ import annotations

from typing import TextIO

from django.conf import settings
from django.utils import timezone

from motcua.accounts.models import Role, User
from motcua.organisations.models import Agency
from motcua.signatures import testpki
from motcua.signatures.models import SigningKey


def load(stdout: TextIO) -> None:
    if settings.PRODUCTION or not settings.SIGNATURE_PASSPHRASE:
        stdout.write("Signatures: no test CA (production, or SIGNATURE_PASSPHRASE not set); documents stay unsigned.\n")
        return
    now = timezone.now()
    testpki.publish_crl(testpki.ensure_root(now=now), now=now)  # renewed: valid 30 days (PAdES B-LT)
    with_keys = set(SigningKey.objects.filter(is_active=True).values_list("agency_id", "user_id"))
    agencies = [a for a in Agency.objects.filter(is_active=True) if (a.pk, None) not in with_keys]
    leaders = [
        u
        for u in User.objects.filter(memberships__role=Role.LEADER, memberships__is_active=True).distinct()
        if (None, u.pk) not in with_keys
    ]
    for agency in agencies:
        testpki.issue_key(agency=agency, now=now)
    for leader in leaders:
        testpki.issue_key(user=leader, now=now)
    stdout.write(
        f"Signatures: TEST CA in {settings.SIGNATURE_KEY_DIR}; {len(agencies)} agency and "
        f"{len(leaders)} leader keys issued.\n"
    )
