"""Agency and unit reads: by code or alias, subtrees, folded search."""

from __future__ import annotations

import pytest

from motcua.organisations.models import UnitLevel
from motcua.organisations.selectors import (
    agency_ancestors,
    agency_by_code,
    agency_descendants,
    search_units,
    unit_by_code,
)
from motcua.organisations.tests.factories import (
    AdministrativeUnitAliasFactory,
    AdministrativeUnitFactory,
    AgencyCodeAliasFactory,
    AgencyFactory,
)

pytestmark = pytest.mark.django_db


def test_agency_by_current_or_alias_code():
    agency = AgencyFactory(identifier_code="H25.01")
    AgencyCodeAliasFactory(agency=agency, code="000.00.01.H45")
    assert agency_by_code("H25.01") == agency
    assert agency_by_code(" h25.01 ") == agency
    assert agency_by_code("000.00.01.H45") == agency
    assert agency_by_code("000.00.01.H45", include_aliases=False) is None
    assert agency_by_code("H25.02") is None
    assert agency_by_code("") is None


def test_descendants_and_ancestors():
    root = AgencyFactory()
    child = AgencyFactory(parent=root)
    grandchild = AgencyFactory(parent=child)
    AgencyFactory()  # another tree
    assert set(agency_descendants(root)) == {child, grandchild}
    assert set(agency_descendants(root, include_self=True)) == {root, child, grandchild}
    assert agency_ancestors(grandchild) == [child, root]
    assert grandchild.administrative_unit == root.administrative_unit


def test_factories_fold_names_and_build_communes():
    ward = AdministrativeUnitFactory(commune=True, name="Phường Việt Trì")
    assert ward.name_folded == "phuong viet tri"
    assert ward.level == UnitLevel.COMMUNE
    assert ward.parent.level == UnitLevel.PROVINCE
    ubnd = AgencyFactory(commune=True, parent=None)
    assert ubnd.level == UnitLevel.COMMUNE
    assert ubnd.administrative_unit.level == UnitLevel.COMMUNE


def test_unit_search_covers_old_names_and_codes():
    unit = AdministrativeUnitFactory(name="Phường Việt Trì")
    AdministrativeUnitAliasFactory(unit=unit, name="Phường Gia Cẩm", code="07900")
    assert list(search_units("viet tri")) == [unit]
    assert list(search_units("GIA CAM")) == [unit]
    assert unit_by_code("07900") == unit
    assert unit_by_code(unit.code) == unit
    assert unit_by_code("00000") is None
