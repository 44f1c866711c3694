"""The demo province has dossiers in every national status, and loading twice changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from motcua.accounts.models import Membership, Role
from motcua.catalogue.tests.sample import needs_sample
from motcua.dossiers.constants import Status
from motcua.dossiers.models import AssignmentRule, Dossier, DossierEvent
from motcua.dossiers.selectors.inboxes import inbox_counts, listing, scope_for
from motcua.integrations.models import WebhookSubscription
from motcua.organisations.demo import UBND_VIET_TRI_CODE
from motcua.outbox.models import Attempt, Message
from motcua.postal.models import PostalOrder

INBOX_ROLES = [Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.HEAD_OF_DIVISION, Role.LEADER]


@needs_sample
@pytest.mark.django_db
def test_demo_has_every_status_and_is_idempotent(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_demo", stdout=io.StringIO())
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert statuses == set(Status.values) - {Status.DRAFT}
    counts = (Dossier.objects.count(), DossierEvent.objects.count(), AssignmentRule.objects.count())
    linked = (WebhookSubscription.objects.count(), Message.objects.count(), PostalOrder.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Dossier.objects.count(), DossierEvent.objects.count(), AssignmentRule.objects.count()) == counts
    assert (WebhookSubscription.objects.count(), Message.objects.count(), PostalOrder.objects.count()) == linked
    # A partner's subscription with its delivery log (one delivery retried once), postal orders at
    # different stages of their tracking, each stage in the dossier's history.
    subscription = WebhookSubscription.objects.get()
    log = Attempt.objects.filter(message__destination=subscription.destination)
    assert log.filter(ok=True).count() >= 3 and log.filter(status_code=503).exists()
    states = set(PostalOrder.objects.values_list("state", flat=True))
    assert {"collecting", "delivered", "in_transit"} <= states
    assert PostalOrder.objects.filter(kind="return").exists()
    assert DossierEvent.objects.filter(action="postal_tracking").count() >= 8
    rule = AssignmentRule.objects.get()
    assert (rule.agency.identifier_code, rule.role, rule.strategy) == (UBND_VIET_TRI_CODE, "specialist", "least_loaded")
    assert Dossier.objects.filter(timing="late").exists() and Dossier.objects.filter(timing="early").exists()
    # Every step was taken by an official holding the role, never by the superuser standing in.
    assert not DossierEvent.objects.filter(actor__is_superuser=True).exists()
    # An application paid through the VNPAY simulator, and the fee paid twice listed for reconciliation.
    from motcua.payments.models import Payment, ReconciliationDifference

    paid = Payment.objects.filter(gateway="vnpay", state="paid").order_by("paid_at")
    assert paid.count() == 2 and Dossier.objects.filter(fees_paid=True, events__data__reference=paid[0].reference)
    assert ReconciliationDifference.objects.get().kind == "paid_twice"
    # Every official who works on dossiers finds something in one of their inboxes.
    for membership in Membership.objects.filter(role__in=INBOX_ROLES).select_related("user", "agency"):
        counts = inbox_counts(membership.user, membership.agency, membership.role)
        assert any(counts.values()), membership.user.username
        # The counts (one aggregate over the dossiers in hand) agree with each box's own listing.
        scope = scope_for(membership.user, membership.agency, membership.role)
        listed = {key: listing(scope, key).count() for key in counts}
        assert counts == listed, membership.user.username
