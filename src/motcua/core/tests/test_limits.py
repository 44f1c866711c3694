"""The domain bound on amounts of money, for every channel."""

from __future__ import annotations

import pytest

from motcua.core.limits import MAX_AMOUNT_VND, AmountOutOfRange, check_amount_vnd


@pytest.mark.parametrize("value", [10**20, MAX_AMOUNT_VND + 1, -1, True, "100", 1.5])
def test_amounts_out_of_range_or_not_whole_numbers_are_refused(value):
    with pytest.raises(AmountOutOfRange) as refused:
        check_amount_vnd(value)
    assert refused.value.fields == {"amount_vnd": [refused.value.message]}
    assert "đồng" in refused.value.message


def test_amounts_in_range_pass():
    assert check_amount_vnd(0) == 0 and check_amount_vnd(MAX_AMOUNT_VND) == MAX_AMOUNT_VND
    with pytest.raises(AmountOutOfRange):
        check_amount_vnd(0, minimum=1)
