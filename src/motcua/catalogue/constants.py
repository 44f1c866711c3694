"""Vocabulary of the catalogue of administrative procedures (TTHC), shared with the dossier engine."""

from __future__ import annotations

import re

from django.db import models

# National TTHC codes on the national procedure database: "1.001193", "2.000986", "3.000722", and
# "5.000…"/"6.000…" for some ministries' procedures. The first digit's meaning is not published
# (docs/catalogue.md), so any digit is accepted; the shape is one digit, a dot, six digits.
PROCEDURE_CODE_RE = re.compile(r"^\d\.\d{6}$")
# Sector (lĩnh vực) codes such as "G03-GD10" or "G09-TP01"; free enough for local sectors.
SECTOR_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9.\-_]{1,29}$")


class ProcedureStatus(models.TextChoices):
    ACTIVE = "active", "Đang áp dụng"
    ARCHIVED = "archived", "Đã bãi bỏ, lưu trữ"


class OnlineLevel(models.TextChoices):
    """Online public service level under Decree 42/2022 (Art. 11)."""

    FULL = "full", "Toàn trình"
    PARTIAL = "partial", "Một phần"
    NONE = "none", "Không cung cấp trực tuyến"


class Channel(models.TextChoices):
    COUNTER = "counter", "Trực tiếp"
    ONLINE = "online", "Trực tuyến"
    POSTAL = "postal", "Bưu chính công ích"


class ComponentKind(models.TextChoices):
    ORIGINAL = "original", "Bản chính"
    CERTIFIED_COPY = "certified_copy", "Bản sao có chứng thực"
    PHOTOCOPY = "photocopy", "Bản chụp / bản sao"
    ELECTRONIC = "electronic", "Bản điện tử"


class ComponentRequirement(models.TextChoices):
    """Whether the applicant must supply a component: always, only in a stated case, or if they have it."""

    ALWAYS = "always", "Bắt buộc"
    CONDITIONAL = "conditional", "Bắt buộc trong trường hợp nêu rõ"
    OPTIONAL = "optional", "Không bắt buộc (nếu có)"


class ResultKind(models.TextChoices):
    CERTIFICATE = "certificate", "Giấy chứng nhận, giấy xác nhận"
    LICENCE = "licence", "Giấy phép"
    DECISION = "decision", "Quyết định"
    CIVIL_STATUS = "civil_status", "Giấy tờ hộ tịch"
    WRITTEN_REPLY = "written_reply", "Văn bản trả lời"
    CERTIFICATION = "certification", "Chứng thực"
    OTHER = "other", "Khác"


class StepActorKind(models.TextChoices):
    ONE_STOP_UNIT = "one_stop_unit", "Bộ phận một cửa tiếp nhận"
    DIVISION = "division", "Phòng chuyên môn của cơ quan có thẩm quyền"
    OTHER_AGENCY = "other_agency", "Cơ quan khác cấp / liên thông"
    LEADER = "leader", "Lãnh đạo cơ quan"


class StepAction(models.TextChoices):
    """Actions an official may take on a dossier at a step (the engine maps them to transitions)."""

    FORWARD = "forward", "Chuyển bước tiếp theo"
    RETURN = "return", "Trả lại bước trước"
    CONSULT = "consult", "Xin ý kiến"
    TRANSFER = "transfer", "Chuyển liên thông"
    REQUEST_SUPPLEMENT = "request_supplement", "Yêu cầu bổ sung"
    REFUSE = "refuse", "Từ chối giải quyết"
    APPROVE = "approve", "Phê duyệt, ký"
    ATTACH_RESULT = "attach_result", "Đính kèm kết quả"
    RETURN_RESULT = "return_result", "Trả kết quả"


# Units a step may be timed in; "same_day" is a procedure-level unit only.
STEP_DURATION_UNITS = ("working_hours", "working_days")
# A working day is 8 working hours (Labour Code Art. 105); used to add hours and days.
WORKING_HOURS_PER_DAY = 8

# Shown where a version has no legal basis (căn cứ pháp lý), instead of nothing.
LEGAL_BASIS_MISSING = "Chưa có thông tin căn cứ pháp lý trong nguồn dữ liệu"
