"""Catalogue API: public reads of procedures, writes (new procedure, new version, archive) for catalogue managers."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.api.clients import ApiClientScopes
from motcua.api.pagination import Pagination
from motcua.api.v1.catalogue.serializers import (
    ArchiveSerializer,
    CatalogueErrorSerializer,
    ProcedureCreateSerializer,
    ProcedureDetailSerializer,
    ProcedureSummarySerializer,
    VersionCreateSerializer,
    detail,
    summary,
)
from motcua.catalogue import selectors, services
from motcua.catalogue.constants import OnlineLevel
from motcua.catalogue.models import Procedure, ProcedureVersion, Sector
from motcua.catalogue.search import SearchFilters, search_procedures
from motcua.core.exceptions import NotFound

ERRORS = {
    400: OpenApiResponse(CatalogueErrorSerializer, description="Dữ liệu không hợp lệ (mọi lỗi, theo trường)."),
    403: OpenApiResponse(CatalogueErrorSerializer, description="Không có vai trò quản lý TTHC."),
    404: OpenApiResponse(CatalogueErrorSerializer, description="Không có thủ tục này."),
    409: OpenApiResponse(CatalogueErrorSerializer, description="Thủ tục đã lưu trữ."),
}


class IsCatalogueManagerOrReadOnly(BasePermission):
    message = "Chỉ cán bộ quản lý TTHC được thay đổi danh mục thủ tục."

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in ("GET", "HEAD", "OPTIONS") or selectors.is_catalogue_manager(request.user)


def _with_current_versions(procedures: Any) -> None:
    current = ProcedureVersion.objects.in_force(timezone.localdate()).order_by("-number")
    prefetch_related_objects(procedures, Prefetch("versions", queryset=current, to_attr="current_versions"))


def _current(procedure: Procedure) -> ProcedureVersion | None:
    versions = getattr(procedure, "current_versions", None)
    return versions[0] if versions else None


def _procedure(code: str) -> Procedure:
    return selectors.get_procedure_by_code(code)


def _detail_version(procedure: Procedure) -> ProcedureVersion:
    try:
        return selectors.version_detail(selectors.version_in_force(procedure, timezone.localdate()).pk)
    except NotFound:
        latest = selectors.latest_version(procedure)  # archived, or not yet in force
        if latest is None:
            raise
        return selectors.version_detail(latest.pk)


_LIST_PARAMETERS = [
    OpenApiParameter(
        "search", OpenApiTypes.STR, description="Tên hoặc mã thủ tục; không dấu, sai chính tả nhẹ vẫn tìm được."
    ),
    OpenApiParameter("sector", OpenApiTypes.STR, description="Mã lĩnh vực."),
    OpenApiParameter("level", OpenApiTypes.STR, enum=["province", "district", "commune"], description="Cấp thực hiện."),
    OpenApiParameter("agency", OpenApiTypes.STR, description="Mã định danh cơ quan có thẩm quyền."),
    OpenApiParameter(
        "online_level", OpenApiTypes.STR, enum=list(OnlineLevel.values), description="Mức độ DVC trực tuyến."
    ),
    OpenApiParameter(
        "at_centre", OpenApiTypes.BOOL, description="Chỉ thủ tục giải quyết tại chỗ ở Trung tâm (4 tại chỗ)."
    ),
]


class ProcedureListView(APIView):
    permission_classes = [IsCatalogueManagerOrReadOnly, ApiClientScopes]
    pagination_class = Pagination

    @extend_schema(
        operation_id="procedures_list",
        summary="Danh mục thủ tục hành chính (tìm kiếm, lọc, phân trang)",
        parameters=_LIST_PARAMETERS,
        responses={200: ProcedureSummarySerializer(many=True)},
        tags=["catalogue"],
    )
    def get(self, request: Request) -> Response:
        filters = SearchFilters.from_mapping(request.query_params)
        results = search_procedures(request.query_params.get("search", ""), filters=filters, limit=500)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(results, request, view=self) or []  # type: ignore[arg-type]
        _with_current_versions(page)
        data = ProcedureSummarySerializer([summary(p, _current(p)) for p in page], many=True).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        operation_id="procedures_create",
        summary="Thêm thủ tục (phiên bản 1) — cán bộ quản lý TTHC",
        request=ProcedureCreateSerializer,
        responses={201: ProcedureDetailSerializer, **ERRORS},
        tags=["catalogue"],
    )
    def post(self, request: Request) -> Response:
        body = ProcedureCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        sector = Sector.objects.filter(code=body.validated_data["sector"]).first()
        if sector is None:
            raise services.CatalogueValidationError(
                "Không có lĩnh vực này.", fields={"sector": [f"Không có lĩnh vực mã {body.validated_data['sector']}."]}
            )
        procedure = services.create_procedure(
            actor=request.user,
            code=body.validated_data["code"],
            name=body.validated_data["name"],
            sector=sector,
            version=body.validated_data["version"],
        )
        version = selectors.version_detail(procedure.versions.get().pk)
        return Response(detail(procedure, version, request), status=201)


class ProcedureDetailView(APIView):
    permission_classes = [IsCatalogueManagerOrReadOnly, ApiClientScopes]

    @extend_schema(
        operation_id="procedures_retrieve",
        summary="Chi tiết thủ tục: phí, thành phần hồ sơ, thời hạn, quy trình",
        responses={200: ProcedureDetailSerializer, 404: ERRORS[404]},
        tags=["catalogue"],
    )
    def get(self, request: Request, code: str) -> Response:
        procedure = _procedure(code)
        return Response(detail(procedure, _detail_version(procedure), request))


class ProcedureVersionCreateView(APIView):
    permission_classes = [IsCatalogueManagerOrReadOnly, ApiClientScopes]

    @extend_schema(
        operation_id="procedures_versions_create",
        summary="Sửa thủ tục: tạo phiên bản mới có ngày áp dụng (hồ sơ cũ giữ phiên bản cũ)",
        request=VersionCreateSerializer,
        responses={201: ProcedureDetailSerializer, **ERRORS},
        tags=["catalogue"],
    )
    def post(self, request: Request, code: str) -> Response:
        procedure = _procedure(code)
        body = VersionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = services.change_procedure(procedure, actor=request.user, version=body.validated_data["version"])
        return Response(detail(procedure, selectors.version_detail(version.pk), request), status=201)


class ProcedureArchiveView(APIView):
    permission_classes = [IsCatalogueManagerOrReadOnly, ApiClientScopes]

    @extend_schema(
        operation_id="procedures_archive",
        summary="Bãi bỏ (lưu trữ) thủ tục; không bao giờ xoá",
        request=ArchiveSerializer,
        responses={200: ProcedureDetailSerializer, **ERRORS},
        tags=["catalogue"],
    )
    def post(self, request: Request, code: str) -> Response:
        procedure = _procedure(code)
        body = ArchiveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.archive_procedure(
            procedure, actor=request.user, on=body.validated_data["on"], note=body.validated_data.get("note", "")
        )
        procedure.refresh_from_db()
        return Response(detail(procedure, _detail_version(procedure), request))
