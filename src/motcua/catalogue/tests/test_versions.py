from datetime import date
from decimal import Decimal

import pytest

from motcua.catalogue import selectors, services
from motcua.catalogue.constants import ProcedureStatus
from motcua.catalogue.data import clean_version
from motcua.catalogue.models import CatalogueEvent
from motcua.catalogue.services import CatalogueValidationError
from motcua.catalogue.tests.factories import make_procedure, step, version_data
from motcua.core.exceptions import Conflict, NotFound
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_create_procedure_writes_first_version_with_its_content_and_audit():
    procedure = make_procedure("Đăng ký khai sinh", code="1.001193")
    version = selectors.version_in_force(procedure, date(2026, 3, 1))
    assert version.number == 1
    assert procedure.name_folded == "dang ky khai sinh"
    assert [f.amount_vnd for f in version.fees.all()] == [50000]
    assert [c.name for c in version.components.all()] == ["Tờ khai"]
    assert [s.order for s in selectors.process_for(version, None).steps.all()] == [1, 2, 3, 4]
    assert CatalogueEvent.objects.filter(procedure=procedure, action="procedure_created").count() == 1


def test_change_creates_new_version_and_closes_previous_one_the_day_before():
    procedure = make_procedure()
    services.change_procedure(
        procedure,
        actor=None,
        version=version_data(effective_from="2026-06-01", fees=[{"name": "Lệ phí", "amount_vnd": 0}]),
    )
    old = selectors.version_in_force(procedure, date(2026, 5, 31))
    new = selectors.version_in_force(procedure, date(2026, 6, 1))
    assert (old.number, old.effective_until) == (1, date(2026, 5, 31))
    assert (new.number, new.effective_until) == (2, None)
    assert old.fees.get().amount_vnd == 50000  # the old version keeps its own fees
    assert new.fees.get().amount_vnd == 0


def test_change_must_take_effect_after_the_current_version():
    procedure = make_procedure()
    with pytest.raises(CatalogueValidationError) as error:
        services.change_procedure(procedure, actor=None, version=version_data(effective_from="2025-12-31"))
    assert "version.effective_from" in error.value.fields


def test_version_in_force_before_first_version_is_not_found():
    procedure = make_procedure()
    with pytest.raises(NotFound):
        selectors.version_in_force(procedure, date(2025, 12, 31))


# day → (version number found by code, or the error code), around a change taking effect on 01/06/2026
BY_CODE = {
    date(2026, 5, 31): 1,
    date(2026, 6, 1): 2,
    date(2025, 12, 31): "procedure_version_not_in_force",
}


@pytest.mark.parametrize("day", BY_CODE, ids=str)
def test_version_in_force_by_code_agrees_with_version_in_force(day, django_assert_num_queries):
    procedure = make_procedure(code="1.001193")
    services.change_procedure(procedure, actor=None, version=version_data(effective_from="2026-06-01"))
    expected = BY_CODE[day]
    if isinstance(expected, str):
        with pytest.raises(NotFound) as missing:
            selectors.version_in_force_by_code("1.001193", day)
        assert missing.value.code == expected
        return
    with django_assert_num_queries(1):
        found = selectors.version_in_force_by_code(" 1.001193 ", day)
        assert found.procedure == procedure  # loaded with it
    assert found == selectors.version_in_force(procedure, day)
    assert found.number == expected
    assert selectors.is_in_force(found, day)
    assert not selectors.is_in_force(found, date(2025, 12, 31))


def test_version_in_force_by_code_of_an_unknown_procedure():
    with pytest.raises(NotFound) as missing:
        selectors.version_in_force_by_code("9.999999", date(2026, 3, 1))
    assert missing.value.code == "procedure_not_found"


def test_effective_time_prefers_reduced_time():
    procedure = make_procedure(
        reduced_time_value="2", reduced_time_unit="working_days", processes=[{"steps": [step("Thẩm định", "16")]}]
    )
    version = procedure.versions.get()
    assert selectors.effective_time(version) == (Decimal("2"), "working_days")
    assert (version.legal_time_value, version.legal_time_unit) == (Decimal("3"), "working_days")


