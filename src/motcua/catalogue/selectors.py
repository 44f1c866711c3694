"""Reads of the catalogue. The dossier engine calls ``version_in_force``, ``process_for`` and ``effective_time``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet

from motcua.catalogue.constants import ProcedureStatus
from motcua.catalogue.models import (
    InternalProcess,
    Procedure,
    ProcedureVersion,
    ProcessStep,
)
from motcua.core.exceptions import NotFound
from motcua.core.text import normalise
from motcua.organisations.models import Agency
from motcua.workdays.constants import VIETNAM_TZ


def get_procedure_by_code(code: str) -> Procedure:
    """The procedure with this national code (archived ones included: old dossiers still point at them)."""
    try:
        return Procedure.objects.select_related("sector").get(code=normalise(code))
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


def latest_version(procedure: Procedure) -> ProcedureVersion | None:
    """The highest-numbered version, whatever its dates (the one a catalogue manager edits next)."""
    return procedure.versions.order_by("-number").first()


def effective_time(version: ProcedureVersion) -> tuple[Decimal | None, str]:
    """(value, unit) the clock runs on: the province's reduced time when set, else the legal one."""
    if version.reduced_time_unit:
        return version.reduced_time_value, version.reduced_time_unit
    return version.legal_time_value, version.legal_time_unit


def _processes_in_preference(version: ProcedureVersion, agency: Agency | None) -> QuerySet[InternalProcess]:
    """The agency's own process first (NULLs sort last), then the version's default one."""
    scope = Q(implementing_agency__isnull=True)
    if agency is not None:
        scope |= Q(implementing_agency=agency)
    return InternalProcess.objects.filter(scope, version=version).order_by(
        F("implementing_agency_id").asc(nulls_last=True), "pk"
    )


def process_for(version: ProcedureVersion, agency: Agency | None) -> InternalProcess | None:
    """The agency's own internal process for the version, else the version's default one, else None."""
    return (
        _processes_in_preference(version, agency)
        .prefetch_related(Prefetch("steps", queryset=ProcessStep.objects.select_related("agency").order_by("order")))
        .first()
    )


def process_steps_for(version: ProcedureVersion, agency: Agency | None) -> list[ProcessStep]:
    """The steps of :func:`process_for`, in order, with their agencies (what every acceptance copies)."""
    process_id = _processes_in_preference(version, agency).values_list("pk", flat=True).first()
    if process_id is None:
        return []
    return list(ProcessStep.objects.filter(process_id=process_id).select_related("agency").order_by("order"))


def active_procedures() -> QuerySet[Procedure]:
    return Procedure.objects.filter(status=ProcedureStatus.ACTIVE).select_related("sector")


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
