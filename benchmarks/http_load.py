"""HTTP load test: the real application server (gunicorn with the project's configuration) under a mixed
workload from 50 concurrent clients in this second process, then pgbench's TPC-B-like figure on the same
machine in the same run.

Usage:
    .venv/bin/python benchmarks/http_load.py --prepare 10000      # once: database, demo province, dossiers
    .venv/bin/python benchmarks/http_load.py [--clients 50] [--duration 45] [--max-requests 20000]

The database (``--database-url``, default ``postgres://postgres@127.0.0.1:5432/motcua_serve_load``) is
prepared once like the other dossier benchmarks (migrate, ``load_demo``, ``dossiers_generate.py N``). Each run
starts gunicorn on a free port of 127.0.0.1 (``src/motcua/conf/gunicorn.py``: one worker per core, pooled
PostgreSQL connections), behind a simulated reverse proxy (``TRUSTED_PROXY_COUNT=1``: each request carries its
own client address, so the per-address look-up limits stay in the path without refusing a load test from one
machine). Every client sends its next request as soon as the previous one is answered (no think time), for
``--duration`` seconds or ``--max-requests`` requests in all, whichever comes first, after a warm-up that is
not counted. The kinds, drawn at random with the weights below:

- ``lookup``: a citizen's public look-up of a dossier by code and phone (``GET /api/v1/public/dossiers/…``);
- ``search``: the portal's procedure search page (``GET /thu-tuc/?q=…``, HTML);
- ``inbox_page``: a back-office inbox tab (``GET /can-bo/?tab=…``, HTML, signed in through the sign-in form);
- ``inbox_api``: an inbox through the API (``GET /api/v1/dossiers/?box=…``, an official's token);
- ``intake``: a counter intake with acceptance (``POST /api/v1/dossiers/``, a new applicant each).

An error is any answer other than the one expected (200, or 201 for an intake) or a failed connection.
pgbench then runs on a scratch database of its own (``-i -s 10``, then ``-c 10 -j 2 -T 15``), dropped after.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import socket
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dossiers_common as common
from dossiers_intake import CENTRE, OFFICER, PROCEDURE

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/motcua_serve_load"
WEIGHTS = {"lookup": 35, "search": 25, "inbox_page": 15, "inbox_api": 15, "intake": 10}
SEARCHES = ["dang ky khai sinh", "khai sinh", "giay phep xay dung", "thuong tru", "ho kinh doanh", "khia snih"]
PAGE_OFFICIALS = [("tiepnhan.viettri", ["to_receive", "all", "overdue"]), ("chuyenvien.viettri", ["to_process"])]
API_BOXES = [(OFFICER, "to_receive"), (OFFICER, "to_return"), ("chuyenvien.viettri", "to_process")]
DEMO_PASSWORD = "MotCua@2026"  # noqa: S105 - the demo province's published password


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _psql(url: str, sql: str, name: str = "") -> str:
    """Run ``sql`` with psql, where ``:'name'`` (a literal) and ``:"name"`` (an identifier) stand for ``name``."""
    command = ["psql", url, "-tA", "-v", "ON_ERROR_STOP=1", "-v", f"name={name}"]
    done = subprocess.run(command, input=sql, check=True, capture_output=True, text=True)  # noqa: S603
    return done.stdout.strip()


def _maintenance_url(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/postgres"


def prepare(url: str, dossiers: int) -> None:
    name = url.rsplit("/", 1)[1]
    if _psql(_maintenance_url(url), "SELECT 1 FROM pg_database WHERE datname = :'name'", name) != "1":
        _psql(_maintenance_url(url), 'CREATE DATABASE :"name"', name)
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT / "src")}
    for command in (["src/manage.py", "migrate", "--no-input"], ["src/manage.py", "load_demo"]):
        subprocess.run([sys.executable, *command], check=True, cwd=ROOT, env=env)  # noqa: S603
    subprocess.run([sys.executable, "benchmarks/dossiers_generate.py", str(dossiers)], check=True, cwd=ROOT, env=env)  # noqa: S603


@dataclass
class Fixtures:
    """What the clients ask for, read from the database before the server starts."""

    lookups: list[tuple[str, str]]
    tokens: dict[str, str]
    centre: int
    dossiers: int


def read_fixtures(url: str) -> Fixtures:
    os.environ["DATABASE_URL"] = url
    # This process reads once and disconnects: no pool of its own stays open beside the server's.
    os.environ["DATABASE_POOL"] = "false"
    common.setup()
    from rest_framework.authtoken.models import Token

    from motcua.accounts.models import User
    from motcua.dossiers.models import Dossier
    from motcua.organisations.models import Agency

    rng = random.Random(14)
    lookups = list(Dossier.objects.exclude(code=None).values_list("code", "applicant_phone")[:20000])
    rng.shuffle(lookups)
    tokens = {
        username: Token.objects.get_or_create(user=User.objects.get(username=username))[0].key
        for username in {name for name, _ in API_BOXES}
    }
    fixtures = Fixtures(lookups, tokens, Agency.objects.get(identifier_code=CENTRE).pk, Dossier.objects.count())
    from django.db import connections

    connections.close_all()
    return fixtures


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    sent: int = 0


class Workload:
    def __init__(self, base: str, fixtures: Fixtures, sessions: dict[str, Any], stamp: int) -> None:
        self.base, self.fixtures, self.sessions, self.stamp = base, fixtures, sessions, stamp
        self.counter = 0

    def next_number(self) -> int:
        self.counter += 1
        return self.counter

    def client_address(self, n: int) -> str:
        return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"

    async def one(self, http: Any, kind: str, rng: random.Random) -> int:
        n = self.next_number()
        headers = {"X-Forwarded-For": self.client_address(n)}
        if kind == "lookup":
            code, phone = self.fixtures.lookups[n % len(self.fixtures.lookups)]
            request = http.get(f"{self.base}/api/v1/public/dossiers/{code}/", params={"phone": phone}, headers=headers)
        elif kind == "search":
            request = http.get(f"{self.base}/thu-tuc/", params={"q": rng.choice(SEARCHES)}, headers=headers)
        elif kind == "inbox_page":
            username, tabs = rng.choice(PAGE_OFFICIALS)
            session = self.sessions[username]
            request = session.get(f"{self.base}/can-bo/", params={"tab": rng.choice(tabs)}, headers=headers)
        elif kind == "inbox_api":
            username, box = rng.choice(API_BOXES)
            headers["Authorization"] = f"Token {self.fixtures.tokens[username]}"
            request = http.get(f"{self.base}/api/v1/dossiers/", params={"box": box}, headers=headers)
        else:
            headers["Authorization"] = f"Token {self.fixtures.tokens[OFFICER]}"
            request = http.post(f"{self.base}/api/v1/dossiers/", json=self.intake_body(n), headers=headers)
        async with request as response:
            await response.read()
            return int(response.status)

    def intake_body(self, n: int) -> dict[str, Any]:
        return {
            "receiving_agency": self.fixtures.centre,
            "procedure": PROCEDURE,
            # Valid identity number (province 025, century digit, year of birth) and phone, new at each run.
            "applicant": {
                "full_name": "Nguyễn Văn Thử Tải",
                "id_number": f"0250{self.stamp % 100:02d}{n:06d}",
                "phone": f"07{self.stamp % 100:02d}{n:06d}",
            },
            "components": [{"name": "Tờ khai theo mẫu", "page_count": 2}],
        }


async def sign_in(base: str, username: str) -> Any:
    """A back-office session through the real sign-in form (CSRF token, password, redirect)."""
    import aiohttp

    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with session.get(f"{base}/can-bo/dang-nhap/") as page:
        html = await page.text()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None, "no CSRF token on the sign-in page"
    form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": DEMO_PASSWORD}
    async with session.post(f"{base}/can-bo/dang-nhap/", data=form, headers={"Referer": base}) as answer:
        assert answer.status == 200 and "/dang-nhap/" not in str(answer.url), f"{username} was not signed in"
    return session


def workers_cpu_seconds(master: int) -> float:
    """CPU time (user + system) spent so far by the gunicorn workers, children of ``master`` (Linux /proc)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in children:
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


