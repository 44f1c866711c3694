import io

import pytest

from motcua.catalogue import demo, selectors
from motcua.catalogue.models import InternalProcess, Procedure
from motcua.catalogue.search import search_procedures
from motcua.catalogue.services import process_duration_hours
from motcua.catalogue.tests.sample import needs_sample

pytestmark = [pytest.mark.django_db, needs_sample]


@pytest.fixture
def demo_catalogue():
    from motcua.organisations import demo as organisations_demo

    organisations_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    return out.getvalue()


def test_demo_loads_forty_real_procedures_each_with_a_process(demo_catalogue):
    assert Procedure.objects.count() >= 40
    assert InternalProcess.objects.count() == Procedure.objects.count()
    for procedure in Procedure.objects.all():
        version = procedure.versions.get()
        assert version.components.exists(), procedure.code
        assert version.levels, procedure.code
        assert selectors.process_for(version, None) is not None


def test_demo_attaches_demo_province_agencies(demo_catalogue):
    birth = selectors.get_procedure_by_code("1.001193").versions.get()
    assert {a.identifier_code for a in birth.competent_agencies.all()} == set(demo.COMMUNE_AGENCIES)
    assert birth.name if hasattr(birth, "name") else True


def test_published_process_is_kept_with_its_durations(demo_catalogue):
    version = selectors.get_procedure_by_code("1.012994").versions.get()  # 168 working hours, 7 published steps
    process = selectors.process_for(version, None)
    assert not process.is_illustrative
    hours = [s.duration_value for s in process.steps.all()]
    assert hours[:3] == [4, 4, 112]


def test_every_demo_process_fits_its_time(demo_catalogue):
    for version in selectors.ProcedureVersion.objects.all():
        value, unit = selectors.effective_time(version)
        limit = 8 if unit == "same_day" else value * (1 if unit == "working_hours" else 8)
        process = selectors.process_for(version, None)
        steps = [
            {"duration_value": s.duration_value, "duration_unit": s.duration_unit, "parallel_group": s.parallel_group}
            for s in process.steps.all()
        ]
        assert process_duration_hours(steps) <= limit, version


def test_demo_is_idempotent_and_searchable(demo_catalogue):
    assert "Thêm mới" in demo_catalogue
    out = io.StringIO()
    demo.load(out)
    assert "Thêm mới 0 thủ tục, tạo phiên bản mới cho 0" in out.getvalue()
    assert search_procedures("dang ky khai sinh")[0].code == "1.001193"
    assert search_procedures("chung thuc ban sao")[0].code == "2.000815"


def test_demo_residence_registration_charges_each_channel_its_own_rate(demo_catalogue):
    version = selectors.get_procedure_by_code("1.004222").versions.get()
    assert [(line.name, line.amount_vnd) for line in selectors.fees_due_for(version.pk, "online")] == [
        ("Lệ phí đăng ký cư trú - nộp trực tuyến", 10_000)
    ]
    assert [line.amount_vnd for line in selectors.fees_due_for(version.pk, "counter")] == [20_000]
    business = selectors.get_procedure_by_code("2.001583").versions.get()  # free online (Circular 47/2019)
    assert [line.amount_vnd for line in selectors.fees_due_for(business.pk, "online")] == [0]


def test_demo_components_needed_only_in_a_stated_case_are_conditional(demo_catalogue):
    birth = selectors.get_procedure_by_code("1.001193").versions.get()
    by_name = {c.name: c for c in birth.components.all()}
    abandoned = by_name["Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập"]
    assert (abandoned.requirement, abandoned.condition) == ("conditional", "Chỉ khi khai sinh cho trẻ bị bỏ rơi")
    online_form = next(c for name, c in by_name.items() if name.startswith("Mẫu hộ tịch điện tử"))
    assert (online_form.requirement, online_form.condition) == ("conditional", "Khi nộp trực tuyến")
    assert by_name[next(n for n in by_name if n.startswith("Giấy chứng sinh"))].requirement == "always"
    copy = selectors.get_procedure_by_code("2.000908").versions.get()
    assert [c.requirement for c in copy.components.order_by("order")] == ["always", "optional"]
