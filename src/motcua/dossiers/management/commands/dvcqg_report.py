"""Per procedure: connected to the national portal or not, and its dossiers by sync state."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.dossiers import sync

COLUMNS = ("dossiers", "acknowledged", "waiting", "failed", "none")


class Command(BaseCommand):
    help = "Tình trạng đồng bộ Cổng DVC quốc gia theo thủ tục: đã kết nối, số hồ sơ đã tiếp nhận, chờ, lỗi."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = sync.procedure_report()
        connected = sum(1 for row in rows if row["connected"])
        self.stdout.write(f"Connected procedures: {connected}/{len(rows)}")
        self.stdout.write("procedure  connected  " + "  ".join(f"{c:>12}" for c in COLUMNS))
        for row in rows:
            figures = "  ".join(f"{row.get(c, 0):>12}" for c in COLUMNS)
            self.stdout.write(f"{row['code']:<10} {'yes' if row['connected'] else 'no':>9}  {figures}")
