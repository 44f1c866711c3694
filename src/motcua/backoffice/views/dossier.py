"""The dossier page: facts, components and files, the process timeline, history, and the actions
the official may take now in the acting role; plus the file preview."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.accounts.personal_data import is_privileged_reader, record_personal_data_view
from motcua.backoffice.acting import DOSSIER_ROLES, Acting, acting_of, official_required
from motcua.backoffice.actionforms import ACCESS_KEYS, OFFERED, ActionForm, form_for, offered
from motcua.backoffice.errors import apply_domain_error
from motcua.backoffice.feeforms import FEE_ACTIONS, fee_panels
from motcua.backoffice.feeforms import offered as fee_offered
from motcua.backoffice.postal_panel import postal_panel
from motcua.backoffice.printable import printable_forms
from motcua.backoffice.timeline import event_rows, step_rows
from motcua.core.exceptions import Conflict, DomainError
from motcua.core.serving import file_response
from motcua.core.text import is_code_shaped
from motcua.dossiers import services, sync, workflow
from motcua.dossiers.actors import ActingAs, agencies_acted_for, membership_pairs
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors.pages import dossier_file, dossier_for_agencies, dossier_page
from motcua.dossiers.services.base import env_at
from motcua.records import selectors as document_selectors


def dossier_for(acting: Acting, code: str) -> Dossier:
    """The dossier if the acting agency may see it; 404 otherwise (its existence is not revealed)."""
    if not is_code_shaped(code):
        raise Http404("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc cơ quan của bạn.")
    dossier = dossier_for_agencies(agencies_acted_for(acting.agency), code)
    if dossier is None:
        raise Http404("Không tìm thấy hồ sơ, hoặc hồ sơ không thuộc cơ quan của bạn.")
    if not acting.membership.pk and is_privileged_reader(acting.membership.user):
        # A superuser acting without a membership of their own: a support read, recorded.
        record_personal_data_view(
            acting.membership.user, what="dossier", reference=code, applicant=dossier.applicant, channel="backoffice"
        )
    return dossier


def _actor(request: HttpRequest, acting: Acting) -> workflow.Actor:
    # Only the acting membership: an official sees the buttons of the role they chose, not of all
    # roles. A membership in a division acts for its parent agency too (the engine's rule).
    return workflow.Actor(user_id=request.user.pk, roles=membership_pairs(acting.agency, acting.role))


def _available(snapshot: workflow.Snapshot, request: HttpRequest, acting: Acting, env: workflow.Env) -> list[Any]:
    transitions = workflow.available(snapshot, _actor(request, acting), env)
    return [t for t in transitions if t.name in OFFERED]


def _page(
    request: HttpRequest,
    dossier: Dossier,
    *,
    bound: tuple[str, ActionForm] | None = None,
    fee_bound: tuple[str, forms.Form] | None = None,
    conflict: str = "",
    status: int = 200,
) -> HttpResponse:
    acting = acting_of(request)
    env = env_at(None)  # one calendar load for the guards and the timeline
    snapshot = dossier.snapshot()
    page = dossier_page(dossier)  # the action forms read the steps prefetched here
    actions = []
    for transition in _available(snapshot, request, acting, env):
        is_bound = bool(bound and bound[0] == transition.name)
        form = bound[1] if bound and is_bound else form_for(transition)(dossier=dossier, prefix=transition.name)
        actions.append(_panel(transition, form, opened=is_bound))
    if bound and bound[0] not in {a["t"].name for a in actions}:
        # The action is no longer possible (someone moved the dossier on): keep the typed input visible.
        name, form = bound
        actions.insert(0, {**_panel(workflow.get(name), form, opened=True), "stale": True})
    printable = printable_forms(dossier)
    received, sent = document_selectors.for_dossier(dossier.code or "")
    context = {
        "linked_received": received,
        "linked_sent": sent,
        "section": "inbox",
        "dossier": dossier,
        "components": page.components,
        "not_received": page.not_received,
        "other_files": page.other_files,
        "fees": page.fees,
        "steps": step_rows(page.steps, env.now, env.calendar),
        "events": event_rows(page.events, dossier.outcome),
        "actions": actions,
        "fee_panels": fee_panels(acting, dossier, fee_bound),
        "conflict": conflict,
        "supplements": page.supplements,
        "filed_with": page.filed_with,
        "national_portal": sync.national_portal_state(dossier),
        "postal": postal_panel(acting, dossier),
        "printable": printable,
        # Right after intake: the slip to hand to the applicant, first on the page.
        "print_now": next((item for item in printable if item[0] == request.GET.get("in-mau")), None),
    }
    return render(request, "backoffice/dossier.html", context, status=status)


def _panel(transition: workflow.Transition, form: ActionForm, *, opened: bool) -> dict[str, Any]:
    return {"t": transition, "form": form, "open": opened, "accesskey": ACCESS_KEYS.get(transition.name, "")}


@official_required(roles=DOSSIER_ROLES)
def dossier_view(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, dossier_for(acting_of(request), code))


@require_POST
@official_required(roles=DOSSIER_ROLES)
def action_view(request: HttpRequest, code: str, action: str) -> HttpResponse:
    acting = acting_of(request)
    dossier = dossier_for(acting, code)
    transition = offered(action)
    if transition is None:
        raise Http404("Không có thao tác này trong bộ phận một cửa.")
    form = form_for(transition)(request.POST, request.FILES, dossier=dossier, prefix=action)
    refusal = workflow.refusal(dossier.snapshot(), action, _actor(request, acting), env_at(None))
    if refusal is not None:
        if request.POST.get(f"{action}-version") not in (None, str(dossier.version)):
            return _conflict(request, dossier, action)
        form.is_valid()
        form.add_error(None, refusal.message)
        return _page(request, dossier, bound=(action, form), status=refusal.status)
    if not form.is_valid():
        return _page(request, dossier, bound=(action, form), status=400)
    try:
        updated = services.perform(
            dossier,
            action,
            form.input_data(),
            actor=request.user,  # type: ignore[arg-type]
            expected_version=form.cleaned_data["version"],
            acting=ActingAs(acting.agency.pk, acting.role),  # allowed and recorded in the chosen role only
        )
    except Conflict:
        dossier.refresh_from_db()
        return _conflict(request, dossier, action)
    except DomainError as error:
        apply_domain_error(error, form, rename=form.field_name)
        return _page(request, dossier, bound=(action, form), status=400)
    messages.success(
        request,
        _("Đã thực hiện: %(action)s. Trạng thái: %(status)s.")
        % {"action": _(workflow.get(action).label), "status": updated.status_label},
    )
    return redirect("backoffice:dossier", code=updated.code)


def _conflict(request: HttpRequest, dossier: Dossier, action: str) -> HttpResponse:
    """Someone else changed the dossier: show its new state, keep what was typed, carry the new version.

    The form is rebuilt unbound with the typed values as initial data, so no validation message
    hides the conflict and sending it again acts on the version now shown. Files must be chosen
    again: browsers never refill a file input.
    """
    form = form_for(workflow.get(action))(dossier=dossier, prefix=action)
    for name, field in form.fields.items():
        if name == "version" or isinstance(field, forms.FileField):
            continue
        values = request.POST.getlist(form.add_prefix(name))
        if values:
            multiple = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
            form.initial[name] = values if multiple else values[0]
    return _page(request, dossier, bound=(action, form), conflict=str(_CONFLICT), status=409)


_CONFLICT = gettext_lazy(
    "Hồ sơ vừa được người khác cập nhật trong lúc bạn đang thao tác. Nội dung bạn nhập vẫn được giữ bên dưới: "
    "hãy xem lại tình trạng mới của hồ sơ rồi gửi lại nếu thao tác vẫn phù hợp."
)


@require_POST
@official_required(roles=DOSSIER_ROLES)
def fee_view(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Adjust the amount due or record a refund (not a workflow action: see ``feeforms``)."""
    acting = acting_of(request)
    dossier = dossier_for(acting, code)
    spec = FEE_ACTIONS.get(action)
    if spec is None or not fee_offered(acting, dossier):
        raise Http404("Không có thao tác này.")
    form = spec.form(request.POST, prefix=action)
    if not form.is_valid():
        return _page(request, dossier, fee_bound=(action, form), status=400)
    try:
        updated = spec.call(dossier, request.user, form.cleaned_data)  # type: ignore[arg-type]
    except DomainError as error:
        apply_domain_error(error, form)
        return _page(request, dossier, fee_bound=(action, form), status=400)
    messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": spec.title})
    return redirect("backoffice:dossier", code=updated.code)


@official_required(roles=DOSSIER_ROLES)
def file_view(request: HttpRequest, code: str, file_id: int) -> HttpResponseBase:
    """A scan or result shown in the browser (inline), only to officials who may see the dossier."""
    dossier = dossier_for(acting_of(request), code)
    row = dossier_file(dossier, file_id)
    if row is None:
        raise Http404("Không tìm thấy tệp.")
    # Only a real PDF or image (by its content) is shown in the page; anything else is downloaded.
    return file_response(row.file, name=row.name)
