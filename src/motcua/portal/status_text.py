"""How each dossier status is explained to citizens, in plain words, with a badge style.

The colour is never the only signal: the status name is always written next to it. A dossier
refused after appraisal is in the engine's "resolved"/"returned" statuses, but it has no result:
it is explained as a refusal, never as "có kết quả".
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import Status, is_refused_after_appraisal

EXPLANATIONS = {
    Status.DRAFT: (_("Hồ sơ chưa được gửi. Bạn có thể tiếp tục điền và nộp."), "muted"),
    Status.SUBMITTED: (_("Hồ sơ đã gửi, đang chờ cán bộ Bộ phận Một cửa kiểm tra để tiếp nhận."), "info"),
    Status.ACCEPTED: (_("Hồ sơ đã được tiếp nhận. Thời hạn giải quyết được tính từ lúc này."), "info"),
    Status.REFUSED_AT_INTAKE: (_("Hồ sơ không được tiếp nhận. Lý do được ghi dưới đây và trong phiếu từ chối."), "bad"),
    Status.PROCESSING: (_("Cơ quan có thẩm quyền đang thẩm định, giải quyết hồ sơ."), "info"),
    Status.SUPPLEMENT_REQUESTED: (_("Cần bổ sung giấy tờ. Xem nội dung cần bổ sung và tải lên."), "warn"),
    Status.FINANCIAL_OBLIGATION: (_("Cần thực hiện nghĩa vụ tài chính trước khi hồ sơ được giải quyết tiếp."), "warn"),
    Status.WITHDRAWN: (_("Bạn đã rút hồ sơ. Hồ sơ không được giải quyết tiếp."), "muted"),
    Status.STOPPED: (_("Hồ sơ đã dừng xử lý. Lý do được ghi dưới đây và trong thông báo dừng giải quyết."), "bad"),
    Status.RESOLVED: (_("Đã có kết quả, đang chờ trả cho bạn theo hình thức đã chọn."), "ok"),
    Status.RETURNED: (_("Đã trả kết quả."), "ok"),
}
REFUSED = {
    Status.RESOLVED: _("Hồ sơ bị từ chối giải quyết. Xem lý do và văn bản từ chối giải quyết dưới đây."),
    Status.RETURNED: _("Đã trả văn bản từ chối giải quyết. Xem lý do và văn bản dưới đây."),
}
RATING_INVITATION = _("Bạn có thể đánh giá mức độ hài lòng.")


def explain(status: int, outcome: str = "", *, can_rate: bool = False) -> str:
    """The plain explanation; ``can_rate``: the applicant may rate now (never once they have rated)."""
    if is_refused_after_appraisal(status, outcome):
        text = str(REFUSED[Status(status)])
    else:
        text = str(EXPLANATIONS.get(Status(status), ("", ""))[0])
    return f"{text} {RATING_INVITATION}" if can_rate else text


def tone(status: int, outcome: str = "") -> str:
    if is_refused_after_appraisal(status, outcome):
        return "bad"
    return EXPLANATIONS.get(Status(status), ("", "muted"))[1]
