"""The operations centre's pages: who sees what, the figures and their drill-downs, bad input."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import Role
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world, official
from motcua.dossiers.tests.helpers import receive
from motcua.operations.tests.conftest import varied_copies
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

QUARTER = {"period": "quarter", "year": "2026", "quarter": "1"}


@pytest.fixture
def data(db: Any) -> Iterator[Any]:
    """The dossier engine's world (centre, department, commune) with 120 dossiers over four months."""
    with time_machine.travel(MONDAY_9AM, tick=False):
        world = build_world()
        varied_copies(receive(world), 120, agencies=[world.department, world.commune])
        yield world


def signed_in(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_the_service_centre_sees_the_province_and_every_number_drills_down(client: Client, data: Any) -> None:
    page = signed_in(client, data.officer).get(reverse("backoffice:operations"), QUARTER)
    assert page.status_code == 200
    board = page.context["board"]
    assert board.scope.province and board.counts["received"] > 0
    html = page.content.decode()
    assert "Trung tâm điều hành" in html and "chart.umd.min.js" in html
    for key in ("received", "resolved_late", "in_progress_overdue", "paid_online"):
        listed = client.get(reverse("backoffice:operations_dossiers"), {**QUARTER, "figure": key})
        assert listed.status_code == 200
        assert listed.context["page"].paginator.count == board.counts[key], key
    from io import BytesIO

    from openpyxl import load_workbook

    exported = client.get(reverse("backoffice:operations_dossiers"), {**QUARTER, "figure": "received", "xlsx": "1"})
    rows = list(load_workbook(BytesIO(exported.content)).active.iter_rows(min_row=3, values_only=True))
    assert len(rows) == board.counts["received"]


def test_an_agency_leader_sees_the_agency_only(client: Client, data: Any) -> None:
    page = signed_in(client, data.leader).get(reverse("backoffice:operations"), QUARTER)
    assert page.status_code == 200
    assert page.context["board"].scope.agency_ids == frozenset({data.department.pk})
    assert {r["key"] for r in page.context["board"].rows} <= {data.department.pk}
    # Another agency as a filter: refused, not silently widened.
    other = client.get(reverse("backoffice:operations"), {**QUARTER, "agency": data.commune.pk})
    assert other.status_code == 403
    listed = client.get(reverse("backoffice:operations_dossiers"), {**QUARTER, "figure": "received"})
    codes = {d.competent_agency_id for d in listed.context["page"].object_list}
    assert codes <= {data.department.pk}


def test_a_commune_chairman_sees_the_commune(client: Client, data: Any) -> None:
    chairman = official(data.commune, Role.LEADER, "chutichxa")
    page = signed_in(client, chairman).get(reverse("backoffice:operations"), QUARTER)
    assert page.status_code == 200
    scope = page.context["board"].scope
    assert data.commune.pk in scope.agency_ids and data.department.pk not in scope.agency_ids


def test_the_province_leader_sees_the_province(client: Client, data: Any) -> None:
    committee = AgencyFactory(name="UBND tỉnh", kind="peoples_committee", level="province")
    chairman = official(committee, Role.LEADER, "chutichtinh")
    page = signed_in(client, chairman).get(reverse("backoffice:operations"), {**QUARTER, "wall": "1"})
    assert page.status_code == 200 and page.context["board"].scope.province
    assert b'http-equiv="refresh"' in page.content


@pytest.mark.parametrize("who", ["specialist", "stranger"])
def test_roles_without_a_scope_are_refused(client: Client, data: Any, who: str) -> None:
    user = getattr(data, who)
    for name in ("operations", "operations_index", "operations_dossiers"):
        response = signed_in(client, user).get(reverse(f"backoffice:{name}"), {**QUARTER, "figure": "received"})
        assert response.status_code == 403, name


@pytest.mark.parametrize(
    "params",
    [
        {"period": "week"},
        {"period": "month", "month": "13"},
        {"agency": "abc"},
        {"level": "galaxy"},
        {"channel": "pigeon"},
        {"by": "colour"},
        {"period": "custom", "from": "x", "to": "y"},
    ],
)
def test_bad_input_is_a_400_not_a_500(client: Client, data: Any, params: dict[str, str]) -> None:
    assert signed_in(client, data.officer).get(reverse("backoffice:operations"), params).status_code == 400


def test_unknown_figure_is_a_400(client: Client, data: Any) -> None:
    response = signed_in(client, data.officer).get(reverse("backoffice:operations_dossiers"), {"figure": "nope"})
    assert response.status_code == 400


@pytest.mark.parametrize("by", ["agency", "level", "sector", "procedure", "channel"])
def test_breakdowns_link_one_level_down(client: Client, data: Any, by: str) -> None:
    page = signed_in(client, data.officer).get(reverse("backoffice:operations"), {**QUARTER, "by": by})
    assert page.status_code == 200
    rows = page.context["rows"]
    assert rows and all("query" in r for r in rows)
    narrowed = client.get(reverse("backoffice:operations") + "?" + rows[0]["query"])
    assert narrowed.status_code == 200
    assert narrowed.context["board"].counts["received"] == rows[0]["received"]


def test_the_766_page_shows_formulas_national_data_and_lost_points(client: Client, data: Any) -> None:
    page = signed_in(client, data.officer).get(reverse("backoffice:operations_index"), QUARTER)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hệ thống quốc gia nắm giữ" in html and "Chưa có dữ liệu" in html
    assert "figure=late_or_overdue" in html


def test_query_count_does_not_grow_with_dossiers(client: Client, data: Any, django_assert_max_num_queries: Any) -> None:
    signed_in(client, data.officer)
    with django_assert_max_num_queries(40) as first:
        client.get(reverse("backoffice:operations"), QUARTER)
    varied_copies(receive(data), 200, agencies=[data.department], seed=9)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("backoffice:operations"), QUARTER)


