"""Dossiers (hồ sơ TTHC): the aggregate, its components, files, steps, pauses, handovers and history.

Every write goes through ``dossiers.services``; models carry no business rules beyond the
snapshot the workflow table reads (``Dossier.snapshot``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from motcua.core.models import AuditEvent
from motcua.dossiers import facts
from motcua.dossiers.constants import (
    OPEN_STATUS_VALUES,
    Channel,
    Outcome,
    PauseKind,
    PaymentMethod,
    ReturnMethod,
    Satisfaction,
    Status,
    StepKind,
    StepState,
    SupplementStage,
    dvcqg_status_key,
    is_refused_after_appraisal,
    status_label,
)
from motcua.dossiers.models.groups import DossierGroup as DossierGroup
from motcua.dossiers.models.rules import AssignmentRule as AssignmentRule
from motcua.dossiers.models.rules import AssignmentRuleEvent as AssignmentRuleEvent
from motcua.dossiers.models.rules import AssignmentStrategy as AssignmentStrategy
from motcua.workdays.constants import CompletionTiming, DurationUnit

USER = settings.AUTH_USER_MODEL


class Dossier(models.Model):
    """Hồ sơ TTHC. ``code`` is assigned when the dossier is registered (counter, post or online send)."""

    code = models.CharField("mã hồ sơ", max_length=64, unique=True, null=True, blank=True)
    reference = models.UUIDField("mã tham chiếu", default=uuid.uuid4, unique=True, editable=False)
    status = models.PositiveSmallIntegerField("trạng thái", choices=Status.choices, default=Status.DRAFT)
    # Optimistic lock: every action states the version it saw; a mismatch is a conflict.
    version = models.PositiveIntegerField("phiên bản", default=1)

    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.PROTECT, related_name="dossiers")
    procedure_version = models.ForeignKey(
        "catalogue.ProcedureVersion", on_delete=models.PROTECT, related_name="dossiers"
    )
    applicant = models.ForeignKey(
        "accounts.Applicant", on_delete=models.PROTECT, related_name="dossiers", verbose_name="chủ hồ sơ"
    )
    # Frozen at submission: what the receipt shows and what the public lookup compares.
    applicant_name = models.CharField("họ tên người nộp", max_length=255)
    # ``fold(applicant_name)``, set by the services with the name: what the inbox search compares
    # (a trigram GIN index on PostgreSQL serves "contains", see migration 0006).
    applicant_name_folded = models.CharField("họ tên người nộp (không dấu)", max_length=255, blank=True, default="")
    applicant_phone = models.CharField("số điện thoại", max_length=15, blank=True)
    applicant_id_number = models.CharField("số định danh / mã số thuế", max_length=14, blank=True)
    applicant_email = models.EmailField("thư điện tử", blank=True)
    applicant_address = models.CharField("địa chỉ", max_length=300, blank=True)
    summary = models.CharField("trích yếu", max_length=1000, blank=True)
    # Filed with the other procedures of a group as one application (indexed only where set, below).
    group = models.ForeignKey(
        DossierGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name="hồ sơ liên thông",
        db_index=False,
    )

    channel = models.CharField("kênh nộp", max_length=10, choices=Channel.choices)
    postal_shipment_number = models.CharField("số vận đơn bưu chính (nộp)", max_length=40, blank=True)
    # The agency columns are indexed first in the inbox indexes (Meta): no single-column index of
    # their own, which every insert and update of this busy table would also have to write.
    receiving_agency = models.ForeignKey(
        "organisations.Agency",
        on_delete=models.PROTECT,
        related_name="received_dossiers",
        verbose_name="nơi nhận",
        db_index=False,
    )
    competent_agency = models.ForeignKey(
        "organisations.Agency",
        on_delete=models.PROTECT,
        db_index=False,
        related_name="competent_dossiers",
        verbose_name="cơ quan giải quyết",
    )
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    created_at = models.DateTimeField("thời điểm tạo")
    submitted_at = models.DateTimeField("thời điểm nộp", null=True, blank=True)
    accepted_at = models.DateTimeField("thời điểm tiếp nhận", null=True, blank=True)
    # Start of the running clock: acceptance, or receipt of the complete supplement (restart).
    clock_started_at = models.DateTimeField("thời điểm bắt đầu tính hạn", null=True, blank=True)
    due_at = models.DateTimeField("hẹn trả kết quả", null=True, blank=True, db_index=True)
    time_value = models.DecimalField("thời hạn giải quyết", max_digits=7, decimal_places=2, null=True, blank=True)
    time_unit = models.CharField("đơn vị thời hạn", max_length=16, choices=DurationUnit.choices, blank=True)

    supplement_stage = models.CharField(
        "khâu yêu cầu bổ sung", max_length=12, choices=SupplementStage.choices, blank=True
    )
    extended_at = models.DateTimeField("thời điểm gia hạn", null=True, blank=True)
    due_before_extension = models.DateTimeField("hạn trước khi gia hạn", null=True, blank=True)
    extension_reason = models.TextField("lý do gia hạn", blank=True)

    approved_at = models.DateTimeField("thời điểm phê duyệt", null=True, blank=True)
    approved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    outcome = models.CharField("kết quả giải quyết", max_length=10, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField("lý do (từ chối, dừng)", blank=True)
    resolved_at = models.DateTimeField("thời điểm xử lý xong", null=True, blank=True)
    timing = models.CharField("đánh giá thời gian", max_length=10, choices=CompletionTiming.choices, blank=True)
    returned_at = models.DateTimeField("thời điểm trả kết quả", null=True, blank=True)
    # How the applicant asked to receive the result (at intake or when sending online); the return
    # action follows it: by post to ``delivery_address``, or electronically as a download.
    result_delivery = models.CharField(
        "hình thức nhận kết quả đã đăng ký", max_length=12, choices=ReturnMethod.choices, blank=True
    )
    delivery_address = models.CharField("địa chỉ nhận kết quả qua bưu chính", max_length=300, blank=True)
    return_method = models.CharField("hình thức trả", max_length=12, choices=ReturnMethod.choices, blank=True)
    return_shipment_number = models.CharField("số vận đơn bưu chính (trả)", max_length=40, blank=True)
    returned_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    returned_to = models.CharField("người nhận kết quả", max_length=255, blank=True)
    closed_at = models.DateTimeField("thời điểm kết thúc", null=True, blank=True)

    payment_method = models.CharField(
        "hình thức nộp phí", max_length=10, choices=PaymentMethod.choices, default=PaymentMethod.NONE
    )
    fee_total_vnd = models.PositiveBigIntegerField("tổng phí, lệ phí (đồng)", default=0)
    fees_paid = models.BooleanField("đã nộp phí", default=False)
    # The exempt case the applicant stated (at the counter, proved; online, to be proved at reception).
    fee_exemption = models.CharField("trường hợp miễn phí, lệ phí", max_length=500, blank=True, default="")
    has_digitised_components = models.BooleanField("có thành phần được số hóa", default=False)
    has_reused_components = models.BooleanField("có thành phần tái sử dụng", default=False)
    updated_at = models.DateTimeField("cập nhật lần cuối", auto_now=True)

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["competent_agency", "status", "due_at"], name="dossier_competent_inbox"),
            models.Index(fields=["receiving_agency", "status", "due_at"], name="dossier_receiving_inbox"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due"),
            models.Index(fields=["group"], name="dossier_group", condition=Q(group__isnull=False)),
            models.Index(fields=["accepted_at"], name="dossier_accepted_at"),
            # Newest-first lists read this index backwards and stop after a page.
            models.Index(fields=["-submitted_at", "-id"], name="dossier_newest_first"),
            # Due-soon and overdue boxes look at open dossiers only (a few % of the table). The operations
            # centre's in-progress figures count them from this index alone (PostgreSQL: index-only scan).
            models.Index(
                fields=["due_at", "id"],
                condition=Q(status__in=OPEN_STATUS_VALUES),
                include=[
                    "status",
                    "accepted_at",
                    "competent_agency",
                    "receiving_agency",
                    "procedure",
                    "channel",
                ],
                name="dossier_open_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status=Status.DRAFT) | Q(code__isnull=False), name="dossier_code_set")
        ]

    def __str__(self) -> str:
        return self.code or f"Hồ sơ nháp {self.reference}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def status_label(self) -> str:
        """The status as people read it (a refusal after appraisal reads as a refusal)."""
        return status_label(self.status, self.outcome)

    @property
    def refused(self) -> bool:
        """Refused after appraisal: the outcome is the refusal notice, not the requested result."""
        return is_refused_after_appraisal(self.status, self.outcome)

    @property
    def dvcqg_status_key(self) -> str:
        """The national portal's status key (``constants.dvcqg_status_key``)."""
        return dvcqg_status_key(self.status, self.outcome)

    def snapshot(self, *, new: bool = False) -> facts.Snapshot:
        """Facts the workflow table decides on. Three small queries on the dossier's own rows.

        ``new``: the dossier was inserted by the current transaction and has no steps or rating yet.
        """
        open_steps: list[Any] = []
        orders: list[int] = []
        if not new:
            open_steps = list(
                self.steps.filter(state=StepState.ACTIVE).values("kind", "order", "agency_id", "role", "handler_id")
            )
            orders = list(
                self.steps.filter(kind=StepKind.PROCESS)
                .exclude(state=StepState.CANCELLED)
                .values_list("order", flat=True)
            )
        active = [s for s in open_steps if s["kind"] == StepKind.PROCESS]
        active_order = min((s["order"] for s in active), default=None)
        applicant_user_id = self.applicant.user_id if self.applicant_id else None
        return facts.Snapshot(
            status=self.status,
            receiving_agency_id=self.receiving_agency_id,
            competent_agency_id=self.competent_agency_id,
            applicant_user_id=applicant_user_id,
            supplement_stage=self.supplement_stage,
            clock_started_at=self.clock_started_at,
            due_at=self.due_at,
            extended=self.extended_at is not None,
            approved=self.approved_at is not None,
            has_result=bool(self.outcome),
            rated=not new and self.status == Status.RETURNED and Rating.objects.filter(dossier_id=self.pk).exists(),
            active_steps=tuple(facts.ActiveStep(s["agency_id"], s["role"], s["handler_id"]) for s in active),
            has_previous_step=active_order is not None and any(o < active_order for o in orders),
            has_next_step=active_order is not None and any(o > active_order for o in orders),
            open_consultation_agency_ids=frozenset(
                s["agency_id"] for s in open_steps if s["kind"] == StepKind.CONSULTATION
            ),
            open_transfer_agency_ids=frozenset(s["agency_id"] for s in open_steps if s["kind"] == StepKind.INTERLEVEL),
        )


