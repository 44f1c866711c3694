"""The postal orders of a dossier and their tracking, for officials (the addresses are personal data)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.selectors import memberships_for
from motcua.api.clients import ApiClientScopes
from motcua.api.v1.dossiers.views import ERRORS
from motcua.core.exceptions import PermissionDenied
from motcua.dossiers import selectors
from motcua.postal.constants import OrderKind, OrderState
from motcua.postal.selectors import orders_of


class TrackingEventSerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField(help_text="When the operator says it happened.")
    code = serializers.CharField(help_text="The operator's tracking code (docs/integration.md).")
    state = serializers.ChoiceField(choices=OrderState.choices, allow_blank=True, help_text="Blank: an unknown code.")
    event_label = serializers.CharField(source="label", help_text="What happened, in Vietnamese.")
    location = serializers.CharField(help_text="The post office.")
    reported_by = serializers.ChoiceField(
        source="source", choices=[("callback", "callback"), ("poll", "poll")], help_text="How it reached us."
    )


class PartySerializer(serializers.Serializer):
    name = serializers.CharField()
    address = serializers.CharField()
    tel = serializers.CharField()


class PostalOrderSerializer(serializers.Serializer):
    order_number = serializers.CharField(help_text="The dossier's code, as sent to the operator.")
    kind = serializers.ChoiceField(choices=OrderKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    state = serializers.ChoiceField(choices=OrderState.choices)
    state_label = serializers.CharField(source="get_state_display")
    operator = serializers.CharField()
    item_code = serializers.CharField(help_text="The tracking number (empty until the operator gives one).")
    sender = PartySerializer()
    receiver = PartySerializer()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    tracking = TrackingEventSerializer(many=True, source="tracking.all")


class DossierPostalOrdersView(APIView):
    permission_classes = [IsAuthenticated, ApiClientScopes]

    @extend_schema(
        operation_id="dossiers_postal_orders",
        responses={200: PostalOrderSerializer(many=True), **ERRORS},
        summary="Đơn bưu chính công ích của hồ sơ và hành trình",
        description=(
            "The dossier's orders at the postal operator (collection of the paper dossier, delivery of the "
            "result), newest first, each with its tracking events oldest first. Officials who may read the "
            "dossier only: the applicant follows the tracking on the portal."
        ),
    )
    def get(self, request: Request, code: str) -> Response:
        dossier = selectors.get_visible(request.user, code)
        if not (request.user.is_superuser or memberships_for(request.user).exists()):
            raise PermissionDenied("Chỉ cán bộ xem được đơn bưu chính qua API.")
        return Response(PostalOrderSerializer(orders_of(dossier.pk), many=True).data)


urlpatterns = [
    path("dossiers/<str:code>/postal-orders/", DossierPostalOrdersView.as_view(), name="dossier-postal-orders"),
]
