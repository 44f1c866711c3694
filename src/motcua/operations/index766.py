"""The Decision 766/QĐ-TTg service-quality index, computed from the platform's own data.

Pure: ``score(figures)`` takes the counters of one unit and period (``selectors.figures``) and the
feedback figures (``feedback``), and returns every group and sub-indicator with its score, formula,
data and drill-down key. What only the national portal knows (publication on the national database,
synchronisation, the population database, electronic certified copies) is marked ``national`` and
scores nothing: it is shown as unknown, never guessed.

Maxima: the six groups the national portal shows (regulations.md §6 items 36–37); the sub-indicator
maxima and targets are reconstructed by public dashboards [S], kept in this one table so a confirmed
text changes one line. Conversion (common to every sub-indicator): ``max`` when the ratio reaches
the target, else ``ratio × max ÷ target``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from motcua.operations.rates import ratio

Counts = Mapping[str, int]
# A sub-indicator's data: (numerator, denominator) from the unit's counters, or None when not ours.
Source = Callable[[Counts], tuple[int, int]] | None

# Bands of the total (operations.md §4.1; the 80/70 thresholds are practice, not the decision text).
BANDS: tuple[tuple[int, str, str], ...] = (
    (90, "Xuất sắc", "#219653"),
    (80, "Tốt", "#5CC488"),
    (70, "Khá", "#EAC344"),
    (50, "Trung bình", "#F7942F"),
    (0, "Yếu", "#ED5050"),
)


@dataclass(frozen=True)
class SubIndicator:
    key: str
    group: str
    name: str
    max_points: Decimal
    target: Decimal
    formula: str
    source: Source = None
    feedback: str = ""  # a key of the feedback figures instead of our counters
    drill: str = ""  # the figure listing the dossiers that lose points


@dataclass(frozen=True)
class Group:
    key: str
    name: str
    max_points: Decimal


def _pair(num: str, den: str) -> Callable[[Counts], tuple[int, int]]:
    return lambda c: (c.get(num, 0), c.get(den, 0))


def _tdgq(c: Counts) -> tuple[int, int]:
    good = c.get("resolved_early", 0) + c.get("resolved_on_time", 0) + c.get("in_progress_within", 0)
    return good, c.get("resolved", 0) + c.get("in_progress", 0)


def _satisfaction(c: Counts) -> tuple[int, int]:
    """MDHL: 100 % − (late rate + dissatisfied rate), expressed as a ratio over 10 000."""
    late = ratio(c.get("resolved_late", 0), c.get("resolved", 0))
    unhappy = ratio(c.get("ratings_not_satisfied", 0), c.get("ratings", 0))
    if late is None and unhappy is None:
        return 0, 0
    value = max(0.0, 1 - (late or 0) - (unhappy or 0))
    return round(value * 10_000), 10_000


D = Decimal
GROUPS: tuple[Group, ...] = (
    Group("CKMB", "Công khai, minh bạch", D(18)),
    Group("TDGQ", "Tiến độ, kết quả giải quyết", D(20)),
    Group("DVCTT", "Cung cấp dịch vụ công trực tuyến", D(12)),
    Group("TTTT", "Thanh toán trực tuyến", D(10)),
    Group("MDSH", "Mức độ số hóa hồ sơ", D(22)),
    Group("MDHL", "Mức độ hài lòng", D(18)),
)
SUB_INDICATORS: tuple[SubIndicator, ...] = (
    SubIndicator(
        "ckmb_published", "CKMB", "TTHC được công bố, công khai đúng hạn", D(6), D(1), "Dữ liệu CSDL quốc gia"
    ),
    SubIndicator(
        "ckmb_updated", "CKMB", "TTHC cập nhật, công khai trên CSDL đúng hạn", D(4), D(1), "Dữ liệu CSDL quốc gia"
    ),
    SubIndicator("ckmb_components", "CKMB", "TTHC công khai đầy đủ thành phần", D(2), D(1), "Dữ liệu CSDL quốc gia"),
    SubIndicator("ckmb_synced", "CKMB", "Hồ sơ đồng bộ lên Cổng DVC quốc gia", D(6), D(1), "Dữ liệu Cổng DVC quốc gia"),
    SubIndicator(
        "tdgq_on_time",
        "TDGQ",
        "Hồ sơ giải quyết trước hạn, đúng hạn hoặc đang trong hạn",
        D(20),
        D(1),
        "(trước hạn + đúng hạn + đang xử lý trong hạn) ÷ (đã giải quyết + đang xử lý)",
        _tdgq,
        drill="late_or_overdue",
    ),
    SubIndicator(
        "dvctt_full_online",
        "DVCTT",
        "Hồ sơ nộp trực tuyến của TTHC cung cấp trực tuyến toàn trình",
        D(12),
        D("0.8"),
        "hồ sơ trực tuyến ÷ hồ sơ của TTHC toàn trình",
        _pair("full_online_online", "full_online"),
        drill="full_online_not_online",
    ),
    SubIndicator(
        "tttt_offered",
        "TTTT",
        "TTHC có phí được cung cấp thanh toán trên Cổng DVC quốc gia",
        D(2),
        D(1),
        "Dữ liệu Cổng DVC quốc gia",
    ),
    SubIndicator(
        "tttt_procedures",
        "TTTT",
        "TTHC có phát sinh thanh toán trực tuyến",
        D(2),
        D(1),
        "TTHC có hồ sơ thanh toán trực tuyến ÷ TTHC có hồ sơ thu phí",
        _pair("procedures_paid_online", "procedures_with_fees"),
    ),
    SubIndicator(
        "tttt_dossiers",
        "TTTT",
        "Hồ sơ thanh toán trực tuyến",
        D(6),
        D("0.5"),
        "hồ sơ thanh toán trực tuyến ÷ hồ sơ có phí, lệ phí",
        _pair("paid_online", "with_fees"),
        drill="with_fees_not_online",
    ),
    SubIndicator(
        "mdsh_results",
        "MDSH",
        "Hồ sơ có kết quả điện tử",
        D(6),
        D("0.8"),
        "kết quả trả điện tử ÷ hồ sơ đã trả kết quả",
        _pair("electronic_results", "returned"),
        drill="returned_not_electronic",
    ),
    SubIndicator(
        "mdsh_components",
        "MDSH",
        "Hồ sơ có thành phần được số hóa",
        D(4),
        D("0.8"),
        "hồ sơ có thành phần số hóa ÷ hồ sơ tiếp nhận",
        _pair("digitised", "received"),
        drill="received_not_digitised",
    ),
    SubIndicator(
        "mdsh_certified", "MDSH", "Chứng thực bản sao điện tử", D(2), D(1), "Dữ liệu hệ thống chứng thực điện tử"
    ),
    SubIndicator(
        "mdsh_reuse",
        "MDSH",
        "Tái sử dụng dữ liệu đã số hóa",
        D(2),
        D("0.5"),
        "hồ sơ tái sử dụng thành phần ÷ hồ sơ tiếp nhận",
        _pair("reused", "received"),
    ),
    SubIndicator(
        "mdsh_store",
        "MDSH",
        "Đồng bộ kho dữ liệu cá nhân trên Cổng DVC quốc gia",
        D(4),
        D(1),
        "Dữ liệu Cổng DVC quốc gia",
    ),
    SubIndicator(
        "mdsh_population_dossiers", "MDSH", "Hồ sơ khai thác CSDL quốc gia về dân cư", D(2), D(1), "Dữ liệu CSDL dân cư"
    ),
    SubIndicator(
        "mdsh_population_procedures", "MDSH", "TTHC kết nối CSDL quốc gia về dân cư", D(2), D(1), "Dữ liệu CSDL dân cư"
    ),
    SubIndicator(
        "mdhl_feedback_on_time",
        "MDHL",
        "Phản ánh, kiến nghị được xử lý đúng hạn",
        D(6),
        D("0.9"),
        "PAKN xử lý đúng hạn ÷ PAKN đã xử lý",
        feedback="on_time",
    ),
    SubIndicator(
        "mdhl_feedback_satisfaction",
        "MDHL",
        "Hài lòng với việc xử lý phản ánh, kiến nghị",
        D(6),
        D("0.9"),
        "đánh giá hài lòng ÷ đánh giá về xử lý PAKN",
        feedback="satisfaction",
    ),
    SubIndicator(
        "mdhl_dossiers",
        "MDHL",
        "Hài lòng trong giải quyết TTHC",
        D(6),
        D("0.9"),
        "100% − (tỷ lệ hồ sơ trễ hạn + tỷ lệ đánh giá không hài lòng)",
        _satisfaction,
        drill="late_or_unhappy",
    ),
)


@dataclass(frozen=True)
class SubScore:
    indicator: SubIndicator
    status: str  # scored | no_data (nothing to measure yet) | national (held by the national systems)
    numerator: int = 0
    denominator: int = 0
    ratio: float | None = None
    points: Decimal | None = None

    @property
    def lost(self) -> Decimal | None:
        return None if self.points is None else self.indicator.max_points - self.points


@dataclass(frozen=True)
class GroupScore:
    group: Group
    subs: tuple[SubScore, ...]

    @property
    def points(self) -> Decimal:
        return sum((s.points for s in self.subs if s.points is not None), Decimal(0))

    @property
    def known_max(self) -> Decimal:
        return sum((s.indicator.max_points for s in self.subs if s.points is not None), Decimal(0))


@dataclass(frozen=True)
class IndexScore:
    groups: tuple[GroupScore, ...]

    @property
    def points(self) -> Decimal:
        return sum((g.points for g in self.groups), Decimal(0))

    @property
    def known_max(self) -> Decimal:
        return sum((g.known_max for g in self.groups), Decimal(0))

    @property
    def national_max(self) -> Decimal:
        return sum((s.indicator.max_points for g in self.groups for s in g.subs if s.status == "national"), Decimal(0))

    @property
    def on_known_scale(self) -> Decimal | None:
        """The points scored over the points we can measure, on a 100 scale (what rankings compare)."""
        if not self.known_max:
            return None
        return (self.points * 100 / self.known_max).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def convert(value: float, max_points: Decimal, target: Decimal) -> Decimal:
    """``max`` when the ratio reaches the target, else ratio × max ÷ target; two decimals."""
    ratio_ = Decimal(str(value))
    points = max_points if ratio_ >= target else ratio_ * max_points / target
    return points.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def band(points: Decimal | None) -> tuple[str, str] | None:
    """The band name and colour of a score on the 100 scale."""
    if points is None:
        return None
    return next((name, colour) for low, name, colour in BANDS if points >= low)


def _sub(indicator: SubIndicator, counts: Counts, feedback: Mapping[str, tuple[int, int]] | None) -> SubScore:
    if indicator.feedback:
        if feedback is None or indicator.feedback not in feedback:
            return SubScore(indicator, "no_data")
        numerator, denominator = feedback[indicator.feedback]
    elif indicator.source is None:
        return SubScore(indicator, "national")
    else:
        numerator, denominator = indicator.source(counts)
    value = ratio(numerator, denominator)
    if value is None:
        return SubScore(indicator, "no_data", numerator, denominator)
    points = convert(value, indicator.max_points, indicator.target)
    return SubScore(indicator, "scored", numerator, denominator, value, points)


def score(counts: Counts, feedback: Mapping[str, tuple[int, int]] | None = None) -> IndexScore:
    """Every group and sub-indicator of one unit and period."""
    groups = []
    for group in GROUPS:
        subs = tuple(_sub(i, counts, feedback) for i in SUB_INDICATORS if i.group == group.key)
        groups.append(GroupScore(group, subs))
    return IndexScore(tuple(groups))
