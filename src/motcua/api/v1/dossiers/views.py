"""Dossier endpoints: thin views that parse, call ``dossiers.services`` / ``selectors`` and render."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.selectors import memberships_for
from motcua.api.clients import ApiClientScopes
from motcua.api.serializing import represented, validated
from motcua.api.throttling import ClientScopedRateThrottle
from motcua.api.v1.dossiers import serializers as s
from motcua.api.v1.dossiers.pagination import DossierPagination
from motcua.catalogue.selectors import version_in_force_by_code
from motcua.core.exceptions import DomainError, NotFound, PermissionDenied
from motcua.documents.forms import available_forms
from motcua.documents.issued import issued_form
from motcua.documents.register import register_pdf, register_xlsx
from motcua.dossiers import selectors, services, sync
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors.inboxes import BOXES, scope_for
from motcua.dossiers.selectors.step_rows import box_rows
from motcua.dossiers.services import ApplicantData, ComponentData, FeeData
from motcua.organisations.models import Agency
from motcua.workdays.constants import VIETNAM_TZ

ERRORS = {
    400: OpenApiResponse(s.ErrorSerializer, description="Dữ liệu không hợp lệ."),
    401: OpenApiResponse(s.ErrorSerializer, description="Chưa xác thực."),
    403: OpenApiResponse(s.ErrorSerializer, description="Không có quyền."),
    404: OpenApiResponse(s.ErrorSerializer, description="Không tìm thấy."),
}


def _agency(pk: int | None, field: str) -> Agency | None:
    if pk is None:
        return None
    try:
        return Agency.objects.get(pk=pk, is_active=True)
    except Agency.DoesNotExist:
        raise DomainError(
            "Không tìm thấy cơ quan.", code="invalid", fields={field: ["Cơ quan không tồn tại."]}
        ) from None


def _acting_membership(user: Any, box: str, agency_id: int | None, role: str | None) -> tuple[Agency, str]:
    """The (agency, role) an inbox is read in: the user's one membership that has this box."""
    if box not in selectors.INBOXES:
        raise DomainError("Hộp hồ sơ không hợp lệ.", code="invalid", fields={"box": list(selectors.INBOXES)})
    if user.is_superuser and agency_id is not None and role:
        agency = _agency(agency_id, "agency")
        assert agency is not None  # noqa: S101 - agency_id is not None
        return agency, role
    memberships = memberships_for(user).select_related("agency")
    if agency_id is not None:
        memberships = memberships.filter(agency_id=agency_id)
    if role:
        memberships = memberships.filter(role=role)
    fitting = [m for m in memberships if m.role in {r for b in BOXES if b.key == box for r in b.roles}]
    if not fitting:
        raise PermissionDenied("Bạn không có hộp hồ sơ này ở cơ quan, vai trò đã chọn.", code="permission_denied")
    if len(fitting) > 1:
        choices = [f"{m.agency_id}:{m.role}" for m in fitting]
        raise DomainError(
            "Bạn có hộp hồ sơ này ở nhiều cơ quan hoặc vai trò: hãy chọn cơ quan (agency) và vai trò (role).",
            code="invalid",
            fields={"agency": choices, "role": choices},
        )
    return fitting[0].agency, fitting[0].role


def detail_response(dossier: Dossier, user: Any) -> dict[str, Any]:
    dossier = (
        Dossier.objects.select_related("procedure", "receiving_agency", "competent_agency")
        .prefetch_related("components", "steps__agency", "steps__handler", "events__actor", "events__agency")
        .get(pk=dossier.pk)
    )
    context = {"available_actions": selectors.available_actions(dossier, user), "forms": available_forms(dossier)}
    return s.DossierDetailSerializer(dossier, context=context).data


