"""Template context shared by the portal and the back office."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {"PROVINCE_NAME": settings.PROVINCE_NAME, "SITE_URL": settings.SITE_URL}
