"""The one-stop unit's periodic report on procedure handling (month, quarter, year, or any period).

Its layout follows the report form on the handling of administrative procedures at the agencies that
resolve them (Biểu số 06a/VPCP/KSTT of the Government Office's reporting circular): one row per
sector, the dossiers taken in (carried over from the previous period, new online, new at the counter
or by post), those resolved (early, on time, late) and those still pending at the end of the period
(within time, overdue). A column of the dossiers withdrawn or stopped in the period is added so that
every row adds up: carried over + new = resolved + withdrawn or stopped + pending.

Unlike the dashboard's "in progress" (today's open dossiers), "pending at the end" is reconstructed
for a past period from the dossiers' dates, so a month's report reads the same whenever it is printed
(only a later extension of a due moment can move a dossier between "within time" and "overdue").
It is one ``GROUP BY`` over the dossiers the period touches: an export, not a page that refreshes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q

from motcua.dossiers.constants import Channel, Status
from motcua.dossiers.models import Dossier
from motcua.operations.figures import Window
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters

TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
# Statuses closing a dossier without a result. A row closed so at an unknown moment (imported history
# without its closing time) is left out of every period: it can be neither new, nor closed, nor pending.
CLOSED_WITHOUT_RESULT = (Status.WITHDRAWN, Status.STOPPED)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str  # the header cell spanning it ("" for a column standing alone)


COLUMNS: tuple[Column, ...] = (
    Column("taken", "Tổng số", "Số hồ sơ nhận giải quyết"),
    Column("carried", "Kỳ trước chuyển qua", "Số hồ sơ nhận giải quyết"),
    Column("new_online", "Mới tiếp nhận trực tuyến", "Số hồ sơ nhận giải quyết"),
    Column("new_other", "Mới tiếp nhận trực tiếp, qua bưu chính", "Số hồ sơ nhận giải quyết"),
    Column("resolved", "Tổng số", "Số hồ sơ đã giải quyết"),
    Column("resolved_early", "Trước hạn", "Số hồ sơ đã giải quyết"),
    Column("resolved_on_time", "Đúng hạn", "Số hồ sơ đã giải quyết"),
    Column("resolved_late", "Quá hạn", "Số hồ sơ đã giải quyết"),
    Column("closed", "Rút hồ sơ, dừng giải quyết", ""),
    Column("pending", "Tổng số", "Số hồ sơ đang giải quyết cuối kỳ"),
    Column("pending_within", "Trong hạn", "Số hồ sơ đang giải quyết cuối kỳ"),
    Column("pending_overdue", "Quá hạn", "Số hồ sơ đang giải quyết cuối kỳ"),
)
KEYS = tuple(c.key for c in COLUMNS)


@dataclass(frozen=True)
class Report:
    scope: OpsScope
    window: Window
    rows: list[dict[str, Any]]  # per sector: "sector", "name" and every key of COLUMNS
    total: dict[str, int]


def _finished_before(moment: datetime) -> Q:
    resolved = Q(resolved_at__lt=moment)
    closed = Q(resolved_at__isnull=True, status__in=CLOSED_WITHOUT_RESULT) & (
        Q(closed_at__lt=moment) | Q(closed_at__isnull=True)
    )
    return resolved | closed


def unfinished_at(moment: datetime) -> Q:
    """Accepted before ``moment`` and neither resolved nor closed before it."""
    return Q(accepted_at__lt=moment) & ~_finished_before(moment)


def _counters(w: Window) -> dict[str, Count]:
    new = Q(accepted_at__gte=w.start, accepted_at__lt=w.end)
    resolved = Q(resolved_at__gte=w.start, resolved_at__lt=w.end)
    closed = Q(resolved_at__isnull=True, status__in=CLOSED_WITHOUT_RESULT, closed_at__gte=w.start)
    # Unfinished at the end: for the current period that is every open dossier (nothing ends in the future).
    pending = unfinished_at(w.end)
    return {
        "carried": Count("pk", filter=unfinished_at(w.start)),
        "new_online": Count("pk", filter=new & Q(channel=Channel.ONLINE)),
        "new_other": Count("pk", filter=new & ~Q(channel=Channel.ONLINE)),
        "resolved": Count("pk", filter=resolved),
        "resolved_early": Count("pk", filter=resolved & Q(timing="early")),
        "resolved_on_time": Count("pk", filter=resolved & Q(timing="on_time")),
        "resolved_late": Count("pk", filter=resolved & Q(timing="late")),
        "closed": Count("pk", filter=closed & Q(closed_at__lt=w.end)),
        "pending_within": Count("pk", filter=pending & ~Q(due_at__lt=w.cut)),
        "pending_overdue": Count("pk", filter=pending & Q(due_at__lt=w.cut)),
    }


def report(scope: OpsScope, window: Window, filters: Filters) -> Report:
    """The report's rows, one per sector in the order of their names, and the totals."""
    touched = Q(accepted_at__lt=window.end) & ~_finished_before(window.start)
    grouped = (
        Dossier.objects.filter(scope.dossier_q(), filters.q(), touched)
        .values("procedure__sector__code", "procedure__sector__name")
        .annotate(**_counters(window))
        .order_by()
    )
    rows: list[dict[str, Any]] = []
    for row in grouped:
        values = {key: int(row.get(key) or 0) for key in KEYS if key in row}
        values["taken"] = values["carried"] + values["new_online"] + values["new_other"]
        values["pending"] = values["pending_within"] + values["pending_overdue"]
        name = row["procedure__sector__name"] or "Chưa xếp lĩnh vực"
        rows.append({"sector": row["procedure__sector__code"] or "", "name": name, **values})
    rows.sort(key=lambda r: str(r["name"]))
    total = {key: sum(int(r[key]) for r in rows) for key in KEYS}
    return Report(scope=scope, window=window, rows=rows, total=total)
