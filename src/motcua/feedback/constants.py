"""The fixed vocabularies of citizen feedback (phản ánh, kiến nghị): channels, kinds of category, statuses."""

from __future__ import annotations

from django.db import models


class Channel(models.TextChoices):
    PORTAL = "portal", "Cổng dịch vụ công"
    COUNTER = "counter", "Tại quầy tiếp nhận"
    HOTLINE = "hotline", "Đường dây nóng"
    API = "api", "Hệ thống kết nối (API)"


class CategoryKind(models.TextChoices):
    """What a category is about; it decides who may read an item (staff conduct is confidential)."""

    PROCEDURE_RULES = "procedure_rules", "Quy định hành chính"
    STAFF_CONDUCT = "staff_conduct", "Thái độ, tác phong cán bộ"
    DOSSIER_HANDLING = "dossier_handling", "Việc giải quyết hồ sơ"
    URBAN = "urban", "Đô thị, trật tự công cộng"
    OTHER = "other", "Khác"


class Status(models.TextChoices):
    RECEIVED = "received", "Mới tiếp nhận"
    SENT_BACK = "sent_back", "Cơ quan trả lại, chờ chuyển lại"
    ROUTED = "routed", "Đã chuyển cơ quan xử lý"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    AWAITING_APPROVAL = "awaiting_approval", "Chờ lãnh đạo duyệt trả lời"
    ANSWERED = "answered", "Đã trả lời"
    CLOSED = "closed", "Đã kết thúc"
    REJECTED = "rejected", "Không tiếp nhận xử lý"
    MERGED = "merged", "Đã gộp với phản ánh khác"


# With the coordinator (the service centre or the operations centre).
AT_COORDINATOR = frozenset({Status.RECEIVED, Status.SENT_BACK})
# With the handling agency, the answering clock running.
AT_AGENCY = frozenset({Status.ROUTED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL})
# The citizen has had the answer.
ANSWERED = frozenset({Status.ANSWERED, Status.CLOSED})
# Nothing more happens (the citizen may still reopen an answered item once).
FINAL = frozenset({Status.CLOSED, Status.REJECTED, Status.MERGED})
# Open311 speaks of two statuses only.
OPEN311_CLOSED = frozenset({Status.ANSWERED, Status.CLOSED, Status.REJECTED, Status.MERGED})

CODE_PREFIX = "PA"
DEFAULT_ANSWER_DAYS = 10
