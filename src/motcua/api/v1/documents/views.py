"""The registers of official documents for officials (their token or session; no other system's key):
the incoming and outgoing documents they may read, with filters, and one document with its history."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.selectors import memberships_for
from motcua.api.authentication import ExpiringTokenAuthentication
from motcua.api.serializing import represented
from motcua.api.v1.documents import serializers as s
from motcua.api.v1.dossiers.views import ERRORS
from motcua.core.exceptions import NotFound
from motcua.records import actors, selectors

LIMIT = 200
FILTERS = [
    OpenApiParameter("status", str, description="Trạng thái (mã)."),
    OpenApiParameter("year", int, description="Năm."),
    OpenApiParameter("q", str, description="Số, ký hiệu, trích yếu, nơi gửi."),
    OpenApiParameter("urgency", str, description="normal, urgent, very_urgent, flash."),
]


def _filters(request: Request) -> selectors.Filters:
    year = request.query_params.get("year", "")
    return selectors.Filters(
        status=request.query_params.get("status", ""),
        year=int(year) if year.isdigit() else None,
        q=request.query_params.get("q", "")[:100],
        urgency=request.query_params.get("urgency", ""),
    )


def _visible(request: Request, kind: str, filters: selectors.Filters) -> list[Any]:
    """Across the official's memberships: each agency and role sees what the back office shows it."""
    rows: dict[int, Any] = {}
    listing = selectors.incoming_list if kind == "incoming" else selectors.outgoing_list
    for membership in memberships_for(request.user):
        if membership.role in actors.DOCUMENT_ROLES:
            queryset: QuerySet[Any] = listing(membership.agency, membership.role, filters)
            rows.update((row.pk, row) for row in queryset[:LIMIT])
    return sorted(rows.values(), key=lambda row: row.pk, reverse=True)[:LIMIT]


class HasDocumentRole(BasePermission):
    """A clerk, specialist, head or leader somewhere: others are refused (403), not shown an empty list."""

    message = "Tài khoản không có vai trò xử lý văn bản."

    def has_permission(self, request: Any, view: Any) -> bool:
        return memberships_for(request.user).filter(role__in=actors.DOCUMENT_ROLES).exists()


class _OfficialsOnly(APIView):
    authentication_classes = [ExpiringTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated, HasDocumentRole]


class IncomingListView(_OfficialsOnly):
    @extend_schema(
        operation_id="documents_incoming",
        parameters=FILTERS,
        responses={200: s.IncomingDocumentSerializer(many=True), **ERRORS},
        summary="Sổ văn bản đến",
    )
    def get(self, request: Request) -> Response:
        rows = _visible(request, "incoming", _filters(request))
        return Response([represented(s.IncomingDocumentSerializer, row) for row in rows])


class OutgoingListView(_OfficialsOnly):
    @extend_schema(
        operation_id="documents_outgoing",
        parameters=FILTERS,
        responses={200: s.OutgoingDocumentSerializer(many=True), **ERRORS},
        summary="Sổ văn bản đi",
    )
    def get(self, request: Request) -> Response:
        rows = _visible(request, "outgoing", _filters(request))
        return Response([represented(s.OutgoingDocumentSerializer, row) for row in rows])


def _one(request: Request, kind: str, pk: int) -> Any:
    find = selectors.incoming_for if kind == "incoming" else selectors.outgoing_for
    for membership in memberships_for(request.user):
        if membership.role in actors.DOCUMENT_ROLES:
            found = find(membership.agency, membership.role, pk)
            if found is not None:
                return found
    raise NotFound("Không tìm thấy văn bản.")


class IncomingDetailView(_OfficialsOnly):
    @extend_schema(
        operation_id="documents_incoming_item",
        responses={200: s.IncomingDocumentDetailSerializer, **ERRORS},
        summary="Một văn bản đến",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(represented(s.IncomingDocumentDetailSerializer, _one(request, "incoming", pk)))


class OutgoingDetailView(_OfficialsOnly):
    @extend_schema(
        operation_id="documents_outgoing_item",
        responses={200: s.OutgoingDocumentDetailSerializer, **ERRORS},
        summary="Một văn bản đi",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(represented(s.OutgoingDocumentDetailSerializer, _one(request, "outgoing", pk)))


urlpatterns = [
    path("incoming/", IncomingListView.as_view(), name="documents-incoming"),
    path("incoming/<int:pk>/", IncomingDetailView.as_view(), name="documents-incoming-item"),
    path("outgoing/", OutgoingListView.as_view(), name="documents-outgoing"),
    path("outgoing/<int:pk>/", OutgoingDetailView.as_view(), name="documents-outgoing-item"),
]