LIST_PARAMETERS = [
    OpenApiParameter("status", int, description="Status 0–10 (national codes 1–10)."),
    OpenApiParameter("agency", int, description="Receiving or competent agency id."),
    OpenApiParameter("procedure", str, description="Procedure code."),
    OpenApiParameter("overdue", bool, description="Only overdue (true) or not overdue (false) dossiers."),
    OpenApiParameter("received_from", OpenApiTypes.DATETIME, description="Registered at or after."),
    OpenApiParameter("received_to", OpenApiTypes.DATETIME, description="Registered before."),
    OpenApiParameter(
        "box",
        str,
        description="An inbox of the user acting in one agency and role: "
        + ", ".join(selectors.INBOXES)
        + ". With a box, `agency` and `role` choose the membership to act in (needed only when"
        " several memberships have that box); the list keeps the inbox's order, most urgent first.",
    ),
    OpenApiParameter("role", str, description="With `box`: the role to act in (one_stop_officer, specialist…)."),
]


LIST_RELATED = ("procedure", "receiving_agency", "competent_agency")


class DossierListView(GenericAPIView):
    """List the dossiers the user may see, or receive a dossier at the counter / by post."""

    permission_classes = [IsAuthenticated, ApiClientScopes]
    serializer_class = s.DossierListSerializer
    queryset = Dossier.objects.none()  # for the schema; the selectors scope the real one
    pagination_class = DossierPagination

    @extend_schema(
        operation_id="dossiers_list",
        parameters=LIST_PARAMETERS,
        responses={200: s.DossierListSerializer(many=True), **ERRORS},
        summary="Danh sách hồ sơ",
    )
    def get(self, request: Request) -> Response:
        data = validated(s.ListFilterSerializer, request.query_params)
        box = data.pop("box", None)
        role = data.pop("role", None)
        queryset: Any  # a queryset, or a step box read a page at a time (both page the same way)
        if box:  # an inbox keeps its own order (most urgent first)
            agency, role = _acting_membership(request.user, box, data.pop("agency", None), role)
            # ``_acting_membership`` read it from the user's active memberships: no second check.
            scope = scope_for(request.user, agency, role, verified=True)
            # The page's related rows are fetched for it alone, never joined to the whole box before the sort.
            queryset = box_rows(
                scope,
                box,
                extra=selectors.dossier_filter_q(**data),
                load=lambda rows: rows.prefetch_related("procedure", "receiving_agency", "competent_agency"),
            )
        else:
            queryset = selectors.filter_dossiers(selectors.dossiers_visible_to(request.user), **data)
            queryset = queryset.order_by("-submitted_at", "-pk")
        page = self.paginate_queryset(queryset)
        selectors.note_privileged_listing(request.user, page or [], channel="api")
        return self.get_paginated_response(s.DossierListSerializer(page, many=True).data)

    @extend_schema(
        operation_id="dossiers_receive",
        request=s.IntakeSerializer,
        responses={201: s.DossierCreatedSerializer, **ERRORS},
        summary="Tiếp nhận hồ sơ (trực tiếp, bưu chính)",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.IntakeSerializer, request.data)
        receiving = _agency(data["receiving_agency"], "receiving_agency")
        assert receiving is not None  # noqa: S101 - the field is required
        # The version in force today with its procedure, in one query (the service checks the day again).
        version = version_in_force_by_code(data["procedure"], timezone.now().astimezone(VIETNAM_TZ).date())
        intake = services.IntakeRequest(
            receiving_agency=receiving,
            procedure=version.procedure,
            version=version,
            applicant=ApplicantData(**data["applicant"]),
            components=[ComponentData(**c) for c in data["components"]],
            channel=data["channel"],
            postal_shipment_number=data["postal_shipment_number"],
            fees=[FeeData(**f) for f in data["fees"]] if data["fees"] is not None else None,
            payment_method=data["payment_method"],
            fees_paid=data["fees_paid"],
            fee_exemption=data["fee_exemption"],
            result_delivery=data["result_delivery"],
            delivery_address=data["delivery_address"],
            competent_agency=_agency(data["competent_agency"], "competent_agency"),
            summary=data["summary"],
            decision=data["decision"],
            supplement_items=data["supplement_items"],
            reason=data["reason"],
            note=data["note"],
        )
        dossier = services.receive_dossier(intake, actor=request.user)  # type: ignore[arg-type]
        # A summary, not the full detail: intake is the hot path (GET the detail when needed).
        # Just received: a supplement was requested only if that was the decision.
        asked = dossier.status == Status.SUPPLEMENT_REQUESTED
        body = s.created_representation(dossier, available_forms(dossier, supplement_requested=asked))
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": f"{request.path}{dossier.code}/"})


