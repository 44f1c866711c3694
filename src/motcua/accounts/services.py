"""Writes on people: official accounts, memberships (roles per agency), applicants.

Every function is atomic, takes the acting user as keyword-only ``actor`` and records an
``AccountEvent``. Callers (admin, back office, portal, counter intake) authorise first.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.accounts.models import AccountEvent, Applicant, ApplicantKind, Membership, Role, User
from motcua.accounts.validators import (
    InvalidApplicantData,
    check_citizen_id_matches_birth_date,
    clean_text,
    normalise_email,
    normalise_phone,
    validate_citizen_id,
    validate_tax_code,
)
from motcua.core.exceptions import DomainError
from motcua.core.text import normalise
from motcua.organisations.models import Agency

USER_FIELDS = ("full_name", "email", "phone", "is_active", "is_staff", "is_superuser")


def _record(action: str, *, actor: Any, user: User | None = None, applicant: Applicant | None = None,
            data: dict[str, Any] | None = None) -> None:  # fmt: skip
    AccountEvent.objects.create(
        action=action, actor=actor, user=user, applicant=applicant, occurred_at=timezone.now(), data=data or {}
    )


def _actor(actor: Any) -> Any:
    # AnonymousUser (portal self-registration) is recorded as "no actor".
    return actor if getattr(actor, "is_authenticated", False) else None


# --- Officials --------------------------------------------------------------------------------


def _clean_user_fields(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(fields)
    if cleaned.get("full_name"):
        cleaned["full_name"] = clean_text(cleaned["full_name"])
    if cleaned.get("email"):
        cleaned["email"] = normalise_email(cleaned["email"])
    if cleaned.get("phone"):
        cleaned["phone"] = normalise_phone(cleaned["phone"])
    return cleaned


def check_password_strength(password: str, user: User) -> None:
    """Django's password validators, as a DomainError naming the ``password`` field."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        messages = [str(m) for m in exc.messages]
        raise DomainError(" ".join(messages), code="weak_password", fields={"password": messages}) from None


@transaction.atomic
def create_user(*, actor: Any, username: str, password: str | None = None, **fields: Any) -> User:
    """Create a login account (official or citizen). Without a password the account cannot log in yet."""
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown user fields: {', '.join(sorted(unknown))}")
    username = username.strip()
    if not username:
        raise DomainError("Chưa nhập tên đăng nhập.", code="invalid_user", fields={"username": ["Chưa nhập."]})
    if User.objects.filter(username__iexact=username).exists():
        message = f"Tên đăng nhập {username} đã được dùng."
        raise DomainError(message, code="duplicate_username", fields={"username": [message]})
    user = User(username=username, **_clean_user_fields(fields))
    if password:
        check_password_strength(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    _record("user_created", actor=_actor(actor), user=user, data={"username": username})
    return user


@transaction.atomic
def update_user(
    user: User, *, actor: Any, password: str | None = None, disable_password: bool = False, **changes: Any
) -> User:
    """Change an account's profile, status or password (the password is never logged).

    ``disable_password`` turns password login off (e.g. an account that signs in through VNeID only).
    """
    unknown = set(changes) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown user fields: {', '.join(sorted(unknown))}")
    changed = {}
    for field, value in _clean_user_fields(changes).items():
        if getattr(user, field) != value:
            changed[field] = [getattr(user, field), value]
            setattr(user, field, value)
    if password:
        check_password_strength(password, user)
        user.set_password(password)
        changed["password"] = ["***", "***"]
    elif disable_password and user.has_usable_password():
        user.set_unusable_password()
        changed["password"] = ["***", "(không dùng mật khẩu)"]
    if "phone" in changed:
        user.phone_verified_at = None  # a new number is not verified until a code sent to it comes back
    if changed:
        user.save()
        _record("user_updated", actor=_actor(actor), user=user, data=changed)
    return user


def validate_user(user: User, *, password: str | None = None) -> None:
    """The checks of ``create_user``/``update_user`` without writing, for forms."""
    if User.objects.filter(username__iexact=user.username.strip()).exclude(pk=user.pk).exists():
        message = f"Tên đăng nhập {user.username} đã được dùng."
        raise DomainError(message, code="duplicate_username", fields={"username": [message]})
    _clean_user_fields({"email": user.email, "phone": user.phone})
    if password:
        check_password_strength(password, user)


# --- Memberships ------------------------------------------------------------------------------


@transaction.atomic
def grant_membership(*, actor: Any, user: User, agency: Agency, role: str, title: str = "") -> Membership:
    """Let ``user`` act in ``agency`` as ``role``. Granting again reactivates or retitles; no duplicates."""
    if role not in Role.values:
        raise DomainError("Vai trò không hợp lệ.", code="invalid_role", fields={"role": ["Vai trò không hợp lệ."]})
    if not agency.is_active:
        message = f"{agency.name} đã ngừng hoạt động, không thể phân công cán bộ."
        raise DomainError(message, code="inactive_agency", fields={"agency": [message]})
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user, agency=agency, role=role, defaults={"title": normalise(title)}
    )
    if not created and membership.is_active and membership.title == normalise(title):
        return membership
    membership.is_active = True
    membership.title = normalise(title)
    membership.save()
    _record(
        "membership_granted",
        actor=_actor(actor),
        user=user,
        data={"agency": agency.pk, "agency_code": agency.identifier_code, "role": role, "title": membership.title},
    )
    return membership


