"""Standard forms of Circular 03/2025/TT-VPCP Appendix I, rendered to PDF with WeasyPrint.

| No. | Form | Paper | Issued when |
|-----|------|-------|-------------|
| 01 | Giấy tiếp nhận hồ sơ và hẹn trả kết quả | A5 | the dossier is accepted |
| 02 | Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ | A5 | a supplement is requested |
| 03 | Phiếu từ chối tiếp nhận giải quyết hồ sơ | A5 | reception is refused |
| 04 | Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết | A5 | the due moment is extended |
| 05 | Thông báo dừng giải quyết hồ sơ | A5 | handling is stopped, or the applicant asked to withdraw |
| 06 | Phiếu kiểm soát quá trình giải quyết hồ sơ | A4 | the dossier has been accepted |
| 07 | Sổ theo dõi hồ sơ | A4 landscape | per agency and period (``register.py``) |
| –  | Văn bản từ chối giải quyết hồ sơ | A5 | the competent agency refuses after appraisal |

Circular 01/2018 designed the slips for A5 and the register for A4; the control sheet has a
wide hand-over table, so it is printed on A4 too. Every form carries a QR code to the public
lookup page (``settings.SITE_URL``), where the code plus the applicant's phone number shows the status.

The refusal notice has no number in Appendix I (regulations §2 item 14: the refusal after appraisal
is written as the dossier's result). Unlike the numbered forms, rendered whenever asked for, it is
rendered once when the refusal is decided and kept as the dossier's result file (the signed record).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from motcua.core.exceptions import NotFound
from motcua.core.fonts import FONT_STACK, font_face_css
from motcua.documents.qr import qr_data_uri
from motcua.dossiers.constants import Outcome, Status
from motcua.dossiers.formatting import official_date, vn_datetime, vn_money
from motcua.dossiers.models import Dossier
from motcua.organisations.models import Agency
from motcua.signatures.pades import Box
from motcua.signatures.services import Boxes


@dataclass(frozen=True)
class FormSpec:
    number: str
    title: str
    template: str
    page: str  # CSS @page size


FORMS: dict[str, FormSpec] = {
    "01": FormSpec("01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "documents/forms/form_01.html", "A5"),
    "02": FormSpec("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "documents/forms/form_02.html", "A5"),
    "03": FormSpec("03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "documents/forms/form_03.html", "A5"),
    "04": FormSpec(
        "04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", "documents/forms/form_04.html", "A5"
    ),
    "05": FormSpec("05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "documents/forms/form_05.html", "A5"),
    "06": FormSpec("06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "documents/forms/form_06.html", "A4"),
}
REGISTER = FormSpec("07", "SỔ THEO DÕI HỒ SƠ", "documents/forms/form_07.html", "A4 landscape")
REFUSAL_NOTICE = FormSpec("", "VĂN BẢN TỪ CHỐI GIẢI QUYẾT HỒ SƠ", "documents/forms/refusal_notice.html", "A5")

UNIT_LABELS = {"working_days": "ngày làm việc", "working_hours": "giờ làm việc", "same_day": "trong ngày"}


class FormNotAvailable(NotFound):
    code = "form_not_available"


def lookup_url(code: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/tra-cuu/?ma={code}"


def available_forms(dossier: Dossier, *, supplement_requested: bool | None = None) -> list[str]:
    """Form numbers that exist for this dossier now.

    ``supplement_requested``: whether a supplement was ever requested, when the caller knows it
    (a dossier decided at intake a moment ago), saving the query.
    """
    forms = []
    if dossier.accepted_at:
        forms.append("01")
    if supplement_requested if supplement_requested is not None else dossier.supplement_requests.exists():
        forms.append("02")
    if dossier.status == Status.REFUSED_AT_INTAKE:
        forms.append("03")
    if dossier.extended_at:
        forms.append("04")
    # Regulation item 17: the stop notice is issued on a withdrawal request as well as on a stop.
    if dossier.status in (Status.STOPPED, Status.WITHDRAWN):
        forms.append("05")
    if dossier.accepted_at:
        forms.append("06")
    return forms


def header(agency: Agency) -> dict[str, str]:
    """The issuing body block: governing body (upper case) above the agency, per Decree 30/2020."""
    governing = agency.parent.name if agency.parent_id and agency.parent else f"UBND tỉnh {settings.PROVINCE_NAME}"
    return {"governing": governing.upper(), "agency": agency.name.upper(), "place": settings.PROVINCE_NAME}


def _base_context(spec: FormSpec, agency: Agency) -> dict[str, Any]:
    return {
        "spec": spec,
        "header": header(agency),
        "font_faces": font_face_css(),
        "font_stack": FONT_STACK,
        "printed_on": official_date(timezone.now()),
        "province": settings.PROVINCE_NAME,
    }


def _components(dossier: Dossier) -> list[dict[str, Any]]:
    return [
        {"name": c.name, "kind": _kind_label(c.kind), "copies": c.copies, "pages": c.page_count or ""}
        for c in dossier.components.all()
    ]


def _kind_label(kind: str) -> str:
    from motcua.catalogue.constants import ComponentKind

    try:
        return str(ComponentKind(kind).label)
    except ValueError:
        return kind


def dossier_context(form_no: str, dossier: Dossier) -> dict[str, Any]:
    if form_no not in FORMS:
        raise FormNotAvailable(f"Không có biểu mẫu số {form_no}.")
    if form_no not in available_forms(dossier):
        raise FormNotAvailable(f"Hồ sơ chưa có biểu mẫu số {form_no} ở trạng thái hiện tại.")
    spec = FORMS[form_no]
    issuing = dossier.competent_agency if form_no == "04" else dossier.receiving_agency
    supplement = dossier.supplement_requests.order_by("-requested_at").select_related("requested_by").first()
    context = _base_context(spec, issuing)
    context.update(
        {
            "dossier": dossier,
            "code": dossier.code,
            "qr": qr_data_uri(lookup_url(dossier.code or "")),
            "lookup_url": lookup_url(dossier.code or ""),
            "procedure": dossier.procedure.name,
            "components": _components(dossier),
            "time_text": _time_text(dossier),
            "submitted_at": vn_datetime(dossier.submitted_at),
            "accepted_at": vn_datetime(dossier.accepted_at),
            "due_at": vn_datetime(dossier.due_at),
            "due_before_extension": vn_datetime(dossier.due_before_extension),
            "closed_at": vn_datetime(dossier.closed_at or _withdrawn_at(dossier)),
            "fees": [{"name": f.name, "amount": vn_money(f.amount_vnd)} for f in dossier.fees.all()],
            "fee_total": vn_money(dossier.fee_total_vnd),
            "payment_method": dossier.get_payment_method_display(),
            "receiver": dossier.received_by.full_name if dossier.received_by else "",
            "supplement": supplement,
            "supplement_at": vn_datetime(supplement.requested_at) if supplement else "",
            "handovers": _handovers(dossier) if form_no == "06" else [],
            "issued_on": official_date(timezone.now()),
        }
    )
    return context


def _withdrawn_at(dossier: Dossier) -> datetime | None:
    """A withdrawn dossier is not closed yet: the notice dates from the applicant's request."""
    if dossier.status != Status.WITHDRAWN:
        return None
    event = dossier.events.filter(action="withdraw_request").order_by("-occurred_at").first()
    return event.occurred_at if event else None


