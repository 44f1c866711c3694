"""What a page or an API call asks the operations centre: read once from the query string, checked.

Shared by the back office, the API and the portal, so a period or a filter means the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from motcua.dossiers.constants import Channel
from motcua.operations import periods
from motcua.operations.scope import OpsScope, narrow
from motcua.operations.selectors import DIMENSIONS, Filters
from motcua.organisations.models import Agency, UnitLevel


class QueryError(ValueError):
    """Parameters that cannot be read: a Vietnamese message per parameter."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class Asked:
    scope: OpsScope  # narrowed to the agency asked for
    period: periods.Period
    filters: Filters
    dimension: str
    agency: str  # the agency filter as given ("" for none)

    def query(self, **more: str) -> str:
        """The query string naming the same question (links keep it)."""
        params = {**self.period.query(), **self.filters.query(), **({"agency": self.agency} if self.agency else {})}
        return urlencode({**params, **more})


def read(params: Mapping[str, str], scope: OpsScope, *, today: date) -> Asked:
    """``QueryError`` for bad input; ``PermissionDenied`` for an agency outside the caller's scope."""
    errors: dict[str, str] = {}
    try:
        period = periods.parse(params, today=today)
    except periods.PeriodError as error:
        errors[error.field] = error.message
        period = periods.parse({}, today=today)
    raw_agency = (params.get("agency") or "").strip()
    agency = Agency.objects.filter(pk=int(raw_agency)).first() if raw_agency.isdigit() else None
    if raw_agency and agency is None:
        errors["agency"] = "Cơ quan không hợp lệ."
    level = (params.get("level") or "").strip()
    if level and level not in UnitLevel.values:
        errors["level"] = "Cấp không hợp lệ."
    channel = (params.get("channel") or "").strip()
    if channel and channel not in Channel.values:
        errors["channel"] = "Kênh nộp không hợp lệ."
    dimension = (params.get("by") or "agency").strip()
    if dimension not in DIMENSIONS:
        errors["by"] = "Cách phân tổ không hợp lệ."
    if errors:
        raise QueryError(errors)
    filters = Filters(
        level=level,
        sector=(params.get("sector") or "").strip()[:30],
        procedure=(params.get("procedure") or "").strip()[:10],
        channel=channel,
    )
    return Asked(narrow(scope, agency), period, filters, dimension, raw_agency if agency else "")
