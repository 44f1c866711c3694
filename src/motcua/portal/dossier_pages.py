"""What the citizen's dossier page shows and the supplement upload behind it.

History is shown without officials' names or internal notes: the action, the agency and the time.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from motcua.core.exceptions import DomainError
from motcua.documents import rendering
from motcua.dossiers import events
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.constants import RATING_CRITERIA, Satisfaction, Status
from motcua.dossiers.models import Dossier, FilePurpose, Rating
from motcua.dossiers.services import clock, intake
from motcua.dossiers.services.intake import ComponentData
from motcua.portal import status_text, submission
from motcua.portal.uploads import accept_attribute, check
from motcua.postal.selectors import orders_of
from motcua.signatures import selectors as signature_selectors

HIDDEN_ACTIONS = frozenset({"update_draft"})
# Forms handed to the applicant; 06 (the control sheet) is the agencies' internal record.
CITIZEN_FORMS = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Văn bản xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Thông báo dừng giải quyết hồ sơ",
}
RESULT_VISIBLE = frozenset({Status.RESOLVED, Status.RETURNED})
# What the citizen sent, and the receipts of the fees they paid online.
CITIZEN_OWN_FILES = (FilePurpose.COMPONENT, FilePurpose.SUPPLEMENT, FilePurpose.RECEIPT)
SUPPLEMENT_ACTIONS = ("submit_supplement", "resubmit")


def _history(dossier: Dossier) -> list[dict[str, Any]]:
    history = (
        dossier.events.select_related("agency")
        .only("occurred_at", "action", "agency__name")
        .order_by("occurred_at", "pk")
    )
    return [
        {"at": e.occurred_at, "label": events.label(e.action), "agency": e.agency.name if e.agency else ""}
        for e in history
        if e.action not in HIDDEN_ACTIONS
    ]


def _rating_rows(rating: Rating | None) -> list[tuple[str, str]]:
    if rating is None:
        return []
    labels = dict(Satisfaction.choices)
    return [(RATING_CRITERIA[key], labels.get(value, value)) for key, value in rating.criteria.items()]


def citizen_forms(dossier: Dossier) -> dict[str, str]:
    return {number: CITIZEN_FORMS[number] for number in rendering.available_forms(dossier) if number in CITIZEN_FORMS}


def detail_context(dossier: Dossier, user: Any) -> dict[str, Any]:
    actions = {t.name for t in dossier_selectors.available_actions(dossier, user)}
    files = list(dossier.files.filter(purpose__in=CITIZEN_OWN_FILES).order_by("pk"))
    results = (
        list(dossier.files.filter(purpose=FilePurpose.RESULT).order_by("pk"))
        if dossier.status in RESULT_VISIBLE
        else []
    )
    tokens = signature_selectors.signed_tokens(dossier.code or "") if results else {}
    for row in results:  # a signed electronic result links to its public verification page
        row.verify_token = tokens.get(row.name, "")  # type: ignore[attr-defined]
    request = (
        dossier.supplement_requests.filter(fulfilled_at=None).order_by("-requested_at").first()
        if dossier.status == Status.SUPPLEMENT_REQUESTED
        else None
    )
    rating = Rating.objects.filter(dossier=dossier).first()
    can_rate = "rate" in actions
    return {
        "dossier": dossier,
        "explanation": status_text.explain(dossier.status, dossier.outcome, can_rate=can_rate),
        "tone": status_text.tone(dossier.status, dossier.outcome),
        "refused": dossier.refused,
        "current_steps": dossier_selectors.current_steps(dossier),
        "history": _history(dossier),
        "postal_orders": orders_of(dossier.pk),
        "files": files,
        "results": results,
        "supplement_request": request,
        "supplement_action": next((name for name in SUPPLEMENT_ACTIONS if name in actions), None),
        "can_withdraw": "withdraw_request" in actions,
        "can_rate": can_rate,
        "rating": rating,
        "rating_rows": _rating_rows(rating),
        "payment": submission.paid_payment(dossier),
        "accept": accept_attribute(),
        "forms": citizen_forms(dossier),
    }


def send_supplement(dossier: Dossier, request: HttpRequest, *, actor: Any) -> list[str]:
    """Check and send the uploaded supplement; returns the rejections (nothing is sent if any)."""
    supplement_request = dossier.supplement_requests.filter(fulfilled_at=None).order_by("-requested_at").first()
    actions = {t.name for t in dossier_selectors.available_actions(dossier, actor)}
    action = next((name for name in SUPPLEMENT_ACTIONS if name in actions), None)
    if supplement_request is None or action is None:
        raise DomainError("Hồ sơ hiện không ở bước bổ sung giấy tờ.", code="not_supplement")
    components: list[ComponentData] = []
    rejected: list[str] = []
    for index, item in enumerate(supplement_request.items):
        uploads = request.FILES.getlist(f"supp_{index}")
        for upload in uploads:
            problem = check(upload)
            if problem is not None:
                rejected.append(problem.message)
        if uploads:
            components.append(ComponentData(name=str(item)[:500], kind="electronic", files=list(uploads)))
    if rejected:
        return rejected
    if not components:
        raise DomainError("Vui lòng chọn tệp cho ít nhất một nội dung cần bổ sung.", code="no_files")
    note = request.POST.get("note", "")[:1000]
    if action == "resubmit":
        intake.resubmit(dossier, actor=actor, components=components, note=note)
    else:
        clock.submit_supplement(dossier, actor=actor, components=components, note=note)
    return []
