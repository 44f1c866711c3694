"""One endpoint per workflow action, built from the workflow table (``dossiers.workflow.TRANSITIONS``).

Each action gets ``POST /api/v1/dossiers/{code}/actions/<name>/`` with its own request body,
``<Name>ActionRequest`` in the OpenAPI schema: ``expected_version`` plus the fields of the action's
input class (and, for the actions an official may fire, ``acting_agency``/``acting_role``), as JSON
or multipart. The body is read here and validated once, by the domain
(``services.perform`` → ``ActionInput.parse``); the serializer describes it for the schema and
checks ``expected_version``. Nothing here names an action: adding one to the table adds its endpoint.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.urls import URLPattern, path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.models import Role
from motcua.api.clients import ApiClientScopes
from motcua.api.serializing import validated
from motcua.api.v1.dossiers import serializers as s
from motcua.api.v1.dossiers.views import ERRORS, detail_response
from motcua.core.exceptions import DomainError
from motcua.core.limits import MAX_INTEGER
from motcua.dossiers import input_fields as kinds
from motcua.dossiers import selectors, services, workflow
from motcua.dossiers.actors import ActingAs
from motcua.dossiers.input_fields import FieldSpec


def _expected_version() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        max_value=MAX_INTEGER,
        help_text="The dossier version the client saw; a mismatch answers 409 `conflict`.",
    )


def _acting_agency() -> serializers.IntegerField:
    return serializers.IntegerField(
        max_value=MAX_INTEGER,
        required=False,
        allow_null=True,
        default=None,
        help_text="Officials: the agency id of the membership to act in (with acting_role). Without it the "
        "history records the role the active step asks for when held, else the first role held in the order "
        "one-stop officer, specialist, head of division, leader.",
    )


def _acting_role() -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=Role.choices, required=False, allow_blank=True, default="", help_text="With acting_agency."
    )


class ExpectedVersion(serializers.Serializer):
    expected_version = _expected_version()


class OfficialContext(ExpectedVersion):
    """What an official's request says besides the action's inputs: the version seen, the membership."""

    acting_agency = _acting_agency()
    acting_role = _acting_role()


def by_official(transition: workflow.Transition) -> bool:
    return bool(transition.roles - {workflow.APPLICANT})


def _acting(data: dict[str, Any]) -> ActingAs | None:
    """The membership named by ``acting_agency`` and ``acting_role`` (both or neither)."""
    agency, role = data.get("acting_agency"), data.get("acting_role") or ""
    if agency is None and not role:
        return None
    if agency is None or not role:
        message = "Cần nêu cả cơ quan và vai trò thực hiện (acting_agency, acting_role)."
        raise DomainError(message, code="invalid", fields={"acting_role" if agency else "acting_agency": [message]})
    return ActingAs(agency, role)


REFERENCE_HELP = {kinds.OFFICIAL: "User id.", kinds.AGENCY: "Agency id.", kinds.AGENCIES: "Agency ids."}


def _help(field: FieldSpec) -> str:
    parts = [field.label + ".", field.help, REFERENCE_HELP.get(field.kind, "")]
    if field.former_names:
        parts.append("Also read as " + ", ".join(f"`{name}`" for name in field.former_names) + " (former name).")
    return " ".join(part for part in parts if part)


def _optional(field: FieldSpec, empty: Any, *, null: bool = False) -> dict[str, Any]:
    """Whether it may be left out (and its value then), and its description: a field's own options."""
    described = {"help_text": _help(field)}
    if field.required:
        return described
    return {**described, "required": False, "default": empty, **({"allow_null": True} if null else {})}


def _length(field: FieldSpec) -> dict[str, Any]:
    return {} if field.max_length is None else {"max_length": field.max_length}


def _text(field: FieldSpec) -> serializers.Field:
    return serializers.CharField(allow_blank=not field.required, **_length(field), **_optional(field, ""))


def _lines(field: FieldSpec) -> serializers.Field:
    child = serializers.CharField(**_length(field))
    return serializers.ListField(child=child, allow_empty=not field.required, **_optional(field, list))


def _list(child: Callable[[], serializers.Field]) -> Callable[[FieldSpec], serializers.Field]:
    def build(field: FieldSpec) -> serializers.Field:
        return serializers.ListField(child=child(), allow_empty=not field.required, **_optional(field, list))

    return build


def _bounds(field: FieldSpec, number: type[int] | type[Decimal]) -> dict[str, Any]:
    bounds = {"min_value": field.min_value, "max_value": field.max_value}
    return {key: number(value) for key, value in bounds.items() if value is not None}


def _integer(field: FieldSpec) -> serializers.Field:
    return serializers.IntegerField(**_bounds(field, int), **_optional(field, field.default, null=True))


