"""Public verification of signed PDFs: an uploaded file, or a document the platform signed (its QR token)."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.api.throttling import ClientScopedRateThrottle
from motcua.api.v1.dossiers.serializers import ErrorSerializer
from motcua.api.v1.signatures import serializers as s
from motcua.core.exceptions import DomainError
from motcua.signatures.verify import verify_document, verify_upload

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Không phải tệp PDF, tệp hỏng, rỗng hoặc quá lớn."),
    422: OpenApiResponse(ErrorSerializer, description="Tệp PDF không có chữ ký số."),
    429: OpenApiResponse(ErrorSerializer, description="Quá nhiều yêu cầu."),
}


class PublicVerificationView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []  # public: no session, so no CSRF and no per-user state
    throttle_classes = [ClientScopedRateThrottle]
    throttle_scope = "signature_verify"


class VerifyUploadView(PublicVerificationView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="signature_verify_upload",
        summary="Kiểm tra chữ ký số của một tệp PDF (công khai)",
        request={"multipart/form-data": s.VerifyRequestSerializer},
        responses={200: s.VerificationSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            message = "Cần gửi tệp PDF trong trường file."
            raise DomainError(message, code="invalid", fields={"file": [message]})
        return Response(s.VerificationSerializer(verify_upload(upload)).data)


class SignedDocumentView(PublicVerificationView):
    @extend_schema(
        operation_id="signature_verify_document",
        summary="Kiểm tra văn bản điện tử do hệ thống ký, theo mã trong mã QR (công khai)",
        responses={
            200: s.DocumentVerificationSerializer,
            404: OpenApiResponse(ErrorSerializer, description="Không có văn bản với mã này."),
            429: ERRORS[429],
        },
    )
    def get(self, request: Request, token: str) -> Response:
        document, verification = verify_document(token)
        return Response(s.DocumentVerificationSerializer({"document": document, "verification": verification}).data)


urlpatterns = [
    path("verify/", VerifyUploadView.as_view(), name="signature-verify"),
    path("documents/<str:token>/", SignedDocumentView.as_view(), name="signature-document"),
]
