"""``/api/v1/statistics/…``: the operations centre's figures, the Decision 766 index and rankings.

Officials (and other systems reading dossiers) get the figures of their scope (``operations.scope``:
the widest of their memberships); the public endpoint gives the province's aggregates only.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.api.clients import ApiClientScopes
from motcua.api.throttling import ClientScopedRateThrottle
from motcua.api.v1.dossiers.serializers import ErrorSerializer
from motcua.api.v1.statistics import serializers as s
from motcua.operations import index766, periods
from motcua.operations.dashboard import dashboard, rates_of, window
from motcua.operations.evaluation_data import evaluate
from motcua.operations.offer import offer
from motcua.operations.query import Asked, QueryError, read
from motcua.operations.rankings import Ranked, rankings
from motcua.operations.report import report
from motcua.operations.scope import OpsScope, widest_scope
from motcua.workdays.constants import VIETNAM_TZ

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Tham số không hợp lệ."),
    401: OpenApiResponse(ErrorSerializer, description="Chưa xác thực."),
    403: OpenApiResponse(ErrorSerializer, description="Không có quyền xem số liệu này."),
}
PARAMETERS = [
    OpenApiParameter(
        "period", str, enum=list(periods.KINDS), description="Kỳ: month (mặc định), quarter, year, custom."
    ),
    OpenApiParameter("year", int),
    OpenApiParameter("month", int),
    OpenApiParameter("quarter", int),
    OpenApiParameter("from", str, description="custom: ngày đầu (yyyy-mm-dd hoặc dd/mm/yyyy)"),
    OpenApiParameter("to", str, description="custom: ngày cuối"),
    OpenApiParameter("agency", int, description="Thu hẹp về một cơ quan (và các đơn vị trực thuộc)"),
    OpenApiParameter("level", str, description="province | district | commune"),
    OpenApiParameter("sector", str, description="Mã lĩnh vực"),
    OpenApiParameter("procedure", str, description="Mã thủ tục"),
    OpenApiParameter("channel", str, description="counter | online | postal"),
    OpenApiParameter("by", str, description="Phân tổ: agency (mặc định), level, sector, procedure, channel"),
]


def _period(period: periods.Period) -> dict[str, Any]:
    return {"kind": period.kind, "first_day": period.first_day, "last_day": period.last_day, "title": period.label}


def _asked(request: Request, scope: OpsScope) -> Asked:
    try:
        return read(request.query_params, scope, today=timezone.now().astimezone(VIETNAM_TZ).date())
    except QueryError as bad:
        raise exceptions.ValidationError({k: [v] for k, v in bad.errors.items()}) from None


def _offer(asked: Asked) -> dict[str, int]:
    day = min(asked.period.last_day, timezone.now().astimezone(VIETNAM_TZ).date())
    offered = offer(asked.scope, day)
    return {"full_online": offered.full, "partly_online": offered.partial, "not_online": offered.none}


class StatisticsView(APIView):
    permission_classes = [IsAuthenticated, ApiClientScopes]
    api_scope = "dossiers"  # another system's key reads figures with dossiers:read

    def scope(self, request: Request) -> OpsScope:
        scope = widest_scope(request.user)
        if scope is None:
            raise exceptions.PermissionDenied("Tài khoản không có vai trò xem số liệu điều hành.")
        return scope


class FiguresView(StatisticsView):
    @extend_schema(
        operation_id="statistics_figures",
        parameters=PARAMETERS,
        responses={200: s.FiguresSerializer, **ERRORS},
        summary="Số liệu tiếp nhận, giải quyết, trực tuyến theo kỳ",
    )
    def get(self, request: Request) -> Response:
        asked = _asked(request, self.scope(request))
        board = dashboard(asked.scope, asked.period, asked.filters, now=timezone.now(), dimension=asked.dimension)
        body = {
            "scope": asked.scope.label,
            "period": _period(asked.period),
            "counts": board.counts,
            "rates": vars(board.rates),
            "processing": vars(board.processing),
            "by": asked.dimension,
            "rows": board.rows,
            "months": board.months,
            "offer": _offer(asked),
        }
        return Response(s.FiguresSerializer(body).data)


class IndexView(StatisticsView):
    @extend_schema(
        operation_id="statistics_index_766",
        parameters=PARAMETERS,
        responses={200: s.IndexSerializer, **ERRORS},
        summary="Chỉ số phục vụ theo Quyết định 766 (phần tính được từ dữ liệu của hệ thống)",
    )
    def get(self, request: Request) -> Response:
        asked = _asked(request, self.scope(request))
        board = dashboard(asked.scope, asked.period, asked.filters, now=timezone.now())
        score = board.index
        band = index766.band(score.on_known_scale)
        groups = [
            {
                "key": g.group.key,
                "name": g.group.name,
                "max_points": g.group.max_points,
                "points": g.points,
                "sub_indicators": [
                    {
                        "key": sub.indicator.key,
                        "name": sub.indicator.name,
                        "formula": sub.indicator.formula,
                        "status": sub.status,
                        "max_points": sub.indicator.max_points,
                        "target": sub.indicator.target,
                        "numerator": sub.numerator,
                        "denominator": sub.denominator,
                        "points": sub.points,
                    }
                    for sub in g.subs
                ],
            }
            for g in score.groups
        ]
        body = {
            "scope": asked.scope.label,
            "period": _period(asked.period),
            "points": score.points,
            "known_max": score.known_max,
            "national_max": score.national_max,
            "on_known_scale": score.on_known_scale,
            "band": band[0] if band else None,
            "groups": groups,
        }
        return Response(s.IndexSerializer(body).data)


def _ranked(r: Ranked) -> dict[str, Any]:
    return {
        "agency": r.agency_id,
        "name": r.name,
        "on_time": r.on_time,
        "index": r.index,
        "rank_on_time": r.rank_on_time,
        "rank_index": r.rank_index,
        "moved_on_time": r.moved_on_time,
        "moved_index": r.moved_index,
    }


class RankingsView(StatisticsView):
    @extend_schema(
        operation_id="statistics_rankings",
        parameters=PARAMETERS,
        responses={200: s.RankingsSerializer, **ERRORS},
        summary="Xếp hạng cơ quan cấp tỉnh và cấp xã, so với kỳ trước",
    )
    def get(self, request: Request) -> Response:
        asked = _asked(request, self.scope(request))
        now = timezone.now()
        ranked = rankings(asked.scope, window(asked.period, now), window(asked.period.previous(), now), asked.filters)
        body = {
            "period": _period(asked.period),
            "province": [_ranked(r) for r in ranked.get("province", [])],
            "commune": [_ranked(r) for r in ranked.get("commune", [])],
        }
        return Response(s.RankingsSerializer(body).data)


class ReportView(StatisticsView):
    @extend_schema(
        operation_id="statistics_report",
        parameters=PARAMETERS[:-1],
        responses={200: s.ReportSerializer, **ERRORS},
        summary="Báo cáo tình hình, kết quả giải quyết TTHC theo lĩnh vực (bố cục biểu mẫu báo cáo định kỳ)",
    )
    def get(self, request: Request) -> Response:
        asked = _asked(request, self.scope(request))
        built = report(asked.scope, window(asked.period, timezone.now()), asked.filters)
        body = {"scope": asked.scope.label, "period": _period(asked.period), "rows": built.rows, "total": built.total}
        return Response(s.ReportSerializer(body).data)


class EvaluationView(StatisticsView):
    @extend_schema(
        operation_id="statistics_evaluation",
        parameters=PARAMETERS[:-1],
        responses={200: s.EvaluationSerializer, **ERRORS},
        summary="Đánh giá việc giải quyết TTHC theo Thông tư 01/2018/TT-VPCP (chín chỉ số)",
    )
    def get(self, request: Request) -> Response:
        asked = _asked(request, self.scope(request))
        evaluated = evaluate(asked.scope, window(asked.period, timezone.now()), asked.filters)
        body = {"scope": asked.scope.label, "period": _period(asked.period), **vars(evaluated)}
        body["indicators"] = [vars(i) for i in evaluated.indicators]
        return Response(s.EvaluationSerializer(body).data)


class PublicStatisticsView(APIView):
    """The province's aggregates, as the national portal publishes them: no dossier, no person."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ClientScopedRateThrottle]
    throttle_scope = "public_lookup"

    @extend_schema(
        operation_id="statistics_public",
        parameters=PARAMETERS[:6],
        responses={200: s.PublicSerializer, 400: ERRORS[400]},
        summary="Số liệu công khai của tỉnh",
    )
    def get(self, request: Request) -> Response:
        asked = _asked(request, OpsScope(None, "Toàn tỉnh"))
        board = dashboard(asked.scope, asked.period, asked.filters, now=timezone.now(), public=True)
        c, rates = board.counts, rates_of(board.counts)
        body = {
            "period": _period(asked.period),
            "received": c["received"],
            "received_online": c["received_online"],
            "received_postal": c["received_postal"],
            "resolved": c["resolved"],
            "on_time": rates.on_time,
            "online": rates.online,
            "months": board.months,
        }
        return Response(s.PublicSerializer(body).data)


urlpatterns = [
    path("figures/", FiguresView.as_view(), name="statistics-figures"),
    path("index-766/", IndexView.as_view(), name="statistics-index"),
    path("rankings/", RankingsView.as_view(), name="statistics-rankings"),
    path("report/", ReportView.as_view(), name="statistics-report"),
    path("evaluation/", EvaluationView.as_view(), name="statistics-evaluation"),
    path("public/", PublicStatisticsView.as_view(), name="statistics-public"),
]
