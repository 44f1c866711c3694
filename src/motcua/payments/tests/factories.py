"""Factories of the payments context."""

from __future__ import annotations

import factory

from motcua.payments.constants import PaymentState
from motcua.payments.models import Payment


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    reference = factory.Sequence(lambda n: f"TT20261122{n:010d}")
    gateway = "sandbox"
    state = PaymentState.PENDING
    amount_vnd = 50_000
    description = "Lệ phí hồ sơ"
    subject = ""
