"""Reads of the outbox for other apps and the delivery apps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from motcua.outbox.constants import State
from motcua.outbox.models import Message


@dataclass(frozen=True)
class StreamState:
    """Where a stream stands at its destination, read from its latest unsettled or delivered message."""

    state: str  # "none" | "queued" | "retrying" | "acknowledged" | "failed"
    label: str
    messages: int
    delivered: int
    last_delivered_at: datetime | None
    error: str
    attempts: int


LABELS = {
    "none": "Chưa đồng bộ",
    "queued": "Đang chờ gửi",
    "retrying": "Đang gửi lại",
    "acknowledged": "Đã được tiếp nhận",
    "failed": "Gửi không thành công",
}


def stream_messages(destination: str, stream: str) -> QuerySet[Message]:
    return Message.objects.filter(destination=destination, stream=stream).order_by("pk")


def stream_state(destination: str, stream: str) -> StreamState:
    """The stream's state: failed while a message is dead, else retrying/queued while one waits,
    else acknowledged (everything delivered), else none."""
    rows = list(stream_messages(destination, stream).values("state", "attempts", "last_error", "delivered_at"))
    delivered = [r for r in rows if r["state"] == State.DELIVERED]
    last_delivered = max((r["delivered_at"] for r in delivered if r["delivered_at"]), default=None)
    dead = next((r for r in rows if r["state"] == State.DEAD), None)
    pending = next((r for r in rows if r["state"] == State.PENDING), None)
    if dead is not None:
        state, problem = "failed", dead
    elif pending is not None:
        state, problem = ("retrying" if pending["last_error"] else "queued"), pending
    else:
        state, problem = ("acknowledged" if rows else "none"), None
    return StreamState(
        state=state,
        label=LABELS[state],
        messages=len(rows),
        delivered=len(delivered),
        last_delivered_at=last_delivered,
        error=problem["last_error"] if problem else "",
        attempts=problem["attempts"] if problem else 0,
    )


def dead_letters(destination: str | None = None) -> QuerySet[Message]:
    rows = Message.objects.filter(state=State.DEAD)
    return rows.filter(destination=destination) if destination else rows


def has_messages(destination: str, stream: str) -> bool:
    return Message.objects.filter(destination=destination, stream=stream).exists()


def stream_states(destination: str, prefix: str = "") -> dict[str, str]:
    """Each stream's state at ``destination`` ("failed", "waiting" or "acknowledged"), for reports."""
    found: dict[str, str] = {}
    rank: dict[str, str] = {State.DEAD: "failed", State.PENDING: "waiting", State.DELIVERED: "acknowledged"}
    order = ["acknowledged", "waiting", "failed"]
    rows = Message.objects.filter(destination=destination, stream__startswith=prefix)
    for stream, state in rows.values_list("stream", "state").distinct().iterator():
        current = found.get(stream, "acknowledged")
        found[stream] = max(current, rank[state], key=order.index)
    return found
