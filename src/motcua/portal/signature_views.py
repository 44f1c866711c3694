"""The public verification of signed PDFs: anyone uploads a PDF, or follows a signed result's QR code."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.exceptions import DomainError, NotFound
from motcua.portal import throttle
from motcua.signatures.verify import verify_document, verify_upload

WINDOW_SECONDS = 600
TEMPLATE = "portal/signatures/verify.html"


class VerifyForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp PDF cần kiểm tra"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Here, not on the field: the limit is a setting, and the text follows the request's language.
        self.fields["file"].help_text = _("Tệp PDF có chữ ký số, tối đa %(mb)s MB.") % {
            "mb": settings.SIGNATURE_VERIFY_MAX_MB
        }


def _allowed(request: HttpRequest) -> bool:
    return throttle.hit(
        request, "signature_verify", limit=settings.SIGNATURE_VERIFY_LIMIT, window_seconds=WINDOW_SECONDS
    )


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    context: dict[str, Any] = {"form": form}
    if request.method != "POST":
        return render(request, TEMPLATE, context)
    if not _allowed(request):
        form.is_valid()
        form.add_error(None, _("Bạn đã kiểm tra quá nhiều lần. Vui lòng thử lại sau 10 phút."))
        return render(request, TEMPLATE, context, status=429)
    if form.is_valid():
        try:
            context["result"] = verify_upload(form.cleaned_data["file"])
        except DomainError as error:
            form.add_error("file", error.message)
    return render(request, TEMPLATE, context, status=200 if not form.errors else 400)


@require_GET
def document(request: HttpRequest, token: str) -> HttpResponse:
    """What a signed document's QR code opens: the document the platform issued and its signatures now."""
    context: dict[str, Any] = {"form": VerifyForm()}
    if not _allowed(request):
        context["error"] = _("Bạn đã kiểm tra quá nhiều lần. Vui lòng thử lại sau 10 phút.")
        return render(request, TEMPLATE, context, status=429)
    try:
        context["document"], context["result"] = verify_document(token)
    except NotFound as error:
        context["error"] = error.message
        return render(request, TEMPLATE, context, status=404)
    except DomainError as error:  # the stored copy is unreadable: say so rather than fail
        context["error"] = error.message
        return render(request, TEMPLATE, context, status=409)
    return render(request, TEMPLATE, context)
