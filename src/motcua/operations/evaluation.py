"""The evaluation of dossier handling of Circular 01/2018/TT-VPCP (Articles 13–15), from the data.

Nine indicators, each scored 2, 1 or 0. Indicators 1, 2, 3, 4 and 7 are scored per dossier and averaged
over the dossiers resolved in the period (rounded to one decimal); 5, 6, 8 and 9 are scored per unit.
An indicator the data cannot support is excluded, as Article 15 provides, and shown with the reason;
the total is then read on the scale of the indicators that could be scored (``on_full_scale``).

``score(inputs)`` is pure: the counts come from ``evaluation_inputs`` (``selectors``-style queries) and
the feedback slot. How the data stands in for each criterion (docs/operations.md, "Circular 01/2018"):

1. total time against the legal time: the dossier's timing (early 2, on time 1, late 0);
2. each unit's time against its share: the dossier's internal steps (all early 2, none late 1, a late
   step 0);
3. contacts needed to complete the dossier: supplement requests (none 2, one 1, more 0);
4. agencies the applicant had to contact: none (filed online or by post and the result sent
   electronically or by post) 2, the one-stop unit only 1; the system routes every dossier through the
   one-stop unit, so "more agencies" (0) does not occur in it;
5. reception at the one-stop unit and 6. publication at the office: not recorded by the system;
7. staff attitude: early and no complaint 2, on time and no complaint 1, late or rated "not
   satisfied" 0 (a rating stands for the complaint the system cannot judge "justified");
8. handling of feedback: the feedback slot (all on time 2, at least 90 % 1, else 0);
9. online services: procedures offered online at least 20 % and online dossiers at least 30 % with no
   online dossier late 2; online dossiers 15 % or more 1; else 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from motcua.operations.rates import ratio

FULL_SCALE = 18  # nine indicators × 2 points
# Article 15: the unit's grade by its total on the 18-point scale.
GRADES: tuple[tuple[Decimal, str], ...] = (
    (Decimal(15), "Xuất sắc"),
    (Decimal(12), "Tốt"),
    (Decimal(9), "Khá"),
    (Decimal(6), "Trung bình"),
    (Decimal(0), "Yếu"),
)


@dataclass(frozen=True)
class Indicator:
    number: int
    title: str
    rule: str
    score: Decimal | None  # None: excluded (no data)
    basis: str  # what the score was computed from, or why it is excluded


@dataclass(frozen=True)
class Evaluation:
    indicators: list[Indicator]
    total: Decimal  # the sum of the scored indicators
    scored_maximum: int  # 2 × the number of scored indicators
    on_full_scale: Decimal | None  # total × 18 ÷ scored maximum
    grade: str | None


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _average(two: int, one: int, n: int) -> Decimal | None:
    """The per-dossier average of scores: ``two`` dossiers scored 2, ``one`` scored 1, of ``n``."""
    if n == 0:
        return None
    return _one_decimal(Decimal(2 * two + one) / Decimal(n))


def _per_dossier(c: Mapping[str, int]) -> list[Indicator]:
    n = c["resolved"]
    no_data = "Chưa có hồ sơ giải quyết xong trong kỳ."

    def data(text: str) -> str:
        return text if n else no_data

    return [
        Indicator(
            1,
            "Tổng thời gian giải quyết so với quy định",
            "Trước hạn 2 điểm; đúng hạn 1 điểm; quá hạn 0 điểm.",
            _average(c["resolved_early"], c["resolved_on_time"], n),
            data(f"{c['resolved_early']} trước hạn, {c['resolved_on_time']} đúng hạn, {c['resolved_late']} quá hạn."),
        ),
        Indicator(
            2,
            "Thời gian thực hiện của từng cơ quan, đơn vị so với thời gian được giao",
            "Mọi bước trước hạn 2 điểm; không bước nào quá hạn 1 điểm; có bước quá hạn 0 điểm.",
            _average(c["steps_all_early"], n - c["steps_all_early"] - c["steps_any_late"], n),
            data(f"{c['steps_all_early']} hồ sơ mọi bước trước hạn, {c['steps_any_late']} hồ sơ có bước quá hạn."),
        ),
        Indicator(
            3,
            "Số lần liên hệ để hoàn thiện hồ sơ",
            "Không phải bổ sung 2 điểm; bổ sung 1 lần 1 điểm; nhiều hơn 1 lần 0 điểm.",
            _average(c["supplements_none"], c["supplements_one"], n),
            data(
                f"{c['supplements_none']} không bổ sung, {c['supplements_one']} bổ sung 1 lần, "
                f"{n - c['supplements_none'] - c['supplements_one']} nhiều lần."
            ),
        ),
        Indicator(
            4,
            "Số cơ quan, đơn vị phải liên hệ",
            "Không phải đến cơ quan nào 2 điểm; chỉ liên hệ Bộ phận Một cửa 1 điểm; nhiều cơ quan 0 điểm.",
            _average(c["contact_none"], n - c["contact_none"], n),
            data(f"{c['contact_none']} hồ sơ nộp và nhận kết quả trực tuyến hoặc qua bưu chính."),
        ),
        Indicator(
            7,
            "Thái độ của cán bộ, công chức",
            "Trước hạn, không bị phản ánh 2 điểm; đúng hạn, không bị phản ánh 1 điểm; "
            "quá hạn hoặc bị đánh giá không hài lòng 0 điểm.",
            _average(c["attitude_two"], c["attitude_one"], n),
            data(f"{c['attitude_two']} hồ sơ 2 điểm, {c['attitude_one']} hồ sơ 1 điểm."),
        ),
    ]


def _feedback(handled: int | None, on_time: int | None) -> Indicator:
    rule = "Giải quyết đúng hạn 100% phản ánh, kiến nghị 2 điểm; từ 90% 1 điểm; dưới 90% 0 điểm."
    title = "Tiếp nhận, xử lý phản ánh, kiến nghị"
    if handled is None or on_time is None:
        return Indicator(8, title, rule, None, "Chưa có dữ liệu phản ánh, kiến nghị.")
    share = ratio(on_time, handled)
    if share is None:
        return Indicator(8, title, rule, None, "Không có phản ánh, kiến nghị được xử lý trong kỳ.")
    points = 2 if share >= 1 else 1 if share >= 0.9 else 0
    return Indicator(8, title, rule, Decimal(points), f"{on_time}/{handled} xử lý đúng hạn.")


def _online(c: Mapping[str, int]) -> Indicator:
    rule = (
        "TTHC có dịch vụ trực tuyến từ 20% và hồ sơ trực tuyến từ 30%, không hồ sơ trực tuyến nào quá hạn 2 điểm; "
        "hồ sơ trực tuyến từ 15% 1 điểm; còn lại 0 điểm."
    )
    title = "Cung cấp dịch vụ công trực tuyến"
    offered = ratio(c["procedures_online"], c["procedures"])
    filed = ratio(c["online_capable_online"], c["online_capable"])
    if offered is None:
        return Indicator(9, title, rule, None, "Không có hồ sơ tiếp nhận trong kỳ.")
    filed = filed or 0.0
    if offered >= 0.2 and filed >= 0.3 and c["online_late"] == 0:
        points = 2
    elif filed >= 0.15:
        points = 1
    else:
        points = 0
    data = (
        f"{c['procedures_online']}/{c['procedures']} TTHC có trực tuyến; "
        f"{c['online_capable_online']}/{c['online_capable']} hồ sơ nộp trực tuyến; {c['online_late']} quá hạn."
    )
    return Indicator(9, title, rule, Decimal(points), data)


NOT_RECORDED = (
    Indicator(
        5,
        "Tiếp nhận hồ sơ tại Bộ phận Một cửa",
        "Tỷ lệ TTHC tiếp nhận tại Bộ phận Một cửa theo cấp (20% / 50% / 100%).",
        None,
        "Hệ thống không biết các TTHC được tiếp nhận ngoài Bộ phận Một cửa.",
    ),
    Indicator(
        6,
        "Công khai thủ tục hành chính",
        "Niêm yết tại trụ sở và công khai điện tử 2 điểm; một trong hai 1 điểm; không công khai 0 điểm.",
        None,
        "Việc niêm yết tại trụ sở không được ghi nhận trong hệ thống.",
    ),
)


def grade(on_full_scale: Decimal | None) -> str | None:
    if on_full_scale is None:
        return None
    return next(label for floor, label in GRADES if on_full_scale >= floor)


def score(counts: Mapping[str, int], *, feedback_handled: int | None, feedback_on_time: int | None) -> Evaluation:
    indicators = [*_per_dossier(counts), *NOT_RECORDED, _feedback(feedback_handled, feedback_on_time)]
    indicators.append(_online(counts))
    indicators.sort(key=lambda i: i.number)
    scored = [i.score for i in indicators if i.score is not None]
    total = sum(scored, Decimal(0))
    maximum = 2 * len(scored)
    full = _one_decimal(total * FULL_SCALE / maximum) if maximum else None
    return Evaluation(indicators, total, maximum, full, grade(full))
