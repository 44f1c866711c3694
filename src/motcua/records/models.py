"""Registers of official documents (Decree 30/2020): outgoing (văn bản đi, Art. 15–16) and incoming
(văn bản đến, Art. 20–22). One sequence per register and year, paper and electronic documents alike."""

from __future__ import annotations

from django.db import models

from motcua.core.models import AuditEvent
from motcua.organisations.models import Agency


class Direction(models.TextChoices):
    OUTGOING = "outgoing", "Văn bản đi"
    INCOMING = "incoming", "Văn bản đến"


class Urgency(models.TextChoices):
    NORMAL = "normal", "Thường"
    URGENT = "urgent", "Khẩn"
    VERY_URGENT = "very_urgent", "Thượng khẩn"
    FLASH = "flash", "Hỏa tốc"


class DocumentRegister(models.Model):
    """A register (sổ) of an agency: its outgoing documents, a separate series (legal normative documents,
    secret ones, an advisory body's), or its incoming documents."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="document_registers")
    direction = models.CharField("loại sổ", max_length=10, choices=Direction.choices)
    name = models.CharField("tên sổ", max_length=200)

    class Meta:
        verbose_name = "sổ đăng ký văn bản"
        verbose_name_plural = "sổ đăng ký văn bản"
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="one_register_name_per_agency")]

    def __str__(self) -> str:
        return f"{self.name} – {self.agency}"


class RegisterYear(models.Model):
    """The last number given in a register in a year: locked while the next one is drawn, so no gap and
    no duplicate whoever registers at the same moment."""

    register = models.ForeignKey(DocumentRegister, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField("năm")
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["register", "year"], name="one_counter_per_register_year")]

    def __str__(self) -> str:
        return f"{self.register} {self.year}: {self.last_number}"


class RegisteredDocument(models.Model):
    """A document entered in a register: an outgoing one at issue, an incoming one at receipt."""

    register = models.ForeignKey(DocumentRegister, on_delete=models.PROTECT, related_name="documents")
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveIntegerField("số đăng ký")
    registered_at = models.DateTimeField("thời điểm đăng ký")
    # The document's own number and notation: ours for an outgoing one, the sender's for an incoming one.
    number_notation = models.CharField("số, ký hiệu", max_length=60)
    document_type = models.CharField("loại văn bản", max_length=60)
    document_date = models.DateField("ngày văn bản")
    summary = models.TextField("trích yếu")
    counterpart = models.CharField("nơi gửi (văn bản đến) hoặc nơi nhận (văn bản đi)", max_length=500)
    signer = models.CharField("người ký", max_length=200, blank=True)
    urgency = models.CharField("độ khẩn", max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    pages = models.PositiveSmallIntegerField("số trang", null=True, blank=True)
    electronic = models.BooleanField("văn bản điện tử", default=True)

    class Meta:
        verbose_name = "văn bản đã đăng ký"
        verbose_name_plural = "văn bản đã đăng ký"
        ordering = ["register", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "year", "number"], name="one_document_per_register_number")
        ]

    def __str__(self) -> str:
        return self.number_notation


class RecordEvent(AuditEvent):
    """Audit trail of the registers: each document registered."""

    document = models.ForeignKey(RegisteredDocument, on_delete=models.PROTECT, related_name="events")

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký sổ văn bản"
        verbose_name_plural = "nhật ký sổ văn bản"

    def __str__(self) -> str:
        return self.action


# --- Documents in motion: the incoming and outgoing workflows (records/workflow.py) -------------------


class Source(models.TextChoices):
    PAPER = "paper", "Bản giấy (bản quét)"
    UPLOAD = "upload", "Văn bản điện tử (tải lên)"
    EDXML = "edxml", "Gói tin edXML (trục liên thông)"
    INTERNAL = "internal", "Gửi trực tiếp trong hệ thống"


class IncomingStatus(models.TextChoices):
    ARRIVED = "arrived", "Chờ vào sổ"
    REGISTERED = "registered", "Chờ bút phê"
    DIRECTED = "directed", "Đã giao xử lý"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    COMPLETED = "completed", "Đã hoàn thành"
    REFUSED = "refused", "Đã trả lại nơi gửi"
    RECALLED = "recalled", "Nơi gửi đã thu hồi"


class OutgoingStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    IN_REVIEW = "in_review", "Chờ thẩm định"
    AWAITING_APPROVAL = "awaiting_approval", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt, chờ ký"
    SIGNED = "signed", "Đã ký, chờ cấp số"
    NUMBERED = "numbered", "Đã cấp số, chờ phát hành"
    ISSUED = "issued", "Đã phát hành"
    RECALLED = "recalled", "Đã thu hồi"


class IncomingDocument(models.Model):
    """A document received by an agency: waiting in its queue (delivered or imported), then registered,
    directed by the leader (bút phê) and handled by the lead unit until completed."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="incoming_documents")
    status = models.CharField("trạng thái", max_length=12, choices=IncomingStatus.choices)
    source = models.CharField("hình thức nhận", max_length=10, choices=Source.choices)
    entry = models.OneToOneField(
        RegisteredDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="incoming"
    )
    received_at = models.DateTimeField("thời điểm nhận")
    sender = models.CharField("nơi gửi", max_length=500)
    sender_code = models.CharField("mã định danh nơi gửi", max_length=35, blank=True)
    number_notation = models.CharField("số, ký hiệu", max_length=60)
    document_type = models.CharField("loại văn bản", max_length=60)
    document_date = models.DateField("ngày văn bản")
    summary = models.TextField("trích yếu")
    signer = models.CharField("người ký", max_length=200, blank=True)
    urgency = models.CharField("độ khẩn", max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    pages = models.PositiveSmallIntegerField("số trang", null=True, blank=True)
    origin = models.ForeignKey(
        "OutgoingDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="deliveries"
    )
    edxml_id = models.CharField("mã văn bản edXML", max_length=100, blank=True)
    present_by = models.DateTimeField("hạn trình lãnh đạo", null=True, blank=True)
    lead_unit = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="led_documents")
    coordinating_units = models.ManyToManyField(Agency, blank=True, related_name="coordinated_documents")
    direction_note = models.TextField("ý kiến bút phê", blank=True)
    directed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due_at = models.DateTimeField("hạn xử lý", null=True, blank=True, db_index=True)
    reminded_at = models.DateTimeField("đã nhắc lúc", null=True, blank=True)
    completed_at = models.DateTimeField("hoàn thành lúc", null=True, blank=True)
    result = models.TextField("kết quả xử lý", blank=True)
    reason = models.TextField("lý do trả lại", blank=True)
    dossier_code = models.CharField("hồ sơ liên quan", max_length=40, blank=True, db_index=True)
    # Number, sender and summary folded (no diacritics, lower case): what the register's search compares.
    search_text = models.TextField(default="", editable=False)

    class Meta:
        verbose_name = "văn bản đến"
        verbose_name_plural = "văn bản đến"
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.number_notation} – {self.sender}"


