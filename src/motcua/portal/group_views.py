"""Procedure groups on the portal: the group's page, one e-form for all its procedures, one application.

The engine files the group (``dossiers.services.groups``); these pages ask the citizen what it needs:
who they are once, each procedure's documents on one page, one way to receive the results.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.citizens import save_citizen_profile
from motcua.accounts.selectors import citizen_profile
from motcua.catalogue.models import ProcedureGroup
from motcua.core.exceptions import DomainError, NotFound
from motcua.dossiers.constants import Status
from motcua.dossiers.models import DossierGroup
from motcua.dossiers.selectors.groups import group_dossiers, group_for_applicant, progress
from motcua.dossiers.services import groups
from motcua.portal import submission
from motcua.portal.account_views import add_domain_error, profile_fields
from motcua.portal.submission_forms import ApplicantDetailsForm, DraftForm
from motcua.portal.submission_views import LOGIN_URL, draft_rows, missing_mandatory
from motcua.portal.uploads import accept_attribute


def _group(code: str) -> ProcedureGroup:
    group = ProcedureGroup.objects.filter(code=code, is_active=True).first()
    if group is None:
        raise Http404("Không tìm thấy nhóm thủ tục.")
    return group


def _own(request: HttpRequest, reference: str) -> DossierGroup:
    try:
        return group_for_applicant(request.user, reference)
    except NotFound:
        raise Http404 from None


def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    """What the group is, its procedures, and the way to file them once."""
    group = _group(code)
    procedures = [m.procedure for m in group.members.select_related("procedure").order_by("order", "pk")]
    context = {"group": group, "procedures": procedures, "online": _online(procedures)}
    return render(request, "portal/groups/detail.html", context)


def _online(procedures: list[Any]) -> bool:
    """Every procedure of the group is offered online today (else it is filed at the one-stop unit)."""
    try:
        return all(submission.allows_online(submission.current_version(p)) for p in procedures)
    except NotFound:
        return False


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def group_start(request: HttpRequest, code: str) -> HttpResponse:
    """The applicant's details once, then one draft per procedure of the group."""
    group = _group(code)
    try:
        procedures = groups.members(group)
        version = submission.current_version(procedures[0])
    except (DomainError, NotFound):
        raise Http404 from None
    if not _online(procedures):
        return render(request, "portal/groups/detail.html", {"group": group, "procedures": procedures, "online": False})
    agencies = submission.receiving_agencies(version)
    form = ApplicantDetailsForm(request.POST or None, initial={**citizen_profile(request.user)}, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            applicant = save_citizen_profile(request.user, actor=request.user, **profile_fields(data))  # type: ignore[arg-type]
            if applicant is None:
                raise DomainError("Thiếu số định danh cá nhân.", fields={"id_number": ["Bắt buộc."]})
            filing = groups.create_group_drafts(
                group,
                applicant,
                actor=request.user,  # type: ignore[arg-type]
                receiving_agency=data["agency"],
                summary=data["summary"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã tạo hồ sơ liên thông. Tiếp theo: tải lên giấy tờ của từng thủ tục."))
            return redirect("portal:group_application", reference=filing.reference)
    context = {"group": group, "procedures": procedures, "form": form}
    return render(request, "portal/groups/start.html", context, status=400 if form.errors else 200)


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def group_application(request: HttpRequest, reference: str) -> HttpResponse:
    """Before sending: every procedure's documents and one delivery choice; after: the receipt and status."""
    filing = _own(request, reference)
    dossiers = group_dossiers(filing)
    if filing.submitted_at is not None:
        return _receipt(request, filing, dossiers)
    electronic = all(d.procedure_version.result_electronic_allowed for d in dossiers)
    first = dossiers[0]
    initial = {"delivery_method": first.result_delivery, "postal_address": first.delivery_address}
    form = DraftForm(request.POST or None, initial=initial, electronic_allowed=electronic)
    rejected: dict[int, list[str]] = {}
    if request.method == "POST" and form.is_valid():
        rejected = _attach(request, dossiers)
        if request.POST.get("action") == "submit" and not rejected:
            sent = _submit(request, filing, dossiers, form)
            if sent is not None:
                return sent
        elif not rejected:
            messages.success(request, _("Đã lưu hồ sơ nháp. Bạn có thể quay lại làm tiếp bất cứ lúc nào."))
            return redirect("portal:group_application", reference=filing.reference)
    sections = _sections(dossiers, rejected)
    context = {
        "filing": filing,
        "sections": sections,
        "form": form,
        "upload_errors": [m for messages_ in rejected.values() for m in messages_],
        "accept": accept_attribute(),
        "max_mb": submission.settings.FILE_UPLOAD_MAX_MB,
    }
    status = 400 if rejected or form.errors else 200
    return render(request, "portal/groups/application.html", context, status=status)


def _attach(request: HttpRequest, dossiers: list[Any]) -> dict[int, list[str]]:
    rejected: dict[int, list[str]] = {}
    for dossier in dossiers:
        uploads = {row.pk: request.FILES.getlist(f"file_{row.pk}") for row in draft_rows(dossier)}
        rejected.update(submission.attach_files(dossier, uploads, actor=request.user))  # type: ignore[arg-type]
    return rejected


def _submit(request: HttpRequest, filing: DossierGroup, dossiers: list[Any], form: DraftForm) -> HttpResponse | None:
    """Send the whole group; ``None`` shows the page again with what is missing."""
    unpaid = [d.procedure.name for d in dossiers if submission.needs_online_payment(d)]
    if unpaid:
        form.add_error(None, _("Cần thanh toán phí, lệ phí trước khi nộp: %(names)s.") % {"names": "; ".join(unpaid)})
        return None
    try:
        groups.submit_group(
            filing,
            actor=request.user,  # type: ignore[arg-type]
            result_delivery=form.cleaned_data["delivery_method"],
            delivery_address=form.cleaned_data["postal_address"],
        )
    except DomainError as error:
        add_domain_error(form, submission.for_form(error))
        return None
    messages.success(request, _("Đã nộp hồ sơ liên thông. Mã hồ sơ: %(code)s.") % {"code": filing.code})
    return redirect("portal:group_application", reference=filing.reference)


def _sections(dossiers: list[Any], rejected: dict[int, list[str]]) -> list[dict[str, Any]]:
    sections = []
    for dossier in dossiers:
        rows = draft_rows(dossier)
        for row in rows:
            row.rejections = rejected.get(row.pk, [])
        fees = submission.draft_fees(dossier)
        sections.append({"dossier": dossier, "rows": rows, "missing": missing_mandatory(rows), "fees": fees})
    return sections


def _receipt(request: HttpRequest, filing: DossierGroup, dossiers: list[Any]) -> HttpResponse:
    combined = progress([d.status for d in dossiers])
    context = {"filing": filing, "dossiers": dossiers, "combined": combined, "registered": Status.SUBMITTED}
    return render(request, "portal/groups/receipt.html", context)
