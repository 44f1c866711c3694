"""Our feedback as GeoReport v2 objects: categories as services, items as service requests.

Statuses map to ``open``/``closed`` (answered, closed, rejected and merged items are closed) with the
Vietnamese status in ``status_notes``; the deadline on the working-time clock is ``expected_datetime``.
Nothing personal is served: the description is the published question, or the text with phones,
e-mails, ID numbers and the citizen's name hidden; the answer is shown only once published.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from motcua.feedback.constants import OPEN311_CLOSED, CategoryKind
from motcua.feedback.models import Category, FeedbackItem
from motcua.feedback.privacy import redact


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def service(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or f"Thời hạn trả lời: {category.answer_days} ngày làm việc.",
        "metadata": False,
        "type": "batch",  # answered by an official within working days, not at once
        "keywords": category.keywords,
        "group": CategoryKind(category.kind).label,
    }


def service_definition(category: Category) -> dict[str, Any]:
    return {"service_code": category.code, "attributes": []}


def status_notes(item: FeedbackItem) -> str:
    if item.is_published:
        return item.public_answer
    if item.merged_into_id is not None:
        return f"{item.status_label}: {item.merged_into.code if item.merged_into else ''}".strip()
    return item.status_label


def request(item: FeedbackItem, *, updated: datetime | None = None) -> dict[str, Any]:
    names = (item.citizen_name,) if item.citizen_name else ()
    description = item.public_question if item.is_published else redact(f"{item.title}. {item.content}", names=names)
    return {
        "service_request_id": item.code,
        "status": "closed" if item.status in OPEN311_CLOSED else "open",
        "status_notes": status_notes(item),
        "service_name": item.category.name,
        "service_code": item.category.code,
        "description": description,
        "agency_responsible": item.handling_agency.name if item.handling_agency else None,
        "service_notice": f"Thời hạn trả lời: {item.category.answer_days} ngày làm việc.",
        "requested_datetime": iso(item.received_at),
        "updated_datetime": iso(updated or item.received_at),
        "expected_datetime": iso(item.due_at),
        "address": item.address or None,
        "address_id": item.unit.code if item.unit else None,
        "zipcode": None,
        "lat": float(item.latitude) if item.latitude is not None else None,
        "long": float(item.longitude) if item.longitude is not None else None,
        "media_url": None,
    }