class OutgoingDocument(models.Model):
    """A document an agency drafts, reviews, approves, signs, numbers and issues."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="outgoing_documents")
    status = models.CharField("trạng thái", max_length=20, choices=OutgoingStatus.choices)
    document_type = models.CharField("loại văn bản", max_length=60)
    notation = models.CharField("ký hiệu", max_length=50)
    summary = models.TextField("trích yếu")
    urgency = models.CharField("độ khẩn", max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    drafter = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    drafting_unit = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="drafted_documents")
    approver = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signer_title = models.CharField("chức vụ người ký", max_length=200, blank=True)
    internal_recipients = models.ManyToManyField(Agency, blank=True, related_name="addressed_documents")
    external_recipients = models.TextField("nơi nhận ngoài hệ thống (mỗi dòng: mã định danh; tên)", blank=True)
    entry = models.OneToOneField(
        RegisteredDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="outgoing"
    )
    signed_token = models.CharField("mã xác thực văn bản đã ký", max_length=43, blank=True)
    created_at = models.DateTimeField("tạo lúc")
    issued_at = models.DateTimeField("phát hành lúc", null=True, blank=True)
    dossier_code = models.CharField("hồ sơ liên quan", max_length=40, blank=True, db_index=True)
    edxml_id = models.CharField("mã văn bản edXML", max_length=100, blank=True)
    search_text = models.TextField(default="", editable=False)  # folded: number, type and summary

    class Meta:
        verbose_name = "văn bản đi"
        verbose_name_plural = "văn bản đi"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.entry.number_notation if self.entry else f"Dự thảo {self.pk}"


class DocumentFile(models.Model):
    """A file of a document: the main text (the one signed) or an attachment, scans of paper included."""

    incoming = models.ForeignKey(
        IncomingDocument, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    outgoing = models.ForeignKey(
        OutgoingDocument, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    name = models.CharField("tên tệp", max_length=255)
    file = models.FileField("tệp", upload_to="documents/%Y/%m/")
    is_main = models.BooleanField("văn bản chính", default=False)
    # An earlier version of the main text (before a signature was added): kept, never sent.
    superseded = models.BooleanField("bản trước khi ký", default=False)
    uploaded_at = models.DateTimeField("tải lên lúc")

    class Meta:
        ordering = ["-is_main", "pk"]

    def __str__(self) -> str:
        return self.name


class DeliveryStatus(models.Model):
    """Where an issued document stands at one recipient (Appendix VI: the sender sees the processing
    status), kept from the receiver's actions or its edXML status packages."""

    outgoing = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="statuses")
    recipient = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recipient_code = models.CharField("mã định danh nơi nhận", max_length=35, blank=True)
    recipient_name = models.CharField("nơi nhận", max_length=300)
    code = models.CharField("mã trạng thái edXML", max_length=2)
    description = models.CharField("mô tả", max_length=500, blank=True)
    updated_at = models.DateTimeField("cập nhật lúc")

    class Meta:
        ordering = ["recipient_name"]

    def __str__(self) -> str:
        return f"{self.recipient_name}: {self.code}"


class ExchangePackage(models.Model):
    """An edXML package sent or received: a document with its attachments, or a status."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="edxml_packages")
    sent = models.BooleanField("gửi đi")
    kind = models.CharField("loại gói tin", max_length=10)  # "document" or "status"
    counterpart = models.CharField("nơi gửi hoặc nơi nhận", max_length=300)
    counterpart_code = models.CharField("mã định danh", max_length=35, blank=True)
    outgoing = models.ForeignKey(OutgoingDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    incoming = models.ForeignKey(IncomingDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status_code = models.CharField("mã trạng thái", max_length=2, blank=True)
    file = models.FileField("gói tin", upload_to="edxml/%Y/%m/")
    created_at = models.DateTimeField("lúc")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.counterpart}"


class DocumentEvent(AuditEvent):
    """History of a document in motion: every action, who, when, with its note."""

    incoming = models.ForeignKey(
        IncomingDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    outgoing = models.ForeignKey(
        OutgoingDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )

    class Meta(AuditEvent.Meta):
        verbose_name = "lịch sử xử lý văn bản"
        verbose_name_plural = "lịch sử xử lý văn bản"

    def __str__(self) -> str:
        return self.action
