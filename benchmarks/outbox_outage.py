"""Outbox delivery through a receiver outage and a killed worker: messages lost or duplicated at the receiver.

Usage (a database prepared as for the other dossier benchmarks: migrate + load_demo):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_outbox_bench \\
        .venv/bin/python benchmarks/outbox_outage.py [--duration 120] [--rate 3] [--outage 60] [--kill-at 90]

What it does, on this machine, against real processes:

1. connects the demo procedure 1.004873 to the national portal and starts the reference receiver
   (``manage.py dvcqg_receiver``, a fresh store) and two delivery workers (``manage.py deliver_outbox``);
2. receives dossiers at the counter through the API at a steady ``--rate`` for ``--duration`` seconds
   (each queues two messages: the dossier and its history);
3. stops the receiver at ``--outage-at`` for ``--outage`` seconds (60 in the recorded run; 300 accepted),
   then starts it again on the same store;
4. at ``--kill-at`` makes the receiver slow (1 s per call), waits until a worker holds a claimed message
   with its request in flight, and ``kill -9``s that worker; a new worker takes its place;
5. stops the intake, waits (``--drain`` seconds at most) until nothing of this run is pending, and
   compares what was queued with what the receiver accepted: lost (queued, never accepted),
   unexpected (accepted, never queued), history rows applied twice or missing at the receiver,
   refused (invalid or out of order), and redeliveries recognised by their Idempotency-Key.

Bounded: the run takes ``duration + drain`` seconds at most.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dossiers_common as common
from dossiers_intake import CENTRE, OFFICER, PROCEDURE, intake_body

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
MANAGE = str(ROOT / "src" / "manage.py")


def worker_env(port: int) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DVCQG_URL": f"http://127.0.0.1:{port}/",
        "DVCQG_MAX_ATTEMPTS": "1000",  # a 300 s outage must not send anything to the dead-letter list
        "OUTBOX_BACKOFF_BASE_SECONDS": "1",
        "OUTBOX_BACKOFF_CAP_SECONDS": "10",
        "OUTBOX_LEASE_SECONDS": "15",
        "OUTBOX_TIMEOUT_SECONDS": "5",
        "LOG_LEVEL": "WARNING",
    }


class Processes:
    def __init__(self, port: int, store: Path) -> None:
        self.port, self.store, self.env = port, store, worker_env(port)
        self.receiver: subprocess.Popen[bytes] | None = None
        self.workers: dict[str, subprocess.Popen[bytes]] = {}

    def start_receiver(self) -> None:
        command = [PY, MANAGE, "dvcqg_receiver", "--port", str(self.port), "--store", str(self.store)]
        self.receiver = subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL)  # noqa: S603
        for _ in range(600):  # up to 60 s: Django starts slowly on a crowded machine
            try:
                self.stats()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the receiver did not start")

    def stop_receiver(self) -> None:
        assert self.receiver is not None
        self.receiver.kill()
        self.receiver.wait()

    def start_worker(self, name: str) -> None:
        command = [PY, MANAGE, "deliver_outbox", "--worker-id", name, "--interval", "0.2"]
        self.workers[name] = subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL)  # noqa: S603

    def call(self, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data)
        with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310
            return json.loads(answer.read())

    def stats(self) -> dict[str, int]:
        return dict(self.call("/_stats"))

    def stop_all(self) -> None:
        for process in self.workers.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.workers.values():
            process.wait(timeout=30)
        if self.receiver is not None and self.receiver.poll() is None:
            self.stop_receiver()


def kill_mid_delivery(procs: Processes, baseline: int, feed: Callable[[], None]) -> dict[str, Any]:
    """Slow the receiver, wait for a worker to hold a message whose request is in flight, kill -9 that worker.

    The intake goes on meanwhile (``feed``, one dossier a second): with the backlog of a long outage
    delivered, a quiet queue would leave no message in flight to kill a worker with.
    """
    from django.utils import timezone

    from motcua.outbox.models import Message

    procs.call("/_control", {"delay": 1.0})
    held = None
    for tick in range(300):
        if tick % 10 == 0:
            feed()
        held = (
            Message.objects.filter(
                pk__gt=baseline, claimed_by__in=list(procs.workers), claimed_until__gt=timezone.now()
            )
            .values_list("pk", "claimed_by")
            .first()
        )
        if held:
            break
        time.sleep(0.1)
    if held is None:
        raise RuntimeError("no worker held a message to be killed with")
    time.sleep(0.3)  # the request is now with the (slow) receiver
    victim = procs.workers.pop(held[1])
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    procs.call("/_control", {"delay": 0})
    procs.start_worker("w3")
    return {"killed": held[1], "killed_holding_message": held[0]}


def drive(args: argparse.Namespace, procs: Processes, baseline: int) -> dict[str, Any]:
    from motcua.organisations.models import Agency

    client = common.client_for(OFFICER)
    centre = Agency.objects.get(identifier_code=CENTRE).pk
    stamp = int(time.time()) % 100000
    started = time.monotonic()
    marks: dict[str, Any] = {"created": 0, "refused_intakes": 0}
    outage_done = killed = outage_started = False
    n = 0

    def intake() -> None:
        nonlocal n
        # Earlier runs' applicants may hold these phone numbers under other identities: the choice to
        # keep the contact anyway is the one an officer records at the counter.
        body = intake_body(centre, 7, n, stamp)
        body["applicant"] = {**body["applicant"], "use_contact_anyway": True}  # type: ignore[dict-item]
        response = client.post("/api/v1/dossiers/", body, content_type="application/json")
        marks["created" if response.status_code == 201 else "refused_intakes"] += 1
        n += 1

    while (elapsed := time.monotonic() - started) < args.duration:
        if not outage_started and elapsed >= args.outage_at:
            procs.stop_receiver()
            outage_started, marks["outage_start"] = True, time.time()
        if outage_started and not outage_done and elapsed >= args.outage_at + args.outage:
            procs.start_receiver()
            outage_done, marks["outage_end"] = True, time.time()
        if not killed and outage_done and elapsed >= args.kill_at:
            marks |= kill_mid_delivery(procs, baseline, intake)
            killed = True
        intake()
        time.sleep(max(0.0, started + n / args.rate - time.monotonic()))
    marks["intake_seconds"] = time.monotonic() - started
    return marks


def drain(args: argparse.Namespace, baseline: int) -> float:
    from motcua.outbox.constants import State
    from motcua.outbox.models import Message

    started = time.monotonic()
    while time.monotonic() - started < args.drain:
        if not Message.objects.filter(pk__gt=baseline, destination="dvcqg", state=State.PENDING).exists():
            break
        time.sleep(0.5)
    return time.monotonic() - started


def count(procs: Processes, baseline: int, marks: dict[str, Any]) -> dict[str, Any]:
    import sqlite3

    from motcua.outbox.models import Message

    queued = dict(Message.objects.filter(pk__gt=baseline, destination="dvcqg").values_list("idempotency_key", "state"))
    # History rows queued per dossier: the receiver must have applied each exactly once.
    rows_per_dossier: dict[str, int] = {}
    progress = Message.objects.filter(pk__gt=baseline, destination="dvcqg", kind="CapNhatTienDoHoSoMC")
    for subject, payload in progress.values_list("subject", "payload").iterator():
        rows_per_dossier[subject] = rows_per_dossier.get(subject, 0) + len(payload["data"])
    stats = procs.stats()
    store = sqlite3.connect(procs.store)
    accepted = {k for (k,) in store.execute("SELECT key FROM received WHERE json_extract(answer, '$.error_code') = 0")}
    history = dict(store.execute("SELECT code, history FROM dossiers").fetchall())
    # The backlog of the outage: messages queued while the receiver was down, and when the last arrived.
    during = set(
        Message.objects.filter(
            pk__gt=baseline,
            destination="dvcqg",
            created_at__gte=datetime.fromtimestamp(marks["outage_start"], UTC),
            created_at__lt=datetime.fromtimestamp(marks["outage_end"], UTC),
        ).values_list("idempotency_key", flat=True)
    )
    arrivals = dict(store.execute("SELECT key, at FROM received").fetchall())
    backlog_done = max((arrivals[k] for k in during if k in arrivals), default=marks["outage_end"])
    states: dict[str, int] = {}
    for state in queued.values():
        states[state] = states.get(state, 0) + 1
    return {
        "queued": len(queued),
        "states": states,
        "accepted": len(accepted & set(queued)),
        "lost": len(set(queued) - accepted),
        "unexpected": len(accepted - set(queued)),
        "history_rows_applied_twice": sum(max(0, history.get(code, 0) - n) for code, n in rows_per_dossier.items()),
        "history_rows_missing": sum(max(0, n - history.get(code, 0)) for code, n in rows_per_dossier.items()),
        "refused_by_receiver": stats["refused"],
        "deliveries": stats["deliveries"],
        "redeliveries_recognised": stats["redeliveries"],
        "queued_during_outage": len(during),
        "outage_backlog_delivered_after_s": round(backlog_done - marks["outage_end"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=120, help="seconds of intake")
    parser.add_argument("--rate", type=float, default=3, help="dossiers per second")
    parser.add_argument("--outage-at", type=float, default=15)
    parser.add_argument("--outage", type=float, default=60, help="seconds the receiver is down (≤ 300)")
    parser.add_argument("--kill-at", type=float, default=90)
    parser.add_argument("--drain", type=float, default=60, help="seconds to wait for the backlog at most")
    parser.add_argument("--port", type=int, default=18765)
    args = parser.parse_args()
    if not 0 < args.outage <= 300:
        parser.error("--outage must be between 0 and 300 seconds")
    args.duration = max(args.duration, args.outage_at + args.outage + 20)
    args.kill_at = max(args.kill_at, args.outage_at + args.outage + 5)
    store = ROOT / "var" / "bench" / "dvcqg-received.sqlite3"
    for stale in store.parent.glob(store.name + "*"):
        stale.unlink()
    os.environ.update(worker_env(args.port))
    common.setup()
    from django.conf import settings

    from motcua.catalogue import services as catalogue
    from motcua.catalogue.models import Procedure
    from motcua.outbox.models import Message

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    catalogue.connect_to_national_portal(Procedure.objects.filter(code=PROCEDURE), actor=None, connected=True)
    # An earlier run stopped half-way leaves its backlog: the workers would spend this run on it.
    leftovers, _ = Message.objects.filter(destination="dvcqg").exclude(state="delivered").delete()
    if leftovers:
        print(f"removed {leftovers} undelivered messages of an earlier run from this benchmark database")
    baseline = Message.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    procs = Processes(args.port, store)
    procs.start_receiver()
    procs.start_worker("w1")
    procs.start_worker("w2")
    try:
        marks = drive(args, procs, baseline)
        drained = drain(args, baseline)
        result = count(procs, baseline, marks)
    finally:
        procs.stop_all()
    print(
        f"intake: {marks['created']} dossiers in {marks['intake_seconds']:.0f} s ({args.rate}/s asked), "
        f"{marks['refused_intakes']} refused; receiver down {args.outage:.0f} s from t={args.outage_at:.0f} s; "
        f"worker {marks.get('killed')} killed (kill -9) holding message {marks.get('killed_holding_message')}"
    )
    print(f"drained {drained:.1f} s after the intake stopped")
    print(json.dumps(result, indent=2))
    sys.exit(
        0 if result["lost"] == 0 and result["history_rows_applied_twice"] == 0 and result["unexpected"] == 0 else 1
    )


if __name__ == "__main__":
    main()
