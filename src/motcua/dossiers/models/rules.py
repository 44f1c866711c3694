"""Assignment rules (quy tắc phân công) and their history: who gets a step that becomes active unassigned."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from motcua.core.models import AuditEvent

USER = settings.AUTH_USER_MODEL


class AssignmentStrategy(models.TextChoices):
    LEAST_LOADED = "least_loaded", "Cán bộ đang có ít việc nhất"
    FIXED = "fixed", "Cán bộ được chỉ định"


class AssignmentRule(models.Model):
    """Quy tắc phân công: who handles a step of ``role`` at ``agency`` when it becomes active unassigned.

    A rule naming a procedure wins over the agency-wide one (no procedure). Written by
    ``dossiers.services.rules`` only; the engine reads it in ``services.assignment``.
    """

    agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, related_name="assignment_rules", verbose_name="cơ quan"
    )
    role = models.CharField("vai trò của bước", max_length=32)
    procedure = models.ForeignKey(
        "catalogue.Procedure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignment_rules",
        verbose_name="thủ tục (để trống: mọi thủ tục)",
    )
    strategy = models.CharField("cách phân công", max_length=16, choices=AssignmentStrategy.choices)
    official = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignment_rules",
        verbose_name="cán bộ được chỉ định",
    )
    is_active = models.BooleanField("đang áp dụng", default=True)
    created_at = models.DateTimeField("thời điểm tạo")
    updated_at = models.DateTimeField("thời điểm cập nhật")

    class Meta:
        verbose_name = "quy tắc phân công"
        verbose_name_plural = "quy tắc phân công"
        ordering = ["agency_id", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "role", "procedure"],
                condition=Q(is_active=True, procedure__isnull=False),
                name="assignment_rule_one_per_procedure",
            ),
            models.UniqueConstraint(
                fields=["agency", "role"],
                condition=Q(is_active=True, procedure__isnull=True),
                name="assignment_rule_one_agency_wide",
            ),
            models.CheckConstraint(
                condition=Q(strategy="fixed", official__isnull=False)
                | Q(strategy="least_loaded", official__isnull=True),
                name="assignment_rule_official_iff_fixed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.role} {self.strategy}"


class AssignmentRuleEvent(AuditEvent):
    """History of assignment rules (append-only): created, changed, switched on or off."""

    rule = models.ForeignKey(AssignmentRule, on_delete=models.PROTECT, related_name="events")

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký quy tắc phân công"
        verbose_name_plural = "nhật ký quy tắc phân công"
