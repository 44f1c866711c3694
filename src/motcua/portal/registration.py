"""Self-registration of citizens on the portal, on top of the accounts services."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from motcua.accounts.models import User
from motcua.accounts.services import create_user
from motcua.core.exceptions import Conflict


def check_identifiers_free(*, email: str, phone: str, exclude_user: Any = None) -> None:
    """E-mail and phone are sign-in identifiers, so each may belong to one account only."""
    users = User.objects.all() if exclude_user is None else User.objects.exclude(pk=exclude_user.pk)
    fields: dict[str, list[str]] = {}
    if email and users.filter(email__iexact=email).exists():
        fields["email"] = ["Thư điện tử này đã được dùng cho một tài khoản khác."]
    if phone and users.filter(phone=phone).exists():
        fields["phone"] = ["Số điện thoại này đã được dùng cho một tài khoản khác."]
    if fields:
        raise Conflict("Thông tin trùng với một tài khoản đã có.", code="account_exists", fields=fields)


@transaction.atomic
def register_citizen(*, full_name: str, email: str, phone: str, password: str, actor: Any = None) -> User:
    """Create an active citizen account; the user name is the phone number, else the e-mail."""
    check_identifiers_free(email=email, phone=phone)
    return create_user(
        actor=actor,
        username=phone or email.lower(),
        password=password,
        full_name=full_name,
        email=email.lower(),
        phone=phone,
    )
