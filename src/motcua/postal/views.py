"""The operator's tracking callback (server to server) and the simulator's routes."""

from __future__ import annotations

import logging

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.core.clientaddr import client_ip
from motcua.core.exceptions import DomainError
from motcua.postal import services, signing
from motcua.postal.exceptions import CallbackRefused

logger = logging.getLogger(__name__)


@csrf_exempt  # the operator posts without a session; the HMAC signature with its timestamp authenticates it
@require_POST
def tracking_callback(request: HttpRequest) -> JsonResponse:
    now = timezone.now()
    header = request.headers.get(signing.SIGNATURE_HEADER, "")
    body, remote = request.body, client_ip(request)
    try:
        event = services.receive_callback(body, header=header, now=now, remote_addr=remote)
    except CallbackRefused as error:
        services.record_refusal(body, header=header, reason=error.code, now=now, remote_addr=remote)
        return JsonResponse({"code": error.code, "message": error.message, "fields": error.fields}, status=error.status)
    except DomainError as error:
        return JsonResponse({"code": error.code, "message": error.message, "fields": error.fields}, status=error.status)
    return JsonResponse({"code": "ok", "recorded": event is not None})
