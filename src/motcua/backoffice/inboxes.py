"""The inboxes of an official acting in one agency and role: definitions, counts, filters, search.

Each inbox is a ``Q`` over ``Dossier`` for (agency, role, user). All counts come from a single
aggregate query with filtered ``Count``s, and the listing is one more query, so the inbox page
costs the same whatever the number of dossiers.

These are reads over the engine's models in the shape the back-office page needs; the engine's
own rules (who may act) stay in ``dossiers.workflow`` and are applied on the dossier page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.core.text import fold
from motcua.dossiers.codes import CODE_RE
from motcua.dossiers.constants import OPEN_STATUSES, Channel, Status, StepKind, StepState
from motcua.dossiers.models import Dossier, DossierStep
from motcua.workdays.clock import WorkingCalendar, add_working_time
from motcua.workdays.constants import VIETNAM_TZ

ONE_STOP = Role.ONE_STOP_OFFICER.value
HEADS = (Role.HEAD_OF_DIVISION.value, Role.LEADER.value)
HANDLERS = (Role.SPECIALIST.value, *HEADS)


@dataclass(frozen=True)
class Inbox:
    key: str
    label: str
    roles: tuple[str, ...]


INBOXES: tuple[Inbox, ...] = (
    Inbox("to_receive", "Chờ tiếp nhận", (ONE_STOP,)),
    Inbox("to_assign", "Chờ phân công", HEADS),
    Inbox("to_process", "Chờ xử lý", HANDLERS),
    Inbox("to_approve", "Chờ phê duyệt", HEADS),
    Inbox("consultations", "Xin ý kiến, liên thông", HANDLERS),
    Inbox("to_return", "Chờ trả kết quả", (ONE_STOP,)),
    Inbox("supplement", "Chờ bổ sung", (ONE_STOP, *HANDLERS)),
    Inbox("due_soon", "Sắp đến hạn (1 ngày làm việc)", (ONE_STOP, *HANDLERS)),
    Inbox("overdue", "Quá hạn", (ONE_STOP, *HANDLERS)),
    Inbox("all", "Tất cả", (ONE_STOP, *HANDLERS)),
)
BY_KEY = {inbox.key: inbox for inbox in INBOXES}


# The box an official of each role opens first: where their next task waits.
DEFAULT_BOX = {
    ONE_STOP: "to_receive",
    Role.SPECIALIST.value: "to_process",
    Role.HEAD_OF_DIVISION.value: "to_assign",
    Role.LEADER.value: "to_approve",
}


def inboxes_for(role: str) -> list[Inbox]:
    return [inbox for inbox in INBOXES if role in inbox.roles]


def _active_step(agency_id: int, **extra: object) -> Q:
    return Q(
        Exists(DossierStep.objects.filter(dossier=OuterRef("pk"), agency_id=agency_id, state=StepState.ACTIVE, **extra))
    )


def visible_q(agency_id: int) -> Q:
    """Dossiers an agency may see: received or decided by it, or with a step (ever) at it."""
    return (
        Q(receiving_agency_id=agency_id)
        | Q(competent_agency_id=agency_id)
        | Q(Exists(DossierStep.objects.filter(dossier=OuterRef("pk"), agency_id=agency_id)))
    )


def visible_dossiers(agency_id: int) -> QuerySet[Dossier]:
    return Dossier.objects.exclude(status=Status.DRAFT).filter(visible_q(agency_id))


def _in_hand_q(agency_id: int) -> Q:
    """Open dossiers this agency is responsible for right now (for due-soon and overdue)."""
    return Q(status__in=OPEN_STATUSES) & (
        Q(receiving_agency_id=agency_id) | Q(competent_agency_id=agency_id) | _active_step(agency_id)
    )


def inbox_q(key: str, *, agency_id: int, role: str, user_id: int, now: datetime, soon: datetime) -> Q:
    processing = Q(status__in=[Status.ACCEPTED, Status.PROCESSING])
    if key == "to_receive":
        return Q(status=Status.SUBMITTED, receiving_agency_id=agency_id)
    if key == "to_assign":
        return processing & _active_step(agency_id, kind=StepKind.PROCESS, handler__isnull=True)
    if key == "to_process":
        mine = Q(handler_id=user_id) | Q(handler__isnull=True, role=role)
        steps = DossierStep.objects.filter(
            dossier=OuterRef("pk"), agency_id=agency_id, state=StepState.ACTIVE, kind=StepKind.PROCESS
        )
        return processing & Q(Exists(steps.filter(mine)))
    if key == "consultations":
        side = [StepKind.CONSULTATION, StepKind.INTERLEVEL]
        return Q(status=Status.PROCESSING) & _active_step(agency_id, kind__in=side)
    if key == "to_approve":
        return processing & Q(approved_at__isnull=True) & _active_step(agency_id, kind=StepKind.PROCESS, role=role)
    if key == "to_return":
        return Q(status=Status.RESOLVED, receiving_agency_id=agency_id)
    if key == "supplement":
        return Q(status=Status.SUPPLEMENT_REQUESTED) & (
            Q(receiving_agency_id=agency_id) | Q(competent_agency_id=agency_id)
        )
    if key == "due_soon":
        return _in_hand_q(agency_id) & Q(due_at__gte=now, due_at__lte=soon)
    if key == "overdue":
        return _in_hand_q(agency_id) & Q(due_at__lt=now)
    return Q()


@dataclass(frozen=True)
class Scope:
    agency_id: int
    role: str
    user_id: int
    now: datetime
    soon: datetime


def scope_for(agency_id: int, role: str, user_id: int, calendar: WorkingCalendar, now: datetime | None = None) -> Scope:
    now = now or timezone.now()
    soon = add_working_time(calendar, now, days=Decimal(1))
    return Scope(agency_id, role, user_id, now, soon)


def _q(key: str, scope: Scope) -> Q:
    return inbox_q(
        key, agency_id=scope.agency_id, role=scope.role, user_id=scope.user_id, now=scope.now, soon=scope.soon
    )


# Every box but "all" holds dossiers in these statuses: counting only them keeps the cost of the
# counts proportional to the work in hand, not to years of closed dossiers.
WORKING_STATUSES = (*OPEN_STATUSES, Status.SUBMITTED, Status.RESOLVED)


def counts(scope: Scope) -> dict[str, int]:
    """Every inbox count of the role (except "all", which is not a to-do list) in one query.

    Each box's condition already names this agency (receiving, deciding, or holding an active step),
    so the base is the dossiers in hand, not the full visibility rule, whose "any step here, ever"
    part reads the agency's whole step history.
    """
    boxes = [box for box in inboxes_for(scope.role) if box.key != "all"]
    aggregates = {box.key: Count("pk", filter=_q(box.key, scope)) for box in boxes}
    in_hand = Dossier.objects.filter(status__in=WORKING_STATUSES).filter(
        Q(receiving_agency_id=scope.agency_id) | Q(competent_agency_id=scope.agency_id) | _active_step(scope.agency_id)
    )
    return in_hand.aggregate(**aggregates)


def parse_day(raw: str) -> date | None:
    """A calendar day typed as dd/mm/yyyy (the Vietnamese way) or yyyy-mm-dd; ``None`` if invalid."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw.strip(), pattern).date()  # noqa: DTZ007 - a calendar day, no time
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Filters:
    q: str = ""
    procedure: str = ""
    sector: str = ""
    channel: str = ""
    status: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    sort: str = "due"

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> tuple[Filters, dict[str, str]]:
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
        filters = cls(
            q=(params.get("q") or "").strip()[:100],
            procedure=(params.get("procedure") or "").strip(),
            sector=(params.get("sector") or "").strip(),
            channel=channel,
            status=status,
            received_from=day("received_from"),
            received_to=day("received_to"),
            sort=sort if sort in ("due", "-due", "received", "-received") else "due",
        )
        if filters.received_from and filters.received_to and filters.received_from > filters.received_to:
            errors["received_to"] = "“Đến ngày” phải sau “từ ngày”."
        return filters, errors


