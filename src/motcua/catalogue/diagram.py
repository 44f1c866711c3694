"""The internal process drawn as an SVG, server-side, for the admin and the public procedure page,
and the same process as stages of a vertical list for narrow screens.

Steps run top to bottom; consecutive steps of the same parallel group (consultations) are drawn
side by side on one row. Liên thông steps are drawn with a dashed border. Pure function of the
steps: no JavaScript, no external assets, text escaped. A 640-unit-wide drawing scaled to a phone
leaves 7-pixel letters, so phones get ``process_stages`` (a list in the page's own font) instead.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol
from xml.sax.saxutils import escape

WIDTH = 640
MARGIN = 16
GAP = 12
ROW_GAP = 28
LINE = 16
CHARS_FULL_WIDTH = 70


class StepLike(Protocol):
    order: int
    name: str
    duration_value: Decimal
    duration_unit: str
    parallel_group: str
    is_interagency: bool

    def get_actor_kind_display(self) -> str: ...


def _duration(step: StepLike) -> str:
    value = step.duration_value
    if not value:
        return "không tính thời gian"
    number = format(value.normalize(), "f").replace(".", ",")
    return f"{number} {'giờ' if step.duration_unit == 'working_hours' else 'ngày'} làm việc"


def rows_of(steps: Iterable[StepLike]) -> list[list[StepLike]]:
    """Group consecutive steps sharing a non-empty parallel group into one row."""
    rows: list[list[StepLike]] = []
    for step in steps:
        if step.parallel_group and rows and rows[-1][0].parallel_group == step.parallel_group:
            rows[-1].append(step)
        else:
            rows.append([step])
    return rows


@dataclass(frozen=True)
class StageStep:
    number: int
    name: str
    actor: str
    duration: str
    interagency: bool


@dataclass(frozen=True)
class Stage:
    """One row of the diagram: a single step, or steps that run at the same time."""

    steps: list[StageStep]

    @property
    def parallel(self) -> bool:
        return len(self.steps) > 1


def process_stages(steps: Iterable[StepLike]) -> list[Stage]:
    """The rows of the diagram as plain data, for the list shown on narrow screens."""
    return [
        Stage([StageStep(s.order, s.name, s.get_actor_kind_display(), _duration(s), s.is_interagency) for s in row])
        for row in rows_of(steps)
    ]


def _box(step: StepLike, x: float, y: float, width: float, chars: int) -> tuple[str, float]:
    lines = textwrap.wrap(f"{step.order}. {step.name}", chars)[:6] or [""]
    meta = f"{step.get_actor_kind_display()} · {_duration(step)}"
    meta_lines = textwrap.wrap(meta, chars)[:2]
    height = LINE * (len(lines) + len(meta_lines)) + 16
    dash = ' stroke-dasharray="6 4"' if step.is_interagency else ""
    parts = [
        f'<g class="step"><rect x="{x:.0f}" y="{y:.0f}" width="{width:.0f}" height="{height:.0f}" rx="6" '
        f'fill="#f4f8fc" stroke="#1f5c99" stroke-width="1.5"{dash}/>'
    ]
    ty = y + 8 + LINE - 3
    for line in lines:
        parts.append(f'<text x="{x + 8:.0f}" y="{ty:.0f}" font-weight="600">{escape(line)}</text>')
        ty += LINE
    for line in meta_lines:
        parts.append(f'<text x="{x + 8:.0f}" y="{ty:.0f}" fill="#4a5561">{escape(line)}</text>')
        ty += LINE
    parts.append("</g>")
    return "".join(parts), height


def process_svg(steps: Sequence[StepLike], *, title: str = "Quy trình xử lý") -> str:
    """An accessible SVG (role="img", title) of the steps; empty string when there are none."""
    if not steps:
        return ""
    body: list[str] = []
    y = float(MARGIN)
    previous_bottom: float | None = None
    for row in rows_of(steps):
        count = len(row)
        width = (WIDTH - 2 * MARGIN - GAP * (count - 1)) / count
        chars = max(14, int(CHARS_FULL_WIDTH * width / (WIDTH - 2 * MARGIN)))
        if previous_bottom is not None:
            body.append(
                f'<line x1="{WIDTH / 2:.0f}" y1="{previous_bottom:.0f}" x2="{WIDTH / 2:.0f}" y2="{y - 2:.0f}" '
                'stroke="#1f5c99" stroke-width="1.5" marker-end="url(#arrow)"/>'
            )
        heights = []
        for index, step in enumerate(row):
            svg, height = _box(step, MARGIN + index * (width + GAP), y, width, chars)
            body.append(svg)
            heights.append(height)
        if count > 1:
            body.append(
                f'<text x="{WIDTH - MARGIN:.0f}" y="{y - 6:.0f}" text-anchor="end" fill="#4a5561">'
                "Các bước song song (xin ý kiến)</text>"
            )
        previous_bottom = y + max(heights)
        y = previous_bottom + ROW_GAP
    height = y - ROW_GAP + MARGIN
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="process-title" class="process-diagram" font-family="sans-serif" font-size="13">'
        f'<title id="process-title">{escape(title)}</title>'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1f5c99"/></marker></defs>'
        + "".join(body)
        + "</svg>"
    )
