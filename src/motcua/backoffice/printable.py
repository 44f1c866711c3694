"""Which standard forms (Circular 03/2025 Appendix I) a dossier has, given what happened to it."""

from __future__ import annotations

from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier

FORM_LABELS = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Phiếu đề nghị dừng giải quyết hồ sơ",
    "06": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
}


def printable_forms(dossier: Dossier, *, has_supplement: bool) -> list[tuple[str, str]]:
    """The forms that exist for this dossier given what happened to it."""
    numbers = []
    if dossier.accepted_at:
        numbers.append("01")
    if has_supplement:
        numbers.append("02")
    if dossier.status == Status.REFUSED_AT_INTAKE:
        numbers.append("03")
    if dossier.extended_at:
        numbers.append("04")
    if dossier.status in (Status.STOPPED, Status.WITHDRAWN):
        numbers.append("05")
    if dossier.accepted_at:
        numbers.append("06")
    return [(no, FORM_LABELS[no]) for no in numbers]