def _search_q(text: str) -> Q:
    """Code, applicant ID or tax code, phone, or applicant name with diacritics ignored."""
    compact = "".join(text.split())
    # A whole dossier code (typed or scanned from the QR code): the unique index answers at once.
    if CODE_RE.match(compact.upper()) and Dossier.objects.filter(code=compact.upper()).exists():
        return Q(code=compact.upper())
    condition = Q(code__icontains=compact)
    if compact.isdigit():
        condition |= Q(applicant_id_number__startswith=compact) | Q(applicant_phone__startswith=compact)
    folded = fold(text)
    if folded:
        condition |= Q(applicant__name_folded__contains=folded)
    return condition


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=VIETNAM_TZ)


# Boxes whose work is a step at this agency: they sort by that step's due moment.
STEP_BOXES = frozenset({"to_assign", "to_process", "to_approve", "consultations"})


def _open_step_due(agency_id: int) -> Subquery:
    return Subquery(
        DossierStep.objects.filter(dossier=OuterRef("pk"), agency_id=agency_id, state=StepState.ACTIVE)
        .order_by(F("due_at").asc(nulls_last=True))
        .values("due_at")[:1]
    )


def listing(scope: Scope, key: str, filters: Filters) -> QuerySet[Dossier]:
    """The rows of one inbox, filtered, searched and sorted, with what the table shows loaded."""
    # A box's own condition implies visibility (see ``counts``); only "all" needs the full rule.
    rows = visible_dossiers(scope.agency_id) if key == "all" else Dossier.objects.filter(_q(key, scope))
    if filters.q:
        rows = rows.filter(_search_q(filters.q))
    if filters.procedure:
        rows = rows.filter(procedure__code=filters.procedure)
    if filters.sector:
        rows = rows.filter(procedure__sector__code=filters.sector)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    if filters.received_from:
        rows = rows.filter(submitted_at__gte=_local_start(filters.received_from))
    if filters.received_to:
        rows = rows.filter(submitted_at__lt=_local_start(filters.received_to + timedelta(days=1)))
    # The due moment of this agency's open step: what a handler races against (a subquery, no extra query).
    rows = rows.annotate(step_due_at=_open_step_due(scope.agency_id))
    due = "step_due_at" if key in STEP_BOXES else "due_at"
    if filters.sort == "due":
        # Dossiers without a due moment (not yet accepted) after those with one.
        rows = rows.order_by(F(due).asc(nulls_last=True), "submitted_at", "pk")
    elif filters.sort == "-due":
        rows = rows.order_by(F(due).desc(nulls_last=True), "-submitted_at", "-pk")
    else:
        rows = rows.order_by(*{"received": ("submitted_at", "pk"), "-received": ("-submitted_at", "-pk")}[filters.sort])
    return rows.select_related("procedure", "competent_agency").only(
        "code",
        "status",
        "channel",
        "applicant_name",
        "applicant_id_number",
        "submitted_at",
        "due_at",
        "approved_at",
        "procedure__code",
        "procedure__name",
        "competent_agency__name",
        "competent_agency__short_name",
    )
