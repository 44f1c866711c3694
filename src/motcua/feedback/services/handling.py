"""The coordinator's and the handling agency's actions. Each is atomic, checked against the workflow
table (``services.base.check``), written to the item's history and tells the citizen after the commit."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from motcua.core.exceptions import DomainError
from motcua.feedback import actors
from motcua.feedback.constants import Status
from motcua.feedback.deadlines import answer_due
from motcua.feedback.models import Category, FeedbackItem
from motcua.feedback.privacy import personal_data_in
from motcua.feedback.services.base import check, locked, move, now_or, tell_citizen
from motcua.organisations.models import Agency

MAX_EXTENSION_DAYS = 30


def _invalid(field: str, message: str) -> DomainError:
    return DomainError(message, code="invalid", fields={field: [message]})


@transaction.atomic
def classify(
    item: FeedbackItem, *, actor: Any, category: Category, now: datetime.datetime | None = None
) -> FeedbackItem:
    """Put the item in the right category; its deadline follows the new category's."""
    now = now_or(now)
    item = locked(item)
    check("classify", item, actor=actor)
    before = item.category.code
    item.category = category
    item.due_at = answer_due(item.received_at, category.answer_days)
    return move(
        item,
        "classify",
        actor=actor,
        now=now,
        data={"from": before, "to": category.code},
        fields=("category", "due_at"),
    )


@transaction.atomic
def route(item: FeedbackItem, *, actor: Any, agency: Agency, now: datetime.datetime | None = None) -> FeedbackItem:
    """Send the item to ``agency`` (also the coordinator's override of an automatic or earlier routing)."""
    now = now_or(now)
    item = locked(item)
    check("route", item, actor=actor)
    if not agency.is_active:
        raise _invalid("agency", "Cơ quan đã ngừng hoạt động.")
    previous = item.handling_agency_id
    item.handling_agency, item.handler, item.routed_at, item.reason = agency, None, now, ""
    move(
        item,
        "route",
        actor=actor,
        now=now,
        data={"agency": agency.pk, "previous": previous},
        fields=("handling_agency", "handler", "routed_at", "reason"),
    )
    tell_citizen(
        item, "Phản ánh đã được chuyển cơ quan xử lý", f"Phản ánh {item.code} đã được chuyển đến {agency.name}."
    )
    return item


@transaction.atomic
def reject(item: FeedbackItem, *, actor: Any, reason: str, now: datetime.datetime | None = None) -> FeedbackItem:
    """Refuse spam or an out-of-scope item (a complaint, a denunciation…), saying why."""
    now = now_or(now)
    item = locked(item)
    check("reject", item, actor=actor, reason=reason)
    item.reason, item.closed_at = reason.strip(), now
    move(item, "reject", actor=actor, now=now, note=item.reason, fields=("reason", "closed_at"))
    tell_citizen(
        item, "Phản ánh không được tiếp nhận xử lý", f"Phản ánh {item.code} không được tiếp nhận. Lý do: {item.reason}"
    )
    return item


@transaction.atomic
def merge(item: FeedbackItem, *, actor: Any, into: FeedbackItem, now: datetime.datetime | None = None) -> FeedbackItem:
    """Fold a duplicate into ``into``: its citizen follows the surviving item (tracking shows that one)."""
    now = now_or(now)
    item = locked(item)
    check("merge", item, actor=actor)
    survivor = locked(into)
    if survivor.pk == item.pk or survivor.status in (Status.MERGED, Status.REJECTED):
        raise _invalid("into", "Chọn một phản ánh khác, chưa bị gộp hay từ chối.")
    item.merged_into, item.closed_at = survivor, now
    move(item, "merge", actor=actor, now=now, data={"into": survivor.code}, fields=("merged_into", "closed_at"))
    tell_citizen(
        item,
        "Phản ánh đã được gộp",
        f"Phản ánh {item.code} trùng nội dung nên được theo dõi cùng phản ánh {survivor.code}.",
    )
    return item


@transaction.atomic
def accept(item: FeedbackItem, *, actor: Any, handler: Any, now: datetime.datetime | None = None) -> FeedbackItem:
    """The agency takes the item and assigns the official who drafts the answer."""
    now = now_or(now)
    item = locked(item)
    check("accept", item, actor=actor)
    assert item.handling_agency is not None  # noqa: S101 - routed items have an agency
    if not actors.may_handle(handler, item.handling_agency, item):
        raise _invalid("handler", "Người được giao không thuộc cơ quan hoặc không đủ thẩm quyền với phản ánh này.")
    item.handler = handler
    return move(item, "accept", actor=actor, now=now, data={"handler": handler.pk}, fields=("handler",))


