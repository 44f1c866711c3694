"""Load the 2025 provinces and communes (and their pre-2025 names as aliases). Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.organisations import units


class Command(BaseCommand):
    help = (
        "Nạp tỉnh và xã/phường/đặc khu theo cấu trúc hai cấp từ 01/07/2025 (vietnam-provinces), "
        "kèm tên và mã cũ trước sáp nhập. Chạy lại an toàn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            action="append",
            dest="provinces",
            metavar="CODE",
            help="Chỉ nạp tỉnh có mã này (mã thống kê, vd. 25 = Phú Thọ); lặp lại để nạp nhiều tỉnh.",
        )
        parser.add_argument("--no-aliases", action="store_true", help="Không nạp tên/mã cũ trước 01/07/2025.")
        parser.add_argument("--divisions", help="Tệp JSON lồng nhau thay cho dữ liệu của gói vietnam-provinces.")

    def handle(self, *args: Any, **options: Any) -> None:
        provinces = options["provinces"]
        try:
            divisions = units.read_divisions(options["divisions"]) if options["divisions"] else None
            result = units.load_units(provinces=provinces, divisions=divisions)
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        labels = {"provinces": "tỉnh, thành phố", "communes": "xã, phường, đặc khu"}
        for kind, counts in result.items():
            self.stdout.write(
                f"{labels[kind]}: {counts.created} mới, {counts.updated} cập nhật, {counts.unchanged} giữ nguyên"
            )
        if not options["no_aliases"]:
            aliases = units.load_legacy_aliases(provinces=provinces)
            self.stdout.write(f"tên/mã cũ: {aliases.created} mới, {aliases.unchanged} đã có")
