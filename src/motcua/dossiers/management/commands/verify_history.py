"""Check the hash chains of the audit tables; report the first broken link (docs/security.md, "History")."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core import audit
from motcua.core.models import audit_models
from motcua.dossiers import integrity
from motcua.dossiers.models import Dossier, DossierEvent


class Command(BaseCommand):
    help = "Kiểm tra tính toàn vẹn của nhật ký (chuỗi mã băm). Không có --dossier: mọi bảng nhật ký."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dossier", metavar="CODE", help="Chỉ kiểm tra nhật ký của hồ sơ có mã này.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dossier"]:
            code = options["dossier"].strip().upper()
            dossier_id = Dossier.objects.filter(code=code).values_list("pk", flat=True).first()
            if dossier_id is None:
                raise CommandError(f"Không tìm thấy hồ sơ {code}.")
            self._report(DossierEvent._meta.db_table, integrity.first_break(dossier_id))
        else:
            for model in audit_models():
                if model is DossierEvent:
                    self._report(model._meta.db_table, integrity.first_break())
                else:
                    self._report(model._meta.db_table, audit.verify(model))
        self.stdout.write(self.style.SUCCESS("Nhật ký nguyên vẹn."))

    def _report(self, table: str, broken: object) -> None:
        if broken is not None:
            raise CommandError(f"Nhật ký bị thay đổi: {broken}")
        self.stdout.write(f"{table}: nguyên vẹn.")