@transaction.atomic
def send_back(item: FeedbackItem, *, actor: Any, reason: str, now: datetime.datetime | None = None) -> FeedbackItem:
    """Not this agency's matter: back to the coordinator, who routes it again."""
    now = now_or(now)
    item = locked(item)
    check("send_back", item, actor=actor, reason=reason)
    item.reason, item.handler = reason.strip(), None
    return move(item, "send_back", actor=actor, now=now, note=item.reason, fields=("reason", "handler"))


@transaction.atomic
def consult(
    item: FeedbackItem, *, actor: Any, agency: Agency, question: str, now: datetime.datetime | None = None
) -> FeedbackItem:
    """Record that another agency's opinion was asked (the clock keeps running)."""
    now = now_or(now)
    item = locked(item)
    check("consult", item, actor=actor)
    if not question.strip():
        raise _invalid("question", "Nhập nội dung xin ý kiến.")
    return move(
        item,
        "consult",
        actor=actor,
        now=now,
        note=question.strip(),
        data={"agency": agency.pk, "agency_name": agency.name},
    )


@transaction.atomic
def submit_answer(item: FeedbackItem, *, actor: Any, answer: str, now: datetime.datetime | None = None) -> FeedbackItem:
    """The handler's draft goes to a leader for approval."""
    now = now_or(now)
    item = locked(item)
    check("submit_answer", item, actor=actor)
    if len(answer.strip()) < 10:
        raise _invalid("answer", "Nội dung trả lời cần ít nhất 10 ký tự.")
    item.draft_answer = answer.strip()
    return move(item, "submit_answer", actor=actor, now=now, fields=("draft_answer",))


@transaction.atomic
def return_draft(item: FeedbackItem, *, actor: Any, reason: str, now: datetime.datetime | None = None) -> FeedbackItem:
    now = now_or(now)
    item = locked(item)
    check("return_draft", item, actor=actor, reason=reason)
    return move(item, "return_draft", actor=actor, now=now, note=reason.strip())


@transaction.atomic
def approve(item: FeedbackItem, *, actor: Any, answer: str = "", now: datetime.datetime | None = None) -> FeedbackItem:
    """A leader approves (possibly edits) the draft; the answer is sent to the citizen and to merged items'."""
    now = now_or(now)
    item = locked(item)
    check("approve", item, actor=actor)
    item.answer = (answer or item.draft_answer).strip()
    if len(item.answer) < 10:
        raise _invalid("answer", "Nội dung trả lời cần ít nhất 10 ký tự.")
    item.answered_at = now
    move(item, "approve", actor=actor, now=now, data={"late": now > item.due_at}, fields=("answer", "answered_at"))
    body = f"Trả lời phản ánh {item.code}:\n\n{item.answer}\n\nVui lòng đánh giá câu trả lời trên Cổng dịch vụ công."
    for follower in [item, *item.merged_items.all()]:
        tell_citizen(follower, "Phản ánh đã có trả lời", body)
    return item


@transaction.atomic
def extend(
    item: FeedbackItem, *, actor: Any, days: int, reason: str, now: datetime.datetime | None = None
) -> FeedbackItem:
    """Push the deadline by ``days`` working days, with the reason kept in the history."""
    now = now_or(now)
    item = locked(item)
    check("extend", item, actor=actor, reason=reason)
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise _invalid("days", f"Gia hạn từ 1 đến {MAX_EXTENSION_DAYS} ngày làm việc.")
    before = item.due_at
    item.due_at = answer_due(item.due_at, days)
    data = {"days": days, "from": before.isoformat(), "to": item.due_at.isoformat()}
    move(item, "extend", actor=actor, now=now, note=reason.strip(), data=data, fields=("due_at",))
    tell_citizen(
        item,
        "Gia hạn trả lời phản ánh",
        f"Hạn trả lời phản ánh {item.code} được gia hạn đến {item.due_at:%d/%m/%Y}. Lý do: {reason.strip()}",
    )
    return item


@transaction.atomic
def publish(
    item: FeedbackItem, *, actor: Any, question: str, answer: str, now: datetime.datetime | None = None
) -> FeedbackItem:
    """Publish the question and answer; refused while they still carry the citizen's personal data."""
    now = now_or(now)
    item = locked(item)
    check("publish", item, actor=actor)
    if item.category.is_confidential:
        raise DomainError("Phản ánh về thái độ, tác phong cán bộ không được công khai.", code="confidential")
    names = tuple(name for name in (item.citizen_name,) if name)
    for field_name, text in (("question", question), ("answer", answer)):
        if len(text.strip()) < 10:
            raise _invalid(field_name, "Nội dung công khai cần ít nhất 10 ký tự.")
        found = personal_data_in(text, names=names)
        if found:
            raise _invalid(field_name, "Còn thông tin cá nhân cần ẩn: " + ", ".join(found) + ".")
    item.is_published, item.public_question, item.public_answer = True, question.strip(), answer.strip()
    return move(item, "publish", actor=actor, now=now, fields=("is_published", "public_question", "public_answer"))
