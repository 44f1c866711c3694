"""Render the workflow table (``workflow.TRANSITIONS``) as Markdown: a Mermaid diagram and a table."""

from __future__ import annotations

from motcua.dossiers import workflow
from motcua.dossiers.constants import DVCQG_STATUS_KEYS, Status

ROLE_LABELS = {
    "one_stop_officer": "Một cửa",
    "specialist": "Chuyên viên",
    "head_of_division": "Lãnh đạo phòng",
    "leader": "Lãnh đạo cơ quan",
    workflow.APPLICANT: "Người nộp",
}
SCOPE_LABELS = {
    workflow.RECEIVING: "nơi tiếp nhận",
    workflow.PROCESSING: "cơ quan của bước đang xử lý",
    workflow.COMPETENT: "cơ quan giải quyết",
    workflow.CONSULTED: "cơ quan được xin ý kiến",
    workflow.TRANSFERRED: "cơ quan liên thông",
    workflow.OWNER: "chủ hồ sơ",
}


def _state(status: int) -> str:
    return f"S{status}"


def mermaid() -> str:
    lines = ["stateDiagram-v2", "    direction LR"]
    for status in Status:
        key = DVCQG_STATUS_KEYS.get(status, "nội bộ")
        lines.append(f'    state "{status.value}. {status.label} ({key})" as {_state(status.value)}')
    lines.append(f"    [*] --> {_state(Status.DRAFT)}")
    lines.append(f"    [*] --> {_state(Status.SUBMITTED)}: tiếp nhận trực tiếp / bưu chính")
    for transition in workflow.TRANSITIONS:
        for source in sorted(transition.sources):
            target = transition.target if transition.target is not None else source
            lines.append(f"    {_state(source)} --> {_state(target)}: {transition.name}")
    for final in (Status.REFUSED_AT_INTAKE, Status.STOPPED, Status.RETURNED):
        lines.append(f"    {_state(final)} --> [*]")
    return "\n".join(lines)


def table() -> str:
    rows = [
        "| Thao tác (`action`) | Tên | Từ trạng thái | Sang | Ai | Ở đâu | Điều kiện | Dữ liệu bắt buộc | Mẫu |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for t in workflow.TRANSITIONS:
        sources = ", ".join(str(s) for s in sorted(t.sources))
        target = str(t.target) if t.target is not None else "(giữ nguyên)"
        roles = ", ".join(ROLE_LABELS.get(r, r) for r in sorted(t.roles))
        guards = ", ".join(f"`{g.__name__}`" for g in t.guards) or "–"
        if t.step_bound:
            guards += ", người xử lý bước"
        inputs = ", ".join(f"`{i}`" for i in t.inputs) or "–"
        rows.append(
            f"| `{t.name}` | {t.label} | {sources} | {target} | {roles} | {SCOPE_LABELS[t.scope]} | {guards} "
            f"| {inputs} | {t.form or '–'} |"
        )
    return "\n".join(rows)


def document() -> str:
    return "\n".join(
        [
            "# Dossier workflow",
            "",
            "Generated from `src/motcua/dossiers/workflow.py` by `manage.py dossier_workflow_diagram`;"
            " do not edit by hand (a test fails when it is stale).",
            "",
            "States are the national portal's statuses 1–10 (DVCQG key in brackets) plus the internal"
            " draft 0 of online submissions. A transition whose status does not change is drawn as a loop.",
            "",
            "```mermaid",
            mermaid(),
            "```",
            "",
            "## Actions",
            "",
            table(),
            "",
        ]
    )
