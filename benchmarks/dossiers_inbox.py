"""Officials' inbox listing latency: ``GET /api/v1/dossiers/?box=…`` and the plain list, page 1.

Usage: DATABASE_URL=postgres://… .venv/bin/python benchmarks/dossiers_inbox.py [--rounds 100]

Officials of the demo province (accounts.demo): the one-stop officer of the Việt Trì centre, the
commune specialist and leader. Each listing runs ``rounds`` times after a warm-up; the figure
includes authentication, the visibility rules, the count for the pager and serialising 20 rows.
"""

from __future__ import annotations

import argparse

import dossiers_common as common

CASES = [
    ("tiepnhan.viettri", "to_receive"),
    ("tiepnhan.viettri", "to_return"),
    ("tiepnhan.viettri", "overdue"),
    ("tiepnhan.viettri", ""),
    ("chuyenvien.viettri", "to_process"),
    ("chuyenvien.viettri", "due_soon"),
    ("lanhdao.viettri", "to_approve"),
    ("lanhdao.viettri", ""),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    common.setup()
    print(f"dossiers in the database: {common.dossier_count():,}")
    for username, box in CASES:
        client = common.client_for(username)
        params = {"box": box} if box else {}
        first = client.get("/api/v1/dossiers/", params)
        assert first.status_code == 200, first.content[:300]
        found = first.json()["count"]
        latencies, cpu, queries = common.timed(lambda c=client, p=params: c.get("/api/v1/dossiers/", p), args.rounds)
        common.show(f"{username} {box or 'list'} ({found:,})", common.percentiles(latencies), cpu, queries)


if __name__ == "__main__":
    main()