class DossierDetailView(APIView):
    permission_classes = [IsAuthenticated, ApiClientScopes]

    @extend_schema(operation_id="dossiers_retrieve", responses={200: s.DossierDetailSerializer, **ERRORS})
    def get(self, request: Request, code: str) -> Response:
        return Response(detail_response(selectors.get_visible(request.user, code), request.user))


class DossierNationalPortalView(APIView):
    permission_classes = [IsAuthenticated, ApiClientScopes]

    @extend_schema(
        operation_id="dossiers_dvcqg_state",
        responses={200: s.NationalPortalStateSerializer, **ERRORS},
        summary="Tình trạng đồng bộ hồ sơ lên Cổng DVC quốc gia",
        description=(
            "Whether the dossier's messages to the national public service portal were acknowledged, are "
            "waiting or being retried, or failed (with the last error). `connected` is false for a procedure "
            "not connected to the portal, and then nothing else is given."
        ),
    )
    def get(self, request: Request, code: str) -> Response:
        dossier = selectors.get_visible(request.user, code)
        state = sync.national_portal_state(dossier)
        body: dict[str, Any] = {"connected": state is not None}
        if state is not None:
            body |= {
                "sync_state": state.state,
                "label": state.label,
                "messages": state.messages,
                "delivered": state.delivered,
                "last_delivered_at": state.last_delivered_at,
                "error": state.error,
                "attempts": state.attempts,
            }
        return Response(body)  # the serializer describes it (a missing key stays missing, never null)


FEE_CORRECTION_HELP = (
    " Not a workflow action: allowed whatever the status (except drafts) to the one-stop officers,"
    " heads of division and leaders of the receiving agency; recorded in the dossier's history with the reason."
)


class DossierFeeAdjustmentView(APIView):
    permission_classes = [IsAuthenticated, ApiClientScopes]

    @extend_schema(
        operation_id="dossiers_fees_adjust",
        request=s.FeeAdjustmentSerializer,
        responses={200: s.DossierDetailSerializer, **ERRORS},
        summary="Điều chỉnh số tiền phí, lệ phí phải nộp",
        description="Set the amount due to a new value with a mandatory reason." + FEE_CORRECTION_HELP,
    )
    def post(self, request: Request, code: str) -> Response:
        dossier = selectors.get_visible(request.user, code)
        data = validated(s.FeeAdjustmentSerializer, request.data)
        services.adjust_fees(dossier, amount_vnd=data["amount_vnd"], reason=data["reason"], actor=request.user)  # type: ignore[arg-type]
        return Response(detail_response(dossier, request.user))


class DossierFeeRefundView(APIView):
    permission_classes = [IsAuthenticated, ApiClientScopes]

    @extend_schema(
        operation_id="dossiers_fees_refund",
        request=s.FeeRefundSerializer,
        responses={200: s.DossierDetailSerializer, **ERRORS},
        summary="Ghi nhận hoàn trả phí, lệ phí đã nộp",
        description="Record money given back to the applicant (at most what was paid), with the reason and the"
        " reference of the refund transfer; the refund itself is made through the treasury or the payment"
        " platform." + FEE_CORRECTION_HELP,
    )
    def post(self, request: Request, code: str) -> Response:
        dossier = selectors.get_visible(request.user, code)
        data = validated(s.FeeRefundSerializer, request.data)
        services.refund_fee(
            dossier,
            amount_vnd=data["amount_vnd"],
            reason=data["reason"],
            reference=data["reference"],
            actor=request.user,  # type: ignore[arg-type]
        )
        return Response(detail_response(dossier, request.user))


