"""Catalogue import time: a 5,000-procedure Excel workbook read and imported into an empty catalogue.

Usage: PYTHONPATH=src .venv/bin/python benchmarks/catalogue_import.py [--database-url URL] [--count N]
Each procedure has one version with 2 fees, 3 components and a 5-step internal process (so the
workbook has 5,000 + 10,000 + 15,000 + 5,000 + 25,000 rows). Times: writing the workbook, reading it,
and the all-or-nothing import (validation of the whole file, then one transaction).
"""

from __future__ import annotations

import argparse
import time

from catalogue_bench_data import names, scratch_database


def document(count: int) -> dict:
    steps = [
        {
            "name": "Tiếp nhận hồ sơ",
            "actor_kind": "one_stop_unit",
            "role": "one_stop_officer",
            "duration_value": "4",
            "duration_unit": "working_hours",
            "allowed_actions": ["forward", "request_supplement"],
        },
        {
            "name": "Phân công",
            "actor_kind": "division",
            "role": "head_of_division",
            "duration_value": "2",
            "duration_unit": "working_hours",
            "allowed_actions": ["forward"],
        },
        {
            "name": "Thẩm định",
            "actor_kind": "division",
            "role": "specialist",
            "duration_value": "20",
            "duration_unit": "working_hours",
            "allowed_actions": ["forward", "consult"],
        },
        {
            "name": "Ký duyệt",
            "actor_kind": "leader",
            "role": "leader",
            "duration_value": "4",
            "duration_unit": "working_hours",
            "allowed_actions": ["approve", "return"],
        },
        {
            "name": "Trả kết quả",
            "actor_kind": "one_stop_unit",
            "role": "one_stop_officer",
            "duration_value": "0",
            "duration_unit": "working_hours",
            "allowed_actions": ["return_result"],
        },
    ]
    procedures = []
    for i, name in enumerate(names(count)):
        procedures.append(
            {
                "code": f"{1 + i % 3}.{100000 + i:06d}",
                "name": name,
                "sector": f"BM-{i % 20:02d}",
                "status": "active",
                "versions": [
                    {
                        "number": 1,
                        "effective_from": "2026-01-01",
                        "legal_time_value": "5",
                        "legal_time_unit": "working_days",
                        "levels": ["commune"] if i % 2 else ["province"],
                        "applicant_types": ["citizen"],
                        "online_level": "partial",
                        "channels": ["counter", "online"],
                        "result_name": "Giấy chứng nhận",
                        "fees": [
                            {"name": "Lệ phí", "amount_vnd": 50000},
                            {"name": "Phí thẩm định", "amount_vnd": None},
                        ],
                        "components": [{"name": f"Giấy tờ {k}", "copies": 1, "kind": "original"} for k in range(3)],
                        "processes": [{"steps": steps}],
                    }
                ],
            }
        )
    return {
        "format": "motcua-catalogue",
        "format_version": 1,
        "sectors": [{"code": f"BM-{i:02d}", "name": f"Lĩnh vực {i}"} for i in range(20)],
        "procedures": procedures,
        "groups": [],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    with scratch_database(args.database_url) as connection:
        from motcua.catalogue.exchange.document import export_document, import_document
        from motcua.catalogue.exchange.workbook import read_workbook, write_workbook
        from motcua.catalogue.models import ProcessStep

        start = time.perf_counter()
        content = write_workbook(document(args.count))
        written = time.perf_counter()
        parsed, locate = read_workbook(content)
        read = time.perf_counter()
        report = import_document(parsed, actor=None, locate=locate)
        imported = time.perf_counter()
        export_document()
        exported = time.perf_counter()
        print(f"database: {connection.vendor}, procedures: {args.count}, workbook {len(content) / 1e6:.1f} MB")
        print(
            f"write workbook {written - start:.1f} s; read workbook {read - written:.1f} s; "
            f"validate + import {imported - read:.1f} s; total read+import {imported - written:.1f} s"
        )
        print(
            f"export document {exported - imported:.1f} s; created {len(report.created)} procedures, "
            f"{ProcessStep.objects.count()} steps"
        )


if __name__ == "__main__":
    main()
