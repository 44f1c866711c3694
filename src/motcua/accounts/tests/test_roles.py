"""The groups of roles are written once, in accounts.roles; other modules import them."""

from __future__ import annotations

import re
from pathlib import Path

from motcua.accounts import roles
from motcua.accounts.models import Role

PRODUCT = Path(__file__).resolve().parents[2]
# Two or more roles listed together: a group of roles written out again.
LISTED_GROUP = re.compile(r"Role\.[A-Z_]+(\.value)?\s*,\s*Role\.[A-Z_]+|\{Role\.[A-Z_]+(\.value)?\s*,")


def test_the_groups_hold_the_roles_that_work_on_dossiers() -> None:
    assert roles.DOSSIER_ROLES == ("one_stop_officer", "specialist", "head_of_division", "leader")
    assert set(roles.HEADS) < set(roles.HANDLERS) < set(roles.DOSSIER_ROLES) < set(Role.values)
    assert not set(roles.ONE_STOP) & set(roles.HANDLERS)


def test_no_module_lists_a_group_of_roles_again() -> None:
    offenders = [
        str(path.relative_to(PRODUCT))
        for path in PRODUCT.rglob("*.py")
        if not {"tests", "migrations"} & set(path.parts)
        and path.name != "roles.py"
        and LISTED_GROUP.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use the groups of motcua.accounts.roles"
