"""Render the workflow table (``workflow.TRANSITIONS``) as Markdown: a Mermaid diagram and a table."""

from __future__ import annotations

from motcua.dossiers import input_fields, workflow
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
        "| Thao tác (`action`) | Tên | Từ trạng thái | Sang | Ai | Ở đâu | Điều kiện | Dữ liệu (* bắt buộc) | Mẫu |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for t in workflow.TRANSITIONS:
        sources = ", ".join(str(s) for s in sorted(t.sources))
        target = str(t.target) if t.target is not None else "(giữ nguyên)"
        roles = ", ".join(ROLE_LABELS.get(r, r) for r in sorted(t.roles))
        guards = ", ".join(f"`{g.__name__}`" for g in t.guards) or "–"
        if t.step_bound:
            guards += ", người xử lý bước"
        specs = t.input.specs().items()
        inputs = ", ".join(f"`{name}`" + ("*" if field.required else "") for name, field in specs) or "–"
        rows.append(
            f"| `{t.name}` | {t.label} | {sources} | {target} | {roles} | {SCOPE_LABELS[t.scope]} | {guards} "
            f"| {inputs} | {t.form or '–'} |"
        )
    return "\n".join(rows)


KIND_LABELS = {
    input_fields.TEXT: "chữ",
    input_fields.LINES: "danh sách dòng chữ",
    input_fields.INTEGER: "số nguyên",
    input_fields.DECIMAL: "số",
    input_fields.DATETIME: "ngày giờ (ISO 8601)",
    input_fields.CHOICE: "một trong",
    input_fields.FILES: "tệp",
    input_fields.OFFICIAL: "mã cán bộ",
    input_fields.AGENCY: "mã cơ quan",
    input_fields.AGENCIES: "danh sách mã cơ quan",
    input_fields.MAPPING: "đối tượng JSON",
    input_fields.BOOL: "true/false",
}


def _field_rule(field: input_fields.FieldSpec) -> str:
    rules = [KIND_LABELS[field.kind]]
    if field.choices:
        values = ", ".join(f"`{value}`" for value, _ in field.choices)
        rules[0] += f", giá trị là một trong {values}" if field.kind == input_fields.MAPPING else f" {values}"
    if field.max_length:
        each = "mỗi dòng " if field.kind == input_fields.LINES else ""
        rules.append(f"{each}tối đa {field.max_length} ký tự")
    if field.min_value is not None:
        rules.append(f"≥ {field.min_value}")
    if field.max_value is not None:
        rules.append(f"≤ {field.max_value}")
    if field.default not in (None, "", ()):
        rules.append(f"mặc định {field.default}")
    if field.candidates is not None:
        rules.append(f"trong `{field.candidates.__name__}`")
    if field.options is not None:
        rules.append(f"mỗi dòng trong `{field.options.__name__}`")
    return "; ".join(rules)


def inputs() -> str:
    """Each action's input, field by field, as its input class declares it."""
    sections: list[str] = []
    for t in workflow.TRANSITIONS:
        specs = t.input.specs()
        if not specs:
            continue
        sections += [f"### `{t.name}` ({t.input.__name__})", "", "| Trường | Nhãn | Kiểu, giới hạn | Bắt buộc |"]
        sections.append("|---|---|---|---|")
        for name, field in specs.items():
            required = "có" if field.required else "–"
            sections.append(f"| `{name}` | {field.label} | {_field_rule(field)} | {required} |")
        sections.append("")
    return "\n".join(sections)


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
            "## Inputs",
            "",
            "Every action's request body (API) and form (back office) are built from its input class"
            " (`src/motcua/dossiers/inputs.py`); the request adds `expected_version`.",
            "",
            inputs(),
        ]
    )