@pytest.mark.parametrize(("moved", "text"), [(None, "—"), (2, "▲ lên 2 bậc"), (-3, "▼ xuống 3 bậc"), (0, "giữ hạng")])
def test_movement_reads_both_ways(moved: int | None, text: str) -> None:
    from django.template.loader import render_to_string

    assert text in render_to_string("backoffice/_ops_move.html", {"moved": moved})


def test_every_label_of_the_operations_centre_has_its_english() -> None:
    from django.utils import translation

    from motcua.backoffice.operations_vocabulary import OPERATIONS_LABELS
    from motcua.operations import evaluation, figures, index766, selectors
    from motcua.operations.tests.test_evaluation import BASE as EVALUATION_COUNTS

    shown = {f.label for f in figures.FIGURES} | {v[0] for v in selectors.DIMENSIONS.values()}
    shown |= {g.name for g in index766.GROUPS} | {b[1] for b in index766.BANDS}
    shown |= {s.name for s in index766.SUB_INDICATORS} | {s.formula for s in index766.SUB_INDICATORS}
    evaluated = evaluation.score(dict.fromkeys(EVALUATION_COUNTS, 1), feedback_handled=None, feedback_on_time=None)
    shown |= {i.title for i in evaluated.indicators} | {i.rule for i in evaluated.indicators}
    shown |= {i.basis for i in evaluation.NOT_RECORDED}
    assert shown <= set(OPERATIONS_LABELS)
    with translation.override("en"):
        untranslated = [label for label in OPERATIONS_LABELS if translation.gettext(label) == label]
    assert untranslated == []


