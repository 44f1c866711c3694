"""Adding, renaming and removing calendar overrides: validation and audit."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.db import IntegrityError, transaction

from motcua.accounts.tests.factories import UserFactory
from motcua.organisations.tests.factories import AdministrativeUnitFactory
from motcua.workdays import demo, selectors, services
from motcua.workdays.models import CalendarEvent, CalendarOverride, OverrideKind

pytestmark = pytest.mark.django_db


def test_add_records_actor_and_audit_event() -> None:
    actor = UserFactory()
    override = services.add_override(
        actor=actor, day=date(2026, 3, 6), kind=OverrideKind.DAY_OFF, name="  Nghỉ bão  ", reason="Công văn 12"
    )
    assert (override.name, override.created_by) == ("Nghỉ bão", actor)
    event = CalendarEvent.objects.get()
    assert (event.action, event.actor, event.override_date, event.kind) == (
        "override_added",
        actor,
        date(2026, 3, 6),
        OverrideKind.DAY_OFF,
    )
    assert event.data["reason"] == "Công văn 12"


def test_rename_and_remove_are_audited() -> None:
    actor = UserFactory()
    override = services.add_override(actor=actor, day=date(2026, 3, 6), kind=OverrideKind.DAY_OFF, name="A")
    services.rename_override(actor=actor, override=override, name="Nghỉ bão số 3", reason="")
    assert CalendarOverride.objects.get().name == "Nghỉ bão số 3"
    services.remove_override(actor=actor, override=override)
    assert not CalendarOverride.objects.exists()
    assert list(CalendarEvent.objects.values_list("action", flat=True)) == [
        "override_added",
        "override_renamed",
        "override_removed",
    ]


REFUSED = [
    ("working day on an ordinary Monday", date(2026, 3, 2), OverrideKind.WORKING_DAY, "date"),
    ("day off on a Sunday", date(2026, 3, 8), OverrideKind.DAY_OFF, "date"),
    ("day off on Tết", date(2026, 2, 17), OverrideKind.DAY_OFF, "date"),
    ("closure on a holiday", date(2026, 9, 2), OverrideKind.CLOSURE, "date"),
    ("not a holiday on an ordinary day", date(2026, 3, 2), OverrideKind.NOT_A_HOLIDAY, "date"),
    ("not a holiday on the excluded culture day", date(2026, 11, 24), OverrideKind.NOT_A_HOLIDAY, "date"),
    ("unknown kind", date(2026, 3, 2), "holiday", "kind"),
    ("absurd year", date(1990, 3, 2), OverrideKind.DAY_OFF, "date"),
]


@pytest.mark.parametrize(("label", "day", "kind", "field"), REFUSED, ids=[r[0] for r in REFUSED])
def test_nonsense_is_refused(label: str, day: date, kind: str, field: str) -> None:
    with pytest.raises(services.InvalidOverride) as caught:
        services.add_override(actor=None, day=day, kind=kind, name="Thử")
    assert field in caught.value.fields
    assert not CalendarOverride.objects.exists()


def test_allowed_kinds_on_sensible_dates() -> None:
    # A Sunday made a working day, a holiday cancelled, the library's swapped Saturday confirmed.
    services.add_override(actor=None, day=date(2026, 3, 8), kind=OverrideKind.WORKING_DAY, name="Làm bù")
    services.add_override(actor=None, day=date(2026, 2, 20), kind=OverrideKind.NOT_A_HOLIDAY, name="Đi làm")
    services.add_override(actor=None, day=date(2026, 8, 22), kind=OverrideKind.WORKING_DAY, name="Làm bù 31/8")
    assert CalendarOverride.objects.count() == 3


def test_blank_name_and_unit_on_wrong_kind_are_refused() -> None:
    with pytest.raises(services.InvalidOverride) as caught:
        services.add_override(actor=None, day=date(2026, 3, 6), kind=OverrideKind.DAY_OFF, name="  ")
    assert "name" in caught.value.fields
    with pytest.raises(services.InvalidOverride) as caught:
        services.add_override(
            actor=None,
            day=date(2026, 3, 6),
            kind=OverrideKind.DAY_OFF,
            name="Nghỉ",
            administrative_unit=AdministrativeUnitFactory(),
        )
    assert "administrative_unit" in caught.value.fields


def test_duplicates_are_refused_per_scope() -> None:
    unit = AdministrativeUnitFactory()
    services.add_override(actor=None, day=date(2026, 3, 6), kind=OverrideKind.DAY_OFF, name="Nghỉ")
    with pytest.raises(services.InvalidOverride, match="đã có"):
        services.add_override(actor=None, day=date(2026, 3, 6), kind=OverrideKind.WORKING_DAY, name="Làm")
    services.add_override(
        actor=None, day=date(2026, 3, 5), kind=OverrideKind.CLOSURE, name="Lũ", administrative_unit=unit
    )
    with pytest.raises(services.InvalidOverride, match="đã có"):
        services.add_override(
            actor=None, day=date(2026, 3, 5), kind=OverrideKind.CLOSURE, name="Lũ", administrative_unit=unit
        )


def test_database_constraints_back_the_rules() -> None:
    CalendarOverride.objects.create(date=date(2026, 3, 6), kind=OverrideKind.DAY_OFF, name="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarOverride.objects.create(date=date(2026, 3, 6), kind=OverrideKind.DAY_OFF, name="B")
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarOverride.objects.create(
            date=date(2026, 3, 9), kind=OverrideKind.DAY_OFF, name="C", administrative_unit=AdministrativeUnitFactory()
        )


def test_demo_is_idempotent() -> None:
    out = StringIO()
    demo.load(out)
    demo.load(out)
    override = CalendarOverride.objects.get()
    assert (override.date, override.kind) == (date(2026, 8, 22), OverrideKind.WORKING_DAY)
    assert "đã có" in out.getvalue()
    assert selectors.get_calendar(years=range(2026, 2027)).is_working_day(date(2026, 8, 22))
