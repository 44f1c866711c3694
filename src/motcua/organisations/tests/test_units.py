"""Loading the 2025 units and their pre-2025 aliases: a small fixture, then the real Phú Thọ."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from motcua.organisations import units
from motcua.organisations.models import AdministrativeUnit, AdministrativeUnitAlias, UnitLevel
from motcua.organisations.selectors import communes_of, search_units, unit_by_code

pytestmark = pytest.mark.django_db

DIVISIONS = [
    {
        "name": "Phú Thọ",
        "code": 25,
        "division_type": "tỉnh",
        "wards": [
            {"name": "Phường Việt Trì", "code": 7900, "division_type": "phường"},
            {"name": "Xã Lâm Thao", "code": 8122, "division_type": "xã"},
        ],
    },
    {
        "name": "Thành phố Hà Nội",
        "code": 1,
        "division_type": "thành phố trung ương",
        "wards": [{"name": "Phường Hoàn Kiếm", "code": 70, "division_type": "phường"}],
    },
]

MAPPING = {
    "provinces": [[25, "Tỉnh Phú Thọ", [25]], [26, "Tỉnh Vĩnh Phúc", [25]], [1, "Thành phố Hà Nội", [1]]],
    "districts": [[227, "Thành phố Việt Trì", 25], [236, "Huyện Lâm Thao", 25]],
    "wards": [
        [7900, "Phường Gia Cẩm", 227, 0, [7900]],
        [7903, "Phường Tân Dân", 227, 1, [7900, 8122]],
        [8122, "Thị trấn Lâm Thao", 236, 0, [8122]],
    ],
}


def test_load_units_creates_provinces_and_communes_with_folded_names():
    result = units.load_units(divisions=DIVISIONS)
    assert result["provinces"].created == 2
    assert result["communes"].created == 3
    phu_tho = AdministrativeUnit.objects.get(code="25")
    assert (phu_tho.name, phu_tho.level, phu_tho.name_folded) == ("Tỉnh Phú Thọ", UnitLevel.PROVINCE, "tinh phu tho")
    assert AdministrativeUnit.objects.get(code="01").name == "Thành phố Hà Nội"
    viet_tri = AdministrativeUnit.objects.get(code="07900")
    assert (viet_tri.parent, viet_tri.division_type, viet_tri.name_folded) == (phu_tho, "phường", "phuong viet tri")
    assert viet_tri.valid_from == datetime.date(2025, 7, 1)


def test_load_units_is_idempotent_and_updates_changed_names():
    units.load_units(divisions=DIVISIONS)
    again = units.load_units(divisions=DIVISIONS)
    assert (again["communes"].created, again["communes"].updated, again["communes"].unchanged) == (0, 0, 3)
    renamed = [{**DIVISIONS[0], "wards": [{**DIVISIONS[0]["wards"][0], "name": "Phường Việt Trì Mới"}]}]
    result = units.load_units(divisions=renamed)
    assert result["communes"].updated == 1
    assert AdministrativeUnit.objects.get(code="07900").name_folded == "phuong viet tri moi"
    assert AdministrativeUnit.objects.count() == 5


def test_load_one_province_only():
    units.load_units(provinces=["25"], divisions=DIVISIONS)
    assert set(AdministrativeUnit.objects.values_list("code", flat=True)) == {"25", "07900", "08122"}
    with pytest.raises(ValueError, match="99"):
        units.load_units(provinces=[99], divisions=DIVISIONS)


def test_legacy_aliases_keep_old_names_and_codes():
    units.load_units(divisions=DIVISIONS)
    result = units.load_legacy_aliases(provinces=[25], mapping=MAPPING)
    phu_tho = AdministrativeUnit.objects.get(code="25")
    viet_tri = AdministrativeUnit.objects.get(code="07900")
    lam_thao = AdministrativeUnit.objects.get(code="08122")
    # Old Phú Thọ kept code and name: no alias of itself; Vĩnh Phúc merged in.
    assert list(phu_tho.aliases.values_list("code", "name")) == [("26", "Tỉnh Vĩnh Phúc")]
    assert set(viet_tri.aliases.values_list("level", "code", "name")) == {
        (UnitLevel.COMMUNE, "07900", "Phường Gia Cẩm"),
        (UnitLevel.COMMUNE, "07903", "Phường Tân Dân"),
        (UnitLevel.DISTRICT, "227", "Thành phố Việt Trì"),
    }
    # A partly merged ward is an alias of each commune that took a part of it.
    assert set(lam_thao.aliases.values_list("name", flat=True)) == {
        "Phường Tân Dân",
        "Thành phố Việt Trì",
        "Huyện Lâm Thao",
        "Thị trấn Lâm Thao",
    }
    tan_dan = lam_thao.aliases.get(code="07903")
    assert tan_dan.note == "Phường Tân Dân, Thành phố Việt Trì, Tỉnh Phú Thọ (một phần)"
    assert tan_dan.valid_until == datetime.date(2025, 6, 30)
    assert tan_dan.name_folded == "phuong tan dan"
    # Hà Nội was not in scope.
    assert not AdministrativeUnitAlias.objects.filter(unit__code__in=["01", "00070"]).exists()
    assert result.created == AdministrativeUnitAlias.objects.count() == 8

    again = units.load_legacy_aliases(provinces=[25], mapping=MAPPING)
    assert (again.created, again.unchanged) == (0, 8)
    assert AdministrativeUnitAlias.objects.count() == 8

    # Old addresses resolve: by old name (accents optional) and by an unambiguous old code.
    assert list(search_units("gia cam")) == [viet_tri]
    assert unit_by_code("07903") is None  # split between two communes: ambiguous
    assert unit_by_code("26") == phu_tho


def test_real_phu_tho_load_from_the_package_and_committed_mapping():
    call_command("load_administrative_units", "--province", "25", stdout=open("/dev/null", "w"))  # noqa: SIM115
    phu_tho = AdministrativeUnit.objects.get(code="25")
    assert phu_tho.name == "Tỉnh Phú Thọ"
    assert communes_of(phu_tho).count() == 148
    assert AdministrativeUnit.objects.count() == 149
    # The merged province keeps the names of Vĩnh Phúc and Hòa Bình.
    assert set(phu_tho.aliases.values_list("name", flat=True)) == {"Tỉnh Vĩnh Phúc", "Tỉnh Hoà Bình"}
    viet_tri = AdministrativeUnit.objects.get(code="07900")
    assert viet_tri.name == "Phường Việt Trì"
    assert viet_tri.aliases.filter(level=UnitLevel.DISTRICT, name="Thành phố Việt Trì").exists()
    assert search_units("vinh yen", level=UnitLevel.COMMUNE).filter(name="Phường Vĩnh Yên").exists()
    aliases = AdministrativeUnitAlias.objects.count()
    assert aliases > 500

    call_command("load_administrative_units", "--province", "25", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert AdministrativeUnit.objects.count() == 149
    assert AdministrativeUnitAlias.objects.count() == aliases


def test_reload_keeps_communes_under_a_district_of_their_province():
    from motcua.organisations.services import create_unit, update_unit

    units.load_units(divisions=DIVISIONS)
    phu_tho = AdministrativeUnit.objects.get(code="25")
    district = create_unit(actor=None, code="227", name="Thành phố Việt Trì", level=UnitLevel.DISTRICT, parent=phu_tho)
    viet_tri = update_unit(AdministrativeUnit.objects.get(code="07900"), actor=None, parent=district)
    result = units.load_units(divisions=DIVISIONS)
    assert result["communes"].updated == 0
    viet_tri.refresh_from_db()
    assert viet_tri.parent == district
    assert set(communes_of(phu_tho).values_list("code", flat=True)) == {"07900", "08122"}
