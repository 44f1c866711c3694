"""Citizen feedback (phản ánh, kiến nghị): categories, routing rules, items, their files and history."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from motcua.core.models import AuditEvent
from motcua.feedback.constants import DEFAULT_ANSWER_DAYS, CategoryKind, Channel, Status


class Category(models.Model):
    """A kind of feedback: who answers it by default and in how many working days."""

    code = models.SlugField("mã", max_length=40, unique=True, help_text="Cũng là service_code của Open311.")
    name = models.CharField("tên", max_length=200)
    kind = models.CharField("nhóm", max_length=20, choices=CategoryKind.choices)
    description = models.TextField("mô tả cho người dân", blank=True)
    keywords = models.CharField("từ khóa", max_length=300, blank=True)
    answer_days = models.PositiveSmallIntegerField("thời hạn trả lời (ngày làm việc)", default=DEFAULT_ANSWER_DAYS)
    allows_anonymous = models.BooleanField("cho phép gửi ẩn danh", default=False)
    default_agency = models.ForeignKey(
        "organisations.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cơ quan xử lý mặc định",
        help_text="Khi không có quy tắc theo địa bàn; để trống thì điều phối viên chọn.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "lĩnh vực phản ánh"
        verbose_name_plural = "lĩnh vực phản ánh"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_confidential(self) -> bool:
        """Staff-conduct items are read only by the agency's leaders and the coordinator."""
        return self.kind == CategoryKind.STAFF_CONDUCT


class RoutingRule(models.Model):
    """Items of ``category`` in ``unit`` (or any unit below it) go to ``agency``; the most local rule wins."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="routing_rules")
    unit = models.ForeignKey(
        "organisations.AdministrativeUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="địa bàn",
    )
    agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan"
    )

    class Meta:
        verbose_name = "quy tắc chuyển xử lý"
        verbose_name_plural = "quy tắc chuyển xử lý"
        constraints = [models.UniqueConstraint(fields=["category", "unit"], name="feedback_one_rule_per_area")]

    def __str__(self) -> str:
        return f"{self.category} / {self.unit} → {self.agency}"


class CoordinatingUnit(models.Model):
    """An agency whose one-stop officers and leaders coordinate feedback (the service centre, the IOC)."""

    agency = models.OneToOneField(
        "organisations.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan điều phối"
    )

    class Meta:
        verbose_name = "đơn vị điều phối phản ánh"
        verbose_name_plural = "đơn vị điều phối phản ánh"

    def __str__(self) -> str:
        return str(self.agency)


class FeedbackItem(models.Model):
    """One piece of feedback, from reception to the citizen's rating."""

    code = models.CharField("mã phản ánh", max_length=20, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="items", verbose_name="lĩnh vực")
    channel = models.CharField("kênh tiếp nhận", max_length=10, choices=Channel.choices)
    title = models.CharField("tiêu đề", max_length=200)
    content = models.TextField("nội dung")
    # The citizen: none of these is ever published.
    is_anonymous = models.BooleanField("ẩn danh", default=False)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    citizen_name = models.CharField("họ tên người phản ánh", max_length=200, blank=True)
    citizen_phone = models.CharField("điện thoại", max_length=20, blank=True)
    citizen_email = models.EmailField("thư điện tử", blank=True)
    # Where.
    unit = models.ForeignKey(
        "organisations.AdministrativeUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    latitude = models.DecimalField("vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("kinh độ", max_digits=9, decimal_places=6, null=True, blank=True)
    # What it is about.
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    procedure = models.ForeignKey(
        "catalogue.Procedure", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mentioned_agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Handling.
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    handling_agency = models.ForeignKey(
        "organisations.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_items",
        verbose_name="cơ quan xử lý",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_items"
    )
    received_at = models.DateTimeField("tiếp nhận lúc", db_index=True)
    due_at = models.DateTimeField("hạn trả lời")
    routed_at = models.DateTimeField("chuyển xử lý lúc", null=True, blank=True)
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    draft_answer = models.TextField("dự thảo trả lời", blank=True)
    answer = models.TextField("nội dung trả lời", blank=True)
    reason = models.TextField("lý do (từ chối, trả lại)", blank=True)
    # Publication: the texts shown to everyone, with the personal data removed.
    is_published = models.BooleanField("công khai", default=False)
    public_question = models.TextField("câu hỏi công khai", blank=True)
    public_answer = models.TextField("câu trả lời công khai", blank=True)
    # The citizen's verdict.
    satisfied = models.BooleanField("hài lòng", null=True, blank=True)
    rating_comment = models.TextField("ý kiến đánh giá", blank=True)
    rated_at = models.DateTimeField("đánh giá lúc", null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField("số lần mở lại", default=0)
    api_client = models.ForeignKey(
        "integrations.ApiClient", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "phản ánh, kiến nghị"
        verbose_name_plural = "phản ánh, kiến nghị"
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="feedback_status_due"),
            models.Index(fields=["handling_agency", "status"], name="feedback_agency_status"),
            models.Index(fields=["is_published", "answered_at"], name="feedback_published"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def status_label(self) -> str:
        return Status(self.status).label


class Attachment(models.Model):
    """A photo or file given with an item, checked by ``core.uploads`` before it is kept."""

    item = models.ForeignKey(FeedbackItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", upload_to="feedback/%Y/%m/")
    name = models.CharField("tên tệp", max_length=200)
    uploaded_at = models.DateTimeField("tải lên lúc")

    class Meta:
        verbose_name = "tệp đính kèm phản ánh"
        verbose_name_plural = "tệp đính kèm phản ánh"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class FeedbackEvent(AuditEvent):
    """History of an item (append-only): who, for which agency, did what, from which status to which."""

    chain_stream = "item"

    item = models.ForeignKey(FeedbackItem, on_delete=models.PROTECT, related_name="events", db_index=False)
    agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status_before = models.CharField(max_length=20, choices=Status.choices, blank=True)
    status_after = models.CharField(max_length=20, choices=Status.choices, blank=True)

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký phản ánh"
        verbose_name_plural = "nhật ký phản ánh"
        indexes = [models.Index(fields=["item", "occurred_at"], name="feedback_event_timeline")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.action}"


class ConfigurationEvent(AuditEvent):
    """Audit trail of the configuration: categories, routing rules and coordinating units added, changed, removed."""

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký cấu hình phản ánh"
        verbose_name_plural = "nhật ký cấu hình phản ánh"

    def __str__(self) -> str:
        return self.action
