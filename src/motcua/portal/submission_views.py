"""Online submission: applicant e-form → draft with uploads and delivery choice → review → pay → submit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.accounts.citizens import save_citizen_profile
from motcua.accounts.selectors import citizen_profile
from motcua.catalogue.models import Procedure
from motcua.catalogue.selectors import get_procedure_by_code
from motcua.certification import selectors as certified_copies
from motcua.core.clientaddr import client_ip
from motcua.core.exceptions import DomainError, NotFound
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import online
from motcua.payments import selectors as payment_selectors
from motcua.portal import submission
from motcua.portal.account_views import add_domain_error, profile_fields
from motcua.portal.submission_forms import ApplicantDetailsForm, DraftApplicantForm, DraftForm
from motcua.portal.uploads import accept_attribute

LOGIN_URL = reverse_lazy("portal:login")


def _procedure(code: str) -> Procedure:
    try:
        return get_procedure_by_code(code)
    except NotFound:
        raise Http404 from None


def own_draft(request: HttpRequest, reference: str) -> Dossier:
    """The signed-in citizen's draft; anyone else's (or a sent dossier) is simply not found."""
    try:
        return dossier_selectors.dossier_for_applicant(request.user, reference, draft=True)
    except NotFound:
        raise Http404 from None


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, code: str) -> HttpResponse:
    procedure = _procedure(code)
    try:
        version = submission.current_version(procedure)
    except NotFound:
        raise Http404 from None
    agencies = submission.receiving_agencies(version)
    if not submission.allows_online(version) or not agencies:
        return render(request, "portal/submission/not_online.html", {"procedure": procedure}, status=200)
    initial = {**citizen_profile(request.user), "summary": ""}
    form = ApplicantDetailsForm(request.POST or None, initial=initial, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            applicant = save_citizen_profile(request.user, actor=request.user, **profile_fields(data))  # type: ignore[arg-type]
            if applicant is None:  # the form requires the personal ID, so this is a programming error
                raise DomainError("Thiếu số định danh cá nhân.", fields={"id_number": ["Bắt buộc."]})
            draft = submission.start_draft(
                user=request.user,  # type: ignore[arg-type]
                applicant=applicant,
                procedure=procedure,
                agency=data["agency"],
                summary=data["summary"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã tạo hồ sơ nháp. Tiếp theo: tải lên giấy tờ."))
            return redirect("portal:draft", reference=draft.reference)
    drafts = Dossier.objects.filter(
        procedure=procedure, status=Status.DRAFT, applicant__user_id=int(request.user.pk or 0)
    )
    context = {"procedure": procedure, "version": version, "form": form, "drafts": drafts, "step": 1}
    return render(request, "portal/submission/start.html", context)


def draft_rows(dossier: Dossier) -> list[Any]:
    rows = list(dossier.components.select_related("catalogue_component").prefetch_related("files").order_by("order"))
    for row in rows:
        source = row.catalogue_component
        row.mandatory = bool(source and source.mandatory)  # type: ignore[attr-defined]
        # Required only in a stated case: the applicant reads the case and decides; it never blocks sending.
        row.condition = source.condition if source and source.is_conditional else ""  # type: ignore[attr-defined]
        row.attached = list(row.files.all())  # type: ignore[attr-defined]
    return rows


def missing_mandatory(components: list[Any]) -> list[str]:
    return [row.name for row in components if row.mandatory and not row.attached]


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = own_draft(request, reference)
    initial = {"delivery_method": dossier.result_delivery, "postal_address": dossier.delivery_address}
    electronic = dossier.procedure_version.result_electronic_allowed
    form = DraftForm(request.POST or None, initial=initial, electronic_allowed=electronic)
    rejected: dict[int, list[str]] = {}
    if request.method == "POST" and form.is_valid():
        components = draft_rows(dossier)
        uploads = {row.pk: request.FILES.getlist(f"file_{row.pk}") for row in components}
        rejected = submission.attach_files(dossier, uploads, actor=request.user)  # type: ignore[arg-type]
        method = form.cleaned_data["delivery_method"]
        if method or request.POST.get("action") == "review":
            try:
                submission.save_delivery(
                    dossier,
                    method=method,
                    postal_address=form.cleaned_data["postal_address"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except DomainError as error:
                add_domain_error(form, error)
        missing = missing_mandatory(draft_rows(dossier))
        if request.POST.get("action") == "review" and missing and not rejected:
            form.add_error(None, _("Còn thiếu giấy tờ bắt buộc: %(names)s.") % {"names": "; ".join(missing)})
        if not rejected and not form.errors:
            if request.POST.get("action") == "review":
                return redirect("portal:draft_review", reference=dossier.reference)
            messages.success(request, _("Đã lưu hồ sơ nháp. Bạn có thể quay lại làm tiếp bất cứ lúc nào."))
            return redirect("portal:draft", reference=dossier.reference)
        if rejected:
            messages.warning(
                request, _("Các tệp hợp lệ đã được lưu vào hồ sơ nháp; vui lòng chọn lại các tệp bị từ chối.")
            )
    components = draft_rows(dossier)
    for row in components:
        row.rejections = rejected.get(row.pk, [])
    context = {
        "dossier": dossier,
        "form": form,
        "components": components,
        "upload_errors": [message for messages_ in rejected.values() for message in messages_],
        "accept": accept_attribute(),
        "max_mb": submission.settings.FILE_UPLOAD_MAX_MB,
        "step": 2,
        # The citizen's electronic certified copies, offered on each line instead of a scan (reuse).
        "own_copies": list(certified_copies.copies_for(request.user)),
    }
    return render(request, "portal/submission/draft.html", context, status=400 if rejected else 200)


@login_required(login_url=LOGIN_URL)
def review(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = own_draft(request, reference)
    payments = list(payment_selectors.payments_for_subject(submission.payment_subject(dossier))[:1])
    components = draft_rows(dossier)
    context = {
        "dossier": dossier,
        "components": components,
        "delivery": dossier.result_delivery,
        "fees": submission.draft_fees(dossier),
        "paid": submission.paid_payment(dossier),
        "last_payment": payments[0] if payments else None,
        "needs_payment": submission.needs_online_payment(dossier),
        "step": 3,
    }
    context["missing"] = missing_mandatory(components)
    return render(request, "portal/submission/review.html", context)


@login_required(login_url=LOGIN_URL)
@require_POST
def pay(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = own_draft(request, reference)
    return_url = reverse("portal:draft_review", kwargs={"reference": dossier.reference})
    try:
        url = submission.begin_payment(
            dossier,
            actor=request.user,  # type: ignore[arg-type]
            return_url=return_url,
            client_ip=client_ip(request),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(return_url)
    return redirect(url)


@login_required(login_url=LOGIN_URL)
@require_POST
def claim_exemption(request: HttpRequest, reference: str) -> HttpResponse:
    """The applicant states the exempt case they are in, or withdraws it (an empty case)."""
    dossier = own_draft(request, reference)
    case = "" if request.POST.get("action") == "withdraw" else request.POST.get("fee_exemption", "")
    if not case.strip() and request.POST.get("action") != "withdraw":
        messages.error(request, _("Ghi rõ trường hợp được miễn mà bạn thuộc về."))
        return redirect("portal:draft_review", reference=dossier.reference)
    try:
        submission.claim_exemption(dossier, case=case, actor=request.user)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        done = (
            _("Đã bỏ khai miễn phí, lệ phí.")
            if not case.strip()
            else _("Đã ghi nhận trường hợp miễn phí, lệ phí. Cán bộ tiếp nhận sẽ kiểm tra giấy tờ chứng minh.")
        )
        messages.success(request, done)
    return redirect("portal:draft_review", reference=dossier.reference)


@login_required(login_url=LOGIN_URL)
@require_POST
def submit(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = own_draft(request, reference)
    detail_url = reverse("portal:dossier_detail", kwargs={"reference": dossier.reference})
    try:
        sent = submission.submit(dossier, actor=request.user)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
        for names in error.fields.values():
            for name in names:
                messages.error(request, name)
        return redirect("portal:draft_review", reference=dossier.reference)
    messages.success(
        request,
        _("Đã nộp hồ sơ thành công. Mã hồ sơ của bạn: %(code)s. Thư xác nhận được gửi tới thư điện tử đã khai.")
        % {"code": sent.code},
    )
    return redirect(detail_url)


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def draft_applicant(request: HttpRequest, reference: str) -> HttpResponse:
    """Correct the applicant details of a draft; they are saved to the account as on the first step."""
    dossier = own_draft(request, reference)
    initial = {
        **citizen_profile(request.user),
        "full_name": dossier.applicant_name,
        "id_number": dossier.applicant_id_number,
        "phone": dossier.applicant_phone,
        "email": dossier.applicant_email,
        "address": dossier.applicant_address,
    }
    form = DraftApplicantForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "id_number": dossier.applicant_id_number}
        try:
            save_citizen_profile(request.user, actor=request.user, **profile_fields(data))  # type: ignore[arg-type]
            online.update_draft_applicant(
                dossier,
                actor=request.user,  # type: ignore[arg-type]
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã cập nhật thông tin người nộp hồ sơ."))
            return redirect("portal:draft", reference=dossier.reference)
    context = {"dossier": dossier, "form": form, "step": 1}
    return render(request, "portal/submission/draft_applicant.html", context, status=400 if form.errors else 200)


@login_required(login_url=LOGIN_URL)
@require_POST
def draft_remove_file(request: HttpRequest, reference: str, file_id: int) -> HttpResponse:
    dossier = own_draft(request, reference)
    try:
        online.remove_draft_file(dossier, file_id, actor=request.user)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã xóa tệp khỏi hồ sơ nháp."))
    return redirect("portal:draft", reference=dossier.reference)