def test_same_day_procedure_has_no_value():
    procedure = make_procedure(
        legal_time_value=None,
        legal_time_unit="same_day",
        processes=[
            {"steps": [step("Tiếp nhận và chứng thực", "4", role="one_stop_officer", actor_kind="one_stop_unit")]}
        ],
    )
    assert selectors.effective_time(procedure.versions.get()) == (None, "same_day")


def test_process_for_prefers_the_agencys_own_process():
    agency, other = AgencyFactory(), AgencyFactory()
    procedure = make_procedure(
        processes=[
            {"steps": [step("Mặc định", "8")]},
            {"implementing_agency": agency.identifier_code, "steps": [step("Riêng", "8")]},
        ]
    )
    version = procedure.versions.get()
    assert selectors.process_for(version, agency).steps.get().name == "Riêng"
    assert selectors.process_for(version, other).steps.get().name == "Mặc định"
    for who in (agency, other, None):  # the steps an acceptance copies are those of the same process
        steps = selectors.process_for(version, who).steps.all()
        template = selectors.process_template(version.pk, who.pk if who else None)
        assert [(t.order, t.name, t.agency_id) for t in template] == [(s.order, s.name, s.agency_id) for s in steps]


def test_steps_must_fit_in_the_reduced_time_when_there_is_one():
    with pytest.raises(CatalogueValidationError):
        make_procedure(reduced_time_value="2", reduced_time_unit="working_days")  # 24h of steps > 16h


def test_steps_longer_than_the_procedure_time_are_refused():
    with pytest.raises(CatalogueValidationError) as error:
        make_procedure(processes=[{"steps": [step("Thẩm định", "20"), step("Ký", "8")]}])  # 28h > 24h
    assert "vượt thời hạn" in error.value.fields["version.processes[1].steps"][0]


def test_parallel_consultations_count_once_as_their_longest_step():
    steps = [
        step("Tiếp nhận", "4"),
        step("Xin ý kiến Sở A", "16", parallel_group="A", is_interagency=True),
        step("Xin ý kiến Sở B", "12", parallel_group="A", is_interagency=True),
        step("Ký", "4"),
    ]
    assert (
        services.process_duration_hours(
            clean_version(version_data(processes=[{"steps": steps}]))[0]["processes"][0]["steps"]
        )
        == 24
    )
    make_procedure(processes=[{"steps": steps}])  # 4 + 16 + 4 = 24h fits 3 working days


def test_every_problem_is_reported_at_once_in_vietnamese():
    with pytest.raises(CatalogueValidationError) as error:
        make_procedure(
            legal_time_unit="weeks",
            levels=[],
            channels=["fax"],
            fees=[{"name": "", "amount_vnd": "abc"}],
            competent_agencies=["KHONG.CO"],
        )
    fields = error.value.fields
    assert {
        "version.legal_time_unit",
        "version.levels",
        "version.channels",
        "version.fees[1].name",
        "version.fees[1].amount_vnd",
    } <= set(fields)


def test_unknown_agency_codes_are_reported():
    with pytest.raises(CatalogueValidationError) as error:
        make_procedure(competent_agencies=["H99.999"])
    assert "H99.999" in error.value.fields["version.competent_agencies"][0]


def test_code_is_validated_and_unique():
    make_procedure(code="1.001193")
    with pytest.raises(CatalogueValidationError):
        make_procedure(code="1.001193")
    with pytest.raises(CatalogueValidationError):
        make_procedure(code="4.12")


def test_archive_closes_the_version_and_blocks_new_versions():
    procedure = make_procedure()
    services.archive_procedure(procedure, actor=None, on=date(2026, 9, 30))
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.ARCHIVED
    assert procedure.versions.get().effective_until == date(2026, 9, 30)
    with pytest.raises(Conflict):
        services.change_procedure(procedure, actor=None, version=version_data(effective_from="2026-10-01"))
