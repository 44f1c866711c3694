"""Catalogue of administrative procedures (TTHC): procedures, their versions and internal processes.

A procedure is identified by its national code and never deleted once a dossier references it
(dossiers point at a ``ProcedureVersion`` with ``on_delete=PROTECT``; retiring a procedure
archives it). Everything a dossier's clock and checklist depend on (times, fees, components,
processes) lives on a ``ProcedureVersion``: a change creates a new version with its own
effective dates, so a dossier keeps the rules it was received under.

Writes go through ``catalogue.services``; reads through ``catalogue.selectors``.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from motcua.accounts.models import Role
from motcua.catalogue.constants import (
    LEGAL_BASIS_MISSING,
    PROCEDURE_CODE_RE,
    SECTOR_CODE_RE,
    ComponentKind,
    ComponentRequirement,
    OnlineLevel,
    ProcedureStatus,
    ResultKind,
    StepActorKind,
)
from motcua.core.models import AuditEvent, FoldedNameModel
from motcua.organisations.models import Agency, UnitLevel
from motcua.workdays.constants import DurationUnit

procedure_code_validator = RegexValidator(
    PROCEDURE_CODE_RE, "Mã thủ tục phải có dạng 1.001193 (một chữ số, dấu chấm, 6 chữ số)."
)
sector_code_validator = RegexValidator(SECTOR_CODE_RE, "Mã lĩnh vực chỉ gồm chữ in hoa, chữ số, dấu chấm, gạch.")


class Sector(FoldedNameModel):
    """Lĩnh vực, e.g. G09-TP01 "Hộ tịch"."""

    code = models.CharField("mã lĩnh vực", max_length=30, unique=True, validators=[sector_code_validator])
    name = models.CharField("tên lĩnh vực", max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(FoldedNameModel):
    """Thủ tục hành chính: the stable identity (code, name, sector) across versions."""

    code = models.CharField("mã thủ tục", max_length=10, unique=True, validators=[procedure_code_validator])
    # Published names reach 1,094 characters (the national database's longest ones list every case).
    name = models.CharField("tên thủ tục", max_length=1500)
    # Folded (no diacritics, đ→d, lower case) copy of the name: what every search compares.
    name_folded = models.CharField(max_length=1500, editable=False, db_index=True)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="procedures", verbose_name="lĩnh vực")
    status = models.CharField(
        "trạng thái", max_length=10, choices=ProcedureStatus.choices, default=ProcedureStatus.ACTIVE
    )
    dvcqg_connected = models.BooleanField(
        "đã kết nối Cổng DVC quốc gia",
        default=False,
        help_text="Hồ sơ của thủ tục được đồng bộ lên Cổng Dịch vụ công quốc gia.",
    )
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class ProcedureVersionQuerySet(models.QuerySet["ProcedureVersion"]):
    def in_force(self, at: object) -> ProcedureVersionQuerySet:
        """Versions whose [effective_from, effective_until] (both inclusive) contains ``at``."""
        return self.filter(Q(effective_until__isnull=True) | Q(effective_until__gte=at), effective_from__lte=at)


class ProcedureVersion(models.Model):
    """The rules of a procedure during a period: times, levels, channels, result, fees, components."""

    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="versions", verbose_name="thủ tục")
    number = models.PositiveIntegerField("phiên bản số")
    effective_from = models.DateField("áp dụng từ ngày")
    effective_until = models.DateField("áp dụng đến hết ngày", null=True, blank=True)
    # Statutory time (thời hạn giải quyết theo quy định); null value for "trong ngày".
    legal_time_value = models.DecimalField(
        "thời hạn theo quy định",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    # Blank only on an information-only version: the source did not publish the time limit.
    legal_time_unit = models.CharField("đơn vị thời hạn", max_length=16, choices=DurationUnit.choices, blank=True)
    # The province's reduced time (thời hạn cắt giảm); the legal one stays beside it for reporting.
    reduced_time_value = models.DecimalField(
        "thời hạn cắt giảm",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    reduced_time_unit = models.CharField(
        "đơn vị thời hạn cắt giảm", max_length=16, choices=DurationUnit.choices, blank=True
    )
    at_province_level = models.BooleanField("cấp tỉnh", default=False)
    at_district_level = models.BooleanField("cấp huyện", default=False)
    at_commune_level = models.BooleanField("cấp xã", default=False)
    applicant_types = models.JSONField("đối tượng thực hiện", default=list, blank=True)
    online_level = models.CharField(
        "mức độ dịch vụ công trực tuyến", max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    channels = models.JSONField("cách thức thực hiện", default=list, blank=True)
    # "4 tại chỗ": received, appraised, approved and returned at the service centre itself.
    resolved_at_centre = models.BooleanField("giải quyết tại chỗ ở Trung tâm (4 tại chỗ)", default=False)
    # Published for information only: what the source did not give (time limit, internal process) is
    # shown as "chưa công bố" and no dossier is received until a manager completes it in a new version.
    information_only = models.BooleanField(
        "chỉ cung cấp thông tin",
        default=False,
        help_text="Chưa công bố đủ thời hạn, quy trình nội bộ: chưa tiếp nhận hồ sơ trên Cổng và tại quầy.",
    )
    # Waiting for the applicant to pay a financial obligation (e.g. land levy) stops the clock.
    requires_financial_obligation_pause = models.BooleanField(
        "tạm dừng khi chờ thực hiện nghĩa vụ tài chính", default=False
    )
    result_name = models.CharField("kết quả thực hiện", max_length=1000, blank=True)
    result_kind = models.CharField("loại kết quả", max_length=16, choices=ResultKind.choices, default=ResultKind.OTHER)
    result_electronic_allowed = models.BooleanField("cho phép kết quả điện tử", default=False)
    legal_basis = models.TextField("căn cứ pháp lý", blank=True)
    submission_place = models.TextField("địa điểm tiếp nhận", blank=True)
    publication_decision_number = models.CharField("số quyết định công bố", max_length=60, blank=True)
    publication_decision_date = models.DateField("ngày quyết định công bố", null=True, blank=True)
    competent_agencies = models.ManyToManyField(
        Agency, related_name="competent_for_versions", blank=True, verbose_name="cơ quan có thẩm quyền"
    )
    change_note = models.CharField("nội dung thay đổi", max_length=500, blank=True)
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tạo",
    )

    objects = ProcedureVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "phiên bản thủ tục"
        verbose_name_plural = "phiên bản thủ tục"
        ordering = ["procedure_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="catalogue_unique_version_number"),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True) | Q(effective_until__gte=models.F("effective_from")),
                name="catalogue_version_dates_ordered",
            ),
        ]
        # "The version in force on day d" of a procedure: search filters, listings and intake ask it.
        indexes = [
            models.Index(fields=["procedure", "effective_from", "effective_until"], name="catalogue_version_period"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"

    @property
    def legal_basis_text(self) -> str:
        """The legal basis as shown to people: said to be missing rather than left out when unknown."""
        return self.legal_basis or LEGAL_BASIS_MISSING

    @property
    def levels(self) -> list[str]:
        pairs = [
            (self.at_province_level, UnitLevel.PROVINCE),
            (self.at_district_level, UnitLevel.DISTRICT),
            (self.at_commune_level, UnitLevel.COMMUNE),
        ]
        return [str(level) for flag, level in pairs if flag]


class Fee(models.Model):
    """Phí, lệ phí. ``amount_vnd`` is null when the amount is set elsewhere (e.g. a provincial resolution)."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    name = models.CharField("tên phí, lệ phí", max_length=300)
    amount_vnd = models.PositiveBigIntegerField("mức thu (đồng)", null=True, blank=True)
    payer = models.CharField("đối tượng nộp", max_length=300, blank=True)
    exemptions = models.TextField(
        "miễn, giảm",
        blank=True,
        help_text="Các trường hợp được miễn mức thu này; hồ sơ thuộc diện miễn thì dòng này thu 0 đồng.",
    )
    # A rate published for some channels only (counter 20.000 đ, online 10.000 đ): the dossier
    # pays the rows of its own channel (``catalogue.fees.fees_due``).
    channels = models.JSONField(
        "áp dụng cho cách thức nộp",
        default=list,
        blank=True,
        help_text="Để trống: áp dụng cho mọi cách thức (trực tiếp, trực tuyến, bưu chính).",
    )
    # Provinces may reduce fees for online submission by a resolution of the People's Council;
    # the rate is theirs to set, so it is a field of the row, not a rule in code.
    online_reduction_percent = models.PositiveSmallIntegerField(
        "giảm khi nộp trực tuyến (%)",
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Tỷ lệ giảm khi nộp trực tuyến theo nghị quyết HĐND tỉnh; 100 là miễn.",
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "phí, lệ phí"
        verbose_name_plural = "phí, lệ phí"
        ordering = ["version_id", "order", "pk"]

    def __str__(self) -> str:
        return self.name


def blank_form_path(instance: Component, filename: str) -> str:
    return f"catalogue/forms/{instance.version.procedure.code}/v{instance.version.number}/{filename}"


class Component(models.Model):
    """Thành phần hồ sơ: a document the applicant supplies.

    ``requirement`` says whether every applicant must supply it, only those in the case
    ``condition`` states ("chỉ khi khai sinh cho trẻ bị bỏ rơi"), or whoever has it. Only an
    always-required component blocks an online submission or the acceptance of a dossier; for the
    others the applicant and the officer are shown the case.
    """

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="components")
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    name = models.CharField("tên giấy tờ", max_length=500)
    copies = models.PositiveSmallIntegerField("số lượng", default=1)
    kind = models.CharField("loại bản", max_length=16, choices=ComponentKind.choices, default=ComponentKind.ORIGINAL)
    requirement = models.CharField(
        "yêu cầu nộp", max_length=16, choices=ComponentRequirement.choices, default=ComponentRequirement.ALWAYS
    )
    condition = models.CharField(
        "trường hợp phải nộp",
        max_length=1000,
        blank=True,
        help_text="Với thành phần bắt buộc trong trường hợp nêu rõ: trường hợp đó, như người nộp sẽ đọc.",
    )
    reusable_from_data_store = models.BooleanField("tái sử dụng từ kho dữ liệu", default=False)
    blank_form = models.FileField("mẫu đơn, tờ khai", upload_to=blank_form_path, null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        ordering = ["version_id", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def mandatory(self) -> bool:
        """Required of every applicant: missing it blocks submission and acceptance."""
        return self.requirement == ComponentRequirement.ALWAYS

    @property
    def is_conditional(self) -> bool:
        return self.requirement == ComponentRequirement.CONDITIONAL


class InternalProcess(models.Model):
    """Quy trình nội bộ of a version at an implementing agency.

    The process without an agency is the version's default, used by every agency that has
    not published its own (``selectors.process_for``).
    """

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="processes")
    implementing_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="internal_processes",
        verbose_name="cơ quan thực hiện",
    )
    decision_number = models.CharField("số quyết định phê duyệt", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    effective_from = models.DateField("áp dụng từ ngày", null=True, blank=True)
    is_illustrative = models.BooleanField(
        "quy trình minh hoạ", default=False, help_text="Dựng từ mô tả chung, chưa phải quy trình được phê duyệt."
    )

    class Meta:
        verbose_name = "quy trình nội bộ"
        verbose_name_plural = "quy trình nội bộ"
        constraints = [
            models.UniqueConstraint(
                fields=["version", "implementing_agency"], name="catalogue_unique_process_per_agency"
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(implementing_agency__isnull=True),
                name="catalogue_unique_default_process",
            ),
        ]

    def __str__(self) -> str:
        return f"Quy trình {self.version} – {self.implementing_agency or 'mặc định'}"


class ProcessStep(models.Model):
    """A step of an internal process. Steps sharing ``parallel_group`` run side by side (consultations)."""

    process = models.ForeignKey(InternalProcess, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên bước", max_length=500)
    actor_kind = models.CharField("bên thực hiện", max_length=16, choices=StepActorKind.choices)
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cơ quan thực hiện bước (liên thông)",
    )
    duration_value = models.DecimalField(
        # 0 = "không tính thời gian" (e.g. handing over the result), as provinces publish it.
        "thời gian",
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    duration_unit = models.CharField(
        "đơn vị",
        max_length=16,
        choices=[
            (DurationUnit.WORKING_HOURS, DurationUnit.WORKING_HOURS.label),
            (DurationUnit.WORKING_DAYS, DurationUnit.WORKING_DAYS.label),
        ],
    )
    allowed_actions = models.JSONField("thao tác được phép", default=list, blank=True)
    is_interagency = models.BooleanField("liên thông", default=False)
    parallel_group = models.CharField("nhóm song song", max_length=20, blank=True)
    # A published process is followed step by step; only a step the process marks skippable may be
    # left out, by a head or leader of the step's agency, with a recorded reason (dossiers.processing).
    skippable = models.BooleanField("được bỏ qua", default=False)

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "bước xử lý"
        ordering = ["process_id", "order"]
        constraints = [models.UniqueConstraint(fields=["process", "order"], name="catalogue_unique_step_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ProcedureGroup(FoldedNameModel):
    """Nhóm TTHC liên thông: one submission that becomes coordinated dossiers at several agencies."""

    code = models.CharField("mã nhóm", max_length=30, unique=True)
    name = models.CharField("tên nhóm", max_length=500)
    name_folded = models.CharField(max_length=500, editable=False, db_index=True)
    description = models.TextField("mô tả", blank=True)
    legal_basis = models.TextField("căn cứ pháp lý", blank=True)
    is_active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "nhóm thủ tục liên thông"
        verbose_name_plural = "nhóm thủ tục liên thông"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ProcedureGroupMember(models.Model):
    group = models.ForeignKey(ProcedureGroup, on_delete=models.CASCADE, related_name="members")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="group_memberships")
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "thủ tục trong nhóm"
        verbose_name_plural = "thủ tục trong nhóm"
        ordering = ["group_id", "order"]
        constraints = [models.UniqueConstraint(fields=["group", "procedure"], name="catalogue_unique_group_member")]

    def __str__(self) -> str:
        return f"{self.group.code}: {self.procedure.code}"


class NamesRevision(models.Model):
    """The newest row's token changes whenever a procedure name is added or changed (``services``).

    Search keeps the words of all names in process memory to correct misspelt query words; each
    process compares this token (the last row by primary key) to know when to reload them.
    """

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "phiên bản từ vựng tên thủ tục"
        verbose_name_plural = "phiên bản từ vựng tên thủ tục"

    def __str__(self) -> str:
        return str(self.token)


class CatalogueEvent(AuditEvent):
    """Audit trail of the catalogue: procedures created, versioned, archived, imported."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name="thủ tục"
    )
    group = models.ForeignKey(
        ProcedureGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name="nhóm"
    )

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký danh mục thủ tục"
        verbose_name_plural = "nhật ký danh mục thủ tục"

    def __str__(self) -> str:
        return self.action


class SearchSynonym(models.Model):
    """An abbreviation or everyday wording people type ("gpxd", "ho kd") and the words names use for it.

    Managers keep the table (admin); search reads it folded (``catalogue.synonyms``) and looks for the
    names' own words alongside what was typed.
    """

    term = models.CharField(
        "cách người dân gõ",
        max_length=60,
        unique=True,
        help_text="Chữ viết tắt hoặc cách gọi thông dụng, ví dụ GPXD, hộ KD. Không phân biệt hoa thường, dấu.",
    )
    expansion = models.CharField(
        "từ ngữ trong tên thủ tục", max_length=300, help_text="Ví dụ: giấy phép xây dựng; hộ kinh doanh."
    )
    is_active = models.BooleanField("đang dùng", default=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "từ đồng nghĩa, viết tắt khi tìm kiếm"
        verbose_name_plural = "từ đồng nghĩa, viết tắt khi tìm kiếm"
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {self.expansion}"
