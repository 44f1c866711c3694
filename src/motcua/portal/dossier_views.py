"""The signed-in citizen's dossiers (list, detail, files, supplement, withdraw, rating) and public tracking."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from motcua.core.exceptions import DomainError, NotFound
from motcua.core.serving import file_response
from motcua.documents import rendering
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier, DossierFile, FilePurpose
from motcua.dossiers.services import closing
from motcua.payments.receipts import render_receipt_pdf
from motcua.portal import status_text, submission, throttle
from motcua.portal.account_views import add_domain_error
from motcua.portal.dossier_forms import RatingForm, WithdrawForm
from motcua.portal.dossier_pages import citizen_forms, detail_context, send_supplement
from motcua.portal.identity import normalise_phone, validate_citizen_id

LOGIN_URL = reverse_lazy("portal:login")
TRACK_WINDOW_SECONDS = 600
# Files a citizen may download: what they sent and the results; never the officials' working papers.
CITIZEN_FILE_PURPOSES = (FilePurpose.COMPONENT, FilePurpose.SUPPLEMENT, FilePurpose.RECEIPT, FilePurpose.RESULT)


@login_required(login_url=LOGIN_URL)
def my_dossiers(request: HttpRequest) -> HttpResponse:
    dossiers = list(
        Dossier.objects.filter(applicant__user_id=int(request.user.pk or 0))
        .select_related("procedure", "group")
        .order_by("-created_at")
    )
    for dossier in dossiers:
        dossier.explanation = status_text.explain(dossier.status, dossier.outcome)  # type: ignore[attr-defined]
        dossier.tone = status_text.tone(dossier.status, dossier.outcome)  # type: ignore[attr-defined]
    return render(request, "portal/dossiers/list.html", {"dossiers": dossiers})


def own_dossier(request: HttpRequest, reference: str) -> Dossier:
    """The citizen's own dossier; another citizen's gives the same 404 as a missing one."""
    try:
        return dossier_selectors.dossier_for_applicant(request.user, reference)
    except NotFound:
        raise Http404 from None


@login_required(login_url=LOGIN_URL)
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = own_dossier(request, reference)
    if dossier.status == Status.DRAFT:
        return redirect("portal:draft", reference=dossier.reference)
    context = detail_context(dossier, request.user)
    context.setdefault("withdraw_form", WithdrawForm())
    context.setdefault("rating_form", RatingForm())
    return render(request, "portal/dossiers/detail.html", context)


@login_required(login_url=LOGIN_URL)
def download_file(request: HttpRequest, reference: str, file_id: int) -> HttpResponseBase:
    dossier = own_dossier(request, reference)
    stored = DossierFile.objects.filter(dossier=dossier, pk=file_id, purpose__in=CITIZEN_FILE_PURPOSES).first()
    if stored is None:
        raise Http404
    return file_response(stored.file, name=stored.name, inline=False)


@login_required(login_url=LOGIN_URL)
def receipt(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = own_dossier(request, reference)
    payment = submission.paid_payment(dossier)
    if payment is None:
        raise Http404
    response = HttpResponse(render_receipt_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bien-lai-{payment.receipt_number}.pdf"'
    return response


@login_required(login_url=LOGIN_URL)
def form_pdf(request: HttpRequest, reference: str, form_no: str) -> HttpResponse:
    """A standard form issued to the applicant (receipt 01, supplement 02, refusal 03, extension 04, stop 05)."""
    dossier = own_dossier(request, reference)
    if form_no not in citizen_forms(dossier):
        raise Http404
    response = HttpResponse(rendering.render_dossier_form(dossier, form_no), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mau-{form_no}-{dossier.code}.pdf"'
    return response


@login_required(login_url=LOGIN_URL)
@require_POST
def supplement(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = own_dossier(request, reference)
    try:
        rejected = send_supplement(dossier, request, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portal:dossier_detail", reference=dossier.reference)
    if rejected:
        context = detail_context(dossier, request.user)
        context.update(supplement_errors=rejected, withdraw_form=WithdrawForm(), rating_form=RatingForm())
        return render(request, "portal/dossiers/detail.html", context, status=400)
    messages.success(request, _("Đã gửi hồ sơ bổ sung. Hồ sơ được xử lý tiếp theo quy định."))
    return redirect("portal:dossier_detail", reference=dossier.reference)


@login_required(login_url=LOGIN_URL)
@require_POST
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = own_dossier(request, reference)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            closing.withdraw_request(dossier, actor=request.user, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã gửi yêu cầu rút hồ sơ."))
            return redirect("portal:dossier_detail", reference=dossier.reference)
    context = detail_context(dossier, request.user)
    context.update(withdraw_form=form, rating_form=RatingForm(), open_withdraw=True)
    return render(request, "portal/dossiers/detail.html", context, status=400)


@login_required(login_url=LOGIN_URL)
@require_POST
def rate(request: HttpRequest, reference: str) -> HttpResponse:
    dossier = own_dossier(request, reference)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            closing.rate_dossier(
                dossier,
                actor=request.user,  # type: ignore[arg-type]
                satisfaction=form.cleaned_data["satisfaction"],
                criteria=form.criteria(),
                comment=form.cleaned_data["comment"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Cảm ơn bạn đã đánh giá."))
            return redirect("portal:dossier_detail", reference=dossier.reference)
    context = detail_context(dossier, request.user)
    context.update(rating_form=form, withdraw_form=WithdrawForm())
    return render(request, "portal/dossiers/detail.html", context, status=400)


class TrackForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã hồ sơ"),
        max_length=64,
        help_text=gettext_lazy("In trên giấy tiếp nhận và trong thư xác nhận."),
    )
    contact = forms.CharField(
        label=gettext_lazy("Số điện thoại hoặc số định danh cá nhân"),
        max_length=20,
        help_text=gettext_lazy("Số đã khai khi nộp hồ sơ."),
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip().upper()

    def clean_contact(self) -> dict[str, str]:
        contact = str(self.cleaned_data["contact"]).strip()
        for key, validate in (("id_number", validate_citizen_id), ("phone", normalise_phone)):
            try:
                return {key: validate(contact)}
            except ValidationError:
                continue
        raise ValidationError(_("Nhập số điện thoại (10 chữ số) hoặc số định danh cá nhân (12 chữ số)."))


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None, initial={"code": request.GET.get("ma", "")})
    context: dict[str, Any] = {"form": form}
    if request.method != "POST":
        return render(request, "portal/dossiers/track.html", context)
    allowed = throttle.hit(request, "track", limit=settings.PORTAL_TRACKING_LIMIT, window_seconds=TRACK_WINDOW_SECONDS)
    if not allowed:
        form.is_valid()
        form.add_error(None, _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau 10 phút."))
        return render(request, "portal/dossiers/track.html", context, status=429)
    if form.is_valid():
        try:
            found = dossier_selectors.public_lookup(form.cleaned_data["code"], **form.cleaned_data["contact"])
        except NotFound:
            form.add_error(None, _("Không tìm thấy hồ sơ khớp với mã và thông tin đã nhập."))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            context.update(
                found=found,
                explanation=status_text.explain(found.status, found.outcome),
                tone=status_text.tone(found.status, found.outcome),
            )
    return render(request, "portal/dossiers/track.html", context)
