"""Counter intake of a procedure group (hồ sơ liên thông): the applicant once, each procedure's documents.

Every procedure of the group becomes its own dossier at its competent agency; all are received and
accepted together (``dossiers.services.groups.receive_group``), or none, with the refusal naming the
procedure it concerns.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.roles import ONE_STOP
from motcua.backoffice.acting import acting_of, official_required
from motcua.backoffice.errors import apply_domain_error
from motcua.backoffice.forms import ApplicantForm, IntakeForm
from motcua.backoffice.views.intake import ComponentRow, component_data, component_rows
from motcua.catalogue.constants import ComponentKind
from motcua.catalogue.models import ProcedureGroup
from motcua.catalogue.selectors import version_in_force
from motcua.core.exceptions import DomainError
from motcua.dossiers.selectors.groups import group_dossiers
from motcua.dossiers.services.applicants import ApplicantData
from motcua.dossiers.services.groups import GroupIntakeRequest, members, receive_group


def _sections(request: HttpRequest, group: ProcedureGroup) -> list[dict[str, Any]]:
    """Each procedure of the group with its checklist (ticked from the POST when deciding)."""
    try:
        procedures = members(group)
        versions = [version_in_force(p, timezone.localdate()) for p in procedures]
    except DomainError:
        raise Http404 from None
    return [
        {"procedure": p, "rows": component_rows(request, list(v.components.order_by("order", "pk")))}
        for p, v in zip(procedures, versions, strict=True)
    ]


@official_required(roles=ONE_STOP)
def group_intake_view(request: HttpRequest, code: str) -> HttpResponse:
    group = ProcedureGroup.objects.filter(code=code, is_active=True).first()
    if group is None:
        raise Http404
    sections = _sections(request, group)
    applicant_form = ApplicantForm(request.POST or None, prefix="applicant")
    form = IntakeForm(request.POST or None, competent=[])
    if request.method == "POST":
        rows: list[ComponentRow] = [row for s in sections for row in s["rows"]]
        if form.is_valid() and applicant_form.is_valid() and not any(row.error for row in rows):
            try:
                filing = receive_group(_request(request, group, sections, form, applicant_form), actor=request.user)  # type: ignore[arg-type]
            except DomainError as error:
                apply_domain_error(error, form, applicant_form)
            else:
                first = group_dossiers(filing)[0]
                codes = ", ".join(d.code or "" for d in group_dossiers(filing))
                messages.success(
                    request,
                    _("Đã tiếp nhận hồ sơ liên thông %(group)s: %(codes)s. In Mẫu 01 của từng hồ sơ cho người nộp.")
                    % {"group": filing.code, "codes": codes},
                )
                return redirect(reverse("backoffice:dossier", kwargs={"code": first.code}))
    context = {
        "section": "intake",
        "group": group,
        "sections": sections,
        "kinds": ComponentKind.choices,
        "form": form,
        "applicant_form": applicant_form,
        "agency": acting_of(request).agency,
    }
    return render(request, "backoffice/group_intake.html", context, status=400 if request.method == "POST" else 200)


def _request(
    request: HttpRequest,
    group: ProcedureGroup,
    sections: list[dict[str, Any]],
    form: IntakeForm,
    applicant_form: ApplicantForm,
) -> GroupIntakeRequest:
    data = form.cleaned_data
    return GroupIntakeRequest(
        procedure_group=group,
        receiving_agency=acting_of(request).agency,
        applicant=ApplicantData(**applicant_form.cleaned_data),
        components={s["procedure"].code: component_data(request, s["rows"]) for s in sections},
        channel=data["channel"],
        postal_shipment_number=data["postal_shipment_number"],
        payment_method=data["payment_method"],
        fees_paid=data["fees_paid"],
        result_delivery=data["result_delivery"],
        delivery_address=data["delivery_address"],
        note=data["note"],
    )
