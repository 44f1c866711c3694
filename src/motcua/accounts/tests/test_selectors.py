"""Scoping reads: agencies_for, has_role, memberships_for, administered agencies."""

from __future__ import annotations

import pytest

from motcua.accounts.models import Role
from motcua.accounts.selectors import (
    administered_agency_ids,
    agencies_for,
    can_administer,
    has_role,
    memberships_for,
    roles_in,
)
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    ubnd = AgencyFactory(name="UBND tỉnh")
    so = AgencyFactory(parent=ubnd, name="Sở Tư pháp")
    phong = AgencyFactory(parent=so, name="Phòng Hành chính tư pháp")
    other = AgencyFactory(parent=ubnd, name="Sở Y tế")
    return ubnd, so, phong, other


def test_agencies_for_lists_active_memberships_only(tree):
    _, so, phong, other = tree
    user = UserFactory()
    MembershipFactory(user=user, agency=so, role=Role.SPECIALIST)
    MembershipFactory(user=user, agency=phong, role=Role.HEAD_OF_DIVISION)
    MembershipFactory(user=user, agency=other, role=Role.LEADER, is_active=False)

    assert set(agencies_for(user)) == {so, phong}
    assert list(agencies_for(user, roles=[Role.HEAD_OF_DIVISION])) == [phong]
    assert list(agencies_for(user, roles=[Role.LEADER])) == []
    assert [m.agency for m in memberships_for(user)] == [phong, so]


def test_inactive_agency_or_user_grants_nothing(tree):
    _, so, _, _ = tree
    user = UserFactory()
    MembershipFactory(user=user, agency=so, role=Role.SPECIALIST)
    so.is_active = False
    so.save()
    assert not agencies_for(user).exists()
    assert not has_role(user, so, Role.SPECIALIST)

    so.is_active = True
    so.save()
    user.is_active = False
    user.save()
    assert not agencies_for(user).exists()
    assert not has_role(user, so)


def test_has_role_is_exact_to_the_agency(tree):
    ubnd, so, phong, _ = tree
    user = UserFactory()
    MembershipFactory(user=user, agency=so, role=Role.SPECIALIST)
    assert has_role(user, so, Role.SPECIALIST)
    assert has_role(user, so.pk, Role.SPECIALIST, Role.LEADER)
    assert has_role(user, so)
    assert not has_role(user, so, Role.LEADER)
    assert not has_role(user, phong, Role.SPECIALIST)
    assert not has_role(user, ubnd)
    assert roles_in(user, so) == {Role.SPECIALIST}


def test_superuser_holds_every_role_in_active_agencies(tree):
    ubnd, so, _, _ = tree
    admin = UserFactory(superuser=True)
    assert has_role(admin, so, Role.LEADER)
    assert set(agencies_for(admin, roles=[Role.SPECIALIST])) == set(ubnd.__class__.objects.all())
    assert administered_agency_ids(admin) is None


def test_administrator_manages_the_subtree_only(tree):
    ubnd, so, phong, other = tree
    user = UserFactory()
    MembershipFactory(user=user, agency=so, role=Role.ADMINISTRATOR)
    assert administered_agency_ids(user) == {so.pk, phong.pk}
    assert can_administer(user, phong)
    assert not can_administer(user, other)
    assert not can_administer(user, ubnd)
    # Administering grants no processing role.
    assert not has_role(user, phong, Role.SPECIALIST)


def test_anonymous_user_gets_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    assert not agencies_for(AnonymousUser()).exists()
    assert not has_role(AnonymousUser(), tree[0])
    assert not memberships_for(AnonymousUser()).exists()
    assert administered_agency_ids(AnonymousUser()) == set()