async def run_load(base: str, fixtures: Fixtures, args: argparse.Namespace, master: int) -> tuple[Tally, float, float]:
    clients, duration, max_requests = args.clients, args.duration, args.max_requests
    import aiohttp

    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=clients)
    sessions = {name: await sign_in(base, name) for name, _ in PAGE_OFFICIALS}
    tally = Tally()
    expected = dict.fromkeys(WEIGHTS, 200) | {"intake": 201}
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        workload = Workload(base, fixtures, sessions, stamp=int(time.time()) // 60)
        kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
        for kind in kinds:  # warm-up: each worker's first requests load templates and URL patterns
            for _ in range(4):
                await workload.one(http, kind, random.Random(0))
        deadline = time.monotonic() + duration

        async def client(index: int) -> None:
            rng = random.Random(index)
            while time.monotonic() < deadline and tally.sent < max_requests:
                tally.sent += 1
                kind = rng.choices(kinds, weights)[0]
                started = time.perf_counter()
                try:
                    status = await workload.one(http, kind, rng)
                except (TimeoutError, aiohttp.ClientError) as error:
                    tally.errors[kind][type(error).__name__] += 1
                    continue
                tally.latencies[kind].append((time.perf_counter() - started) * 1000)
                if status != expected[kind]:
                    tally.errors[kind][str(status)] += 1

        cpu_started, started = workers_cpu_seconds(master), time.perf_counter()
        await asyncio.gather(*(client(i) for i in range(clients)))
        elapsed, cpu = time.perf_counter() - started, workers_cpu_seconds(master) - cpu_started
    for session in sessions.values():
        await session.close()
    return tally, elapsed, cpu


def start_server(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "motcua.conf.settings",
        "PORT": str(port),
        "DEBUG": "false",
        "TRUSTED_PROXY_COUNT": "1",
        "TWO_FACTOR_REQUIRED_ROLES": "administrator",
        "EMAIL_BACKEND": "file",
        "CACHE_URL": f"file://{ROOT / 'var' / 'cache-http-load'}",
        # Its own metrics folder: emptied at the server's start, it must not be a running demo's.
        "PROMETHEUS_MULTIPROC_DIR": str(ROOT / "var" / "metrics-http-load"),
    }
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "src/motcua/conf/gunicorn.py"), "motcua.wsgi"]
    server = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=ROOT)  # noqa: S603
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {log}") from None
            time.sleep(0.3)


