"""Back-office pages an official opens all day: the inbox (each tab) and a dossier page.

Usage: DATABASE_URL=postgres://… .venv/bin/python benchmarks/backoffice_inbox.py [--rounds 50]

Runs on a database prepared as ``dossiers_common`` describes (demo province plus
``dossiers_generate.py N``). Each page is requested ``rounds`` times after a warm-up through the whole
Django stack in-process (session, acting membership, counts, listing, template rendering). The
figures include rendering the HTML, unlike the API benchmarks.
"""

from __future__ import annotations

import argparse
from typing import Any

import dossiers_common as common

CASES = [
    ("tiepnhan.viettri", "to_receive"),
    ("tiepnhan.viettri", "to_return"),
    ("tiepnhan.viettri", "overdue"),
    ("tiepnhan.viettri", "all"),
    ("chuyenvien.viettri", "to_process"),
    ("chuyenvien.viettri", "due_soon"),
    ("lanhdao.viettri", "to_approve"),
]


def session_client(username: str) -> Any:
    from django.test import Client

    from motcua.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get("/can-bo/")  # stores the acting membership in the session
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    common.setup()
    print(f"dossiers in the database: {common.dossier_count():,}")
    for username, tab in CASES:
        client = session_client(username)
        first = client.get("/can-bo/", {"tab": tab})
        assert first.status_code == 200, first.content[:300]
        latencies, cpu, queries = common.timed(lambda c=client, t=tab: c.get("/can-bo/", {"tab": t}), args.rounds)
        common.show(f"inbox {username} {tab}", common.percentiles(latencies), cpu, queries)
    client = session_client("tiepnhan.viettri")
    page = client.get("/can-bo/", {"tab": "all"}).content.decode()
    code = page.split('href="/can-bo/ho-so/', 1)[1].split("/", 1)[0]
    latencies, cpu, queries = common.timed(lambda: client.get(f"/can-bo/ho-so/{code}/"), args.rounds)
    common.show(f"dossier page {code}", common.percentiles(latencies), cpu, queries)
    search = {"tab": "all", "q": "nguyen van"}
    latencies, cpu, queries = common.timed(lambda: client.get("/can-bo/", search), args.rounds)
    common.show("inbox search 'nguyen van' (all)", common.percentiles(latencies), cpu, queries)


if __name__ == "__main__":
    main()
