"""Feedback in the back office: the coordinator's and the agency's inboxes, one item's page and its actions,
recording an item at the counter or from the hotline. Thin: forms, then ``feedback.services``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.roles import DOSSIER_ROLES
from motcua.backoffice.acting import official_required
from motcua.backoffice.feedback_forms import RecordForm, form_for
from motcua.core.exceptions import DomainError, NotFound
from motcua.core.serving import file_response
from motcua.feedback import actors, selectors, services, workflow
from motcua.feedback.constants import AT_AGENCY
from motcua.feedback.services import Submission, dispatch


def _is_coordinator_here(request: HttpRequest) -> bool:
    acting = request.acting  # type: ignore[attr-defined]
    return actors.coordinating_agencies(request.user).filter(pk=acting.agency.pk).exists()


@official_required(roles=DOSSIER_ROLES)
def inbox_view(request: HttpRequest) -> HttpResponse:
    coordinator = _is_coordinator_here(request)
    boxes = selectors.COORDINATOR_BOXES if coordinator else selectors.AGENCY_BOXES
    tabs = [*((key, label) for key, (label, _q) in boxes.items()), ("qua-han", selectors.LATE_BOX[0])]
    box = request.GET.get("hop", tabs[0][0])
    if box not in dict(tabs):
        raise Http404("Không có hộp phản ánh này.")
    items = selectors.inbox(request.user, box, coordinator=coordinator)[:200]
    context = {"section": "feedback", "tabs": tabs, "box": box, "items": items, "coordinator": coordinator}
    return render(request, "backoffice/feedback/inbox.html", context)


def _page(request: HttpRequest, item: Any, forms: dict[str, Any] | None = None, status: int = 200) -> HttpResponse:
    available = selectors.actions_for(request.user, item)
    forms = forms or {}
    panels = [
        {
            "name": name,
            "label": workflow.ACTIONS[name].label,
            "form": forms.get(name) or form_for(name, item, request.user),
        }
        for name in available
    ]
    context = {
        "section": "feedback",
        "item": item,
        "panels": panels,
        "history": [
            (event, workflow.EVENT_LABELS.get(event.action, event.action)) for event in selectors.history(item)
        ],
        "attachments": item.attachments.all(),
        "late": item.status in AT_AGENCY and item.due_at < timezone.now(),
    }
    return render(request, "backoffice/feedback/item.html", context, status=status)


def _item(request: HttpRequest, code: str) -> Any:
    try:
        return selectors.for_official(request.user, code)
    except NotFound:
        raise Http404("Không tìm thấy phản ánh.") from None


@official_required(roles=DOSSIER_ROLES)
def item_view(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, _item(request, code))


@require_POST
@official_required(roles=DOSSIER_ROLES)
def action_view(request: HttpRequest, code: str, action: str) -> HttpResponse:
    item = _item(request, code)
    if action not in dispatch.ACTIONS:
        raise Http404("Không có thao tác này.")
    form = form_for(action, item, request.user, data=request.POST)
    if form.is_valid():
        try:
            dispatch.perform(action, item, actor=request.user, data=form.cleaned_data)
        except DomainError as error:
            for field, texts in error.fields.items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
            if not error.fields:
                form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": workflow.ACTIONS[action].label})
            return redirect("backoffice:feedback_item", code=item.code)
    return _page(request, item, {action: form}, status=400)


@official_required(roles=DOSSIER_ROLES)
def file_view(request: HttpRequest, code: str, file_id: int) -> HttpResponseBase:
    item = _item(request, code)
    row = item.attachments.filter(pk=file_id).first()
    if row is None:
        raise Http404("Không tìm thấy tệp.")
    return file_response(row.file, name=row.name)


@official_required(roles=DOSSIER_ROLES)
def record_view(request: HttpRequest) -> HttpResponse:
    form = RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submission = Submission(
            category=data["category"].code,
            title=data["title"],
            content=data["content"],
            anonymous=data["anonymous"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            unit_code=data["unit_code"],
            address=data["address"],
            dossier_code=data["dossier_code"],
        )
        try:
            item = services.submit_feedback(submission, channel=data["channel"], actor=request.user)
        except DomainError as error:
            for field, texts in error.fields.items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
        else:
            messages.success(request, _("Đã ghi nhận phản ánh %(code)s.") % {"code": item.code})
            return redirect("backoffice:feedback_item", code=item.code)
    return render(request, "backoffice/feedback/record.html", {"section": "feedback", "form": form})