def _time_text(dossier: Dossier) -> str:
    if dossier.time_unit == "same_day":
        return "trong ngày"
    value = dossier.time_value
    if value is None:
        return ""
    number = f"{value.normalize():f}".replace(".", ",")
    return f"{number} {UNIT_LABELS.get(dossier.time_unit, dossier.time_unit)}"


def _handovers(dossier: Dossier) -> list[dict[str, str]]:
    rows = []
    for h in dossier.handovers.select_related("from_user", "from_agency", "to_agency", "step").order_by("at", "pk"):
        rows.append(
            {
                "step": h.step.name if h.step else "",
                "at": vn_datetime(h.at),
                "from": f"{h.from_user.full_name if h.from_user else ''} – {h.from_agency.name}",
                "to": h.to_agency.name if h.to_agency else h.to_label,
                "due": vn_datetime(h.step_due_at),
                "early": "x" if h.timing == "early" else "",
                "on_time": "x" if h.timing == "on_time" else "",
                "late": "x" if h.timing == "late" else "",
                "note": h.note,
            }
        )
    return rows


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported lazily: heavy, and only the form views need it

    html = render_to_string(template, context)
    return bytes(HTML(string=html, base_url=str(settings.SITE_URL)).write_pdf())


# The room a document reserves for its signer's digital signature, over the printed name (Decree 30/2020,
# Appendix I cell 7c): the element with this id (its size: .sign-box in documents/forms/base.html).
SIGNER_ANCHOR = "chu-ky-nguoi-ky"
# The agency's signature (its seal, cell 8) beside the signer's, in the signature row's other column: the
# top of the first page, where it goes otherwise, is the national motto's on these A5 forms.
AGENCY_ANCHOR = "chu-ky-co-quan"
CSS_PX_TO_PT = 0.75


