"""Hồ sơ liên thông: the dossiers of a procedure group (nhóm TTHC liên thông) filed as one application."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from motcua.dossiers.constants import Channel


class DossierGroup(models.Model):
    """One application for every procedure of a group; each procedure has its own dossier, routed to
    its own competent agency, and the group gives the applicant one receipt and one combined status."""

    reference = models.UUIDField("mã tham chiếu", default=uuid.uuid4, unique=True, editable=False)
    # "LT-" and the code of the group's first dossier, given when the application is registered.
    code = models.CharField("mã hồ sơ liên thông", max_length=70, unique=True, null=True, blank=True)
    procedure_group = models.ForeignKey(
        "catalogue.ProcedureGroup", on_delete=models.PROTECT, related_name="filings", verbose_name="nhóm thủ tục"
    )
    applicant = models.ForeignKey("accounts.Applicant", on_delete=models.PROTECT, related_name="dossier_groups")
    receiving_agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, related_name="received_dossier_groups"
    )
    channel = models.CharField("kênh nộp", max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField("lập lúc")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)

    class Meta:
        verbose_name = "hồ sơ liên thông"
        verbose_name_plural = "hồ sơ liên thông"

    def __str__(self) -> str:
        return self.code or str(self.reference)
