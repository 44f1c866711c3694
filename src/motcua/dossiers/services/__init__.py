"""Write side of the dossier engine: one function per use case, all atomic, audited, versioned.

See docs/dossiers.md for the table of services, their inputs and the workflow actions they fire.
Every action service registers itself for its workflow action (``@performs``) and takes the
dossier (instance or pk), keyword-only ``actor``,
``expected_version`` (optimistic lock; ``None`` skips the comparison) and ``now`` (defaults to
the current moment; the demo and imports pass it explicitly). ``perform(dossier, action, data, …)``
validates an action's input (``workflow.get(action).input``) and calls its service.
"""

from motcua.dossiers.services.applicants import ApplicantData, resolve_applicant
from motcua.dossiers.services.clock import (
    confirm_payment,
    extend,
    receive_supplement,
    request_financial_obligation,
    request_supplement,
    submit_supplement,
)
from motcua.dossiers.services.closing import rate_dossier, return_result, stop, withdraw_request
from motcua.dossiers.services.dispatch import perform, service_for
from motcua.dossiers.services.fee_adjustments import adjust_fees, may_correct_fees, refund_fee
from motcua.dossiers.services.fees import FeeData, record_fee_payment
from motcua.dossiers.services.intake import (
    ComponentData,
    IntakeRequest,
    accept,
    receive_dossier,
    refuse_at_intake,
    request_supplement_at_intake,
    resubmit,
)
from motcua.dossiers.services.online import (
    attach_file_to_component,
    create_online_draft,
    remove_draft_file,
    submit_online,
    update_draft,
    update_draft_applicant,
)
from motcua.dossiers.services.processing import (
    answer_consultation,
    approve,
    assign,
    attach_result,
    consult,
    forward,
    refuse,
    return_from_level,
    return_to_previous,
    transfer_to_level,
)
from motcua.dossiers.services.rules import create_rule, set_rule_active, update_rule

__all__ = [
    "ApplicantData",
    "ComponentData",
    "FeeData",
    "IntakeRequest",
    "accept",
    "adjust_fees",
    "answer_consultation",
    "approve",
    "assign",
    "attach_file_to_component",
    "attach_result",
    "confirm_payment",
    "consult",
    "create_online_draft",
    "create_rule",
    "extend",
    "forward",
    "may_correct_fees",
    "perform",
    "rate_dossier",
    "receive_dossier",
    "receive_supplement",
    "record_fee_payment",
    "refund_fee",
    "refuse",
    "refuse_at_intake",
    "remove_draft_file",
    "request_financial_obligation",
    "request_supplement",
    "request_supplement_at_intake",
    "resolve_applicant",
    "resubmit",
    "return_from_level",
    "return_result",
    "return_to_previous",
    "service_for",
    "set_rule_active",
    "stop",
    "submit_online",
    "submit_supplement",
    "transfer_to_level",
    "update_draft",
    "update_draft_applicant",
    "update_rule",
    "withdraw_request",
]
