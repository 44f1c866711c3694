"""The guards of the workflow table: each sees the dossier's facts and the moment, and says why not.

A guard returns the Vietnamese refusal, or ``None`` when the action may go on. Nothing here touches
the database (``facts.Snapshot`` holds them), so the guards are tested with plain values.
"""

from __future__ import annotations

from collections.abc import Callable

from motcua.dossiers.constants import SupplementStage
from motcua.dossiers.facts import Env, Snapshot
from motcua.workdays.clock import working_time_between

SUPPLEMENT_WINDOW_DAYS = 3  # Decree 61/2018 Art. 19: within 3 working days of receipt
EXTENSION_NOTICE_DAYS = 1  # at least 1 working day before the due moment

Guard = Callable[[Snapshot, Env], str | None]  # returns the Vietnamese refusal, or None


def no_result_yet(snap: Snapshot, env: Env) -> str | None:
    return "Hồ sơ đã có kết quả giải quyết." if snap.has_result else None


def supplement_at_intake(snap: Snapshot, env: Env) -> str | None:
    ok = snap.supplement_stage == SupplementStage.INTAKE
    return None if ok else "Yêu cầu bổ sung này không phải ở khâu tiếp nhận."


def supplement_after_appraisal(snap: Snapshot, env: Env) -> str | None:
    ok = snap.supplement_stage == SupplementStage.PROCESSING
    return None if ok else "Yêu cầu bổ sung này được đưa ra ở khâu tiếp nhận."


def within_supplement_window(snap: Snapshot, env: Env) -> str | None:
    if snap.clock_started_at is None:
        return "Hồ sơ chưa được tiếp nhận."
    elapsed = working_time_between(env.calendar, snap.clock_started_at, env.now)
    if elapsed > env.calendar.day_length * SUPPLEMENT_WINDOW_DAYS:
        return "Chỉ được yêu cầu bổ sung trong 3 ngày làm việc kể từ ngày nhận hồ sơ."
    return None


def not_extended(snap: Snapshot, env: Env) -> str | None:
    return "Hồ sơ đã được gia hạn một lần; chỉ được hẹn lại ngày trả kết quả một lần." if snap.extended else None


def before_extension_deadline(snap: Snapshot, env: Env) -> str | None:
    if snap.due_at is None:
        return "Hồ sơ chưa có hạn giải quyết."
    remaining = working_time_between(env.calendar, env.now, snap.due_at)
    if env.now >= snap.due_at or remaining < env.calendar.day_length * EXTENSION_NOTICE_DAYS:
        return "Phải gia hạn chậm nhất 1 ngày làm việc trước hạn trả kết quả."
    return None


def not_approved(snap: Snapshot, env: Env) -> str | None:
    return "Hồ sơ đã được phê duyệt." if snap.approved else None


def approved(snap: Snapshot, env: Env) -> str | None:
    return None if snap.approved else "Hồ sơ chưa được lãnh đạo phê duyệt."


def has_active_step(snap: Snapshot, env: Env) -> str | None:
    return None if snap.active_step else "Hồ sơ không có bước xử lý đang thực hiện."


def has_next_step(snap: Snapshot, env: Env) -> str | None:
    return None if snap.has_next_step else "Đây là bước cuối của quy trình; hãy phê duyệt hoặc trả kết quả."


def has_previous_step(snap: Snapshot, env: Env) -> str | None:
    return None if snap.has_previous_step else "Không có bước trước để trả lại."


def no_open_consultation(snap: Snapshot, env: Env) -> str | None:
    return "Còn ý kiến phối hợp chưa trả lời." if snap.open_consultation_agency_ids else None


def no_open_transfer(snap: Snapshot, env: Env) -> str | None:
    return "Hồ sơ đang được xử lý liên thông ở cơ quan cấp khác." if snap.open_transfer_agency_ids else None


def not_rated(snap: Snapshot, env: Env) -> str | None:
    return "Hồ sơ đã được đánh giá." if snap.rated else None
