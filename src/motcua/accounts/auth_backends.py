"""Sign-in with an e-mail address or a phone number in any usual spelling (+84…, spaces, dots)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from motcua.portal.identity import looks_like_email, normalise_phone


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if not username or password is None:
            return None
        users = get_user_model()._default_manager
        if looks_like_email(username):
            candidates = users.filter(email__iexact=username.strip())
        else:
            try:
                candidates = users.filter(phone=normalise_phone(username))
            except ValidationError:
                return None
        matches = list(candidates[:2])
        if len(matches) != 1:
            # Run the hasher anyway so that response time does not reveal which identifiers exist.
            get_user_model()().set_password(password)
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