def render_pdf_with_boxes(template: str, context: dict[str, Any]) -> tuple[bytes, Boxes]:
    """The PDF and where its signer's box landed (WeasyPrint's anchors: the element's rectangle in CSS px
    from the page's top left)."""
    from weasyprint import HTML

    document = HTML(string=render_to_string(template, context), base_url=str(settings.SITE_URL)).render()
    found: dict[str, Box] = {}
    for number, page in enumerate(document.pages):
        height = page.height * CSS_PX_TO_PT  # PDF measures from the bottom
        for name in (SIGNER_ANCHOR, AGENCY_ANCHOR):
            if name in page.anchors and name not in found:
                left, top, right, bottom = (value * CSS_PX_TO_PT for value in page.anchors[name])
                found[name] = Box(number, left, height - bottom, right, height - top)
    return bytes(document.write_pdf()), Boxes(person=found.get(SIGNER_ANCHOR), agency=found.get(AGENCY_ANCHOR))


def refusal_notice_context(dossier: Dossier, *, signer: str, issued_at: datetime) -> dict[str, Any]:
    """The notice issued by the competent agency: the reasons and the legal basis of the refusal."""
    if dossier.outcome != Outcome.REFUSED:
        raise FormNotAvailable("Hồ sơ không bị từ chối giải quyết.")
    context = _base_context(REFUSAL_NOTICE, dossier.competent_agency)
    context.update(
        {
            "dossier": dossier,
            "code": dossier.code,
            "qr": qr_data_uri(lookup_url(dossier.code or "")),
            "lookup_url": lookup_url(dossier.code or ""),
            "procedure": dossier.procedure.name,
            "reason": dossier.outcome_reason,
            # The version the dossier was received under: its legal basis governs the refusal.
            "legal_basis": dossier.procedure_version.legal_basis.strip(),
            "accepted_at": vn_datetime(dossier.accepted_at or dossier.submitted_at),
            "signer": signer,
            "issued_on": official_date(issued_at),
        }
    )
    return context


def render_refusal_notice(dossier: Dossier, *, signer: str, issued_at: datetime) -> bytes:
    """PDF of the refusal notice (văn bản từ chối giải quyết) of a dossier refused after appraisal."""
    return render_refusal_for_signing(dossier, signer=signer, issued_at=issued_at)[0]


def render_refusal_for_signing(dossier: Dossier, *, signer: str, issued_at: datetime) -> tuple[bytes, Boxes]:
    """The refusal notice and the box over the signer's name, where the leader's signature goes."""
    context = refusal_notice_context(dossier, signer=signer, issued_at=issued_at)
    return render_pdf_with_boxes(REFUSAL_NOTICE.template, context)


def render_dossier_form(form_no: str, dossier: Dossier) -> bytes:
    """PDF bytes of form ``form_no`` ("01"…"06") for the dossier; FormNotAvailable if not issued."""
    context = dossier_context(form_no, dossier)
    return render_pdf(FORMS[form_no].template, context)
