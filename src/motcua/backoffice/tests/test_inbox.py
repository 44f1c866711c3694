"""Inboxes: tabs and counts per role, search without diacritics, filters, sorting, paging, query counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.tests.helpers import applicant_data, receive

pytestmark = pytest.mark.django_db
INBOX = reverse("backoffice:inbox")


def _tab_count(html: str, label: str) -> str:
    marker = f'{label} <span class="count">'
    count_start = html.index(marker) + len(marker)
    return html[count_start : html.index("</span>", count_start)]


def test_one_stop_officer_sees_dossiers_waiting_for_reception(client: Client, world: Any) -> None:
    waiting = receive(world, decision="register")
    receive(world, applicant=applicant_data(id_number="038190000124", full_name="Trần Văn Bình"))
    client.force_login(world.officer)
    html = client.get(INBOX).content.decode()
    assert _tab_count(html, "Chờ tiếp nhận") == "1"
    assert _tab_count(html, "Chờ trả kết quả") == "0"
    assert waiting.code in html
    assert "Chờ phân công" not in html  # a head's inbox, not the officer's


def test_each_role_finds_the_dossier_in_its_own_inbox(client: Client, world: Any) -> None:
    dossier = receive(world)
    client.force_login(world.head)
    html = client.get(INBOX + "?tab=to_assign").content.decode()
    assert _tab_count(html, "Chờ phân công") == "1" and dossier.code in html

    dossier = services.assign(dossier, actor=world.head, handler=world.specialist)
    client.force_login(world.specialist)
    html = client.get(INBOX + "?tab=to_process").content.decode()
    assert _tab_count(html, "Chờ xử lý") == "1" and dossier.code in html
    client.force_login(world.specialist2)  # assigned to a colleague: not in this inbox
    assert _tab_count(client.get(INBOX).content.decode(), "Chờ xử lý") == "0"

    services.forward(dossier, actor=world.specialist)
    client.force_login(world.leader)
    html = client.get(INBOX + "?tab=to_approve").content.decode()
    assert _tab_count(html, "Chờ phê duyệt") == "1" and dossier.code in html


def test_due_soon_and_overdue(client: Client, world: Any, frozen: Any) -> None:
    dossier = receive(world)  # due Thursday 09:00 (3 working days)
    client.force_login(world.officer)
    html = client.get(INBOX + "?tab=due_soon").content.decode()
    assert _tab_count(html, "Sắp đến hạn (1 ngày làm việc)") == "0"
    frozen.shift(timedelta(days=2, hours=1))  # Wednesday 10:00: due within one working day
    client.force_login(world.officer)  # another day, another sign-in: an idle session ends in 30 minutes
    html = client.get(INBOX + "?tab=due_soon").content.decode()
    assert _tab_count(html, "Sắp đến hạn (1 ngày làm việc)") == "1" and dossier.code in html
    frozen.shift(timedelta(days=1))  # Thursday 10:00: past due
    client.force_login(world.officer)
    html = client.get(INBOX + "?tab=overdue").content.decode()
    assert _tab_count(html, "Quá hạn") == "1"
    assert 'class="state state-late">Quá hạn' in html


@pytest.mark.parametrize(
    "query",
    ["nguyen thi hong nhung", "NGUYỄN THỊ HỒNG", "hong nhung", "038190000123", "0912345678", "H56-260302-0001"],
)
def test_search_by_code_name_without_diacritics_id_or_phone(client: Client, world: Any, query: str) -> None:
    found = receive(world)
    other = receive(
        world, applicant=applicant_data(id_number="001099000777", full_name="Đặng Văn Đức", phone="0987000111")
    )
    client.force_login(world.officer)
    html = client.get(INBOX, {"tab": "all", "q": query}).content.decode()
    assert found.code in html
    assert other.code not in html


def test_filters_by_channel_status_and_received_dates(client: Client, world: Any, frozen: Any) -> None:
    counter = receive(world)
    postal = receive(world, channel="postal", postal_shipment_number="EMS123", applicant=counter.applicant)
    frozen.shift(timedelta(days=1))
    tuesday = receive(world, applicant=counter.applicant, decision="register")
    client.force_login(world.officer)

    html = client.get(INBOX, {"tab": "all", "channel": "postal"}).content.decode()
    assert postal.code in html and counter.code not in html
    html = client.get(INBOX, {"tab": "all", "status": "1"}).content.decode()
    assert tuesday.code in html and counter.code not in html
    html = client.get(INBOX, {"tab": "all", "received_from": "2026-03-03"}).content.decode()
    assert tuesday.code in html and postal.code not in html
    html = client.get(INBOX, {"tab": "all", "received_to": "02/03/2026"}).content.decode()
    assert tuesday.code not in html and postal.code in html


def test_bad_filter_values_are_explained_not_crashing(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    response = client.get(INBOX, {"tab": "nonsense", "status": "99", "received_from": "31/02/2026", "sort": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trạng thái không hợp lệ." in html
    assert "Ngày không hợp lệ (dd/mm/yyyy)." in html


def test_sorted_by_due_moment_and_paged(client: Client, world: Any, frozen: Any) -> None:
    codes = []
    for _ in range(27):
        codes.append(receive(world, applicant=applicant_data()).code)
        frozen.shift(timedelta(minutes=10))
    client.force_login(world.officer)
    html = client.get(INBOX, {"tab": "all"}).content.decode()
    assert "27 hồ sơ · trang 1/2" in html
    assert html.index(codes[0]) < html.index(codes[1])
    assert codes[26] not in html
    html = client.get(INBOX, {"tab": "all", "sort": "-due", "page": "1"}).content.decode()
    assert codes[26] in html and codes[0] not in html
    html = client.get(INBOX, {"tab": "all", "page": "2"}).content.decode()
    assert codes[26] in html and 'rel="prev"' in html


def test_htmx_request_gets_only_the_table(client: Client, world: Any) -> None:
    receive(world)
    client.force_login(world.officer)
    html = client.get(INBOX, {"tab": "all"}, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div class="table-scroll"')  # the table inside its scrolling region
    assert "<table" in html and "<html" not in html
    html = client.get(
        INBOX, {"tab": "all", "received_from": "hôm qua"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "Ngày không hợp lệ (dd/mm/yyyy)." in html  # errors travel with the table


def test_inbox_query_count_does_not_grow_with_dossiers(
    client: Client, world: Any, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        receive(world, applicant=applicant_data())
    client.force_login(world.officer)
    client.get(INBOX)  # the first page stores the acting membership in the session (one more write)
    # session, user, memberships, calendar overrides (for "due within 1 working day"), one capped
    # count per tab of the role (5 for the one-stop officer), page count, page rows, sectors, procedures
    with django_assert_num_queries(13):
        client.get(INBOX, {"tab": "all"})
    for _ in range(5):
        receive(world, applicant=applicant_data())
    with django_assert_num_queries(13):
        response = client.get(INBOX, {"tab": "all"})
    assert "8 hồ sơ" in response.content.decode()


def test_step_boxes_sort_by_the_step_due_moment(client: Client, world: Any, frozen: Any) -> None:
    from motcua.dossiers.tests.helpers import to_processing

    early = to_processing(world)
    frozen.shift(timedelta(hours=2))
    late = to_processing(world, applicant=applicant_data(id_number="001099000555"))
    client.force_login(world.specialist)
    html = client.get(INBOX, {"tab": "to_process"}).content.decode()
    assert html.index(early.code) < html.index(late.code)
    assert "Hạn bước</th>" in html
    html = client.get(INBOX, {"tab": "to_process", "sort": "-due"}).content.decode()
    assert html.index(late.code) < html.index(early.code)


def test_closed_dossiers_are_listed_under_all_but_counted_nowhere(client: Client, world: Any) -> None:
    refused = receive(world, decision="refuse", reason="Không thuộc thẩm quyền")
    client.force_login(world.officer)
    html = client.get(INBOX, {"tab": "all"}).content.decode()
    assert refused.code in html
    assert "Tất cả</a>" in html  # no count: "all" is not a to-do list
    for label in ("Chờ tiếp nhận", "Chờ trả kết quả", "Quá hạn"):
        assert _tab_count(html, label) == "0"


def test_counting_stops_at_the_cap(client: Client, world: Any, monkeypatch: Any) -> None:
    from motcua.backoffice.views import inbox as inbox_view

    monkeypatch.setattr(inbox_view, "COUNT_CAP", 2)
    for _ in range(4):
        receive(world, applicant=applicant_data())
    client.force_login(world.officer)
    html = client.get(INBOX, {"tab": "all"}).content.decode()
    assert "Hơn 2 hồ sơ (hãy lọc thêm) · trang 1" in html


def test_a_division_head_assigns_the_parent_department_s_dossiers(client: Client, world: Any) -> None:
    """Processes name the department; its division's officials work on its dossiers from their own seat."""
    from motcua.dossiers.tests.conftest import official
    from motcua.organisations.models import AgencyKind
    from motcua.organisations.tests.factories import AgencyFactory

    division = AgencyFactory(name="Phòng Hành chính tư pháp", kind=AgencyKind.DIVISION, parent=world.department)
    head = official(division, "head_of_division", "truongphong.hctp")
    dossier = receive(world)
    client.force_login(head)
    html = client.get(INBOX).content.decode()
    assert _tab_count(html, "Chờ phân công") == "1" and dossier.code in html
    assert client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).status_code == 200


def test_name_search_reads_the_folded_name_on_the_dossier(client: Client, world: Any) -> None:
    dossier = receive(world, applicant=applicant_data(id_number="038190000777", full_name="Đặng Thị Ánh Tuyết"))
    assert dossier.applicant_name_folded == "dang thi anh tuyet"
    client.force_login(world.officer)
    html = client.get(INBOX, {"tab": "all", "q": "anh tuyet"}).content.decode()
    assert dossier.code in html


def test_a_tab_past_the_cap_reads_more_than(client: Client, world: Any, monkeypatch: Any) -> None:
    from motcua.backoffice.views import inbox as inbox_view
    from motcua.dossiers.selectors import inboxes as selectors_inbox

    monkeypatch.setattr(selectors_inbox, "COUNT_CAP", 2)
    monkeypatch.setattr(inbox_view, "COUNT_CAP", 2)
    for number in range(3):
        receive(world, decision="register", applicant=applicant_data(id_number=f"03819000{number:04d}"))
    client.force_login(world.officer)
    html = client.get(INBOX, {"tab": "to_receive"}).content.decode()
    assert '<span class="count">2+</span>' in html
    assert "Hơn 2 hồ sơ" in html
