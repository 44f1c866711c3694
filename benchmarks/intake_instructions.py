"""Instructions executed per intake: a measure that, unlike seconds, repeats on a busy machine.

Usage (a prepared database, as for the other dossier benchmarks)::

    DATABASE_URL=postgres://… valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.13 \\
        .venv/bin/python benchmarks/intake_instructions.py 13
    … the same with 43, then: (total of 43 − total of 13) / 30 = instructions per intake

Each run posts ``count`` counter intakes (the body of ``dossiers_intake.py``) through the whole
Django stack in one process, after one warm-up intake. The difference between two runs leaves out
the start-up (imports, connection, URL and serializer set-up), so it counts the work of the intakes
alone: `callgrind_annotate` prints each total ("PROGRAM TOTALS"). The web worker's instructions only:
PostgreSQL's own work is measured by ``dossiers_intake.py`` (CPU per intake).
"""

from __future__ import annotations

import argparse
import time

import dossiers_common as common
from dossiers_intake import CENTRE, OFFICER, intake_body


def body(centre: int, n: int, stamp: int) -> dict[str, object]:
    """``dossiers_intake.py``'s intake with identity numbers and phones of their own per run: runs a few
    seconds apart would otherwise share phones across identities, which intake refuses."""
    data = intake_body(centre, 9, n, stamp)
    data["applicant"] = {
        **data["applicant"],  # type: ignore[dict-item]
        "id_number": f"0251{stamp % 100000:05d}{n:03d}",
        "phone": f"09{stamp % 1000:03d}{n:05d}",
    }
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="intakes after the warm-up one")
    args = parser.parse_args()
    common.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from motcua.organisations.models import Agency

    client = common.client_for(OFFICER)
    centre = Agency.objects.get(identifier_code=CENTRE).pk
    stamp = int(time.time()) % 100000
    for n in range(args.count + 1):
        response = client.post("/api/v1/dossiers/", body(centre, n, stamp), content_type="application/json")
        if response.status_code != 201:
            raise SystemExit(f"intake {n} failed: {response.status_code} {response.content[:300]!r}")
    print(f"{args.count} intakes after one warm-up: compare two counts with callgrind_annotate")


if __name__ == "__main__":
    main()