def test_the_page_reads_in_english(client: Client, data: Any) -> None:
    signed_in(client, data.officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/can-bo/dieu-hanh/"})
    html = client.get(reverse("backoffice:operations"), QUARTER).content.decode()
    assert "Operations centre" in html and "Dossiers received" in html and "Resolved late" in html
    assert "Trung tâm điều hành" not in html
    html = client.get(reverse("backoffice:operations_index"), QUARTER).content.decode()
    assert "Held by the national systems" in html and "Timeliness and results" in html


def test_the_tables_export_to_xlsx_with_the_page_numbers(client: Client, data: Any) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    signed_in(client, data.officer)
    page = client.get(reverse("backoffice:operations"), QUARTER)
    response = client.get(reverse("backoffice:operations_export"), QUARTER)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames[:3] == ["Thông tin", "Chỉ tiêu", "Tỷ lệ"]
    counters = {row[0]: row[1] for row in book["Chỉ tiêu"].iter_rows(min_row=2, values_only=True)}
    assert counters["Hồ sơ tiếp nhận"] == page.context["board"].counts["received"]
    assert counters["Giải quyết quá hạn"] == page.context["board"].counts["resolved_late"]
    assert "Xếp hạng cấp tỉnh" in book.sheetnames
    assert {"Chỉ số 766", "Đánh giá của người dân", "Đánh giá TT 01-2018"} <= set(book.sheetnames)
    index = list(book["Chỉ số 766"].iter_rows(min_row=2, values_only=True))
    assert len(index) == sum(len(g.subs) for g in page.context["board"].index.groups)
    assert "Điểm nghẽn" not in book.sheetnames  # a procedure's steps only once a procedure is chosen
    procedure = {**QUARTER, "procedure": data.procedure.code}
    narrowed = load_workbook(BytesIO(client.get(reverse("backoffice:operations_export"), procedure).content))
    assert {"Điểm nghẽn", "Thời gian từng bước"} <= set(narrowed.sheetnames)


def test_the_page_names_the_steps_where_dossiers_got_late(client: Client, data: Any) -> None:
    from motcua.dossiers.models import DossierStep
    from motcua.dossiers.tests.helpers import to_resolved

    with time_machine.travel(MONDAY_9AM, tick=False):
        dossier = to_resolved(data)
    DossierStep.objects.filter(dossier=dossier, order=2).update(timing="late")
    assert signed_in(client, data.officer).get(reverse("backoffice:operations"), QUARTER).context["steps"] is None
    page = client.get(reverse("backoffice:operations"), {**QUARTER, "procedure": data.procedure.code})
    steps = page.context["steps"]
    assert [(s["order"], s["late"]) for s in steps] == [(2, 1)]
    assert "figure=resolved_late" in page.content.decode()
    timed = {t.order: t for t in page.context["step_times"]}
    assert timed[2].late == 1 and timed[2].finished == 1 and "Thời gian từng bước" in page.content.decode()
    # The step's late count drills down to the dossiers late at that step.
    step = {**QUARTER, "procedure": data.procedure.code, "step": "2", "figure": "resolved_late"}
    listed = client.get(reverse("backoffice:operations_dossiers"), step)
    assert listed.status_code == 200
    assert [d.pk for d in listed.context["page"].object_list] == [dossier.pk]
    assert "Trễ hạn tại bước 2" in listed.content.decode()
    for bad in ({**step, "step": "x"}, {**step, "procedure": ""}):
        assert client.get(reverse("backoffice:operations_dossiers"), bad).status_code == 400


def test_the_periodic_report_downloads_as_a_spreadsheet_and_a_pdf(client: Client, data: Any) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    from motcua.operations.report import KEYS

    signed_in(client, data.officer)
    page = client.get(reverse("backoffice:operations"), QUARTER)
    assert reverse("backoffice:operations_report_pdf") in page.content.decode()
    sheet = client.get(reverse("backoffice:operations_report_xlsx"), QUARTER)
    assert sheet.status_code == 200
    assert 'filename="bao-cao-giai-quyet-tthc-20260101-20260331.xlsx"' in sheet["Content-Disposition"]
    rows = list(load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == data.centre.name.upper()  # issued under the heading of the officer's agency
    total = dict(zip(KEYS, rows[-1][2:], strict=True))
    assert total["taken"] == total["resolved"] + total["closed"] + total["pending"]
    pdf = client.get(reverse("backoffice:operations_report_pdf"), QUARTER)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Bad input is refused with the reason, not a 500.
    assert (
        client.get(reverse("backoffice:operations_report_pdf"), {"period": "month", "month": "13"}).status_code == 400
    )


def test_the_evaluation_page_scores_nine_indicators(client: Client, data: Any) -> None:
    page = signed_in(client, data.officer).get(reverse("backoffice:operations_evaluation"), QUARTER)
    assert page.status_code == 200
    evaluation = page.context["evaluation"]
    assert [i.number for i in evaluation.indicators] == list(range(1, 10))
    html = page.content.decode()
    assert "Thông tư 01/2018/TT-VPCP" in html and "Không tính" in html
    assert client.get(reverse("backoffice:operations_evaluation"), {"period": "decade"}).status_code == 400
    assert signed_in(client, data.specialist).get(reverse("backoffice:operations_evaluation")).status_code == 403
