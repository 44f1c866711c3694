"""Conditional components: read from the published wording, imported and exported with their case."""

from __future__ import annotations

import pytest

from motcua.catalogue.data import clean_version, dump_version
from motcua.catalogue.requirements import requirement_from_text
from motcua.catalogue.tests.factories import make_procedure, version_data

CASES = [
    ("Tờ khai đăng ký khai sinh", "bản chính", ("always", "")),
    (
        "Biên bản về việc trẻ bị bỏ rơi",
        "chỉ khi khai sinh cho trẻ bị bỏ rơi",
        ("conditional", "Chỉ khi khai sinh cho trẻ bị bỏ rơi"),
    ),
    (
        "Tờ khai theo mẫu (khi nộp trực tiếp hoặc qua bưu chính)",
        "bản chính",
        ("conditional", "Khi nộp trực tiếp hoặc qua bưu chính"),
    ),
    (
        "Danh sách đối tượng",
        "đối với cơ quan, tổ chức quản lý đối tượng",
        ("conditional", "Đối với cơ quan, tổ chức quản lý đối tượng"),
    ),
    (
        "Văn bản xác định thành viên",
        "Trường hợp hộ gia đình đang sử dụng đất",
        ("conditional", "Trường hợp hộ gia đình đang sử dụng đất"),
    ),
    ("Giấy tờ xử phạt", "nếu có vi phạm", ("conditional", "Nếu có vi phạm")),
    (
        "Bản sao căn cước",
        "bản sao; không yêu cầu nếu khai thác được CSDL",
        ("conditional", "Không yêu cầu nếu khai thác được CSDL"),
    ),
    ("Mảnh trích đo bản đồ địa chính", "nếu có", ("optional", "")),
    ("Giấy tờ chứng minh quan hệ (nếu có)", "", ("optional", "")),
    # An exemption inside a clause, or "khi" in the middle of one, is not a case of the component.
    ("Giấy chứng sinh", "bản chính; không phải nộp bản giấy nếu đã có dữ liệu điện tử", ("always", "")),
    ("Tờ khai đăng ký kết hôn", "hai bên nam, nữ cùng có mặt khi đăng ký", ("always", "")),
]


@pytest.mark.parametrize(("name", "note", "expected"), CASES)
def test_requirement_is_read_from_the_published_wording(name, note, expected):
    assert requirement_from_text(name, note) == expected


def _components(*rows):
    data, problems = clean_version(version_data(components=list(rows)))
    return data["components"], [p.message for p in problems]


def test_import_keeps_a_stated_requirement_maps_the_old_yes_no_and_reads_the_rest():
    components, problems = _components(
        {"name": "Văn bản ủy quyền", "requirement": "conditional", "condition": "Khi ủy quyền"},
        {"name": "Ảnh 4x6", "mandatory": False},
        {"name": "Tờ khai", "mandatory": True},
        {"name": "Biên bản", "note": "chỉ khi trẻ bị bỏ rơi"},
        {"name": "Bản sao", "requirement": "optional", "condition": "thừa"},
    )
    assert not problems
    assert [(c["requirement"], c["condition"]) for c in components] == [
        ("conditional", "Khi ủy quyền"),
        ("optional", ""),
        ("always", ""),
        ("conditional", "Chỉ khi trẻ bị bỏ rơi"),
        ("optional", ""),
    ]


def test_a_conditional_component_must_state_its_case():
    _, problems = _components({"name": "Văn bản ủy quyền", "requirement": "conditional"})
    assert problems == ["Nêu rõ trường hợp phải nộp thành phần này."]


@pytest.mark.django_db
def test_export_round_trips_the_requirement_and_its_case():
    procedure = make_procedure(
        components=[{"name": "Văn bản ủy quyền", "requirement": "conditional", "condition": "Khi ủy quyền"}]
    )
    dumped = dump_version(procedure.versions.get())["components"][0]
    assert (dumped["requirement"], dumped["condition"]) == ("conditional", "Khi ủy quyền")
    assert "mandatory" not in dumped