def dossier_file_path(instance: DossierFile, filename: str) -> str:
    return f"dossiers/{instance.dossier.reference}/{filename}"


class DossierComponent(models.Model):
    """A document received (thành phần hồ sơ): kind, pages, digitised or reused (Decision 766 data)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="components")
    catalogue_component = models.ForeignKey(
        "catalogue.Component", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    name = models.CharField("tên giấy tờ", max_length=500)
    kind = models.CharField("loại bản", max_length=16)
    copies = models.PositiveSmallIntegerField("số bản", default=1)
    page_count = models.PositiveIntegerField("số trang", default=0)
    digitised = models.BooleanField("đã số hóa", default=False)
    reused = models.BooleanField("tái sử dụng từ kho dữ liệu", default=False)

    class Meta:
        verbose_name = "thành phần hồ sơ đã nhận"
        verbose_name_plural = "thành phần hồ sơ đã nhận"
        ordering = ["dossier_id", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class FilePurpose(models.TextChoices):
    COMPONENT = "component", "Thành phần hồ sơ"
    SUPPLEMENT = "supplement", "Hồ sơ bổ sung"
    WORKING = "working", "Tài liệu xử lý"
    RESULT = "result", "Kết quả giải quyết"
    RECEIPT = "receipt", "Biên lai thu phí, lệ phí"


class DossierFile(models.Model):
    """A scanned or uploaded file. Never deleted once the dossier is registered (it is evidence)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    component = models.ForeignKey(
        DossierComponent, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    purpose = models.CharField("mục đích", max_length=12, choices=FilePurpose.choices)
    file = models.FileField("tệp", upload_to=dossier_file_path, max_length=300)
    name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0)
    uploaded_at = models.DateTimeField("thời điểm tải lên")
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "tệp hồ sơ"
        verbose_name_plural = "tệp hồ sơ"
        ordering = ["dossier_id", "pk"]

    def __str__(self) -> str:
        return self.name


