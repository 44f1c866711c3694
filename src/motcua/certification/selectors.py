"""Reads of certification: who may certify where, the register, a citizen's copies, the fee rate."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from motcua.accounts.models import Applicant
from motcua.accounts.roles import CERTIFIERS
from motcua.accounts.selectors import agencies_for, has_role
from motcua.catalogue.models import Procedure
from motcua.catalogue.selectors import fee_items, version_in_force
from motcua.certification.fees import CERTIFICATION_PROCEDURE, FEE_ROW_WORD
from motcua.certification.models import CertifiedCopy
from motcua.core.exceptions import DomainError, NotFound
from motcua.core.text import fold
from motcua.organisations.models import Agency, AgencyKind, UnitLevel

# Who works the certification counter (accounts.roles): each signs with their own key.
CERTIFYING_ROLES = CERTIFIERS


def certifies(agency: Agency) -> bool:
    """A commune (its People's Committee or one-stop unit) or a notary-type organisation (kind "other")."""
    return agency.is_active and (agency.level == UnitLevel.COMMUNE or agency.kind == AgencyKind.OTHER)


def may_certify(user: Any, agency: Agency) -> bool:
    return certifies(agency) and has_role(user, agency, *CERTIFYING_ROLES)


def certifying_agencies(user: Any) -> list[Agency]:
    return [a for a in agencies_for(user, CERTIFYING_ROLES) if certifies(a)]


def register(agency: Agency, year: int) -> QuerySet[CertifiedCopy]:
    """The unit's certification register for a year, in number order."""
    return (
        CertifiedCopy.objects.filter(agency=agency, year=year).select_related("certifier", "signed").order_by("number")
    )


def copy_in_agency(agency: Agency, pk: int) -> CertifiedCopy:
    found = CertifiedCopy.objects.select_related("signed", "agency").filter(agency=agency, pk=pk).first()
    if found is None:
        raise NotFound("Không tìm thấy bản sao chứng thực này trong sổ của cơ quan.")
    return found


def copies_for(user: Any) -> QuerySet[CertifiedCopy]:
    """The copies a citizen owns: issued to their account, or to their personal ID number."""
    user_id = int(getattr(user, "pk", None) or 0)  # anonymous: 0, nobody's
    profiles = Applicant.objects.filter(user_id=user_id).exclude(id_number="")
    id_numbers = list(profiles.values_list("id_number", flat=True))
    return (
        CertifiedCopy.objects.filter(Q(citizen_id=user_id) | Q(citizen_id_number__in=id_numbers))
        .select_related("agency", "signed")
        .order_by("-issued_at", "-pk")
    )


def copy_for_owner(user: Any, pk: int) -> CertifiedCopy:
    found = copies_for(user).filter(pk=pk).first()
    if found is None:
        raise NotFound("Không tìm thấy bản sao chứng thực này trong tài khoản của bạn.")
    return found


def electronic_copies(agencies: QuerySet[Agency] | list[Agency] | None, start: date, end: date) -> int:
    """Copies issued electronically in a period (Decision 766, "chứng thực bản sao điện tử")."""
    rows = CertifiedCopy.objects.filter(issued_at__date__gte=start, issued_at__date__lte=end)
    return (rows.filter(agency__in=agencies) if agencies is not None else rows).count()


def fee_rate(day: date) -> int:
    """The per-page rate of the catalogue's certification procedure (2.000815) in force, 0 when it has none."""
    procedure = Procedure.objects.filter(code=CERTIFICATION_PROCEDURE).first()
    if procedure is None:
        return 0
    try:
        version = version_in_force(procedure, day)
    except DomainError:
        return 0
    word = fold(FEE_ROW_WORD)
    for item in fee_items(version.pk):
        if word in fold(item.name) and item.amount_vnd:
            return int(item.amount_vnd)
    return 0
