"""Play the operator's side of a simulated shipment: add a tracking event and post its signed callback
(the demo's way to watch a result travel; the sandbox operator only)."""

from __future__ import annotations

from typing import Any

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from motcua.postal import simulator
from motcua.postal.constants import TRACKING_CODES


class Command(BaseCommand):
    help = "Máy giả lập bưu điện: thêm một bước hành trình cho đơn (mã hồ sơ) và gửi thông báo có chữ ký."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("order_number", help="The dossier code (the order number).")
        parser.add_argument("code", choices=sorted(TRACKING_CODES), help="The operator's tracking code.")
        parser.add_argument("--no-callback", action="store_true", help="Only record it (polling will find it).")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.POSTAL_OPERATOR != "sandbox":
            raise CommandError("The simulator serves the 'sandbox' postal operator only.")
        try:
            body, headers = simulator.advance(options["order_number"], options["code"], now=timezone.now())
        except LookupError as error:
            raise CommandError(str(error)) from error
        if options["no_callback"]:
            self.stdout.write("Recorded; the next poll_postal brings it.")
            return
        url = settings.SITE_URL.rstrip("/") + reverse("postal:callback")
        answer = httpx.post(url, content=body, headers=headers, timeout=10)
        self.stdout.write(f"{answer.status_code} {answer.text}")
