"""One entry for the officials' actions by name, for the delivery apps that offer them from the workflow table.

``data`` holds the action's inputs, already turned into objects (a ``Category``, an ``Agency``, the surviving
``FeedbackItem``, the handler ``User``); a missing input is refused with a message on its field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from motcua.core.exceptions import DomainError, NotFound
from motcua.feedback.models import FeedbackItem
from motcua.feedback.services import handling

Perform = Callable[[FeedbackItem, Any, dict[str, Any]], FeedbackItem]

ACTIONS: dict[str, Perform] = {
    "classify": lambda item, user, d: handling.classify(item, actor=user, category=d["category"]),
    "route": lambda item, user, d: handling.route(item, actor=user, agency=d["agency"]),
    "reject": lambda item, user, d: handling.reject(item, actor=user, reason=d["reason"]),
    "merge": lambda item, user, d: handling.merge(item, actor=user, into=d["into"]),
    "accept": lambda item, user, d: handling.accept(item, actor=user, handler=d["handler"]),
    "send_back": lambda item, user, d: handling.send_back(item, actor=user, reason=d["reason"]),
    "consult": lambda item, user, d: handling.consult(item, actor=user, agency=d["agency"], question=d["question"]),
    "submit_answer": lambda item, user, d: handling.submit_answer(item, actor=user, answer=d["answer"]),
    "return_draft": lambda item, user, d: handling.return_draft(item, actor=user, reason=d["reason"]),
    "approve": lambda item, user, d: handling.approve(item, actor=user, answer=d.get("answer") or ""),
    "extend": lambda item, user, d: handling.extend(item, actor=user, days=d["days"], reason=d["reason"]),
    "publish": lambda item, user, d: handling.publish(item, actor=user, question=d["question"], answer=d["answer"]),
}


def perform(action: str, item: FeedbackItem, *, actor: Any, data: dict[str, Any]) -> FeedbackItem:
    if action not in ACTIONS:
        raise NotFound("Không có thao tác này.", code="unknown_action")
    try:
        return ACTIONS[action](item, actor, data)
    except KeyError as missing:
        name = str(missing.args[0])
        raise DomainError(
            "Thiếu thông tin cho thao tác.", code="invalid", fields={name: ["Trường này là bắt buộc."]}
        ) from None
