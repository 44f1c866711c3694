"""One JSON error shape across the API: ``{"code": …, "message": …, "fields": {…}}``, messages in Vietnamese."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from motcua.core.exceptions import DomainError

MESSAGES: dict[str, str] = {
    "invalid": "Dữ liệu gửi lên không hợp lệ.",
    "parse_error": "Không đọc được nội dung yêu cầu.",
    "not_authenticated": "Cần đăng nhập hoặc gửi mã truy cập (token).",
    "authentication_failed": "Thông tin xác thực không đúng.",
    "permission_denied": "Bạn không có quyền thực hiện thao tác này.",
    "not_found": "Không tìm thấy dữ liệu yêu cầu.",
    "method_not_allowed": "Phương thức không được hỗ trợ.",
    "not_acceptable": "Định dạng yêu cầu không được hỗ trợ.",
    "unsupported_media_type": "Kiểu nội dung không được hỗ trợ.",
    "throttled": "Quá nhiều yêu cầu, vui lòng thử lại sau.",
}


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "fields": fields or {}}


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        flat: list[Any] = []
        for item in detail:
            value = _flatten(item)
            flat.extend(value if isinstance(value, list) else [value])
        return flat
    return [str(detail)]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status)
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(error_body("invalid", MESSAGES["invalid"], fields), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    code = exc.default_code
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        fields = _flatten(exc.detail) if isinstance(exc.detail, dict) else {"non_field_errors": _flatten(exc.detail)}
        message = MESSAGES["invalid"]
    else:
        fields = {}
        message = MESSAGES.get(code, str(exc.detail))
    response.data = error_body(code, message, fields)
    return response