def _decimal(field: FieldSpec) -> serializers.Field:
    options = {"max_digits": 12, "decimal_places": 2, **_bounds(field, Decimal)}
    return serializers.DecimalField(**options, **_optional(field, field.default, null=True))


def _datetime(field: FieldSpec) -> serializers.Field:
    return serializers.DateTimeField(**_optional(field, None, null=True))


def _reference(field: FieldSpec) -> serializers.Field:
    return serializers.IntegerField(max_value=MAX_INTEGER, **_optional(field, None, null=True))


def _choice(field: FieldSpec) -> serializers.Field:
    return serializers.ChoiceField(choices=list(field.choices), allow_blank=not field.required, **_optional(field, ""))


def _mapping(field: FieldSpec) -> serializers.Field:
    child = serializers.ChoiceField(choices=list(field.choices)) if field.choices else serializers.CharField()
    return serializers.DictField(child=child, **_optional(field, dict))


def _bool(field: FieldSpec) -> serializers.Field:
    return serializers.BooleanField(**_optional(field, False))


BUILDERS: dict[str, Callable[[FieldSpec], serializers.Field]] = {
    kinds.TEXT: _text,
    kinds.LINES: _lines,
    kinds.INTEGER: _integer,
    kinds.DECIMAL: _decimal,
    kinds.DATETIME: _datetime,
    kinds.CHOICE: _choice,
    kinds.FILES: _list(serializers.FileField),
    kinds.OFFICIAL: _reference,
    kinds.AGENCY: _reference,
    kinds.AGENCIES: _list(lambda: serializers.IntegerField(max_value=MAX_INTEGER)),
    kinds.MAPPING: _mapping,
    kinds.BOOL: _bool,
}


def camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def request_serializer(transition: workflow.Transition) -> type[serializers.Serializer]:
    """``<Name>Action``: the action's request body (``<Name>ActionRequest`` in the schema)."""
    declared: dict[str, Any] = {"expected_version": _expected_version()}
    if by_official(transition):
        declared.update(acting_agency=_acting_agency(), acting_role=_acting_role())
    declared.update({name: BUILDERS[field.kind](field) for name, field in transition.input.specs().items()})
    declared["__doc__"] = f"{transition.label}: the inputs of `{transition.name}` and the version seen."
    return type(f"{camel(transition.name)}Action", (serializers.Serializer,), declared)


def payload(data: Any, transition: workflow.Transition) -> dict[str, Any]:
    """The body as the input class reads it: a form's repeated fields become lists."""
    if not hasattr(data, "getlist"):
        return dict(data)
    body: dict[str, Any] = {}
    for name, field in transition.input.specs().items():
        for key in (name, *field.former_names):
            if key in data:
                body[key] = data.getlist(key) if field.kind in kinds.LIST_KINDS else data.get(key)
    return body


RESPONSES = {
    200: s.DossierDetailSerializer,
    **ERRORS,
    409: OpenApiResponse(s.ErrorSerializer, description="Xung đột phiên bản hoặc thao tác không hợp lệ."),
}


def action_view(transition: workflow.Transition) -> type[APIView]:
    body = request_serializer(transition)
    official = by_official(transition)

    class ActionView(APIView):
        permission_classes = [IsAuthenticated, ApiClientScopes]
        parser_classes = [JSONParser, MultiPartParser, FormParser]

        @extend_schema(
            operation_id=f"dossiers_action_{transition.name}",
            request={"application/json": body, "multipart/form-data": body},
            responses=RESPONSES,
            summary=transition.label,
        )
        def post(self, request: Request, code: str) -> Response:
            dossier = selectors.get_visible(request.user, code)
            context = validated(OfficialContext if official else ExpectedVersion, request.data)
            services.perform(
                dossier,
                transition.name,
                payload(request.data, transition),
                actor=request.user,  # type: ignore[arg-type]
                expected_version=context["expected_version"],
                acting=_acting(context),
            )
            return Response(detail_response(dossier, request.user))

    ActionView.__name__ = ActionView.__qualname__ = f"{camel(transition.name)}ActionView"
    return ActionView


class UnknownActionView(APIView):
    """Any other name: 404 ``unknown_action`` (authenticated, like the actions)."""

    permission_classes = [IsAuthenticated, ApiClientScopes]

    @extend_schema(exclude=True)
    def post(self, request: Request, code: str, action: str) -> Response:
        workflow.get(action)
        raise AssertionError("every action of the table has its own route")


def urlpatterns() -> list[URLPattern]:
    routes = [
        path(f"dossiers/<str:code>/actions/{t.name}/", action_view(t).as_view(), name=f"dossier-action-{t.name}")
        for t in workflow.TRANSITIONS
    ]
    unknown = UnknownActionView.as_view()
    return [*routes, path("dossiers/<str:code>/actions/<slug:action>/", unknown, name="dossier-action")]
