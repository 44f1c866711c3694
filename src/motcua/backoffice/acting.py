"""The "acting as" context: which agency and role an official works in right now.

An official may hold several memberships (one-stop officer at the centre and specialist at a
department, say). The chosen membership id is kept in the session and re-validated against the
official's *active* memberships on every request, so a membership revoked by an administrator
stops working at the next click, not at the next sign-in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.accounts.models import Membership, Role
from motcua.accounts.selectors import memberships_for
from motcua.certification.selectors import CERTIFYING_ROLES, certifies
from motcua.dossiers import deadlines
from motcua.dossiers.selectors.inboxes import boxes_for
from motcua.organisations.models import Agency
from motcua.workdays.clock import WorkingCalendar

SESSION_KEY = "backoffice_membership_id"
SUPERUSER_KEY = "backoffice_superuser_acting"

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


@dataclass(frozen=True)
class Acting:
    membership: Membership
    choices: tuple[Membership, ...]

    @property
    def agency(self) -> Agency:
        return self.membership.agency

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def role_label(self) -> str:
        return self.membership.get_role_display()

    def has_role(self, *roles: str) -> bool:
        return self.membership.role in roles

    @property
    def certifies(self) -> bool:
        """Works the certification counter: a commune or notary-type unit, in a role that certifies."""
        return self.membership.role in CERTIFYING_ROLES and certifies(self.membership.agency)

    @property
    def works_on_dossiers(self) -> bool:
        """Roles with dossier inboxes; catalogue managers and administrators work in the admin screens."""
        return bool(boxes_for(self.membership.role))


# The roles that open dossiers, the ledger and the inboxes (personal data: only those who need it).
DOSSIER_ROLES: tuple[str, ...] = tuple(role for role in Role.values if boxes_for(role))


def _superuser_choice(request: HttpRequest) -> Membership | None:
    """A superuser's chosen (agency, role), as an unsaved membership; ``None`` if none or no longer valid.

    The accounts rules let an active superuser hold every role in every active agency; rather than
    listing them all, the superuser picks one agency and one role (``choose_as_superuser``).
    """
    user = request.user
    stored = request.session.get(SUPERUSER_KEY)
    if not (getattr(user, "is_superuser", False) and user.is_active and isinstance(stored, list) and len(stored) == 2):
        return None
    agency_id, role = stored
    agency = Agency.objects.filter(pk=agency_id, is_active=True).select_related("administrative_unit").first()
    if agency is None or role not in Role.values:
        return None
    return Membership(user=user, agency=agency, role=role)


def resolve(request: HttpRequest) -> Acting | None:
    """The acting membership for this request (one query), or ``None`` when the user has none."""
    choices = tuple(memberships_for(request.user))
    override = _superuser_choice(request) if SUPERUSER_KEY in request.session else None
    if override is not None:
        return Acting(membership=override, choices=choices)
    if not choices:
        return None
    wanted = request.session.get(SESSION_KEY)
    chosen = next((m for m in choices if m.pk == wanted), choices[0])
    if wanted != chosen.pk:
        request.session[SESSION_KEY] = chosen.pk
    return Acting(membership=chosen, choices=choices)


def choose(request: HttpRequest, membership_id: int) -> Membership | None:
    """Switch to one of the user's own active memberships; ``None`` if the id is not one of them."""
    membership = memberships_for(request.user).filter(pk=membership_id).first()
    if membership is not None:
        request.session[SESSION_KEY] = membership.pk
        request.session.pop(SUPERUSER_KEY, None)
    return membership


def choose_as_superuser(request: HttpRequest, agency_id: int, role: str) -> Membership | None:
    """A superuser acts in any active agency and role (audited as themselves by the engine)."""
    user = request.user
    if not (getattr(user, "is_superuser", False) and user.is_active) or role not in Role.values:
        return None
    if not Agency.objects.filter(pk=agency_id, is_active=True).exists():
        return None
    request.session[SUPERUSER_KEY] = [agency_id, role]
    return _superuser_choice(request)


def official_required(roles: Iterable[str] | None = None) -> Callable[[ViewFunc], ViewFunc]:
    """Sign-in, an active membership, and (optionally) one of ``roles`` in the acting membership.

    Sets ``request.acting``. Anonymous users go to the sign-in page; users without a membership
    or in the wrong role get a 403 page that says why and offers the role switch.
    """
    allowed = frozenset(roles or ())

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                login = reverse("backoffice:login")
                return HttpResponseRedirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            acting = resolve(request)
            if acting is None:
                if getattr(request.user, "is_superuser", False):
                    return HttpResponseRedirect(reverse("backoffice:act_as"))
                return render(request, "backoffice/no_membership.html", status=403)
            request.acting = acting  # type: ignore[attr-defined]
            if allowed and acting.role not in allowed:
                return render(
                    request,
                    "backoffice/forbidden.html",
                    {"acting": acting, "reason": _("Vai trò hiện tại của bạn không được dùng chức năng này.")},
                    status=403,
                )
            return view(request, *args, **kwargs)

        return cast(ViewFunc, wrapper)

    return decorator


def acting_of(request: HttpRequest) -> Acting:
    return cast(Acting, request.acting)  # type: ignore[attr-defined]


def request_calendar(request: HttpRequest) -> WorkingCalendar:
    """The working calendar, loaded once per request.

    Loading it reads the override table (one small query) so that an override saved by any
    process is seen at once (the rule of ``workdays.selectors``); within one request the
    calendar cannot usefully change, so every part of the page shares the first load.
    """
    cached = getattr(request, "_working_calendar", None)
    if cached is None:
        cached = deadlines.calendar()
        request._working_calendar = cached  # type: ignore[attr-defined]
    return cached
