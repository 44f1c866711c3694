"""Factories for administrative units and agencies. Tests of other apps import these."""

from __future__ import annotations

import factory

from motcua.organisations.models import (
    AdministrativeUnit,
    AdministrativeUnitAlias,
    Agency,
    AgencyCodeAlias,
    AgencyKind,
    UnitLevel,
)


class AdministrativeUnitFactory(factory.django.DjangoModelFactory):
    """A province by default; ``AdministrativeUnitFactory(commune=True)`` makes a ward under a new province."""

    class Meta:
        model = AdministrativeUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    level = UnitLevel.PROVINCE
    division_type = "tỉnh"
    parent = None

    class Params:
        commune = factory.Trait(
            level=UnitLevel.COMMUNE,
            division_type="phường",
            name=factory.Sequence(lambda n: f"Phường Thử Nghiệm {n}"),
            parent=factory.SubFactory("motcua.organisations.tests.factories.AdministrativeUnitFactory"),
        )


class AdministrativeUnitAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnitAlias

    unit = factory.SubFactory(AdministrativeUnitFactory)
    code = factory.Sequence(lambda n: f"8{n:04d}")
    name = factory.Sequence(lambda n: f"Huyện Cũ {n}")
    level = UnitLevel.DISTRICT


class AgencyFactory(factory.django.DjangoModelFactory):
    """A provincial department (Sở) by default, with a valid current-form identifier code.

    Traits: ``commune=True`` (UBND xã on a commune unit), ``centre=True`` (TTPVHCC).
    Pass ``parent=`` to build a tree; the administrative unit follows the parent's.
    """

    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở Thử Nghiệm {n}")
    kind = AgencyKind.DEPARTMENT
    level = UnitLevel.PROVINCE
    parent = None
    administrative_unit = factory.LazyAttribute(
        lambda o: o.parent.administrative_unit if o.parent is not None else AdministrativeUnitFactory()
    )
    identifier_code = factory.Sequence(lambda n: f"H99.{n + 1:03d}")
    is_active = True

    class Params:
        commune = factory.Trait(
            kind=AgencyKind.PEOPLES_COMMITTEE,
            level=UnitLevel.COMMUNE,
            name=factory.Sequence(lambda n: f"UBND Phường Thử Nghiệm {n}"),
            administrative_unit=factory.LazyAttribute(
                lambda o: (
                    o.parent.administrative_unit if o.parent is not None else AdministrativeUnitFactory(commune=True)
                )
            ),
        )
        centre = factory.Trait(
            kind=AgencyKind.SERVICE_CENTRE,
            name=factory.Sequence(lambda n: f"Trung tâm Phục vụ hành chính công {n}"),
        )


class AgencyCodeAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyCodeAlias

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"000.00.{n % 100:02d}.H98")
