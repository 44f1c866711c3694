"""The inboxes of an official acting in one agency and role: the single definition of every box.

The back office (tabs) and the API (``?box=``) both read them from here. Each box is a ``Q`` over
``Dossier`` for a :class:`Scope` (agency, role, user, moment). Conditions on steps are ``EXISTS``
subqueries, never joins, so a dossier with two matching active steps is listed once. All counts
of a role come from one aggregate query; a listing is one more query.

An official sitting in a division (Phòng) also acts for its parent agency (see ``actors``): the
scope's agencies are the division and its parent, so the parent's dossiers reach the division.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.accounts.roles import DOSSIER_ROLES, HANDLERS, HEADS, ONE_STOP
from motcua.accounts.selectors import memberships_for
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.core.text import fold, without_controls
from motcua.dossiers import deadlines
from motcua.dossiers.actors import agencies_acted_for
from motcua.dossiers.codes import CODE_RE
from motcua.dossiers.constants import OPEN_STATUSES, Status, StepKind, StepState
from motcua.dossiers.models import Dossier, DossierStep
from motcua.organisations.models import Agency
from motcua.workdays.clock import WorkingCalendar, add_working_time
from motcua.workdays.constants import VIETNAM_TZ


@dataclass(frozen=True)
class Box:
    key: str
    label: str
    roles: tuple[str, ...]


BOXES: tuple[Box, ...] = (
    Box("to_receive", "Chờ tiếp nhận", ONE_STOP),
    Box("to_assign", "Chờ phân công", HEADS),
    Box("to_process", "Chờ xử lý", HANDLERS),
    Box("to_approve", "Chờ phê duyệt", HEADS),
    Box("consultations", "Xin ý kiến, liên thông", HANDLERS),
    Box("to_return", "Chờ trả kết quả", ONE_STOP),
    Box("supplement_requested", "Chờ bổ sung", DOSSIER_ROLES),
    Box("due_soon", "Sắp đến hạn (1 ngày làm việc)", DOSSIER_ROLES),
    Box("overdue", "Quá hạn", DOSSIER_ROLES),
    Box("all", "Tất cả", DOSSIER_ROLES),
)
BY_KEY = {box.key: box for box in BOXES}
INBOXES: dict[str, str] = {box.key: box.label for box in BOXES}

# The box an official of each role opens first: where their next task waits.
DEFAULT_BOX = {
    Role.ONE_STOP_OFFICER.value: "to_receive",
    Role.SPECIALIST.value: "to_process",
    Role.HEAD_OF_DIVISION.value: "to_assign",
    Role.LEADER.value: "to_approve",
}

# Boxes whose work is a step at this agency: they sort by that step's due moment.
STEP_BOXES = frozenset({"to_assign", "to_process", "to_approve", "consultations"})

# Lists and tabs count up to this many dossiers ("more than 1,000" is all a person needs to know).
COUNT_CAP = 1_000


def boxes_for(role: str) -> list[Box]:
    return [box for box in BOXES if role in box.roles]


def visibility_q(agency_ids: Iterable[int]) -> Q:
    """Dossiers officials of these agencies may open (drafts excluded by the callers).

    Received by them; decided by them once accepted (a refused intake never reaches the competent
    agency); or routed to them: a step, consultation or transfer at an agency that is neither the
    receiving nor the competent one is flagged ``routed`` by the services, and a partial index
    holds only those steps, so this never reads an agency's whole step history.
    """
    ids = list(agency_ids)
    routed = DossierStep.objects.filter(dossier=OuterRef("pk"), agency_id__in=ids, routed=True)
    competent = Q(competent_agency_id__in=ids, accepted_at__isnull=False)
    return Q(receiving_agency_id__in=ids) | competent | Q(Exists(routed))


@dataclass(frozen=True)
class Scope:
    """Who looks (user, role) from where (agencies) and when (``soon`` = 1 working day later)."""

    agency_ids: tuple[int, ...]
    role: str
    user_id: int
    now: datetime
    soon: datetime
    boxes: tuple[Box, ...] = field(default=())


def scope_for(
    user: Any,
    agency: Agency,
    role: str,
    *,
    calendar: WorkingCalendar | None = None,
    now: datetime | None = None,
    verified: bool = False,
) -> Scope:
    """The inbox scope of ``user`` acting as ``role`` in ``agency``.

    Refused unless the user holds that active membership (or is an active superuser, who may act
    anywhere). ``verified=True`` skips the check when the caller has just resolved the membership
    itself (the back office's acting context does it on every request).
    """
    if not verified and not _may_act(user, agency, role):
        raise PermissionDenied("Bạn không có vai trò này tại cơ quan đã chọn.", code="permission_denied")
    now = now or timezone.now()
    soon = add_working_time(calendar or deadlines.calendar(now), now, days=Decimal(1))
    return Scope(agencies_acted_for(agency), role, user.pk, now, soon, tuple(boxes_for(role)))


def _may_act(user: Any, agency: Agency, role: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return memberships_for(user).filter(agency_id=agency.pk, role=role).exists()


def _active_step(scope: Scope, **extra: object) -> Q:
    steps = DossierStep.objects.filter(
        dossier=OuterRef("pk"), agency_id__in=scope.agency_ids, state=StepState.ACTIVE, **extra
    )
    return Q(Exists(steps))


def _here(scope: Scope) -> Q:
    return Q(receiving_agency_id__in=scope.agency_ids) | Q(competent_agency_id__in=scope.agency_ids)


def _in_hand(scope: Scope) -> Q:
    """Open dossiers this agency is responsible for right now (for due-soon and overdue)."""
    return Q(status__in=OPEN_STATUSES) & (_here(scope) | _active_step(scope))


def step_box(key: str, scope: Scope) -> tuple[Q, Q]:
    """A step box as (condition on the dossier, condition on one of its steps at this agency)."""
    processing = Q(status__in=[Status.ACCEPTED, Status.PROCESSING])
    here = Q(agency_id__in=scope.agency_ids, state=StepState.ACTIVE)
    process = here & Q(kind=StepKind.PROCESS)
    if key == "to_assign":
        # Any unassigned step of the process here (a specialist's, or a head's waiting for a name).
        return processing, process & Q(handler__isnull=True)
    if key == "to_process":
        return processing, process & (Q(handler_id=scope.user_id) | Q(handler__isnull=True, role=scope.role))
    if key == "consultations":
        return Q(status=Status.PROCESSING), here & Q(kind__in=[StepKind.CONSULTATION, StepKind.INTERLEVEL])
    if key == "to_approve":
        return processing & Q(approved_at__isnull=True), process & Q(role=scope.role)
    raise DomainError("Hộp hồ sơ không hợp lệ.", code="invalid", fields={"box": list(STEP_BOXES)})


def box_q(key: str, scope: Scope) -> Q:
    """The condition of one box (``all`` is the visibility rule)."""
    if key in STEP_BOXES:
        on_dossier, on_step = step_box(key, scope)
        return on_dossier & Q(Exists(DossierStep.objects.filter(on_step, dossier=OuterRef("pk"))))
    if key == "to_receive":
        return Q(status=Status.SUBMITTED, receiving_agency_id__in=scope.agency_ids)
    if key == "to_return":
        return Q(status=Status.RESOLVED, receiving_agency_id__in=scope.agency_ids)
    if key == "supplement_requested":
        return Q(status=Status.SUPPLEMENT_REQUESTED) & _here(scope)
    if key == "due_soon":
        return _in_hand(scope) & Q(due_at__gte=scope.now, due_at__lte=scope.soon)
    if key == "overdue":
        return _in_hand(scope) & Q(due_at__lt=scope.now)
    if key == "all":
        return visibility_q(scope.agency_ids) & ~Q(status=Status.DRAFT)
    raise DomainError("Hộp hồ sơ không hợp lệ.", code="invalid", fields={"box": list(INBOXES)})


def counts(scope: Scope) -> dict[str, int]:
    """How many dossiers wait in each box of the role (except "all", which is not a to-do list).

    Each count stops at ``COUNT_CAP + 1`` (a tab then reads "1000+") and runs on the box's own
    indexes, one short query per box. A single aggregate over every dossier in hand cost as much
    as the agency's whole workload: 130–190 ms for a busy centre's 15,000 open dossiers at 1M.
    """
    return {box.key: capped(Dossier.objects.filter(box_q(box.key, scope))) for box in scope.boxes if box.key != "all"}


def capped(rows: QuerySet[Dossier], cap: int | None = None) -> int:
    """``COUNT(*)`` stopping after ``cap + 1`` rows, over ids only and without sorting."""
    limit = COUNT_CAP if cap is None else cap
    return int(rows.order_by().select_related(None).prefetch_related(None).values("pk")[: limit + 1].count())


@dataclass(frozen=True)
class Filters:
    """Narrowing of a box: text search, procedure, sector, channel, status, reception days, order."""

    q: str = ""
    procedure: str = ""
    sector: str = ""
    channel: str = ""
    status: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    sort: str = "due"


def search_q(text: str) -> Q:
    """Code, applicant ID or tax code, phone, or applicant name with diacritics ignored."""
    text = without_controls(text)
    compact = "".join(text.split())
    # A whole dossier code (typed or scanned from the QR code): the unique index answers at once.
    if CODE_RE.match(compact.upper()) and Dossier.objects.filter(code=compact.upper()).exists():
        return Q(code=compact.upper())
    condition = Q(pk__in=[])
    # Part of a code has digits (sequence, day); a name has none. Leaving the code out of a name
    # search lets PostgreSQL answer from the trigram index on the folded name alone (an OR with a
    # condition no index serves would read the whole table).
    if any(ch.isdigit() for ch in compact):
        condition |= Q(code__icontains=compact)
    if compact.isdigit():
        condition |= Q(applicant_id_number__startswith=compact) | Q(applicant_phone__startswith=compact)
    folded = fold(text)
    if folded and not compact.isdigit():
        # The folded name is on the dossier (a trigram GIN index serves "contains" on PostgreSQL).
        condition |= Q(applicant_name_folded__contains=folded)
    return condition


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=VIETNAM_TZ)


def _open_step_due(scope: Scope) -> Subquery:
    return Subquery(
        DossierStep.objects.filter(dossier=OuterRef("pk"), agency_id__in=scope.agency_ids, state=StepState.ACTIVE)
        .order_by(F("due_at").asc(nulls_last=True))
        .values("due_at")[:1]
    )


def filters_q(filters: Filters) -> Q:
    """The narrowing of ``filters`` as one condition on the dossier."""
    condition = Q()
    if filters.q:
        condition &= search_q(filters.q)
    if filters.procedure:
        condition &= Q(procedure__code=filters.procedure)
    if filters.sector:
        condition &= Q(procedure__sector__code=filters.sector)
    if filters.channel:
        condition &= Q(channel=filters.channel)
    if filters.status is not None:
        condition &= Q(status=filters.status)
    if filters.received_from:
        condition &= Q(submitted_at__gte=_local_start(filters.received_from))
    if filters.received_to:
        condition &= Q(submitted_at__lt=_local_start(filters.received_to + timedelta(days=1)))
    return condition


def listing(scope: Scope, key: str, filters: Filters | None = None) -> QuerySet[Dossier]:
    """The dossiers of one box, filtered and sorted, each once, with ``step_due_at`` annotated.

    ``step_due_at`` is the due moment of this agency's open step (what a handler races against);
    step boxes sort by it, the others by the dossier's due moment.
    """
    if key not in {box.key for box in scope.boxes}:
        raise DomainError(
            "Hộp hồ sơ không có trong vai trò đang chọn.",
            code="invalid",
            fields={"box": [box.key for box in scope.boxes]},
        )
    filters = filters or Filters()
    rows = Dossier.objects.filter(box_q(key, scope)).filter(filters_q(filters))
    rows = rows.annotate(step_due_at=_open_step_due(scope))
    due = "step_due_at" if key in STEP_BOXES else "due_at"
    if filters.sort == "due":
        # Dossiers without a due moment (not yet accepted) after those with one.
        return rows.order_by(F(due).asc(nulls_last=True), "submitted_at", "pk")
    if filters.sort == "-due":
        return rows.order_by(F(due).desc(nulls_last=True), "-submitted_at", "-pk")
    order = {"received": ("submitted_at", "pk"), "-received": ("-submitted_at", "-pk")}
    return rows.order_by(*order.get(filters.sort, order["received"]))


def inbox(
    user: Any,
    agency: Agency,
    role: str,
    box: str,
    *,
    calendar: WorkingCalendar | None = None,
    now: datetime | None = None,
    filters: Filters | None = None,
) -> QuerySet[Dossier]:
    """The dossiers waiting in ``box`` for ``user`` acting as ``role`` in ``agency``."""
    return listing(scope_for(user, agency, role, calendar=calendar, now=now), box, filters)


def inbox_counts(
    user: Any, agency: Agency, role: str, *, calendar: WorkingCalendar | None = None, now: datetime | None = None
) -> dict[str, int]:
    """How many dossiers wait in each box of the role (one query after the membership check)."""
    return counts(scope_for(user, agency, role, calendar=calendar, now=now))
