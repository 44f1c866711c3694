"""The project's own feedback API: categories, sending (citizens, officials' channels, other systems), public
tracking and rating, the published answers, the officials' items and actions, and the figures.

Thin: validate (``serializers``), look up (``feedback.selectors``), call ``feedback.services``. Keys of
other systems need ``reports:read`` / ``reports:write``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.models import User
from motcua.api.clients import ApiClientScopes
from motcua.api.serializing import represented, validated
from motcua.api.throttling import ClientScopedRateThrottle
from motcua.api.v1.dossiers.views import ERRORS
from motcua.api.v1.feedback import serializers as s
from motcua.core.exceptions import DomainError, NotFound, PermissionDenied
from motcua.feedback import actors, figures, selectors, services
from motcua.feedback.constants import Channel
from motcua.feedback.models import Category
from motcua.feedback.services import dispatch
from motcua.integrations.models import ApiClient
from motcua.organisations.models import Agency


class CategoryListView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        operation_id="feedback_categories",
        responses={200: s.FeedbackCategorySerializer(many=True)},
        summary="Lĩnh vực phản ánh, kiến nghị",
    )
    def get(self, request: Request) -> Response:
        return Response([represented(s.FeedbackCategorySerializer, c) for c in selectors.active_categories()])


def _channel(request: Request) -> tuple[str, ApiClient | None]:
    if isinstance(request.auth, ApiClient):
        return Channel.API, request.auth
    return Channel.PORTAL, None


class SubmitView(APIView):
    """Anyone may send (a citizen signed in or not, another system with ``reports:write``), throttled per address."""

    permission_classes = [AllowAny, ApiClientScopes]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    throttle_classes = [ClientScopedRateThrottle]
    throttle_scope = "feedback_submit"
    api_scope = "reports"

    @extend_schema(
        operation_id="feedback_submit",
        request=s.FeedbackSubmissionSerializer,
        responses={201: s.FeedbackReceiptSerializer, **ERRORS},
        summary="Gửi phản ánh, kiến nghị",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.FeedbackSubmissionSerializer, request.data)
        channel, client = _channel(request)
        item = services.submit_feedback(
            services.Submission(**data), channel=channel, actor=request.user, api_client=client
        )
        return Response(represented(s.FeedbackReceiptSerializer, item), status=201)


class PublicTrackView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [ClientScopedRateThrottle]
    throttle_scope = "public_lookup"

    @extend_schema(
        operation_id="feedback_track",
        parameters=[OpenApiParameter("phone", str, required=True)],
        responses={200: s.FeedbackTrackedSerializer, **ERRORS},
        summary="Tra cứu phản ánh (mã và số điện thoại)",
    )
    def get(self, request: Request, code: str) -> Response:
        phone = request.query_params.get("phone", "")
        if not phone:
            raise DomainError("Nhập số điện thoại đã khai khi gửi.", code="invalid", fields={"phone": ["Bắt buộc."]})
        return Response(represented(s.FeedbackTrackedSerializer, selectors.track(code, phone)))


class PublicRatingView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [ClientScopedRateThrottle]
    throttle_scope = "public_lookup"

    @extend_schema(
        operation_id="feedback_rate",
        request=s.FeedbackRatingSerializer,
        responses={200: s.FeedbackTrackedSerializer, **ERRORS},
        summary="Đánh giá câu trả lời",
    )
    def post(self, request: Request, code: str) -> Response:
        data = validated(s.FeedbackRatingSerializer, request.data)
        tracked = selectors.track(code, data["phone"])
        services.rate(tracked.item, satisfied=data["satisfied"], comment=data["comment"], phone=data["phone"])
        return Response(represented(s.FeedbackTrackedSerializer, selectors.track(code, data["phone"])))


class PublicAnswerListView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        operation_id="feedback_public_answers",
        parameters=[OpenApiParameter("q", str), OpenApiParameter("category", str)],
        responses={200: s.FeedbackPublicAnswerSerializer(many=True)},
        summary="Câu trả lời công khai",
    )
    def get(self, request: Request) -> Response:
        items = selectors.public_answers(
            request.query_params.get("q", "")[:200], request.query_params.get("category", "")[:40]
        )
        return Response([represented(s.FeedbackPublicAnswerSerializer, item) for item in items[:100]])


class ItemListView(APIView):
    permission_classes = [IsAuthenticated, ApiClientScopes]
    api_scope = "reports"

    @extend_schema(
        operation_id="feedback_items",
        parameters=[
            OpenApiParameter(
                "box",
                str,
                description="moi, da-chuyen, tra-loi (coordinator); "
                "can-nhan, dang-xu-ly, cho-duyet, da-tra-loi (agency); qua-han",
            )
        ],
        responses={200: s.FeedbackItemSerializer(many=True), **ERRORS},
        summary="Hộp phản ánh của cán bộ",
    )
    def get(self, request: Request) -> Response:
        coordinator = actors.is_coordinator(request.user)
        box = request.query_params.get("box") or ("moi" if coordinator else "can-nhan")
        items = selectors.inbox(request.user, box, coordinator=coordinator)[:200]
        return Response([represented(s.FeedbackItemSerializer, item) for item in items])


class ItemDetailView(APIView):
    permission_classes = [IsAuthenticated, ApiClientScopes]
    api_scope = "reports"

    @extend_schema(
        operation_id="feedback_item", responses={200: s.FeedbackItemSerializer, **ERRORS}, summary="Một phản ánh"
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(represented(s.FeedbackItemSerializer, selectors.for_official(request.user, code)))


def _resolve(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Ids and codes of the body as the objects the services take; an unknown one is a 400 on its field."""
    resolved = dict(data)
    lookups = {
        "category": lambda v: Category.objects.get(code=v, is_active=True),
        "agency": lambda v: Agency.objects.get(pk=v, is_active=True),
        "handler": lambda v: User.objects.get(pk=v, is_active=True),
        "into": lambda v: selectors.for_official(user, str(v).upper()),
    }
    for name, find in lookups.items():
        if name in data:
            try:
                resolved[name] = find(data[name])
            except (Category.DoesNotExist, Agency.DoesNotExist, User.DoesNotExist, NotFound):
                raise DomainError("Không tìm thấy.", code="invalid", fields={name: ["Không tìm thấy."]}) from None
    return resolved


