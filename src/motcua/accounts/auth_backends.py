"""Sign-in with an e-mail address or a phone number in any usual spelling (+84…, spaces, dots)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from motcua.accounts.models import User
from motcua.accounts.validators import InvalidApplicantData, normalise_phone


class EmailOrPhoneBackend(ModelBackend):
    """Finds the account by e-mail (case-insensitive) or phone; the user name is ``ModelBackend``'s job."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if not username or password is None:
            return None
        if "@" in username:
            candidates = User._default_manager.filter(email__iexact=username.strip())
        else:
            try:
                candidates = User._default_manager.filter(phone=normalise_phone(username))
            except InvalidApplicantData:
                return None
        matches = list(candidates[:2])
        if len(matches) != 1:
            # Run the hasher anyway so that response time does not reveal which identifiers exist.
            User().set_password(password)
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
