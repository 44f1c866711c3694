"""The default set of categories, created by a migration and, for tests and the demo, by ``ensure``."""

from __future__ import annotations

from motcua.feedback.models import Category

DEFAULTS = [
    # code, name, kind, answer days, anonymous allowed, keywords
    (
        "quy-dinh-hanh-chinh",
        "Quy định hành chính, thủ tục hành chính",
        "procedure_rules",
        10,
        False,
        "thủ tục, quy định, giấy tờ",
    ),
    ("giai-quyet-ho-so", "Việc giải quyết hồ sơ", "dossier_handling", 10, False, "hồ sơ, trễ hẹn, bổ sung"),
    (
        "thai-do-can-bo",
        "Thái độ, tác phong cán bộ, công chức",
        "staff_conduct",
        10,
        True,
        "cán bộ, thái độ, nhũng nhiễu",
    ),
    ("giao-thong-ha-tang", "Giao thông, hạ tầng đô thị", "urban", 5, True, "đường, ổ gà, vỉa hè, cầu"),
    ("chieu-sang", "Chiếu sáng công cộng", "urban", 5, True, "đèn đường, chiếu sáng"),
    ("moi-truong", "Môi trường, rác thải", "urban", 7, True, "rác, ô nhiễm, nước thải"),
    ("an-ninh-trat-tu", "An ninh, trật tự công cộng", "urban", 5, True, "trật tự, lấn chiếm, tiếng ồn"),
    ("khac", "Lĩnh vực khác", "other", 10, False, ""),
]


def ensure() -> None:
    """Create the default categories that are missing (an operator's changes to existing ones are kept)."""
    for order, (code, name, kind, days, anonymous, keywords) in enumerate(DEFAULTS, start=1):
        Category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "answer_days": days,
                "allows_anonymous": anonymous,
                "keywords": keywords,
                "order": order,
            },
        )
