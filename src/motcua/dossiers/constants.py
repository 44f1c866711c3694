"""Vocabulary of the dossier engine: statuses (national codes), channels, step and pause kinds."""

from __future__ import annotations

from django.db import models


class Status(models.IntegerChoices):
    """Dossier status. 1–10 are the national portal's (DVCQG) codes; DRAFT is internal only.

    A draft is an online submission the applicant has not sent yet: it has no dossier code,
    is visible to its applicant only and is never synchronised.
    """

    DRAFT = 0, "Bản nháp (chưa nộp)"
    SUBMITTED = 1, "Mới đăng ký"
    ACCEPTED = 2, "Được tiếp nhận"
    REFUSED_AT_INTAKE = 3, "Không được tiếp nhận"
    PROCESSING = 4, "Đang xử lý"
    SUPPLEMENT_REQUESTED = 5, "Yêu cầu bổ sung giấy tờ"
    FINANCIAL_OBLIGATION = 6, "Yêu cầu thực hiện nghĩa vụ tài chính"
    WITHDRAWN = 7, "Công dân yêu cầu rút hồ sơ"
    STOPPED = 8, "Dừng xử lý"
    RESOLVED = 9, "Đã xử lý xong"
    RETURNED = 10, "Đã trả kết quả"


# Keys the national portal uses for each status (regulations.md §8 item 44).
DVCQG_STATUS_KEYS: dict[int, str] = {
    Status.SUBMITTED: "receiving",
    Status.ACCEPTED: "new",
    Status.REFUSED_AT_INTAKE: "denied",
    Status.PROCESSING: "processing",
    Status.SUPPLEMENT_REQUESTED: "waiting",
    Status.FINANCIAL_OBLIGATION: "paying",
    Status.WITHDRAWN: "cancelled",
    Status.STOPPED: "unresolved",
    Status.RESOLVED: "releasing",
    Status.RETURNED: "done",
}

# Statuses in which the dossier is closed: nothing but rating and reading remains.
FINAL_STATUSES = frozenset({Status.REFUSED_AT_INTAKE, Status.STOPPED, Status.RETURNED})
# Statuses in which the working-time clock runs against the dossier's due moment.
CLOCK_RUNNING_STATUSES = frozenset({Status.ACCEPTED, Status.PROCESSING})
# Statuses counted as "being handled" for overdue reports and reminders (sorted: the partial index
# on open dossiers and the queries must use the same list).
OPEN_STATUS_VALUES = [Status.ACCEPTED, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Status.FINANCIAL_OBLIGATION]
OPEN_STATUSES = frozenset(OPEN_STATUS_VALUES)


class Channel(models.TextChoices):
    """Submission channel; the number is the national portal's KenhThucHien."""

    COUNTER = "counter", "Trực tiếp"
    ONLINE = "online", "Trực tuyến"
    POSTAL = "postal", "Bưu chính công ích"


DVCQG_CHANNEL_CODES = {Channel.COUNTER: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}


class SupplementStage(models.TextChoices):
    INTAKE = "intake", "Khi tiếp nhận"
    PROCESSING = "processing", "Sau thẩm định"


class StepKind(models.TextChoices):
    PROCESS = "process", "Bước của quy trình nội bộ"
    CONSULTATION = "consultation", "Xin ý kiến cơ quan phối hợp"
    INTERLEVEL = "interlevel", "Liên thông cơ quan cấp khác"


class StepState(models.TextChoices):
    PENDING = "pending", "Chưa đến lượt"
    ACTIVE = "active", "Đang thực hiện"
    DONE = "done", "Đã hoàn thành"
    RETURNED = "returned", "Đã trả lại"
    CANCELLED = "cancelled", "Đã hủy"
    SKIPPED = "skipped", "Đã bỏ qua"


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", "Chờ bổ sung hồ sơ"
    FINANCIAL_OBLIGATION = "financial_obligation", "Chờ thực hiện nghĩa vụ tài chính"


class Outcome(models.TextChoices):
    GRANTED = "granted", "Giải quyết"
    REFUSED = "refused", "Từ chối giải quyết"


class ReturnMethod(models.TextChoices):
    COUNTER = "counter", "Trực tiếp tại Bộ phận Một cửa"
    POSTAL = "postal", "Qua dịch vụ bưu chính công ích"
    ELECTRONIC = "electronic", "Trực tuyến (tải về)"


class PaymentMethod(models.TextChoices):
    CASH = "cash", "Nộp trực tiếp"
    TRANSFER = "transfer", "Chuyển khoản"
    POSTAL = "postal", "Qua bưu chính"
    ONLINE = "online", "Thanh toán trực tuyến"
    NONE = "none", "Không thu phí"


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", "Rất hài lòng"
    SATISFIED = "satisfied", "Hài lòng"
    NOT_SATISFIED = "not_satisfied", "Không hài lòng"


# Applicant criteria of Decree 61/2018 Art. 31 (regulations.md §5 item 31), rated per dossier.
RATING_CRITERIA: dict[str, str] = {
    "return_time": "Thời gian trả kết quả so với quy định",
    "agencies_contacted": "Số cơ quan phải liên hệ",
    "contacts_needed": "Số lần phải liên hệ để hoàn thiện hồ sơ",
    "published_information": "Tính chính xác của thông tin công khai",
    "staff_attitude": "Thái độ của cán bộ",
    "lawfulness_and_cost": "Tính đúng quy định của kết quả và chi phí",
    "complaint_handling": "Việc tiếp nhận, xử lý phản ánh, kiến nghị",
    "online_service": "Chất lượng dịch vụ trực tuyến",
}


# A refusal after appraisal (Outcome.REFUSED) leaves the dossier in RESOLVED, then RETURNED once the
# one-stop unit hands the refusal notice over: the engine's statuses follow the return of a document.
# What people read and what the national portal receives must say "refused", never "result ready".
_REFUSED_LABELS: dict[int, str] = {
    Status.RESOLVED: "Từ chối giải quyết",
    Status.RETURNED: "Đã trả văn bản từ chối giải quyết",
}
# The national portal has no "refused after appraisal" status: the dossier ends unresolved
# ("Dừng xử lý", code 8), its refusal date (NgayTuChoi) set; "Đã xử lý xong" (9) and
# "Đã trả kết quả" (10) would count it as resolved.
REFUSED_DVCQG_STATUS = Status.STOPPED


def is_refused_after_appraisal(status: int, outcome: str) -> bool:
    return outcome == Outcome.REFUSED and status in _REFUSED_LABELS


def status_label(status: int, outcome: str = "") -> str:
    """The status as people read it: a refusal after appraisal reads as a refusal."""
    if is_refused_after_appraisal(status, outcome):
        return _REFUSED_LABELS[status]
    return str(Status(status).label)


def dvcqg_status(status: int, outcome: str = "") -> int | None:
    """The national portal's status code (1–10) of a dossier; None for a draft (never synchronised)."""
    if status == Status.DRAFT:
        return None
    if is_refused_after_appraisal(status, outcome):
        return int(REFUSED_DVCQG_STATUS)
    return int(status)


def dvcqg_status_key(status: int, outcome: str = "") -> str:
    """The national portal's key of the status (``processing``, ``unresolved``…); "" for a draft."""
    code = dvcqg_status(status, outcome)
    return DVCQG_STATUS_KEYS.get(code, "") if code is not None else ""
