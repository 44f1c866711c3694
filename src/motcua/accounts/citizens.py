"""Writes on citizens' own accounts: self-registration, the profile, sign-in through an identity provider.

Every function is atomic and records ``AccountEvent`` rows (through the services it builds on). The
portal parses and authorises; the rules live here: e-mail and phone are sign-in identifiers, so each
belongs to one account; a personal ID, once declared, is changed only by the one-stop unit.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.accounts.models import AccountEvent, Applicant, ApplicantKind, ExternalIdentity, User
from motcua.accounts.selectors import citizen_applicant
from motcua.accounts.services import create_or_update_applicant, create_user, update_user
from motcua.core.exceptions import Conflict, DomainError


def check_identifiers_free(*, email: str, phone: str, exclude_user: User | None = None) -> None:
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


def _check_id_number(user: User, id_number: str) -> None:
    current = citizen_applicant(user)
    if current is not None and current.id_number and current.id_number != id_number:
        message = "Số định danh đã khai không tự đổi được; vui lòng liên hệ Bộ phận Một cửa."
        raise Conflict(message, code="id_number_locked", fields={"id_number": [message]})
    if Applicant.objects.filter(id_number=id_number, user__isnull=False).exclude(user=user).exists():
        message = "Số định danh này đã gắn với một tài khoản khác."
        raise Conflict(message, code="id_number_taken", fields={"id_number": [message]})


@transaction.atomic
def save_citizen_profile(
    user: User,
    *,
    actor: Any,
    full_name: str,
    phone: str = "",
    email: str = "",
    id_number: str = "",
    date_of_birth: datetime.date | None = None,
    address: str = "",
) -> Applicant | None:
    """Update the account; with a personal ID, also the citizen applicant record (linked to the account).

    Returns the citizen applicant record, or ``None`` while no personal ID has been declared.
    """
    check_identifiers_free(email=email, phone=phone, exclude_user=user)
    update_user(user, actor=actor, full_name=full_name, phone=phone, email=email)
    if not id_number:
        return citizen_applicant(user)
    _check_id_number(user, id_number)
    applicant, _created = create_or_update_applicant(
        actor=actor,
        kind=ApplicantKind.CITIZEN,
        full_name=full_name,
        id_number=id_number,
        date_of_birth=date_of_birth,
        phone=phone,
        email=email,
        address=address,
        user=user,
    )
    return applicant


@transaction.atomic
def sign_in_with_external_identity(
    *, issuer: str, subject: str, full_name: str = "", phone: str = "", email: str = "", id_number: str = ""
) -> User:
    """The account linked to this identity at the provider; a new one is created on first sign-in.

    The other arguments are what the provider says about the person (already normalised; blank when
    missing or unusable) and are only used for a new account. A new account never takes over an e-mail
    or phone already used by another account: those stay blank and the citizen adds them in the profile.
    """
    now = timezone.now()
    identity = _linked_identity(issuer, subject)
    if identity is not None:
        identity.last_login_at = now
        identity.save(update_fields=["last_login_at"])
        return identity.user
    try:
        with transaction.atomic():  # savepoint: the same first sign-in may arrive twice at once
            user = _create_linked_account(issuer, subject, now, full_name=full_name, phone=phone, email=email)
    except IntegrityError:
        identity = ExternalIdentity.objects.filter(issuer=issuer, subject=subject).first()
        if identity is None:
            raise
        return identity.user
    if user.full_name and id_number:
        # If the ID is already linked to another account, the citizen sorts it out in the profile.
        with contextlib.suppress(DomainError), transaction.atomic():
            save_citizen_profile(
                user, actor=user, full_name=user.full_name, phone=user.phone, email=user.email, id_number=id_number
            )
    return user


def _linked_identity(issuer: str, subject: str) -> ExternalIdentity | None:
    return ExternalIdentity.objects.select_for_update().filter(issuer=issuer, subject=subject).first()


def _create_linked_account(issuer: str, subject: str, now: datetime.datetime, **profile: str) -> User:
    users = User.objects
    phone, email = profile["phone"], profile["email"].lower()
    digest = hashlib.sha256(f"{issuer}|{subject}".encode()).hexdigest()[:24]
    user = create_user(
        actor=None,
        username=f"oidc-{digest}",
        password=None,
        full_name=profile["full_name"][:200],
        phone=phone if phone and not users.filter(phone=phone).exists() else "",
        email=email if email and not users.filter(email__iexact=email).exists() else "",
    )
    identity = ExternalIdentity.objects.create(
        issuer=issuer, subject=subject, user=user, linked_at=now, last_login_at=now
    )
    AccountEvent.objects.create(
        action="external_identity_linked",
        actor=None,
        user=user,
        occurred_at=now,
        data={"identity": identity.pk, "issuer": issuer},
    )
    return user
