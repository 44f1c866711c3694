"""A citizen's electronic certified copies: the list, the download, and reusing one in a draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.certification import selectors
from motcua.core.exceptions import DomainError, NotFound
from motcua.core.serving import file_response
from motcua.dossiers.services.reuse import attach_certified_copy
from motcua.portal.submission_views import LOGIN_URL, own_draft


@login_required(login_url=LOGIN_URL)
def my_copies(request: HttpRequest) -> HttpResponse:
    copies = list(selectors.copies_for(request.user))
    return render(request, "portal/certified/list.html", {"copies": copies})


@login_required(login_url=LOGIN_URL)
def download(request: HttpRequest, copy_id: int) -> HttpResponseBase:
    try:
        certified = selectors.copy_for_owner(request.user, copy_id)
    except NotFound:
        raise Http404 from None
    return file_response(certified.signed.file, name=certified.signed.name, inline=False)


@login_required(login_url=LOGIN_URL)
@require_POST
def reuse_in_draft(request: HttpRequest, reference: str) -> HttpResponse:
    """The draft form's "use my certified copy" button: the chosen copy becomes the line's document."""
    dossier = own_draft(request, reference)
    component = request.POST.get("component", "")
    chosen = request.POST.get(f"copy_{component}", "")
    if not (component.isdigit() and chosen.isdigit()):
        messages.error(request, _("Hãy chọn bản sao chứng thực điện tử để đính kèm."))
        return redirect("portal:draft", reference=dossier.reference)
    try:
        attach_certified_copy(dossier, int(component), int(chosen), actor=request.user)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã đính kèm bản sao chứng thực điện tử của bạn, không cần tải lên bản quét."))
    return redirect("portal:draft", reference=dossier.reference)
