"""Every counted figure defined once, as a condition on the dossier for a period and a moment.

The dashboard counts ``Count("pk", filter=condition)`` for each figure in one aggregate query, and
the drill-down lists ``Dossier.objects.filter(condition)``: the number and the list behind it cannot
disagree. Labels are Vietnamese (translated in the pages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q

from motcua.catalogue.constants import OnlineLevel
from motcua.dossiers.constants import OPEN_STATUS_VALUES, Channel, PaymentMethod, ReturnMethod, Satisfaction, Status
from motcua.dossiers.models import Rating, SupplementRequest
from motcua.workdays.constants import CompletionTiming


@dataclass(frozen=True)
class Window:
    """The period [start, end) and the moment of reading (what "in progress" and "overdue" compare with)."""

    start: datetime
    end: datetime
    now: datetime

    @property
    def cut(self) -> datetime:
        """In-progress figures are read at the end of the period, or now for the current period."""
        return min(self.end, self.now)


Condition = Callable[[Window], Q]


def _in(field: str) -> Condition:
    return lambda w: Q(**{f"{field}__gte": w.start, f"{field}__lt": w.end})


def _received(w: Window) -> Q:
    return _in("submitted_at")(w) & ~Q(status=Status.DRAFT)


def _resolved(w: Window) -> Q:
    return _in("resolved_at")(w) & ~Q(timing="")


def _returned(w: Window) -> Q:
    return _in("returned_at")(w)


def _in_progress(w: Window) -> Q:
    # Open now and accepted before the cut: a past period's backlog is today's open dossiers that were
    # already accepted then (what was open at a past moment and closed since is not reconstructed).
    return Q(status__in=OPEN_STATUS_VALUES, accepted_at__lt=w.cut)


def _overdue(w: Window) -> Q:
    return _in_progress(w) & Q(due_at__lt=w.now)


def _with_fees(w: Window) -> Q:
    return _received(w) & Q(fee_total_vnd__gt=0)


def _supplement(w: Window) -> Q:
    asked = SupplementRequest.objects.filter(dossier=OuterRef("pk"), requested_at__gte=w.start, requested_at__lt=w.end)
    return Q(Exists(asked))


def _unhappy(w: Window) -> Q:
    rated = Rating.objects.filter(
        dossier=OuterRef("pk"), rated_at__gte=w.start, rated_at__lt=w.end, satisfaction=Satisfaction.NOT_SATISFIED
    )
    return Q(Exists(rated))


def _full(w: Window) -> Q:
    return _received(w) & Q(procedure_version__online_level=OnlineLevel.FULL)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    condition: Condition
    counted: bool = True  # False: a drill-down list only (points lost), not a dashboard counter
    # Dated figures: counted on the day of ``column`` when ``extra`` holds (read from the aggregates);
    # the others (in progress, supplement requests) are read from the dossiers at each request.
    column: str = ""
    extra: Q | None = None


def dated(key: str, label: str, column: str, extra: Q) -> Figure:
    """A figure counted on the day of one moment of the dossier: ``column`` in the period and ``extra``.

    What the maintained aggregates count per day (``operations.facts``): the condition is the same Q.
    """
    return Figure(key, label, lambda w: _in(column)(w) & extra, column=column, extra=extra)


RECEIVED = ~Q(status=Status.DRAFT)
RESOLVED = ~Q(timing="")
WITH_FEES = RECEIVED & Q(fee_total_vnd__gt=0)
CAPABLE = RECEIVED & Q(procedure_version__online_level__in=[OnlineLevel.FULL, OnlineLevel.PARTIAL])
FULL = RECEIVED & Q(procedure_version__online_level=OnlineLevel.FULL)
FIGURES: tuple[Figure, ...] = (
    dated("received", "Hồ sơ tiếp nhận", "submitted_at", RECEIVED),
    dated("received_counter", "Nộp trực tiếp", "submitted_at", RECEIVED & Q(channel=Channel.COUNTER)),
    dated("received_online", "Nộp trực tuyến", "submitted_at", RECEIVED & Q(channel=Channel.ONLINE)),
    dated("received_postal", "Nộp qua bưu chính công ích", "submitted_at", RECEIVED & Q(channel=Channel.POSTAL)),
    dated("accepted", "Được tiếp nhận", "accepted_at", Q()),
    dated("refused", "Không được tiếp nhận", "submitted_at", RECEIVED & Q(status=Status.REFUSED_AT_INTAKE)),
    dated("withdrawn", "Công dân rút hồ sơ", "submitted_at", RECEIVED & Q(status=Status.WITHDRAWN)),
    dated("stopped", "Dừng xử lý", "submitted_at", RECEIVED & Q(status=Status.STOPPED)),
    dated("resolved", "Đã giải quyết", "resolved_at", RESOLVED),
    dated("resolved_early", "Giải quyết trước hạn", "resolved_at", RESOLVED & Q(timing=CompletionTiming.EARLY)),
    dated("resolved_on_time", "Giải quyết đúng hạn", "resolved_at", RESOLVED & Q(timing=CompletionTiming.ON_TIME)),
    dated("resolved_late", "Giải quyết quá hạn", "resolved_at", RESOLVED & Q(timing=CompletionTiming.LATE)),
    Figure("in_progress", "Đang xử lý", _in_progress),
    Figure("in_progress_within", "Đang xử lý trong hạn", lambda w: _in_progress(w) & ~Q(due_at__lt=w.now)),
    Figure("in_progress_overdue", "Đang xử lý quá hạn", _overdue),
    Figure("supplement_requested", "Có yêu cầu bổ sung", _supplement),
    dated("extended", "Gia hạn, xin lỗi", "extended_at", Q()),
    dated("online_capable", "Hồ sơ của TTHC có trực tuyến", "submitted_at", CAPABLE),
    dated("online_capable_online", "… trong đó nộp trực tuyến", "submitted_at", CAPABLE & Q(channel=Channel.ONLINE)),
    dated("full_online", "Hồ sơ của TTHC toàn trình", "submitted_at", FULL),
    dated("full_online_online", "… trong đó nộp trực tuyến", "submitted_at", FULL & Q(channel=Channel.ONLINE)),
    dated("returned", "Đã trả kết quả", "returned_at", Q()),
    dated("postal_returns", "Trả kết quả qua bưu chính", "returned_at", Q(return_method=ReturnMethod.POSTAL)),
    dated("electronic_results", "Kết quả điện tử", "returned_at", Q(return_method=ReturnMethod.ELECTRONIC)),
    dated("with_fees", "Hồ sơ có phí, lệ phí", "submitted_at", WITH_FEES),
    dated(
        "paid_online",
        "Thanh toán trực tuyến",
        "submitted_at",
        WITH_FEES & Q(payment_method=PaymentMethod.ONLINE, fees_paid=True),
    ),
    dated("digitised", "Có thành phần được số hóa", "submitted_at", RECEIVED & Q(has_digitised_components=True)),
    dated("reused", "Tái sử dụng dữ liệu số hóa", "submitted_at", RECEIVED & Q(has_reused_components=True)),
    # Drill-downs of the points a unit loses in the Decision 766 index.
    Figure(
        "late_or_overdue", "Trễ hạn hoặc đang quá hạn", lambda w: (_resolved(w) & Q(timing="late")) | _overdue(w), False
    ),
    Figure(
        "full_online_not_online",
        "TTHC toàn trình nhưng không nộp trực tuyến",
        lambda w: _full(w) & ~Q(channel=Channel.ONLINE),
        False,
    ),
    Figure(
        "with_fees_not_online",
        "Có phí nhưng không thanh toán trực tuyến",
        lambda w: _with_fees(w) & ~Q(payment_method=PaymentMethod.ONLINE, fees_paid=True),
        False,
    ),
    Figure(
        "returned_not_electronic",
        "Trả kết quả không điện tử",
        lambda w: _returned(w) & ~Q(return_method=ReturnMethod.ELECTRONIC),
        False,
    ),
    Figure(
        "received_not_digitised",
        "Không có thành phần số hóa",
        lambda w: _received(w) & Q(has_digitised_components=False),
        False,
    ),
    Figure(
        "late_or_unhappy",
        "Trễ hạn hoặc bị đánh giá không hài lòng",
        lambda w: (_resolved(w) & Q(timing="late")) | _unhappy(w),
        False,
    ),
)
BY_KEY = {f.key: f for f in FIGURES}
COUNTED = tuple(f for f in FIGURES if f.counted)
DATED = tuple(f for f in COUNTED if f.column)
# The figures a breakdown row or a ranking needs (the rest are province-level detail).
CORE_KEYS = (
    "received",
    "received_online",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "in_progress",
    "in_progress_within",
    "in_progress_overdue",
    "online_capable",
    "online_capable_online",
    "full_online",
    "full_online_online",
    "returned",
    "electronic_results",
    "with_fees",
    "paid_online",
    "digitised",
    "reused",
)
