"""Serve the reference receiver of the national portal's sync calls on 127.0.0.1 (tests, demo, benchmarks)."""

from __future__ import annotations

from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.dossiers.dvcqg_receiver import Receiver, Store


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Command(BaseCommand):
    help = "Máy nhận tham chiếu của Cổng DVC quốc gia: kiểm tra từng trường, lưu những gì nhận được."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--store", default=str(settings.VAR_DIR / "dvcqg-received.sqlite3"))
        parser.add_argument("--fail", action="store_true", help="Answer 503 to every call (until told otherwise).")
        parser.add_argument("--delay", type=float, default=0.0, help="Seconds to wait before answering.")

    def handle(self, *args: Any, **options: Any) -> None:
        app = Receiver(Store(options["store"]), fail=options["fail"], delay=options["delay"])
        server = make_server(
            "127.0.0.1", options["port"], app, server_class=ThreadingServer, handler_class=QuietHandler
        )
        self.stdout.write(f"DVCQG reference receiver on http://127.0.0.1:{options['port']}/ (store {options['store']})")
        self.stdout.flush()
        server.serve_forever()
