"""Import a catalogue file in the national database's record format (the province's own, or the national one)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.catalogue.exchange.document import CatalogueImportError
from motcua.catalogue.exchange.national import import_file
from motcua.organisations.models import UnitLevel


class Command(BaseCommand):
    help = (
        "Nhập tệp thủ tục theo dạng bản ghi của CSDL quốc gia về TTHC; báo cáo từng bản ghi được nhận "
        "hay bỏ qua và lý do. Thủ tục đã có trong danh mục được giữ nguyên; tệp có lỗi thì không ghi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--effective-from", type=date.fromisoformat, help="Ngày áp dụng (YYYY-MM-DD); mặc định hôm nay."
        )
        parser.add_argument(
            "--levels", default="province,commune", help="Các cấp nhận, cách nhau bởi dấu phẩy (province, commune)."
        )
        parser.add_argument("--every-row", action="store_true", help="In cả các bản ghi được nhận.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        levels = [level.strip() for level in options["levels"].split(",") if level.strip()]
        bad = [level for level in levels if level not in UnitLevel.values]
        if bad or not levels:
            raise CommandError(f"Cấp không hợp lệ: {', '.join(bad) or '(trống)'}.")
        try:
            report = import_file(
                path, actor=None, effective_from=options["effective_from"] or timezone.localdate(), levels=levels
            )
        except (CatalogueImportError, ValueError) as error:
            problems = getattr(error, "problems", [str(error)])
            raise CommandError("Chưa nhập gì:\n" + "\n".join(problems)) from error
        for outcome in report.outcomes:
            if options["every_row"] or not outcome.taken or outcome.reasons:
                self.stdout.write(outcome.line())
        self.stdout.write(report.summary())