class ItemActionView(APIView):
    permission_classes = [IsAuthenticated, ApiClientScopes]
    api_scope = "reports"

    @extend_schema(
        operation_id="feedback_item_action",
        request=s.FeedbackActionSerializer,
        parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH, enum=s.ACTION_NAMES)],
        responses={200: s.FeedbackItemSerializer, **ERRORS, 409: ERRORS[400]},
        summary="Thao tác trên phản ánh (theo bảng quy trình)",
    )
    def post(self, request: Request, code: str, action: str) -> Response:
        item = selectors.for_official(request.user, code)
        data = _resolve(request.user, validated(s.FeedbackActionSerializer, request.data))
        dispatch.perform(action, item, actor=request.user, data=data)
        return Response(represented(s.FeedbackItemSerializer, selectors.for_official(request.user, code)))


def _moment(raw: str | None, name: str) -> datetime.datetime:
    try:
        parsed = parse_datetime(raw or "")
    except ValueError:  # shaped like a date but not one (month 13)
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise DomainError("Cần thời điểm ISO 8601 có múi giờ.", code="invalid", fields={name: ["Không hợp lệ."]})
    return parsed


class FiguresView(APIView):
    """Counts for the operations centre and the Decision 766 sub-indicators: coordinators only."""

    permission_classes = [IsAuthenticated, ApiClientScopes]
    api_scope = "reports"

    @extend_schema(
        operation_id="feedback_figures",
        parameters=[
            OpenApiParameter("start", str, required=True),
            OpenApiParameter("end", str, required=True),
            OpenApiParameter("by", str, enum=list(figures.GROUPS)),
        ],
        responses={200: s.FeedbackFiguresSerializer(many=True), **ERRORS},
        summary="Số liệu phản ánh",
    )
    def get(self, request: Request) -> Response:
        if not actors.is_coordinator(request.user):
            raise PermissionDenied("Chỉ đơn vị điều phối xem số liệu phản ánh toàn tỉnh.")
        by = request.query_params.get("by", "agency")
        if by not in figures.GROUPS:
            raise DomainError("by là agency, category hoặc unit.", code="invalid", fields={"by": ["Không hợp lệ."]})
        start, end = (
            _moment(request.query_params.get("start"), "start"),
            _moment(request.query_params.get("end"), "end"),
        )
        rows = figures.figures(start, end, by=by, now=timezone.now())
        return Response([represented(s.FeedbackFiguresSerializer, row) for row in rows])
