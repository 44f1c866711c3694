"""Reads over administrative units and agencies. No writes here."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from motcua.core.text import fold
from motcua.organisations.models import AdministrativeUnit, Agency, AgencyCodeAlias, UnitLevel


def agency_by_code(code: str, *, include_aliases: bool = True) -> Agency | None:
    """The agency holding ``code`` now or, with ``include_aliases``, before a re-issue.

    Old dossier codes embed the receiving agency's code of the day, so lookups by code
    must keep working after the province re-issues identifiers.
    """
    code = code.strip().upper()
    if not code:
        return None
    agency = Agency.objects.filter(identifier_code=code).first()
    if agency is not None or not include_aliases:
        return agency
    alias = AgencyCodeAlias.objects.select_related("agency").filter(code=code).first()
    return alias.agency if alias else None


def descendant_ids(roots: Iterable[int], *, include_self: bool = True) -> set[int]:
    """Primary keys of every agency below ``roots`` (one query per tree level, the tree is shallow)."""
    roots = set(roots)
    found: set[int] = set(roots) if include_self else set()
    frontier = roots
    while frontier:
        children = set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= children
        frontier = children
    return found


def agency_descendants(agency: Agency, *, include_self: bool = False) -> QuerySet[Agency]:
    """The agency's subtree (divisions, centres, units under it), optionally with the agency itself."""
    return Agency.objects.filter(pk__in=descendant_ids([agency.pk], include_self=include_self))


def agency_ancestors(agency: Agency) -> list[Agency]:
    """From the direct parent up to the root."""
    chain: list[Agency] = []
    seen = {agency.pk}
    current = agency.parent
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain


def search_units(query: str, *, level: str | None = None, parent: AdministrativeUnit | None = None) -> QuerySet:
    """Units whose current name or an earlier name contains the folded query (accents optional)."""
    folded = fold(query)
    units = AdministrativeUnit.objects.all()
    if level:
        units = units.filter(level=level)
    if parent is not None:
        units = units.filter(parent=parent)
    if folded:
        units = units.filter(Q(name_folded__contains=folded) | Q(aliases__name_folded__contains=folded)).distinct()
    return units


def unit_by_code(code: str) -> AdministrativeUnit | None:
    """A unit by its current NSO code or, failing that, by a code it held before a merger."""
    code = code.strip()
    unit = AdministrativeUnit.objects.filter(code=code).first()
    if unit is not None:
        return unit
    units = list(AdministrativeUnit.objects.filter(aliases__code=code).distinct()[:2])
    # A split old unit maps to several new ones: the code alone is then ambiguous.
    return units[0] if len(units) == 1 else None


def provinces() -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)


def communes_of(province: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """Communes of a province, also through districts on three-level deployments."""
    return AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).filter(
        Q(parent=province) | Q(parent__parent=province)
    )
