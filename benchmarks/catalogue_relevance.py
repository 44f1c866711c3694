"""Catalogue search on the real catalogue: precision at 1, recall at 5 and latency of the judged citizen queries.

Usage: PYTHONPATH=src .venv/bin/python benchmarks/catalogue_relevance.py [--database-url URL] [--file PATH]
       [--pad-to N] [--rounds R] [--tops FILE]
Loads the demo province's agencies and curated procedures, then the national catalogue file (default:
../shared/data/procedures.json beside the repository; third-party data read where it lies) through
the import the demo uses, timing it. Measures the judged queries (catalogue/tests/judged_queries.json)
on the real catalogue, then pads it with generated procedures to --pad-to (default 2,000) and measures
again, with each query run R times after a warm-up for the latency percentiles (result objects loaded).
--tops writes each query's first five codes, to compare SQLite and PostgreSQL answers with diff.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

from catalogue_bench_data import names, scratch_database

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "procedures.json"


def pad(count: int) -> int:
    """Generated procedures (codes 9.xxxxxx, names no real procedure has) until the catalogue holds ``count``."""
    from motcua.catalogue.models import Procedure, ProcedureVersion, Sector
    from motcua.catalogue.services import names_changed
    from motcua.core.text import fold

    missing = count - Procedure.objects.count()
    if missing <= 0:
        return 0
    taken = set(Procedure.objects.values_list("name_folded", flat=True))
    fresh = [n for n in names(missing * 2) if fold(n) not in taken][:missing]
    sector = Sector.objects.create(code="BM-PAD", name="Lĩnh vực sinh thêm")
    rows = Procedure.objects.bulk_create(
        Procedure(code=f"9.{100000 + i:06d}", name=n, name_folded=fold(n), sector=sector) for i, n in enumerate(fresh)
    )
    ProcedureVersion.objects.bulk_create(
        ProcedureVersion(
            procedure=p,
            number=1,
            effective_from=date(2025, 1, 1),
            legal_time_unit="working_days",
            legal_time_value=5,
            at_province_level=True,
            channels=["counter"],
        )
        for p in Procedure.objects.filter(pk__in=[r.pk for r in rows])
    )
    names_changed()
    return len(fresh)


def run(rounds: int) -> tuple[Any, list[float], list[float], list[float], dict[str, list[str]]]:
    from motcua.catalogue.search import SearchFilters, search_procedures
    from motcua.catalogue.tests.judged import judged_queries, measure

    queries = judged_queries()
    tops: dict[str, list[str]] = {}

    def codes(query: str) -> list[str]:
        tops[query] = [p.code for p in list(search_procedures(query))[:5]]
        return tops[query]

    measures = measure(codes, queries)
    samples: list[float] = []
    filtered: list[float] = []
    cpu: list[float] = []  # this process's CPU time per unfiltered search: the work, whatever the machine's load
    province = SearchFilters(level="province")
    for judged in queries:
        for target, filters in ((samples, None), (filtered, province)):
            list(search_procedures(judged.query, filters=filters))  # warm-up
            for _ in range(rounds):
                start, work = time.perf_counter(), time.process_time()
                list(search_procedures(judged.query, filters=filters))
                target.append((time.perf_counter() - start) * 1000)
                if filters is None:
                    cpu.append((time.process_time() - work) * 1000)
    return measures, sorted(samples), sorted(filtered), sorted(cpu), tops


def pct(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(len(values) * p))]


def report(
    label: str, count: int, measures: Any, samples: list[float], filtered: list[float], cpu: list[float]
) -> None:
    print(
        f"{label}: {count} procedures · P@1 {measures.precision_at_1:.3f} · R@5 {measures.recall_at_5:.3f} "
        f"({measures.total} queries) · search p50 {statistics.median(samples):.2f} ms, "
        f"p99 {pct(samples, 0.99):.2f} ms, max {samples[-1]:.2f} ms · "
        f"with level filter p99 {pct(filtered, 0.99):.2f} ms · "
        f"CPU of this process p50 {statistics.median(cpu):.2f} ms, p99 {pct(cpu, 0.99):.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--pad-to", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--tops", type=Path, default=None)
    args = parser.parse_args()
    if not args.file.is_file():
        raise SystemExit(f"No catalogue file at {args.file}: this benchmark measures the real catalogue.")
    os.environ["CATALOGUE_FILE"] = ""  # the import below is timed on its own
    with scratch_database(args.database_url) as connection:
        from motcua.catalogue import demo
        from motcua.catalogue.exchange import national
        from motcua.catalogue.models import Procedure
        from motcua.organisations import demo as organisations_demo

        organisations_demo.load(io.StringIO())
        demo.load(io.StringIO())
        start = time.perf_counter()
        document, outcome = national.build_document(
            national.read_records(args.file), effective_from=demo.EFFECTIVE_FROM, known_sectors=demo.SECTOR_CODES
        )
        outcome.imported = national.import_document(document, actor=None)
        imported = time.perf_counter() - start
        if connection.vendor == "postgresql":  # as autovacuum would after a bulk load
            connection.ensure_connection()
            connection.connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE catalogue_procedure")
                cursor.execute("VACUUM ANALYZE catalogue_procedureversion")
        print(f"database: {connection.vendor} · load average {os.getloadavg()[0]:.2f}")
        print(f"import of {args.file.name}: {outcome.summary()} in {imported:.1f} s")
        real = Procedure.objects.count()
        measures, samples, filtered, cpu, tops = run(args.rounds)
        report("real catalogue", real, measures, samples, filtered, cpu)
        for query, expected, top in measures.misses:
            print(f"  first is not the one meant: {query!r} expected {expected}, got {top}")
        added = pad(args.pad_to)
        measures, samples, filtered, cpu, _tops = run(args.rounds)
        report(f"padded (+{added} generated)", Procedure.objects.count(), measures, samples, filtered, cpu)
        if args.tops:
            args.tops.write_text(json.dumps(tops, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
