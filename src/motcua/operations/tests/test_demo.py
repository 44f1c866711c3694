"""The demo's year of closed dossiers: every month has figures, loading twice adds nothing, and the
province's operations page shows rates that are neither empty nor perfect."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.catalogue.models import ProcedureVersion
from motcua.catalogue.tests.dataset import dataset_path, needs_dataset
from motcua.catalogue.tests.sample import needs_sample
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier, DossierStep, Rating
from motcua.operations import periods
from motcua.operations.dashboard import dashboard
from motcua.operations.demo import HISTORY_PREFIX
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
    # Returned history dossiers walked their process: a late one became late at a step.
    history = Dossier.objects.filter(applicant_id_number__startswith=HISTORY_PREFIX, status=Status.RETURNED)
    assert not history.filter(steps__isnull=True).exists()
    late = history.filter(timing="late")
    # (a process whose steps add up to more than the time limit makes a dossier late with no late step)
    assert late.exists() and late.filter(steps__timing="late").distinct().count() >= 0.8 * late.count()
    steps = DossierStep.objects.filter(dossier__in=history)
    assert steps.filter(timing="early").exists() and not steps.filter(finished_at__isnull=True).exists()


@needs_sample
@needs_dataset
@pytest.mark.django_db
def test_the_demo_history_leaves_out_information_only_procedures(settings, tmp_path) -> None:
    """`make demo` imports the national file after the curated set: its procedures without a published time
    limit are information only, and no demo dossier may be dated against a limit they do not have."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    records = json.loads(dataset_path().read_text(encoding="utf-8"))  # type: ignore[union-attr]
    untimed = [r for r in records if not (r.get("processing_time") or {}).get("unit")][:20]
    part = tmp_path / "part.json"
    part.write_text(json.dumps(untimed, ensure_ascii=False), encoding="utf-8")
    settings.CATALOGUE_FILE = str(part)
    call_command("load_demo", stdout=io.StringIO())
    information_only = Dossier.objects.filter(procedure_version__information_only=True)
    assert ProcedureVersion.objects.filter(information_only=True).exists() and not information_only.exists()
