"""Deliver queued messages to other systems until stopped (or once, with --once)."""

from __future__ import annotations

import os
import signal
import socket
import time
from typing import Any

from django.core.management.base import BaseCommand

from motcua.outbox import delivery


class Command(BaseCommand):
    help = "Gửi các thông điệp đang chờ sang hệ thống khác (cổng DVC quốc gia…), có thử lại và giữ thứ tự."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Send what is due now, then stop.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds to wait when nothing is due.")
        parser.add_argument("--batch", type=int, default=20, help="Messages claimed at a time.")
        parser.add_argument("--worker-id", default="", help="Name of this worker in the delivery log.")

    def handle(self, *args: Any, **options: Any) -> None:
        worker = options["worker_id"] or f"{socket.gethostname()}:{os.getpid()}"
        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True  # the batch in hand is finished, then the loop ends

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        sent = 0
        with delivery.new_client() as client:
            while not stopping:
                count = delivery.deliver_batch(worker=worker, client=client, limit=options["batch"])
                sent += count
                if options["once"] and count == 0:
                    break
                if count == 0:
                    time.sleep(options["interval"])
        self.stdout.write(f"{sent} message attempts by {worker}")
