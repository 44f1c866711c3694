"""Reads of the catalogue. The dossier engine calls ``version_in_force``, ``process_for`` and ``effective_time``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Case, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When

from motcua.catalogue.constants import OnlineLevel, ProcedureStatus
from motcua.catalogue.fees import FeeItem, FeeLine, fees_due
from motcua.catalogue.models import (
    Fee,
    InternalProcess,
    Procedure,
    ProcedureGroup,
    ProcedureVersion,
    ProcessStep,
)
from motcua.core.caches import process_cache
from motcua.core.exceptions import NotFound
from motcua.core.text import is_code_shaped, normalise
from motcua.organisations.models import Agency
from motcua.workdays.constants import VIETNAM_TZ


def get_procedure_by_code(code: str) -> Procedure:
    """The procedure with this national code (archived ones included: old dossiers still point at them)."""
    try:
        wanted = normalise(code)
        if not is_code_shaped(wanted):
            raise Procedure.DoesNotExist
        return Procedure.objects.select_related("sector").get(code=wanted)
    except Procedure.DoesNotExist:
        raise NotFound(f"Không tìm thấy thủ tục có mã {code}.", code="procedure_not_found") from None


def version_in_force(procedure: Procedure, at: date) -> ProcedureVersion:
    """The version whose effective period contains ``at`` (both ends inclusive)."""
    version = ProcedureVersion.objects.in_force(at).filter(procedure=procedure).order_by("-number").first()
    if version is None:
        raise NotFound(
            f"Thủ tục {procedure.code} không có phiên bản áp dụng vào ngày {at:%d/%m/%Y}.",
            code="procedure_version_not_in_force",
        )
    return version


def version_in_force_by_code(code: str, at: date) -> ProcedureVersion:
    """:func:`version_in_force` of the procedure with this national code, its procedure loaded with it:
    one query where the two selectors take two (intake by the API)."""
    if not is_code_shaped(normalise(code)):
        return version_in_force(get_procedure_by_code(code), at)
    version = (
        ProcedureVersion.objects.in_force(at)
        .filter(procedure__code=normalise(code))
        .select_related("procedure")
        .order_by("-number")
        .first()
    )
    if version is None:  # which error: no such procedure, or no version in force
        return version_in_force(get_procedure_by_code(code), at)
    return version


def is_in_force(version: ProcedureVersion, at: date) -> bool:
    """Whether ``at`` lies in the version's effective period (both ends inclusive), without a query."""
    return version.effective_from <= at and (version.effective_until is None or at <= version.effective_until)


def latest_version(procedure: Procedure) -> ProcedureVersion | None:
    """The highest-numbered version, whatever its dates (the one a catalogue manager edits next)."""
    return procedure.versions.order_by("-number").first()


def effective_time(version: ProcedureVersion) -> tuple[Decimal | None, str]:
    """(value, unit) the clock runs on: the province's reduced time when set, else the legal one."""
    if version.reduced_time_unit:
        return version.reduced_time_value, version.reduced_time_unit
    return version.legal_time_value, version.legal_time_unit


def _processes_in_preference(version_id: int, agency_id: int | None) -> QuerySet[InternalProcess]:
    """The agency's own process first (NULLs sort last), then the version's default one."""
    scope = Q(implementing_agency__isnull=True)
    if agency_id is not None:
        scope |= Q(implementing_agency_id=agency_id)
    return InternalProcess.objects.filter(scope, version_id=version_id).order_by(
        F("implementing_agency_id").asc(nulls_last=True), "pk"
    )


def process_for(version: ProcedureVersion, agency: Agency | None) -> InternalProcess | None:
    """The agency's own internal process for the version, else the version's default one, else None."""
    return (
        _processes_in_preference(version.pk, agency.pk if agency is not None else None)
        .prefetch_related(Prefetch("steps", queryset=ProcessStep.objects.select_related("agency").order_by("order")))
        .first()
    )


@dataclass(frozen=True)
class StepTemplate:
    """A step of an internal process, as every acceptance copies it."""

    order: int
    name: str
    actor_kind: str
    role: str
    agency_id: int | None
    parallel_group: str
    duration_value: Decimal
    duration_unit: str
    skippable: bool = False


