"""Write path of assignment rules (quy tắc phân công): create, change, switch on or off; audited.

Administrators of the agency (and superusers) manage its rules. At most one active rule per
agency, role and procedure (and one agency-wide rule per agency and role): a second is refused
with a clear message instead of a database error.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from motcua.accounts import roles
from motcua.accounts.models import Role, User
from motcua.accounts.selectors import can_administer
from motcua.catalogue.models import Procedure
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers.actors import officials
from motcua.dossiers.models import AssignmentRule, AssignmentRuleEvent, AssignmentStrategy
from motcua.dossiers.services.base import now_or
from motcua.organisations.models import Agency

STEP_ROLES = tuple(Role(role) for role in roles.DOSSIER_ROLES)


def _invalid(field: str, message: str) -> DomainError:
    return DomainError(message, code="invalid", fields={field: [message]})


def check_rule(agency: Agency, role: str, strategy: str, official: User | None, *, actor: User) -> None:
    if not can_administer(actor, agency):
        raise PermissionDenied("Bạn không có quyền quản lý quy tắc phân công của cơ quan này.")
    if role not in STEP_ROLES:
        raise _invalid("role", "Vai trò không hợp lệ cho bước xử lý.")
    if strategy not in AssignmentStrategy.values:
        raise _invalid("strategy", "Cách phân công không hợp lệ.")
    if strategy == AssignmentStrategy.FIXED:
        if official is None:
            raise _invalid("official", "Cần chọn cán bộ được chỉ định.")
        if not officials(agency.pk, [role]).filter(pk=official.pk).exists():
            raise _invalid("official", f"{official} không giữ vai trò này tại {agency.name}.")
    elif official is not None:
        raise _invalid("official", "Chỉ chọn cán bộ khi phân công cho cán bộ được chỉ định.")


def _save(rule: AssignmentRule) -> None:
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise DomainError(
            "Đã có quy tắc phân công đang áp dụng cho cơ quan, vai trò và thủ tục này.",
            code="duplicate",
            fields={"procedure": ["Trùng quy tắc đang áp dụng."]},
        ) from None


def _audit(rule: AssignmentRule, action: str, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    AssignmentRuleEvent.objects.create(rule=rule, occurred_at=now, actor=actor, action=action, data=data)


def _snapshot(rule: AssignmentRule) -> dict[str, Any]:
    return {
        "agency": rule.agency_id,
        "role": rule.role,
        "procedure": rule.procedure_id,
        "strategy": rule.strategy,
        "official": rule.official_id,
        "is_active": rule.is_active,
    }


@transaction.atomic
def create_rule(
    *,
    actor: User,
    agency: Agency,
    role: str,
    strategy: str,
    procedure: Procedure | None = None,
    official: User | None = None,
    now: datetime | None = None,
) -> AssignmentRule:
    check_rule(agency, role, strategy, official, actor=actor)
    moment = now_or(now)
    rule = AssignmentRule(
        agency=agency,
        role=role,
        procedure=procedure,
        strategy=strategy,
        official=official,
        created_at=moment,
        updated_at=moment,
    )
    _save(rule)
    _audit(rule, "create", actor=actor, now=moment, data=_snapshot(rule))
    return rule


@transaction.atomic
def update_rule(
    rule: AssignmentRule,
    *,
    actor: User,
    strategy: str,
    official: User | None = None,
    procedure: Procedure | None = None,
    is_active: bool = True,
    now: datetime | None = None,
) -> AssignmentRule:
    """Change how the rule picks, which procedure it covers, or switch it on or off."""
    rule = AssignmentRule.objects.select_for_update().select_related("agency").get(pk=rule.pk)
    check_rule(rule.agency, rule.role, strategy, official, actor=actor)
    before = _snapshot(rule)
    moment = now_or(now)
    rule.strategy, rule.official, rule.procedure, rule.is_active = strategy, official, procedure, is_active
    rule.updated_at = moment
    _save(rule)
    _audit(rule, "update", actor=actor, now=moment, data={"before": before, "after": _snapshot(rule)})
    return rule


def set_rule_active(
    rule: AssignmentRule, *, actor: User, is_active: bool, now: datetime | None = None
) -> AssignmentRule:
    return update_rule(
        rule,
        actor=actor,
        strategy=rule.strategy,
        official=rule.official,
        procedure=rule.procedure,
        is_active=is_active,
        now=now,
    )
