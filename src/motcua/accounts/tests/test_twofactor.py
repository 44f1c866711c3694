"""Two-factor sign-in rules: who needs it, set-up, verification, recovery codes, reset."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts import twofactor
from motcua.accounts.models import AccountEvent, Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
START = datetime(2026, 4, 6, 2, 0, tzinfo=UTC)


def code_now(device: TOTPDevice) -> str:
    """The code an authenticator app shows at this moment."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def enrolled(user: Any) -> tuple[TOTPDevice, list[str]]:
    device = twofactor.start_setup(user)
    return twofactor.confirm_setup(user, code_now(device))


def actions(user: Any) -> list[str]:
    return list(AccountEvent.objects.filter(user=user).order_by("pk").values_list("action", flat=True))


@pytest.fixture(autouse=True)
def _required_roles(settings: Any) -> None:
    settings.TWO_FACTOR_REQUIRED_ROLES = ["head_of_division", "leader", "administrator", "superuser"]


@pytest.mark.parametrize(
    ("role", "required"),
    [
        (Role.ONE_STOP_OFFICER, False),
        (Role.SPECIALIST, False),
        (Role.CATALOGUE_MANAGER, False),
        (Role.HEAD_OF_DIVISION, True),
        (Role.LEADER, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_roles_listed_in_the_setting_require_a_second_factor(role: str, required: bool) -> None:
    user = MembershipFactory(role=role).user
    assert twofactor.is_required(user) is required


def test_superusers_require_it_and_an_inactive_membership_does_not(settings: Any) -> None:
    assert twofactor.is_required(UserFactory(superuser=True))
    assert not twofactor.is_required(MembershipFactory(role=Role.LEADER, is_active=False).user)
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    assert not twofactor.is_required(UserFactory(superuser=True))


def test_an_official_who_set_it_up_is_asked_even_if_the_role_does_not_require_it(settings: Any) -> None:
    user = MembershipFactory(role=Role.SPECIALIST).user
    enrolled(user)
    assert twofactor.is_required(user)


def test_setup_needs_the_first_code_then_gives_ten_single_use_recovery_codes() -> None:
    user = MembershipFactory(role=Role.LEADER).user
    device = twofactor.start_setup(user)
    assert twofactor.start_setup(user) == device  # the pending secret survives a page reload
    assert len(twofactor.secret_text(device).replace(" ", "")) == 32
    with pytest.raises(twofactor.CodeRejected):
        twofactor.confirm_setup(user, "000000" if code_now(device) != "000000" else "111111")
    assert twofactor.authenticator(user) is None
    with time_machine.travel(time.time() + 2, tick=False):  # past the throttle's 1 s after one wrong code
        confirmed, codes = twofactor.confirm_setup(user, code_now(device))
    assert confirmed.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert twofactor.recovery_codes_left(user) == 10
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert not stored & {c.replace("-", "") for c in codes} and not stored & set(codes)  # only hashes
    assert actions(user) == ["two_factor_failed", "two_factor_enabled"]


def test_verify_accepts_the_current_code_once_and_rejects_others() -> None:
    user = MembershipFactory(role=Role.LEADER).user
    with time_machine.travel(START, tick=False):
        device, _codes = enrolled(user)
    with time_machine.travel(START + timedelta(seconds=60), tick=False):
        code = code_now(device)
        assert twofactor.verify(user, code) == device
        with pytest.raises(twofactor.CodeRejected):
            twofactor.verify(user, code)  # replaying the same code
    with time_machine.travel(START + timedelta(seconds=300), tick=False):
        wrong = "123456" if code_now(device) != "123456" else "654321"
        with pytest.raises(twofactor.CodeRejected):
            twofactor.verify(user, wrong)
        with pytest.raises(twofactor.TooManyTries):
            twofactor.verify(user, code_now(device))  # the throttle holds even the right code for a second
    with time_machine.travel(START + timedelta(seconds=302), tick=False):
        assert twofactor.verify(user, code_now(device)) == device


def test_each_recovery_code_works_once_in_any_spelling() -> None:
    user = MembershipFactory(role=Role.LEADER).user
    _device, codes = enrolled(user)
    assert twofactor.verify(user, f"  {codes[3].upper()} ").persistent_id.startswith("otp_static")
    assert twofactor.recovery_codes_left(user) == 9
    with time_machine.travel(time.time() + 5, tick=False), pytest.raises(twofactor.CodeRejected):
        twofactor.verify(user, codes[3])
    assert "two_factor_recovery_code_used" in actions(user)


def test_regenerating_recovery_codes_voids_the_old_ones() -> None:
    user = MembershipFactory(role=Role.LEADER).user
    _device, old = enrolled(user)
    new = twofactor.regenerate_recovery_codes(user)
    assert not set(old) & set(new)
    with pytest.raises(twofactor.CodeRejected):
        twofactor.verify(user, old[0])
    with time_machine.travel(time.time() + 5, tick=False):
        twofactor.verify(user, new[0])
    assert "two_factor_recovery_codes_regenerated" in actions(user)


def test_codes_are_rejected_for_an_official_without_a_second_factor() -> None:
    user = MembershipFactory(role=Role.LEADER).user
    with pytest.raises(twofactor.CodeRejected):
        twofactor.verify(user, "123456")
    with pytest.raises(twofactor.CodeRejected):
        twofactor.verify(user, "abcde-fghjk")


def test_reset_removes_the_authenticator_and_codes_and_names_the_administrator() -> None:
    user = MembershipFactory(role=Role.LEADER).user
    administrator = UserFactory(superuser=True)
    enrolled(user)
    twofactor.reset(user, actor=administrator)
    assert twofactor.authenticator(user) is None
    assert twofactor.recovery_codes_left(user) == 0
    event = AccountEvent.objects.get(user=user, action="two_factor_reset")
    assert event.actor == administrator
