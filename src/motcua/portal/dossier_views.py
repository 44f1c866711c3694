"""The signed-in citizen's dossiers, and tracking a dossier without an account."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from motcua.dossiers.models import Dossier
from motcua.portal import status_text, throttle
from motcua.portal.identity import normalise_phone, validate_citizen_id

LOGIN_URL = reverse_lazy("portal:login")
TRACK_WINDOW_SECONDS = 600


@login_required(login_url=LOGIN_URL)
def my_dossiers(request: HttpRequest) -> HttpResponse:
    dossiers = list(
        Dossier.objects.filter(applicant__user_id=int(request.user.pk or 0))
        .select_related("procedure")
        .order_by("-created_at")
    )
    for dossier in dossiers:
        dossier.explanation = status_text.explain(dossier.status)  # type: ignore[attr-defined]
        dossier.tone = status_text.tone(dossier.status)  # type: ignore[attr-defined]
    return render(request, "portal/dossiers/list.html", {"dossiers": dossiers})


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Mã hồ sơ"), max_length=64, help_text=_("In trên giấy tiếp nhận, ví dụ 000.00.01.H47-261122-0001.")
    )
    contact = forms.CharField(
        label=_("Số điện thoại hoặc số định danh cá nhân"),
        max_length=20,
        help_text=_("Số đã khai khi nộp hồ sơ."),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()

    def lookup_kwargs(self) -> dict[str, str]:
        contact = self.cleaned_data["contact"].strip()
        try:
            return {"id_number": validate_citizen_id(contact)}
        except ValidationError:
            pass
        try:
            return {"phone": normalise_phone(contact)}
        except ValidationError as error:
            raise ValidationError(_("Nhập số điện thoại (10 chữ số) hoặc số định danh cá nhân (12 chữ số).")) from error


def _public_lookup(code: str, *, phone: str = "", id_number: str = "") -> Dossier | None:
    dossiers = Dossier.objects.filter(code=code).exclude(status=0)
    if phone:
        dossiers = dossiers.filter(applicant_phone=phone)
    elif id_number:
        dossiers = dossiers.filter(applicant_id_number=id_number)
    else:
        return None
    return dossiers.select_related("procedure").first()


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST":
        if not throttle.hit(
            request, "track", limit=settings.PORTAL_TRACKING_LIMIT, window_seconds=TRACK_WINDOW_SECONDS
        ):
            form.is_valid()
            form.add_error(None, _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau 10 phút."))
            return render(request, "portal/dossiers/track.html", context, status=429)
        if form.is_valid():
            try:
                kwargs = form.lookup_kwargs()
            except ValidationError as error:
                form.add_error("contact", error)
            else:
                dossier = _public_lookup(form.cleaned_data["code"], **kwargs)
                if dossier is None:
                    form.add_error(None, _("Không tìm thấy hồ sơ khớp với mã và thông tin liên hệ đã nhập."))
                else:
                    context.update(
                        dossier=dossier,
                        explanation=status_text.explain(dossier.status),
                        tone=status_text.tone(dossier.status),
                    )
    return render(request, "portal/dossiers/track.html", context)
