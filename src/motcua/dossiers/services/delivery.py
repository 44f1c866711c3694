"""How the applicant wants the result: at the counter, by post to an address, or electronically."""

from __future__ import annotations

from motcua.core.exceptions import DomainError
from motcua.dossiers.constants import ReturnMethod
from motcua.dossiers.models import Dossier


def _invalid(field: str, message: str) -> DomainError:
    return DomainError(message, code="invalid", fields={field: [message]})


def set_result_delivery(dossier: Dossier, method: str, address: str = "") -> None:
    """Validate and set ``result_delivery`` / ``delivery_address`` on the (locked) dossier; no save."""
    if method not in ReturnMethod.values:
        raise _invalid("result_delivery", "Chọn cách nhận kết quả.")
    address = " ".join(address.split())
    if method == ReturnMethod.POSTAL and not address:
        raise _invalid("delivery_address", "Nhập địa chỉ nhận kết quả qua bưu chính.")
    if method == ReturnMethod.ELECTRONIC and not dossier.procedure_version.result_electronic_allowed:
        raise _invalid(
            "result_delivery",
            "Thủ tục này chưa trả kết quả điện tử; chọn nhận tại Bộ phận Một cửa hoặc qua bưu chính.",
        )
    dossier.result_delivery = method
    dossier.delivery_address = address[:300] if method == ReturnMethod.POSTAL else ""


def require_result_delivery(dossier: Dossier) -> None:
    if not dossier.result_delivery:
        raise _invalid("result_delivery", "Chọn cách nhận kết quả trước khi nộp.")
