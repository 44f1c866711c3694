"""A dossier whose paper dossier the post office is collecting, with a few tracking events: what the
browser tests of the citizen's and the officer's pages show."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.dossiers.services.postal import request_postal_collection
from motcua.postal import services as postal
from motcua.postal.operators import TrackingUpdate

ITEM = "EB000471203VN"
STEPS = [
    ("100", "Bưu cục Hạc Thành"),
    ("101", "Bưu cục Hạc Thành"),
    ("102", "Bưu cục Hạc Thành"),
    ("104", "Bưu cục trung tâm Thanh Hóa"),
]


def collecting(world: Any, dossier: Any) -> Any:
    world.centre.address, world.centre.phone = "28 Đại lộ Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa", "02373750000"
    world.centre.save()
    if not dossier.applicant_address:
        type(dossier).objects.filter(pk=dossier.pk).update(applicant_address="12 Phan Chu Trinh, phường Hạc Thành")
    order = request_postal_collection(dossier, actor=world.officer)
    start = timezone.now()
    with transaction.atomic():
        for number, (code, office) in enumerate(STEPS, start=1):
            moment = start + timedelta(hours=number)
            update = TrackingUpdate(f"{ITEM}-{number:03d}", order.order_number, ITEM, code, "", office, moment)
            postal.apply_update(update, source="callback", now=moment)
    return order
