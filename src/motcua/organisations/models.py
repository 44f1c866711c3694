"""Administrative units and agencies (cơ quan, đơn vị) of a province."""

from __future__ import annotations

from django.db import models

from motcua.core.models import AuditEvent, FoldedNameModel


class UnitLevel(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"


class AdministrativeUnit(FoldedNameModel):
    """A province, commune (xã, phường, đặc khu) or, on three-level deployments, a district.

    Codes are the national statistics office (NSO) codes. A unit merged away in a reform
    is not deleted: it gets ``valid_until`` and its names and codes live on as aliases of
    the unit that replaced it, so addresses in old dossiers still resolve.
    """

    code = models.CharField("mã đơn vị hành chính", max_length=10, unique=True)
    name = models.CharField("tên", max_length=200)
    name_folded = models.CharField("tên không dấu", max_length=200, db_index=True, editable=False)
    level = models.CharField("cấp", max_length=10, choices=UnitLevel.choices)
    division_type = models.CharField("loại", max_length=50, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="trực thuộc"
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_until = models.DateField("hết hiệu lực", null=True, blank=True)

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class AdministrativeUnitAlias(FoldedNameModel):
    """An earlier name or code of a unit (before a merger or renaming)."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="aliases")
    code = models.CharField("mã cũ", max_length=10, blank=True, db_index=True)
    name = models.CharField("tên cũ", max_length=200)
    name_folded = models.CharField(max_length=200, db_index=True, editable=False)
    level = models.CharField("cấp cũ", max_length=10, choices=UnitLevel.choices)
    valid_until = models.DateField("hết hiệu lực", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "tên/mã cũ của đơn vị hành chính"
        verbose_name_plural = "tên/mã cũ của đơn vị hành chính"

    def __str__(self) -> str:
        return f"{self.name} → {self.unit}"


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    DEPARTMENT = "department", "Sở, ban, ngành"
    DIVISION = "division", "Phòng, đơn vị trực thuộc"
    SERVICE_CENTRE = "service_centre", "Trung tâm Phục vụ hành chính công"
    ONE_STOP_UNIT = "one_stop_unit", "Bộ phận Một cửa"
    OTHER = "other", "Cơ quan, đơn vị khác"


class Agency(FoldedNameModel):
    """A state body in the province's tree: UBND tỉnh, a Sở and its divisions, UBND xã, centres."""

    name = models.CharField("tên cơ quan", max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    kind = models.CharField("loại", max_length=20, choices=AgencyKind.choices)
    level = models.CharField("cấp", max_length=10, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="trực thuộc"
    )
    administrative_unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="agencies", verbose_name="địa bàn"
    )
    identifier_code = models.CharField(
        "mã định danh điện tử",
        max_length=35,
        unique=True,
        help_text="Mã định danh theo QĐ 20/2020/QĐ-TTg (vd. H55.242) hoặc dạng QCVN 102:2016 (vd. 000.00.06.H56).",
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


class AgencyCodeAlias(models.Model):
    """An identifier code the agency held before a re-issue; old dossier codes still find the agency."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="code_aliases")
    code = models.CharField("mã định danh cũ", max_length=35, unique=True)
    retired_on = models.DateField("ngày thôi sử dụng", null=True, blank=True)

    class Meta:
        verbose_name = "mã định danh cũ"
        verbose_name_plural = "mã định danh cũ"

    def __str__(self) -> str:
        return self.code


class AgencyEvent(AuditEvent):
    """Audit trail of an agency: created, updated, code re-issued, (de)activated."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="events", verbose_name="cơ quan")

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký cơ quan"
        verbose_name_plural = "nhật ký cơ quan"

    def __str__(self) -> str:
        return f"{self.action} – {self.agency_id}"


class AdministrativeUnitEvent(AuditEvent):
    """Audit trail of hand edits to administrative units (the bulk loader is logged by its command)."""

    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="events", verbose_name="đơn vị hành chính"
    )

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký đơn vị hành chính"
        verbose_name_plural = "nhật ký đơn vị hành chính"

    def __str__(self) -> str:
        return f"{self.action} – {self.unit_id}"
