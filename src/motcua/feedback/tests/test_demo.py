"""The demo has items in every state, across categories and communes, and loads twice without change."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from motcua.catalogue.tests.sample import needs_sample
from motcua.feedback.constants import Status
from motcua.feedback.models import FeedbackItem

pytestmark = pytest.mark.django_db


@needs_sample
def test_demo_items_cover_every_state_and_several_communes(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_demo", stdout=io.StringIO())
    statuses = set(FeedbackItem.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert FeedbackItem.objects.values("unit").distinct().count() >= 4
    assert FeedbackItem.objects.values("category").distinct().count() >= 6
    assert FeedbackItem.objects.filter(is_published=True).count() >= 2
    count = FeedbackItem.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert FeedbackItem.objects.count() == count
