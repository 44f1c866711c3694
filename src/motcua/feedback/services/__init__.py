"""The only write path of feedback: reception, the coordinator's and agency's handling, the citizen's verdict."""

from motcua.feedback.services.citizen import rate, reopen
from motcua.feedback.services.handling import (
    accept,
    approve,
    classify,
    consult,
    extend,
    merge,
    publish,
    reject,
    return_draft,
    route,
    send_back,
    submit_answer,
)
from motcua.feedback.services.reception import Submission, submit_feedback

__all__ = [
    "Submission",
    "accept",
    "approve",
    "classify",
    "consult",
    "extend",
    "merge",
    "publish",
    "rate",
    "reject",
    "reopen",
    "return_draft",
    "route",
    "send_back",
    "submit_answer",
    "submit_feedback",
]