@transaction.atomic
def revoke_membership(membership: Membership, *, actor: Any) -> Membership:
    """End a role. The row stays (inactive) so history keeps who acted in which role."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_active:
        return membership
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    _record(
        "membership_revoked",
        actor=_actor(actor),
        user=membership.user,
        data={"agency": membership.agency_id, "role": membership.role},
    )
    return membership


# --- Applicants -------------------------------------------------------------------------------


def clean_applicant_fields(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise every given field; report all errors at once (as a form would)."""
    checks = {
        "id_number": validate_citizen_id,
        "tax_code": validate_tax_code,
        "phone": normalise_phone,
        "email": normalise_email,
    }
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for field, value in fields.items():
        if field in checks and value:
            try:
                cleaned[field] = checks[field](value)
            except InvalidApplicantData as exc:
                errors[field] = [exc.message]
        elif isinstance(value, str):
            try:
                cleaned[field] = clean_text(value, field=field)
            except InvalidApplicantData as exc:
                errors[field] = [exc.message]
        else:
            cleaned[field] = value
    if kind not in ApplicantKind.values:
        errors["kind"] = ["Loại đối tượng không hợp lệ."]
    if not cleaned.get("full_name"):
        errors["full_name"] = ["Chưa nhập họ và tên hoặc tên tổ chức."]
    if kind == ApplicantKind.CITIZEN and not cleaned.get("id_number") and "id_number" not in errors:
        errors["id_number"] = ["Công dân phải có số định danh cá nhân."]
    if kind == ApplicantKind.BUSINESS and not cleaned.get("tax_code") and "tax_code" not in errors:
        errors["tax_code"] = ["Doanh nghiệp phải có mã số thuế."]
    if "id_number" in cleaned and "id_number" not in errors:
        try:
            check_citizen_id_matches_birth_date(cleaned["id_number"], cleaned.get("date_of_birth"))
        except InvalidApplicantData as exc:
            errors["id_number"] = [exc.message]
    if errors:
        first = next(iter(errors.values()))[0]
        raise DomainError(first, code="invalid_applicant", fields=errors)
    return cleaned


def _find_applicant(kind: str, cleaned: dict[str, Any]) -> Applicant | None:
    if kind == ApplicantKind.CITIZEN:
        return Applicant.objects.select_for_update().filter(id_number=cleaned["id_number"]).first()
    if cleaned.get("tax_code"):
        return Applicant.objects.select_for_update().filter(tax_code=cleaned["tax_code"]).first()
    return None  # an organisation without a tax code cannot be matched reliably


@transaction.atomic
def create_or_update_applicant(
    *,
    actor: Any,
    kind: str,
    full_name: str,
    id_number: str = "",
    tax_code: str = "",
    date_of_birth: datetime.date | None = None,
    phone: str = "",
    email: str = "",
    address: str = "",
    user: User | None = None,
) -> tuple[Applicant, bool]:
    """Find the applicant by personal ID (citizens) or tax code (businesses, organisations) and update
    them, or create a new one. Returns ``(applicant, created)``.

    Blank arguments never erase what is on record: the counter may not ask for the e-mail again.
    """
    fields = {
        "full_name": full_name,
        "id_number": id_number,
        "tax_code": tax_code,
        "date_of_birth": date_of_birth,
        "phone": phone,
        "email": email,
        "address": address,
        "user": user,
    }
    cleaned = clean_applicant_fields(kind, fields)
    applicant = _find_applicant(kind, cleaned)
    if applicant is None:
        try:
            with transaction.atomic():  # savepoint: a concurrent intake may insert the same person first
                applicant = Applicant(kind=kind, **cleaned)
                applicant.save()
        except IntegrityError:
            applicant = _find_applicant(kind, cleaned)
            if applicant is None:
                raise
        else:
            _record("applicant_created", actor=_actor(actor), applicant=applicant, data={"kind": kind})
            return applicant, True
    if applicant.kind != kind:
        message = f"Số giấy tờ này đã được đăng ký cho {applicant.get_kind_display().lower()} {applicant.full_name}."
        raise DomainError(message, code="applicant_kind_mismatch", fields={"kind": [message]})
    changed = {}
    for field, value in cleaned.items():
        if value in ("", None) or getattr(applicant, field) == value:
            continue
        changed[field] = [_plain(getattr(applicant, field)), _plain(value)]
        setattr(applicant, field, value)
    if changed:
        applicant.save()
        _record("applicant_updated", actor=_actor(actor), applicant=applicant, data=changed)
    return applicant, False


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value.pk if hasattr(value, "pk") else value


APPLICANT_FIELDS = ("kind", "full_name", "id_number", "tax_code", "date_of_birth", "phone", "email", "address", "user")


@transaction.atomic
def update_applicant(applicant: Applicant, *, actor: Any, **changes: Any) -> Applicant:
    """Correct an applicant's record (blank values do erase here: this is an explicit edit)."""
    unknown = set(changes) - set(APPLICANT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown applicant fields: {', '.join(sorted(unknown))}")
    applicant = Applicant.objects.select_for_update().get(pk=applicant.pk)
    merged = {field: changes.get(field, getattr(applicant, field)) for field in APPLICANT_FIELDS if field != "kind"}
    kind = changes.get("kind", applicant.kind)
    cleaned = clean_applicant_fields(kind, merged)
    for field in ("id_number", "tax_code"):
        value = cleaned.get(field)
        if value and Applicant.objects.filter(**{field: value}).exclude(pk=applicant.pk).exists():
            message = "Số giấy tờ này đã có trong hồ sơ của tổ chức, cá nhân khác."
            raise DomainError(message, code="duplicate_applicant", fields={field: [message]})
    changed = {}
    for field, value in {**cleaned, "kind": kind}.items():
        if getattr(applicant, field) != value:
            changed[field] = [_plain(getattr(applicant, field)), _plain(value)]
            setattr(applicant, field, value)
    if changed:
        applicant.save()
        _record("applicant_updated", actor=_actor(actor), applicant=applicant, data=changed)
    return applicant
