"""Create N realistic dossiers in bulk in an existing database, for the dossier benchmarks (never in production).

Usage: DATABASE_URL=postgres://… .venv/bin/python benchmarks/dossiers_generate.py N [--days 365] [--seed 2026]

Needs the catalogue and the agencies (``manage.py load_demo``) first; run it again to add N more
(``10000``, then ``90000`` more for 100k, …). The rows are written by ``dossiers_generator.py``.
"""

from __future__ import annotations

import argparse
import time

import dossiers_common as common


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("--days", type=int, default=365, help="Spread closed dossiers over this many past days.")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    common.setup()
    from django.utils import timezone
    from dossiers_generator import generate

    started = time.perf_counter()

    def progress(done: int) -> None:
        if done % 50_000 == 0 or done == args.count:
            print(f"  {done:,} dossiers ({time.perf_counter() - started:.0f} s)")

    created = generate(args.count, days=args.days, seed=args.seed, now=timezone.now(), progress=progress)
    print(f"Created {created:,} dossiers in {time.perf_counter() - started:.1f} s.")
    return created


if __name__ == "__main__":
    main()
