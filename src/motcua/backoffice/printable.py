"""Which standard forms (Circular 03/2025 Appendix I) a dossier has, with their names for links."""

from __future__ import annotations

from motcua.documents import rendering
from motcua.dossiers.models import Dossier

FORM_LABELS = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    "05": "Thông báo dừng giải quyết hồ sơ",
    "06": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
}


def printable_forms(dossier: Dossier) -> list[tuple[str, str]]:
    """The forms that exist for this dossier now (the documents context decides which)."""
    return [(no, FORM_LABELS.get(no, f"Mẫu {no}")) for no in rendering.available_forms(dossier)]
