"""Intake throughput: dossiers per second through ``POST /api/v1/dossiers/`` (counter intake + acceptance).

Usage: DATABASE_URL=postgres://… .venv/bin/python benchmarks/dossiers_intake.py [--workers 2] [--count 300]

Each worker process posts ``count`` dossiers for a new applicant each (the applicant is created, the
steps copied and assigned, the history written, the notification queued in the same transaction, the
code drawn under the daily counter's row lock and the dossier inserted). All workers use the same
receiving agency, so they contend on the same counter row, which is the worst case for code
generation. The queued notification is not sent: the background worker is not part of the measure.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import time

import dossiers_common as common

OFFICER = "tiepnhan.viettri"
CENTRE = "H44.201.01"
PROCEDURE = "1.004873"


def intake_body(centre: int, index: int, n: int, stamp: int) -> dict[str, object]:
    """A counter intake for a new applicant: worker ``index``'s ``n``-th (identity numbers never shared)."""
    return {
        "receiving_agency": centre,
        "procedure": PROCEDURE,
        "applicant": {
            "full_name": "Nguyễn Văn Thử Tải",
            # Valid form: province 025, century/gender digit, year of birth, then worker and number.
            "id_number": f"0250{stamp % 100:02d}{index}{n:05d}",
            # Unique per run too: a phone on record for another identity is refused at intake.
            "phone": f"08{stamp % 10}{index}{n:06d}",
        },
        # The procedure's mandatory form, named as in the catalogue (acceptance needs it).
        "components": [{"name": "Tờ khai theo mẫu", "page_count": 2}],
    }


def worker(
    args: tuple[int, int, multiprocessing.synchronize.Barrier],
) -> tuple[int, float, list[float], float, float, float]:
    index, count, barrier = args
    common.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from motcua.organisations.models import Agency

    client = common.client_for(OFFICER)
    centre = Agency.objects.get(identifier_code=CENTRE).pk
    stamp = int(time.time()) % 100000
    latencies: list[float] = []
    # A long-running server is warm: the first request (imports, URL and serializer set-up) is left out.
    client.post("/api/v1/dossiers/", intake_body(centre, index, count, stamp), content_type="application/json")
    barrier.wait()
    busy_start = machine_busy_ms()
    started = time.perf_counter()
    cpu_started = time.process_time()
    ok = 0
    for n in range(count):
        body = intake_body(centre, index, n, stamp)
        t0 = time.perf_counter()
        response = client.post("/api/v1/dossiers/", body, content_type="application/json")
        latencies.append((time.perf_counter() - t0) * 1000)
        ok += response.status_code == 201
        if response.status_code != 201:
            print("unexpected", response.status_code, response.content[:300])
    elapsed = time.perf_counter() - started
    cpu = (time.process_time() - cpu_started) * 1000 / max(count, 1)
    return ok, elapsed, latencies, cpu, busy_start, machine_busy_ms()


def machine_busy_ms() -> float:
    """CPU time spent by the whole machine (every core, every process) so far, in ms (Linux /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) * 1000 / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--count", type=int, default=300, help="dossiers per worker")
    args = parser.parse_args()
    common.setup()
    existing = common.dossier_count()
    from django.db import connection

    connection.close()
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Manager().Barrier(args.workers)
    with ctx.Pool(args.workers) as pool:
        results = pool.map(worker, [(i, args.count, barrier) for i in range(args.workers)])
    busy = max(r[5] for r in results) - min(r[4] for r in results)
    created = sum(r[0] for r in results)
    wall = max(r[1] for r in results)
    latencies = [x for r in results for x in r[2]]
    print(f"existing dossiers: {existing:,}; workers: {args.workers}; created: {created}")
    print(f"throughput: {created / wall:.1f} dossiers/s over {wall:.1f} s")
    cpu = sum(r[3] for r in results) / len(results)
    common.show("POST /api/v1/dossiers/ (intake+accept)", common.percentiles(latencies), cpu, None)
    # The whole machine's CPU per dossier (web workers, PostgreSQL, anything else running): on a
    # quiet machine, the number of cores times 1000 divided by it bounds the throughput.
    print(f"machine CPU per dossier: {busy / max(created, 1):.1f} ms (of which the web workers: {cpu:.1f} ms)")


if __name__ == "__main__":
    main()
