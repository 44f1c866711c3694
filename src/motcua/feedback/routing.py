"""Which agency answers an item: the most local routing rule of its category, else the category's default."""

from __future__ import annotations

from motcua.feedback.models import Category, RoutingRule
from motcua.organisations.models import AdministrativeUnit, Agency


def _unit_chain(unit: AdministrativeUnit | None) -> list[int]:
    """The unit and the units above it, nearest first (a commune, then its province)."""
    chain: list[int] = []
    while unit is not None and unit.pk not in chain:
        chain.append(unit.pk)
        unit = unit.parent
    return chain


def route_for(category: Category, unit: AdministrativeUnit | None) -> Agency | None:
    chain = _unit_chain(unit)
    if chain:
        rules = {
            rule.unit_id: rule.agency
            for rule in RoutingRule.objects.filter(category=category, unit_id__in=chain).select_related("agency")
        }
        for unit_id in chain:
            agency = rules.get(unit_id)
            if agency is not None and agency.is_active:
                return agency
    default = category.default_agency
    return default if default is not None and default.is_active else None
