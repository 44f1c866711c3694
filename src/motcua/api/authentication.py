"""API tokens that expire: a token older than ``API_TOKEN_MAX_AGE_HOURS`` is refused.

A leaked token that never expires is a permanent door into officials' work; the holder asks for a
new one (the admin's token page, or ``manage.py drf_create_token -r``) when the old one ran out.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


def token_expired(created: Any, now: Any = None) -> bool:
    return created < (now or timezone.now()) - timedelta(hours=settings.API_TOKEN_MAX_AGE_HOURS)


class TokenExpired(exceptions.AuthenticationFailed):
    default_code = "token_expired"
    default_detail = "Mã truy cập API đã hết hạn. Vui lòng cấp mã mới."


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if token_expired(token.created):
            raise TokenExpired()
        return user, token
