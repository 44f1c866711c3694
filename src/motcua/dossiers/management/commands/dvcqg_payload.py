"""Print the JSON the national portal would receive for a dossier (for integrators and support)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers import dvcqg, sync
from motcua.dossiers.models import Dossier


class Command(BaseCommand):
    help = "In nội dung đồng bộ hồ sơ lên Cổng DVC quốc gia (DongBoHoSoMC và CapNhatTienDoHoSoMC)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("code", help="Mã hồ sơ.")

    def handle(self, *args: Any, **options: Any) -> None:
        dossier = (
            Dossier.objects.select_related("procedure__sector", "applicant", "receiving_agency", "competent_agency")
            .filter(code=options["code"])
            .first()
        )
        if dossier is None or dossier.is_draft:
            raise CommandError(f"Không có hồ sơ mã {options['code']}.")
        rows = [sync.history_record(dossier, entry) for entry in sync.whole_history(dossier)]
        body = {
            "hoso": dvcqg.sync_message(sync.gather(dossier), updating=sync.has_been_sent(dossier)),
            "tiendo": dvcqg.progress_message(dossier.code or "", rows),
        }
        self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
