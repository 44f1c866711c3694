"""Operations-centre latency: the province's dashboard, the Decision 766 index and the rankings.

Usage: DATABASE_URL=postgres://… .venv/bin/python benchmarks/operations_dashboard.py [--rounds 20]

Signed in (session) as the province's leader of the demo (``lanhdao.tinh``), through the whole
Django stack in-process: the back-office page for the current year (every figure, the year by month,
the breakdown by agency, the rankings of this and the previous year), the same year through the API,
the 766 index and the month's page. Each case runs ``rounds`` times after a warm-up (warm caches);
the figure is wall time per request, p50/p95, with the queries of one request.
"""

from __future__ import annotations

import argparse
import os

import dossiers_common as common

CASES = [
    ("page, year", "/can-bo/dieu-hanh/", {"period": "year"}),
    ("page, month", "/can-bo/dieu-hanh/", {"period": "month"}),
    ("page, 766 index, year", "/can-bo/dieu-hanh/chi-so-766/", {"period": "year"}),
    ("API figures, year", "/api/v1/statistics/figures/", {"period": "year"}),
    ("API 766 index, year", "/api/v1/statistics/index-766/", {"period": "year"}),
    ("API rankings, year", "/api/v1/statistics/rankings/", {"period": "year"}),
    ("public page, year", "/thong-ke/", {"period": "year"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    # The leader's second factor is a sign-in matter, not what is measured here.
    os.environ.setdefault("TWO_FACTOR_REQUIRED_ROLES", "")
    common.setup()
    from django.test import Client

    from motcua.accounts.models import User

    print(f"dossiers in the database: {common.dossier_count():,}")
    client = Client()
    client.force_login(User.objects.get(username="lanhdao.tinh"))
    for label, url, params in CASES:
        first = client.get(url, params)
        assert first.status_code == 200, (url, first.status_code, first.content[:300])
        latencies, cpu, queries = common.timed(lambda u=url, p=params: client.get(u, p), args.rounds)
        common.show(label, common.percentiles(latencies), cpu, queries)


if __name__ == "__main__":
    main()