# The content of a version (fees, processes and their steps) is written once, with the version,
# by ``services._new_version`` and never edited afterwards (a change is a new version): what
# every intake reads of it is kept per process (``core.caches.clear_all`` empties it, in tests).
@process_cache(maxsize=4096)
def process_template(version_id: int, agency_id: int | None) -> tuple[StepTemplate, ...]:
    """The steps of :func:`process_for` (the agency's own process, else the default), in order."""
    process_id = _processes_in_preference(version_id, agency_id).values_list("pk", flat=True).first()
    if process_id is None:
        return ()
    rows = ProcessStep.objects.filter(process_id=process_id).order_by("order")
    return tuple(
        StepTemplate(
            s.order,
            s.name,
            s.actor_kind,
            s.role,
            s.agency_id,
            s.parallel_group,
            s.duration_value,
            s.duration_unit,
            s.skippable,
        )
        for s in rows
    )


@process_cache(maxsize=4096)
def fee_items(version_id: int) -> tuple[FeeItem, ...]:
    """The version's published fee rows, in order (cached like the steps)."""
    rows = Fee.objects.filter(version_id=version_id).order_by("order", "pk")
    return tuple(
        FeeItem(
            name=row.name,
            amount_vnd=row.amount_vnd,
            channels=tuple(row.channels or ()),
            online_reduction_percent=row.online_reduction_percent,
            exemptions=row.exemptions,
        )
        for row in rows
    )


def fees_due_for(version_id: int, channel: str, *, exempt: bool = False) -> list[FeeLine]:
    """What a dossier of this version submitted through ``channel`` is charged (``catalogue.fees``)."""
    return fees_due(fee_items(version_id), channel, exempt=exempt)


def groups_of(procedure: Procedure) -> QuerySet[ProcedureGroup]:
    """The active groups (nhóm TTHC liên thông) the procedure can be filed in."""
    return ProcedureGroup.objects.filter(is_active=True, members__procedure=procedure).order_by("code")


def active_procedures() -> QuerySet[Procedure]:
    return Procedure.objects.filter(status=ProcedureStatus.ACTIVE).select_related("sector")


ONLINE_LEVELS = (OnlineLevel.FULL, OnlineLevel.PARTIAL)  # the citizen can submit on the portal


def submittable_online(version: ProcedureVersion) -> bool:
    """The portal takes dossiers of this version: offered online (full or partial) and not information only."""
    return version.online_level in ONLINE_LEVELS and not version.information_only


def with_online_level(procedures: QuerySet[Procedure], at: date) -> QuerySet[Procedure]:
    """Annotate ``online_level_now`` (the online level of the version in force on ``at``, None without one)
    and ``offline_rank`` (0 when the procedure can be done online, 1 otherwise) to put online ones first."""
    in_force = ProcedureVersion.objects.in_force(at).filter(procedure=OuterRef("pk")).order_by("-number")
    return procedures.annotate(online_level_now=Subquery(in_force.values("online_level")[:1])).annotate(
        offline_rank=Case(
            When(online_level_now__in=ONLINE_LEVELS, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    )


def version_detail(version_pk: int) -> ProcedureVersion:
    """A version with everything a procedure page or API detail shows, in a few queries."""
    return (
        ProcedureVersion.objects.select_related("procedure__sector")
        .prefetch_related(
            "fees",
            "components",
            "competent_agencies",
            Prefetch(
                "processes",
                queryset=InternalProcess.objects.select_related("implementing_agency").prefetch_related(
                    Prefetch("steps", queryset=ProcessStep.objects.select_related("agency").order_by("order"))
                ),
            ),
        )
        .get(pk=version_pk)
    )


def expected_due(version: ProcedureVersion, received_at: datetime) -> datetime:
    """When a dossier received at ``received_at`` would be due, on the working calendar (reduced time first)."""
    from motcua.workdays.clock import due_for
    from motcua.workdays.selectors import get_calendar_covering

    value, unit = effective_time(version)
    calendar = get_calendar_covering(received_at.astimezone(VIETNAM_TZ).date())
    return due_for(calendar, received_at, value or 0, unit)


def is_catalogue_manager(user: Any) -> bool:
    """Catalogue managers (role in any agency) and active superusers may change the catalogue."""
    from motcua.accounts.models import Role
    from motcua.accounts.selectors import agencies_for

    return agencies_for(user, roles=[Role.CATALOGUE_MANAGER]).exists()
