"""The inbox page's query string: filters typed by an official, with a Vietnamese message per error.

The boxes themselves (conditions, counts, search, order) are the engine's single definition in
``motcua.dossiers.selectors.inboxes``; this module only turns ``?q=&status=…`` into its ``Filters``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from motcua.dossiers.constants import Channel, Status
from motcua.dossiers.selectors.inboxes import Filters

SORTS = ("due", "-due", "received", "-received")


def parse_day(raw: str) -> date | None:
    """A calendar day typed as dd/mm/yyyy (the Vietnamese way) or yyyy-mm-dd; ``None`` if invalid."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw.strip(), pattern).date()  # noqa: DTZ007 - a calendar day, no time
        except ValueError:
            continue
    return None


def parse_filters(params: Mapping[str, str]) -> tuple[Filters, dict[str, str]]:
    """Filters from the query string, with a Vietnamese message per invalid parameter."""
    errors: dict[str, str] = {}

    def day(name: str) -> date | None:
        raw = (params.get(name) or "").strip()
        if not raw:
            return None
        parsed = parse_day(raw)
        if parsed is None:
            errors[name] = "Ngày không hợp lệ (dd/mm/yyyy)."
        return parsed

    status: int | None = None
    raw_status = (params.get("status") or "").strip()
    if raw_status:
        if raw_status.isdigit() and int(raw_status) in Status.values and int(raw_status) != Status.DRAFT:
            status = int(raw_status)
        else:
            errors["status"] = "Trạng thái không hợp lệ."
    channel = (params.get("channel") or "").strip()
    if channel and channel not in Channel.values:
        errors["channel"] = "Kênh nộp không hợp lệ."
        channel = ""
    sort = params.get("sort") or "due"
    filters = Filters(
        q=(params.get("q") or "").strip()[:100],
        procedure=(params.get("procedure") or "").strip(),
        sector=(params.get("sector") or "").strip(),
        channel=channel,
        status=status,
        received_from=day("received_from"),
        received_to=day("received_to"),
        sort=sort if sort in SORTS else "due",
    )
    if filters.received_from and filters.received_to and filters.received_from > filters.received_to:
        errors["received_to"] = "“Đến ngày” phải sau “từ ngày”."
    return filters, errors
