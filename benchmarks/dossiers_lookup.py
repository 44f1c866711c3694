"""Public lookup latency: ``GET /api/v1/public/dossiers/{code}/?phone=…`` on random existing dossiers.

Usage: DATABASE_URL=postgres://… .venv/bin/python benchmarks/dossiers_lookup.py [--requests 2000]

Codes and phone numbers are sampled from the database first; each request comes from one of
many client addresses so the ``public_lookup`` throttle stays in the path without refusing.
One request in ten uses a wrong phone number (answered 404 with the same cost).
"""

from __future__ import annotations

import argparse
import logging
import random

import dossiers_common as common


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    common.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404s of wrong phones are expected
    from django.test import Client

    from motcua.dossiers.models import Dossier

    total = common.dossier_count()
    rng = random.Random(7)
    top = Dossier.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = [rng.randint(1, top) for _ in range(args.requests * 2)]
    sample = list(Dossier.objects.filter(pk__in=ids).exclude(code=None).values_list("code", "applicant_phone"))
    rng.shuffle(sample)
    sample = sample[: args.requests]
    client = Client()
    for code, phone in sample[:20]:  # warm-up
        client.get(f"/api/v1/public/dossiers/{code}/", {"phone": phone}, REMOTE_ADDR="10.0.0.1")
    statuses: dict[int, int] = {}
    requests = iter(enumerate(sample * 2))

    def one() -> None:
        n, (code, phone) = next(requests)
        given = phone if n % 10 != 9 else "0900000000"  # one in ten wrong
        address = f"10.1.{n // 25 % 250}.{n % 25}"
        response = client.get(f"/api/v1/public/dossiers/{code}/", {"phone": given}, REMOTE_ADDR=address)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    latencies, cpu, queries = common.timed(one, len(sample) - 1)
    print(f"dossiers in the database: {total:,}; responses: {statuses}")
    common.show("GET /api/v1/public/dossiers/{code}/", common.percentiles(latencies), cpu, queries)


if __name__ == "__main__":
    main()