class DossierFee(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField("tên phí, lệ phí", max_length=300)
    amount_vnd = models.PositiveBigIntegerField("số tiền (đồng)", default=0)

    class Meta:
        verbose_name = "phí, lệ phí của hồ sơ"
        verbose_name_plural = "phí, lệ phí của hồ sơ"
        ordering = ["dossier_id", "pk"]

    def __str__(self) -> str:
        return self.name


class DossierStep(models.Model):
    """A step of the dossier's processing: copied from the internal process, or a consultation/transfer."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField("loại", max_length=12, choices=StepKind.choices, default=StepKind.PROCESS)
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên bước", max_length=500)
    # Indexed first in ``step_agency_inbox`` (Meta), so no index of its own.
    agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, related_name="dossier_steps", db_index=False
    )
    role = models.CharField("vai trò", max_length=32)
    handler = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="dossier_steps")
    # When the handler was named (by the head, a forward or an assignment rule): "least loaded"
    # rules break ties by the longest time since an official's last assignment.
    assigned_at = models.DateTimeField("thời điểm phân công", null=True, blank=True)
    parallel_group = models.CharField("nhóm song song", max_length=20, blank=True)
    duration_value = models.DecimalField("thời gian", max_digits=7, decimal_places=2)
    duration_unit = models.CharField("đơn vị", max_length=16, choices=DurationUnit.choices)
    state = models.CharField("tình trạng", max_length=10, choices=StepState.choices, default=StepState.PENDING)
    # True when the step's agency is neither the receiving nor the competent one (a consultation,
    # an inter-level transfer, a step at another agency): what makes a dossier visible there.
    routed = models.BooleanField("ở cơ quan khác", default=False)
    # Copied from the published process: whether a head may leave the step out (with a reason).
    skippable = models.BooleanField("được bỏ qua", default=False)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    due_at = models.DateTimeField("hạn", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    timing = models.CharField("đánh giá thời gian", max_length=10, choices=CompletionTiming.choices, blank=True)
    content = models.TextField("nội dung yêu cầu", blank=True)
    answer = models.TextField("nội dung trả lời, kết quả", blank=True)

    class Meta:
        verbose_name = "bước xử lý hồ sơ"
        verbose_name_plural = "bước xử lý hồ sơ"
        ordering = ["dossier_id", "order", "pk"]
        indexes = [
            models.Index(fields=["agency", "state", "due_at"], name="step_agency_inbox"),
            # Step boxes walk an agency's active process steps most urgent first and stop after a
            # page (selectors.step_rows); the included columns let the walk skip the table.
            models.Index(
                fields=["agency", "due_at"],
                include=["role", "handler", "dossier"],
                condition=Q(state="active", kind="process"),
                name="step_active_process_due",
            ),
            models.Index(fields=["agency"], include=["dossier"], condition=Q(routed=True), name="step_routed"),
            # A dossier's active steps, read once per listed dossier by the inbox conditions and the
            # step due moment they sort by: answered from this small index alone, never the table.
            models.Index(
                fields=["dossier", "due_at"],
                include=["agency", "kind", "role", "handler"],
                condition=Q(state="active"),
                name="step_active_by_dossier",
            ),
            # Least-loaded assignment: an official's active steps are counted, and their latest
            # assignment read, without reading the years of steps they have finished.
            models.Index(fields=["handler"], condition=Q(state="active"), name="step_handler_active"),
            models.Index(
                fields=["handler", "assigned_at"], condition=Q(assigned_at__isnull=False), name="step_handler_assigned"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class DossierPause(models.Model):
    """An interval during which the clock stood still (or, for supplements, before it restarted)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField("lý do", max_length=24, choices=PauseKind.choices)
    started_at = models.DateTimeField("bắt đầu")
    ended_at = models.DateTimeField("kết thúc", null=True, blank=True)
    stops_clock = models.BooleanField("dừng tính hạn", default=True)
    amount_vnd = models.PositiveBigIntegerField("số tiền nghĩa vụ tài chính", null=True, blank=True)

    class Meta:
        verbose_name = "thời gian tạm dừng"
        verbose_name_plural = "thời gian tạm dừng"
        ordering = ["dossier_id", "started_at"]

    def __str__(self) -> str:
        return self.get_kind_display()


class SupplementRequest(models.Model):
    """One request listing every missing or wrong item at once (Form 02)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplement_requests")
    stage = models.CharField("khâu", max_length=12, choices=SupplementStage.choices)
    items = models.JSONField("nội dung cần bổ sung", default=list)
    note = models.TextField("hướng dẫn", blank=True)
    requested_at = models.DateTimeField("thời điểm yêu cầu")
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agency = models.ForeignKey("organisations.Agency", on_delete=models.PROTECT, related_name="+")
    fulfilled_at = models.DateTimeField("thời điểm nhận đủ", null=True, blank=True)

    class Meta:
        verbose_name = "yêu cầu bổ sung"
        verbose_name_plural = "yêu cầu bổ sung"
        ordering = ["dossier_id", "requested_at"]

    def __str__(self) -> str:
        return f"{self.dossier} – {self.requested_at:%d/%m/%Y}"


class Handover(models.Model):
    """A hand-over between steps: the lines of the control sheet (Form 06)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="handovers")
    step = models.ForeignKey(DossierStep, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    at = models.DateTimeField("thời điểm giao")
    from_user = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    from_agency = models.ForeignKey("organisations.Agency", on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_label = models.CharField("bên nhận", max_length=300, blank=True)
    step_due_at = models.DateTimeField("hạn của bước", null=True, blank=True)
    timing = models.CharField("đánh giá thời gian", max_length=10, choices=CompletionTiming.choices, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "giao nhận hồ sơ"
        verbose_name_plural = "giao nhận hồ sơ"
        ordering = ["dossier_id", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier} – {self.at:%d/%m/%Y %H:%M}"


class Rating(models.Model):
    """The applicant's satisfaction rating, once per dossier after the result is returned."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    satisfaction = models.CharField("mức độ hài lòng", max_length=16, choices=Satisfaction.choices)
    criteria = models.JSONField("đánh giá theo tiêu chí", default=dict, blank=True)
    comment = models.TextField("ý kiến", blank=True)
    rated_at = models.DateTimeField("thời điểm đánh giá")

    class Meta:
        verbose_name = "đánh giá hài lòng"
        verbose_name_plural = "đánh giá hài lòng"

    def __str__(self) -> str:
        return self.get_satisfaction_display()


class DossierCodeCounter(models.Model):
    """Daily sequence of dossier codes per receiving agency, incremented under a row lock."""

    agency = models.ForeignKey("organisations.Agency", on_delete=models.CASCADE, related_name="+")
    day = models.DateField("ngày")
    last_value = models.PositiveIntegerField("số thứ tự cuối", default=0)

    class Meta:
        verbose_name = "bộ đếm mã hồ sơ"
        verbose_name_plural = "bộ đếm mã hồ sơ"
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="dossier_counter_agency_day")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last_value}"


class DeadlineAlert(models.Model):
    """A deadline reminder already sent: makes the daily scan idempotent."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(DossierStep, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField("loại", max_length=10)  # due_soon | overdue
    day = models.DateField("ngày")

    class Meta:
        verbose_name = "nhắc hạn đã gửi"
        verbose_name_plural = "nhắc hạn đã gửi"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "step", "kind", "day"], name="deadline_alert_once"),
            models.UniqueConstraint(
                fields=["dossier", "kind", "day"], condition=Q(step__isnull=True), name="deadline_alert_once_dossier"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.dossier_id} {self.day}"


class DossierEvent(AuditEvent):
    """History of a dossier (append-only): who, in which role and agency, did what, when, with which files."""

    chain_stream = "dossier"  # one hash chain per dossier

    # Indexed first in ``dossier_event_timeline`` (Meta), so no index of its own.
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events", db_index=False)
    role = models.CharField("vai trò", max_length=32, blank=True)
    agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status_before = models.PositiveSmallIntegerField(choices=Status.choices, null=True, blank=True)
    status_after = models.PositiveSmallIntegerField(choices=Status.choices, null=True, blank=True)

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký hồ sơ"
        verbose_name_plural = "nhật ký hồ sơ"
        indexes = [models.Index(fields=["dossier", "occurred_at"], name="dossier_event_timeline")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.action}"
