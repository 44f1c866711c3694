"""The process as stages for narrow screens: the same rows as the drawing, in plain text."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from motcua.catalogue.diagram import process_stages, process_svg


@dataclass
class FakeStep:
    order: int
    name: str
    duration_value: Decimal
    duration_unit: str = "working_hours"
    parallel_group: str = ""
    is_interagency: bool = False

    def get_actor_kind_display(self) -> str:
        return "Phòng chuyên môn"


STEPS = [
    FakeStep(1, "Tiếp nhận", Decimal("2")),
    FakeStep(2, "Xin ý kiến Công an", Decimal("6"), parallel_group="A", is_interagency=True),
    FakeStep(3, "Thẩm định", Decimal("1.5"), duration_unit="working_days", parallel_group="A"),
    FakeStep(4, "Trả kết quả", Decimal("0")),
]


def test_parallel_steps_share_a_stage_and_the_others_stand_alone() -> None:
    stages = process_stages(STEPS)
    assert [[s.number for s in stage.steps] for stage in stages] == [[1], [2, 3], [4]]
    assert [stage.parallel for stage in stages] == [False, True, False]


def test_each_step_says_who_acts_and_for_how_long() -> None:
    steps = [s for stage in process_stages(STEPS) for s in stage.steps]
    assert [s.duration for s in steps] == [
        "2 giờ làm việc",
        "6 giờ làm việc",
        "1,5 ngày làm việc",
        "không tính thời gian",
    ]
    assert steps[1].interagency and not steps[2].interagency
    assert {s.actor for s in steps} == {"Phòng chuyên môn"}


def test_the_stages_match_the_rows_of_the_drawing() -> None:
    svg = process_svg(STEPS)
    assert svg.count('<g class="step">') == sum(len(stage.steps) for stage in process_stages(STEPS))
    assert process_stages([]) == [] and process_svg([]) == ""
