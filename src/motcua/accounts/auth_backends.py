"""Sign-in with an e-mail address or a phone number in any usual spelling (+84…, spaces, dots), and the
resolution of whatever was typed to one account, shared with the lockout policy (``accounts.lockout``)."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from motcua.accounts.models import User
from motcua.accounts.validators import InvalidApplicantData, normalise_phone


def canonical_identifier(raw: str) -> str:
    """The identifier as the account lookup sees it: compatibility forms folded (full-width letters and
    digits), invisible format characters dropped, any script's digits made ASCII, spaces trimmed."""
    text = unicodedata.normalize("NFKC", raw or "")
    chars = []
    for char in text:
        if unicodedata.category(char) == "Cf":  # zero-width and text-direction marks
            continue
        digit = unicodedata.decimal(char, None)
        chars.append(str(digit) if digit is not None and not char.isascii() else char)
    return "".join(chars).strip()


def _by_email_or_phone(text: str) -> Any:
    """Accounts with this e-mail (any letter case) or phone (any spelling); ``None`` if it is neither."""
    manager = User._default_manager
    if "@" in text:
        return manager.filter(email__iexact=text)
    try:
        return manager.filter(phone=normalise_phone(text))
    except InvalidApplicantData:
        return None


def find_account(identifier: str) -> User | None:
    """The one account a sign-in identifier names: user name (any letter case), e-mail, or phone."""
    text = canonical_identifier(identifier)
    if not text:
        return None
    for candidates in (User._default_manager.filter(username__iexact=text), _by_email_or_phone(text)):
        matches = list(candidates[:2]) if candidates is not None else []
        if len(matches) == 1:
            return matches[0]
    return None


class EmailOrPhoneBackend(ModelBackend):
    """Finds the account by e-mail (case-insensitive) or phone; the user name is ``ModelBackend``'s job."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if not username or password is None:
            return None
        candidates = _by_email_or_phone(canonical_identifier(username))
        matches = list(candidates[:2]) if candidates is not None else []
        if len(matches) != 1:
            # Run the hasher anyway so that response time does not reveal which identifiers exist.
            User().set_password(password)
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
