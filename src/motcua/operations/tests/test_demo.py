"""The demo's year of closed dossiers: every month has figures, loading twice adds nothing, and the
province's operations page shows rates that are neither empty nor perfect."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.catalogue.tests.sample import needs_sample
from motcua.dossiers.models import Dossier, Rating
from motcua.operations import periods
from motcua.operations.dashboard import dashboard
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters
from motcua.workdays.constants import VIETNAM_TZ


@needs_sample
@pytest.mark.django_db
def test_demo_history_fills_a_year_and_is_idempotent(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_demo", stdout=io.StringIO())
    counts = (Dossier.objects.count(), Rating.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Dossier.objects.count(), Rating.objects.count()) == counts
    now = timezone.now()
    last_month = now.astimezone(VIETNAM_TZ).date().replace(day=1) - timedelta(days=1)
    board = dashboard(OpsScope(None, ""), periods.month(last_month.year, last_month.month), Filters(), now=now)
    assert board.counts["received"] > 40 and board.counts["received_online"] > 0
    assert 0.7 < (board.rates.on_time or 0) < 1
    assert board.counts["ratings"] > 0 and board.counts["paid_online"] >= 0
    assert board.index.on_known_scale is not None
