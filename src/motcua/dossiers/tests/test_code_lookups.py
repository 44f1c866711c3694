"""Lookups by code refuse what cannot be a code (a NUL byte, spaces, letters with diacritics) before any
query: such a value never matches, and PostgreSQL answers a NUL byte with an error (a 500, not a 404)."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.catalogue.selectors import get_procedure_by_code, version_in_force_by_code
from motcua.core.exceptions import NotFound
from motcua.core.text import is_code_shaped
from motcua.dossiers import selectors
from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db

NOT_CODES = ["H44\x00x", "H44\x00", "000.00.06.H56-260302-0001\x00", "mã hồ sơ", "a" * 65, ""]


@pytest.mark.parametrize("value", NOT_CODES)
def test_what_cannot_be_a_code(value):
    assert not is_code_shaped(value)


def test_real_codes_are_code_shaped():
    assert is_code_shaped("000.00.06.H56-260302-0001") and is_code_shaped("1.001193") and is_code_shaped("TP-HT")


@pytest.mark.parametrize("value", NOT_CODES)
def test_dossier_lookups_answer_not_found_without_a_query(world: Any, value: str, django_assert_num_queries) -> None:
    receive(world)
    with django_assert_num_queries(0):
        with pytest.raises(NotFound):
            selectors.get_visible(world.officer, value)
        with pytest.raises(NotFound):
            selectors.dossier_for_applicant(world.officer, value)
        with pytest.raises(NotFound):
            selectors.public_lookup(value, phone="0912345678")


@pytest.mark.parametrize("value", ["1.00\x001193", "1.001193\x00"])
def test_procedure_lookups_answer_not_found_without_a_query(world: Any, value: str, django_assert_num_queries) -> None:
    day = world.procedure.versions.first().effective_from
    with django_assert_num_queries(0):
        with pytest.raises(NotFound):
            get_procedure_by_code(value)
        with pytest.raises(NotFound):
            version_in_force_by_code(value, day)


def test_the_inbox_search_drops_control_characters(world: Any) -> None:
    from motcua.dossiers.selectors.inboxes import search_q

    dossier = receive(world)
    assert "\x00" not in str(search_q("Nhung\x00"))
    assert search_q(f"{dossier.code}\x00") == search_q(dossier.code)
