"""Which standard forms (Circular 03/2025 Appendix I) a dossier has, with their names for links."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.documents import rendering
from motcua.dossiers.models import Dossier

FORM_LABELS: dict[str, Any] = {
    "01": gettext_lazy("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
    "02": gettext_lazy("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "03": gettext_lazy("Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
    "04": gettext_lazy("Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
    "05": gettext_lazy("Thông báo dừng giải quyết hồ sơ"),
    "06": gettext_lazy("Phiếu kiểm soát quá trình giải quyết hồ sơ"),
}


def printable_forms(dossier: Dossier) -> list[tuple[str, str]]:
    """The forms that exist for this dossier now (the documents context decides which)."""
    return [(no, str(FORM_LABELS.get(no, _("Mẫu %(no)s") % {"no": no}))) for no in rendering.available_forms(dossier)]