async def watch_connections(url: str, stop: asyncio.Event, peak: list[int]) -> None:
    """The most connections PostgreSQL held for the application's database, sampled each second."""
    name = url.rsplit("/", 1)[1]
    while not stop.is_set():
        held = await asyncio.to_thread(
            _psql, _maintenance_url(url), "SELECT count(*) FROM pg_stat_activity WHERE datname = :'name'", name
        )
        peak[0] = max(peak[0], int(held))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1)


async def measure(
    base: str, fixtures: Fixtures, args: argparse.Namespace, master: int
) -> tuple[Tally, float, float, int]:
    stop, peak = asyncio.Event(), [0]
    watcher = asyncio.create_task(watch_connections(args.database_url, stop, peak))
    try:
        tally, elapsed, cpu = await run_load(base, fixtures, args, master)
    finally:
        stop.set()
        await watcher
    return tally, elapsed, cpu, peak[0]


def pgbench(url: str, scale: int, clients: int, seconds: int) -> str:
    scratch = url.rsplit("/", 1)[0] + "/motcua_serve_pgbench"
    _psql(_maintenance_url(url), 'DROP DATABASE IF EXISTS "motcua_serve_pgbench"')
    _psql(_maintenance_url(url), 'CREATE DATABASE "motcua_serve_pgbench"')
    try:
        initialise = ["pgbench", "-i", "-q", "-s", str(scale), scratch]
        subprocess.run(initialise, check=True, capture_output=True)  # noqa: S603
        done = subprocess.run(  # noqa: S603
            ["pgbench", "-c", str(clients), "-j", "2", "-T", str(seconds), "-n", scratch],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        _psql(_maintenance_url(url), 'DROP DATABASE IF EXISTS "motcua_serve_pgbench"')
    figure = re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout)
    latency = re.search(r"latency average = ([\d.]+) ms", done.stdout)
    assert figure is not None, done.stdout
    average = f", latency average {latency.group(1)} ms" if latency else ""
    return f"{float(figure.group(1)):.0f} transactions/s{average}"


def report(tally: Tally, elapsed: float, cpu: float, peak: int) -> int:
    answered = sum(len(samples) for samples in tally.latencies.values())
    failed = sum(sum(kinds.values()) for kinds in tally.errors.values())
    workers = os.environ.get("WEB_CONCURRENCY") or str(os.cpu_count())
    print(f"gunicorn workers: {workers}; requests answered: {answered} in {elapsed:.1f} s")
    print(f"throughput: {answered / elapsed:.1f} requests/s; errors: {failed}")
    # Unlike the wall time, the workers' CPU per request does not grow when other programs load the machine.
    print(f"gunicorn workers' CPU per request: {cpu * 1000 / max(answered, 1):.1f} ms")
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.1f}")
    print(f"PostgreSQL connections held for the application's database, at most: {peak}")
    for kind in WEIGHTS:
        samples = tally.latencies.get(kind, [])
        if samples:
            common.show(kind, common.percentiles(samples))
        if tally.errors.get(kind):
            print(f"  errors of {kind}: {dict(tally.errors[kind])}")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--prepare", type=int, metavar="N", help="Prepare the database with N dossiers, then stop.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=45.0, help="Seconds of measured load.")
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--pgbench-seconds", type=int, default=15)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.database_url, args.prepare)
        return 0
    fixtures = read_fixtures(args.database_url)
    print(f"dossiers in the database: {fixtures.dossiers:,}; clients: {args.clients}")
    print(f"load average (1 min) at the start: {os.getloadavg()[0]:.1f}")
    port = _free_port()
    log = ROOT / "var" / "http_load_gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    server = start_server(args.database_url, port, log)
    try:
        tally, elapsed, cpu, peak = asyncio.run(measure(f"http://127.0.0.1:{port}", fixtures, args, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    failed = report(tally, elapsed, cpu, peak)
    print(f"pgbench (TPC-B-like, scale 10, 10 clients, {args.pgbench_seconds} s): ", end="", flush=True)
    print(pgbench(args.database_url, 10, 10, args.pgbench_seconds))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
