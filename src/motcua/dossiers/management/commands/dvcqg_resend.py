"""Queue again, for the national portal, the dossiers received or changed in a period."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from motcua.dossiers import sync
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.workdays.constants import VIETNAM_TZ


class Command(BaseCommand):
    help = "Gửi lại lên Cổng DVC quốc gia các hồ sơ nộp hoặc cập nhật trong một khoảng ngày (theo giờ Việt Nam)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="start", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, type=date.fromisoformat, help="YYYY-MM-DD (inclusive)")
        parser.add_argument("--procedure", default="", help="Only this procedure's code.")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = options["start"], options["end"]
        if end < start:
            raise CommandError("--to must not be before --from.")
        since = datetime.combine(start, time.min, tzinfo=VIETNAM_TZ)
        until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=VIETNAM_TZ)
        period = Q(submitted_at__gte=since, submitted_at__lt=until) | Q(updated_at__gte=since, updated_at__lt=until)
        dossiers = Dossier.objects.filter(period, procedure__dvcqg_connected=True).exclude(status=Status.DRAFT)
        if options["procedure"]:
            dossiers = dossiers.filter(procedure__code=options["procedure"])
        now = timezone.now()
        queued = 0
        for pk in dossiers.order_by("pk").values_list("pk", flat=True).iterator():
            with transaction.atomic():  # one dossier at a time: each is locked briefly, never the whole period
                dossier = Dossier.objects.select_for_update(of=("self",)).select_related("procedure__sector").get(pk=pk)
                queued += sync.resend(dossier, now=now)
        self.stdout.write(f"{queued} dossiers queued for the national portal.")
