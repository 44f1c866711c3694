"""Catalogue search latency: p50/p99 of ``catalogue.search.search_procedures`` over 5,000 procedures.

Usage: PYTHONPATH=src .venv/bin/python benchmarks/catalogue_search.py [--database-url URL] [--count N] [--rounds R]
Without --database-url the default (SQLite) is used. A fresh test_<name> database is created and dropped.
Each query runs R times after one warm-up; latency includes loading the result objects. Filtered searches
(level + online level of the version in force) run FILTERED_QUERIES the same way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from catalogue_bench_data import fill, scratch_database

QUERIES = [
    "dang ky khai sinh",
    "đăng kí khai sinh",
    "DANG KY KHAI SINH",
    "khai sinh",
    "dang ki ket hon",
    "giay phep xay dung",
    "cap lai giay phep lao dong",
    "chung thuc hop dong",
    "thuong tru",
    "ho kinh doanh",
    "an toan thuc pham",
    "1.100123",
    "khia snih",
    "bao hiem y te",
    "di chuc",
    "gia han giay phep khai thac nuoc",
]

# Filters on the version in force (level + online level), with a misspelt query among them.
FILTERED_QUERIES = [*QUERIES[:6], "khia snih"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with scratch_database(args.database_url) as connection:
        from motcua.catalogue.search import SearchFilters, search_procedures

        fill(args.count)
        if connection.vendor == "postgresql":  # as autovacuum would after a bulk load: statistics, GIN pending list
            connection.ensure_connection()
            connection.connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE catalogue_procedure")
                cursor.execute("VACUUM ANALYZE catalogue_procedureversion")
        samples: list[float] = []
        firsts = {}
        per_query: dict[str, float] = {}
        for query in QUERIES:
            firsts[query] = [p.name for p in search_procedures(query)[:1]]
            own = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                list(search_procedures(query))
                own.append((time.perf_counter() - start) * 1000)
            samples += own
            per_query[query] = statistics.median(own)
        filtered: list[float] = []
        for query in FILTERED_QUERIES:
            for _ in range(args.rounds):
                start = time.perf_counter()
                list(search_procedures(query, filters=SearchFilters(level="commune", online_level="full")))
                filtered.append((time.perf_counter() - start) * 1000)
        samples.sort()
        filtered.sort()

        def pct(values: list[float], p: float) -> float:
            return values[min(len(values) - 1, int(len(values) * p))]

        print(f"database: {connection.vendor}, procedures: {args.count}, queries: {len(QUERIES)} x {args.rounds}")
        print("load average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
        print(
            f"search        p50 {statistics.median(samples):.2f} ms  p99 {pct(samples, 0.99):.2f} ms  "
            f"max {samples[-1]:.2f} ms"
        )
        print(f"with filters  p50 {statistics.median(filtered):.2f} ms  p99 {pct(filtered, 0.99):.2f} ms")
        slowest = sorted(per_query.items(), key=lambda item: -item[1])[:4]
        print("slowest queries (median): " + ", ".join(f"{q!r} {ms:.1f} ms" for q, ms in slowest))
        for query in QUERIES[:4]:
            print(f"  {query!r} -> {firsts[query]}")


if __name__ == "__main__":
    main()