class DossierFormView(APIView):
    permission_classes = [IsAuthenticated, ApiClientScopes]

    @extend_schema(
        operation_id="dossiers_form_pdf",
        parameters=[OpenApiParameter("form_no", str, OpenApiParameter.PATH, enum=["01", "02", "03", "04", "05", "06"])],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS},
        summary="Biểu mẫu 01–06 của hồ sơ (PDF, ký số bởi cơ quan phát hành khi có khóa)",
    )
    def get(self, request: Request, code: str, form_no: str) -> HttpResponse:
        dossier = selectors.get_visible(request.user, code)
        content = issued_form(form_no, dossier)  # signed by the issuing agency when it holds a key
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="mau-{form_no}-{dossier.code}.pdf"'
        return response


class RegisterView(APIView):
    """Form 07 (Sổ theo dõi hồ sơ) of an agency for a period, as PDF or .xlsx."""

    permission_classes = [IsAuthenticated, ApiClientScopes]

    @extend_schema(
        operation_id="dossiers_register",
        parameters=[
            OpenApiParameter("agency", int, required=True),
            OpenApiParameter("start", OpenApiTypes.DATE, required=True),
            OpenApiParameter("end", OpenApiTypes.DATE, required=True),
            OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["pdf", "xlsx"]),
        ],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY,
            **ERRORS,
        },
        summary="Sổ theo dõi hồ sơ (Mẫu 07)",
    )
    def get(self, request: Request, fmt: str) -> HttpResponse:
        params = s.RegisterFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        agency = _agency(data["agency"], "agency")
        assert agency is not None  # noqa: S101
        if not _may_read_register(request.user, agency):
            raise NotFound("Không tìm thấy cơ quan.", code="not_found")
        if data["end"] < data["start"] or (data["end"] - data["start"]).days > 366:
            raise DomainError("Kỳ báo cáo không hợp lệ (tối đa 1 năm).", code="invalid", fields={"end": []})
        name = f"so-theo-doi-{agency.identifier_code}-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"
        if fmt == "xlsx":
            content = register_xlsx(agency, data["start"], data["end"])
            mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        elif fmt == "pdf":
            content, mime = register_pdf(agency, data["start"], data["end"]), "application/pdf"
        else:
            raise NotFound("Định dạng không hỗ trợ.", code="not_found")
        response = HttpResponse(content, content_type=mime)
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response


def _may_read_register(user: Any, agency: Agency) -> bool:
    """The register lists applicants: the processing roles only (not administrators or catalogue managers)."""
    from motcua.accounts.personal_data import PROCESSING_ROLES, is_privileged_reader, record_personal_data_view
    from motcua.accounts.selectors import has_role

    if not has_role(user, agency, *PROCESSING_ROLES):
        return False
    if is_privileged_reader(user):
        record_personal_data_view(user, what="register", reference=agency.identifier_code, channel="api")
    return True


class PublicLookupView(APIView):
    """Public lookup: code + the applicant's phone or ID number. Never by code alone."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [ClientScopedRateThrottle]
    throttle_scope = "public_lookup"

    @extend_schema(
        operation_id="public_dossier_lookup",
        parameters=[
            OpenApiParameter("phone", str, description="Applicant's phone number."),
            OpenApiParameter("id_number", str, description="Applicant's ID number or tax code."),
        ],
        responses={200: s.PublicDossierSerializer, **ERRORS, 429: ERRORS[400]},
        summary="Tra cứu hồ sơ (công khai)",
    )
    def get(self, request: Request, code: str) -> Response:
        found = selectors.public_lookup(
            code, phone=request.query_params.get("phone"), id_number=request.query_params.get("id_number")
        )
        return Response(represented(s.PublicDossierSerializer, found))
