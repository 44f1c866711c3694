"""How each dossier status is explained to citizens, in plain words, with a badge style.

The colour is never the only signal: the status name is always written next to it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import Status

EXPLANATIONS = {
    Status.DRAFT: (_("Hồ sơ chưa được gửi. Bạn có thể tiếp tục điền và nộp."), "muted"),
    Status.SUBMITTED: (_("Hồ sơ đã gửi, đang chờ cán bộ Bộ phận Một cửa kiểm tra để tiếp nhận."), "info"),
    Status.ACCEPTED: (_("Hồ sơ đã được tiếp nhận. Thời hạn giải quyết được tính từ lúc này."), "info"),
    Status.REFUSED_AT_INTAKE: (_("Hồ sơ không được tiếp nhận. Xem lý do trong lịch sử xử lý."), "bad"),
    Status.PROCESSING: (_("Cơ quan có thẩm quyền đang thẩm định, giải quyết hồ sơ."), "info"),
    Status.SUPPLEMENT_REQUESTED: (_("Cần bổ sung giấy tờ. Xem nội dung cần bổ sung và tải lên."), "warn"),
    Status.FINANCIAL_OBLIGATION: (_("Cần thực hiện nghĩa vụ tài chính trước khi hồ sơ được giải quyết tiếp."), "warn"),
    Status.WITHDRAWN: (_("Bạn đã rút hồ sơ. Hồ sơ không được giải quyết tiếp."), "muted"),
    Status.STOPPED: (_("Hồ sơ đã dừng xử lý. Xem lý do trong lịch sử xử lý."), "bad"),
    Status.RESOLVED: (_("Đã có kết quả, đang chờ trả cho bạn theo hình thức đã chọn."), "ok"),
    Status.RETURNED: (_("Đã trả kết quả. Bạn có thể đánh giá mức độ hài lòng."), "ok"),
}


def explain(status: int) -> str:
    return str(EXPLANATIONS.get(Status(status), ("", ""))[0])


def tone(status: int) -> str:
    return EXPLANATIONS.get(Status(status), ("", "muted"))[1]
