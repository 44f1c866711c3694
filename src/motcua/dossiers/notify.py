"""Messages to applicants about their dossiers (e-mail + SMS): their texts, and sending them.

The services queue a message with ``tasks.notify_applicant``; the background worker's task then calls
``deliver``. This module imports nothing of the queue, so the two never import each other.
"""

from __future__ import annotations

from django.conf import settings

from motcua.dossiers.formatting import vn_datetime, vn_money
from motcua.dossiers.models import Dossier
from motcua.notifications.services import notify

SUBJECTS: dict[str, str] = {
    "submitted": "Đã nhận hồ sơ trực tuyến {code}",
    "accepted": "Hồ sơ {code} đã được tiếp nhận",
    "supplement_requested": "Hồ sơ {code} cần bổ sung, hoàn thiện",
    "refused_at_intake": "Hồ sơ {code} không được tiếp nhận",
    "extended": "Hồ sơ {code}: văn bản xin lỗi và hẹn lại ngày trả kết quả",
    "financial_obligation": "Hồ sơ {code}: đề nghị thực hiện nghĩa vụ tài chính",
    "result_ready": "Hồ sơ {code} đã có kết quả",
    "refused": "Hồ sơ {code} bị từ chối giải quyết",
    "stopped": "Hồ sơ {code} đã dừng giải quyết",
}


def lookup_url(code: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/tra-cuu/?ma={code}"


def _body(dossier: Dossier, topic: str) -> str:
    lines = [f"Kính gửi {dossier.applicant_name},", "", f"Hồ sơ: {dossier.code} – {dossier.procedure.name}."]
    if topic == "submitted":
        lines += _submitted_lines(dossier)
    elif topic == "accepted" and dossier.due_at:
        lines.append(f"Ngày hẹn trả kết quả: {vn_datetime(dossier.due_at)}.")
    elif topic == "supplement_requested":
        request = dossier.supplement_requests.order_by("-requested_at").first()
        lines.append("Đề nghị bổ sung, hoàn thiện các nội dung sau:")
        lines.extend(f"  - {item}" for item in (request.items if request else []))
    elif topic == "refused_at_intake":
        lines.append(f"Lý do: {dossier.outcome_reason}")
    elif topic == "extended" and dossier.due_at:
        lines.append(f"Cơ quan giải quyết xin lỗi vì chậm trễ. Ngày hẹn trả mới: {vn_datetime(dossier.due_at)}.")
        lines.append(f"Lý do: {dossier.extension_reason}")
    elif topic == "result_ready":
        lines.append("Hồ sơ đã có kết quả giải quyết. Mời ông/bà nhận kết quả theo hình thức đã đăng ký.")
    elif topic == "refused":
        lines += _refused_lines(dossier)
    elif topic == "stopped":
        lines.append("Hồ sơ đã dừng giải quyết.")
        lines.append(f"Lý do: {dossier.outcome_reason}")
    lines += ["", f"Tra cứu hồ sơ: {lookup_url(dossier.code or '')}"]
    return "\n".join(lines)


def _refused_lines(dossier: Dossier) -> list[str]:
    return [
        f"Sau khi thẩm định, {dossier.competent_agency.name} từ chối giải quyết hồ sơ.",
        f"Lý do: {dossier.outcome_reason}",
        "Văn bản từ chối giải quyết (nêu lý do và căn cứ pháp lý) được trả cho ông/bà theo hình thức đã đăng ký"
        " và có thể tải về tại trang hồ sơ trên Cổng dịch vụ công.",
    ]


def _submitted_lines(dossier: Dossier) -> list[str]:
    lines = [f"Hồ sơ đã được gửi thành công tới {dossier.receiving_agency.name}."]
    if dossier.submitted_at:
        lines.append(f"Thời điểm nộp: {vn_datetime(dossier.submitted_at)}.")
    if dossier.fees_paid and dossier.fee_total_vnd:
        lines.append(f"Đã thanh toán phí, lệ phí: {vn_money(dossier.fee_total_vnd)}.")
    if dossier.result_delivery:
        lines.append(f"Cách nhận kết quả: {dossier.get_result_delivery_display()}.")
    lines.append("Cán bộ Bộ phận Một cửa sẽ kiểm tra và thông báo việc tiếp nhận hồ sơ.")
    return lines


def deliver(dossier_id: int, topic: str) -> None:
    """Compose and send the e-mail and SMS of ``topic`` to the dossier's applicant."""
    dossier = Dossier.objects.select_related("procedure", "receiving_agency", "competent_agency").get(pk=dossier_id)
    subject = SUBJECTS[topic].format(code=dossier.code)
    notify(
        subject=subject,
        body=_body(dossier, topic),
        emails=[dossier.applicant_email],
        phones=[dossier.applicant_phone],
        sms_text=f"{settings.PROVINCE_NAME}: {subject}. Tra cứu: {lookup_url(dossier.code or '')}",
        topic=f"dossier.{topic}",
        reference=dossier.code or "",
    )
