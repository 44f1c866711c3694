"""What each workflow action takes: one typed input class per shape, validated once, here.

``workflow.TRANSITIONS`` names the input class of every action. The API builds one request body
per action from it, the back office one form, the workflow document one column; all of them hand
what they received to :meth:`ActionInput.parse`, which reads every field (``input_fields.read``),
applies the rules between fields and raises a ``DomainError`` with ``fields`` naming the fields
refused. :meth:`ActionInput.kwargs` gives the service's keyword arguments: the field names are the
service's parameter names (a test holds every input to its service's signature).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError
from motcua.core.limits import MAX_AMOUNT_VND
from motcua.dossiers.actors import officials
from motcua.dossiers.constants import RATING_CRITERIA, ReturnMethod, Satisfaction, StepKind, StepState
from motcua.dossiers.input_fields import (
    AGENCIES,
    AGENCY,
    BOOL,
    CHOICE,
    DATETIME,
    FILES,
    INTEGER,
    LINES,
    MAPPING,
    OFFICIAL,
    TEXT,
    FieldSpec,
    Invalid,
    read,
    spec,
)
from motcua.dossiers.outstanding import requested_items, steps_left_out
from motcua.organisations.models import Agency

if TYPE_CHECKING:
    from motcua.dossiers.models import Dossier


@dataclass(frozen=True)
class ActionInput:
    """The base of every input: no field (an action that takes nothing)."""

    # The service parameters the input fills when they differ from its fields (see ``kwargs``).
    fills: ClassVar[tuple[str, ...] | None] = None

    @classmethod
    def specs(cls) -> dict[str, FieldSpec]:
        return {f.name: f.metadata["spec"] for f in fields(cls)}

    @classmethod
    def service_parameters(cls) -> tuple[str, ...]:
        return cls.fills if cls.fills is not None else tuple(cls.specs())

    @classmethod
    def parse(cls, data: Mapping[str, Any], dossier: Dossier) -> Self:
        """Read ``data`` (a JSON object, a form's values, or instances) for this dossier, or refuse it."""
        values: dict[str, Any] = {}
        errors: dict[str, list[str]] = {}
        for name, described in cls.specs().items():
            raw = next((data[key] for key in (name, *described.former_names) if key in data), None)
            try:
                values[name] = read(described, raw, dossier)
            except Invalid as refused:
                errors[name] = [str(refused)]
        if errors:
            labels = ", ".join(cls.specs()[name].label.lower() for name in errors)
            raise DomainError(f"Dữ liệu chưa hợp lệ: {labels}.", code="invalid", fields=errors)
        parsed = cls(**values)
        parsed.check(dossier)
        return parsed

    def check(self, dossier: Dossier) -> None:
        """Rules between fields (raise ``DomainError`` with ``fields``); none by default."""

    def kwargs(self) -> dict[str, Any]:
        """The service's keyword arguments (besides the dossier, actor, version and moment)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class ComponentData:
    """A document received: from the procedure's checklist (``component_id``) or named freely."""

    name: str = ""
    component_id: int | None = None
    kind: str = "original"
    copies: int = 1
    page_count: int = 0
    digitised: bool = False
    reused: bool = False
    files: list[UploadedFile] = field(default_factory=list)


def _invalid(field_name: str, message: str) -> DomainError:
    return DomainError(message, code="invalid", fields={field_name: [message]})


# --- Candidates of the reference fields --------------------------------------------------


def assignable_officials(dossier: Dossier) -> QuerySet[User]:
    """Who may be named handler: officials holding an active step's role in its agency or divisions."""
    found = User.objects.none()
    for step in dossier.steps.all():  # prefetched by selectors.pages.dossier_page on the dossier page
        if step.state == StepState.ACTIVE and step.kind == StepKind.PROCESS:
            found = found | officials(step.agency_id, [step.role])
    return found.distinct().order_by("full_name", "username")


def active_officials(dossier: Dossier) -> QuerySet[User]:
    return User.objects.filter(is_active=True)


def other_agencies(dossier: Dossier) -> QuerySet[Agency]:
    """Agencies that may be consulted: every active one but the competent agency."""
    return Agency.objects.filter(is_active=True).exclude(pk=dossier.competent_agency_id).order_by("level", "name")


def other_level_agencies(dossier: Dossier) -> QuerySet[Agency]:
    """Liên thông goes to another level (commune ↔ province); same-level help is a consultation."""
    level = dossier.competent_agency.level if dossier.competent_agency_id else None
    return other_agencies(dossier).exclude(level=level)


# --- Shared fields ------------------------------------------------------------------------


def _note() -> Any:
    return spec("Ghi chú", TEXT, max_length=2000, rows=2)


def _reason(label: str = "Lý do", *, required: bool = True) -> Any:
    return spec(label, TEXT, required=required, max_length=2000, rows=3)


def _files(label: str, *, required: bool = False) -> Any:
    return spec(label, FILES, required=required)


# --- The shapes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NoInput(ActionInput):
    pass


@dataclass(frozen=True)
class NoteInput(ActionInput):
    note: str = _note()


@dataclass(frozen=True)
class ReasonInput(ActionInput):
    reason: str = _reason()


@dataclass(frozen=True)
class WithdrawInput(ActionInput):
    reason: str = _reason("Lý do rút hồ sơ", required=False)


@dataclass(frozen=True)
class ItemsInput(ActionInput):
    items: tuple[str, ...] = spec(
        "Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một nội dung)",
        LINES,
        required=True,
        max_length=500,
        rows=4,
        help="Liệt kê đầy đủ một lần: người nộp chỉ phải bổ sung một lần.",
    )
    note: str = _note()


def _has_requested_items(dossier: Dossier) -> bool:
    return bool(requested_items(dossier))


@dataclass(frozen=True)
class SupplementInput(ActionInput):
    """The supplement sent: the requested items ticked when received, other documents one per line, scans.

    What is not received is missing: the services refuse an incomplete supplement (``supplements``).
    """

    fills: ClassVar[tuple[str, ...] | None] = ("components", "note")

    requested: tuple[str, ...] = spec(
        "Nội dung đã yêu cầu bổ sung: đánh dấu những giấy tờ đã nhận",
        LINES,
        options=requested_items,
        asked=_has_requested_items,
        help="Giấy tờ không được đánh dấu là còn thiếu.",
    )
    received_items: tuple[str, ...] = spec("Giấy tờ khác đã nhận (mỗi dòng một giấy tờ)", LINES, max_length=500, rows=2)
    files: tuple[Any, ...] = _files("Bản quét giấy tờ bổ sung (PDF, ảnh)")
    note: str = _note()

    def components(self) -> list[ComponentData]:
        names = list(dict.fromkeys([*self.requested, *self.received_items]))
        names = names or (["Giấy tờ bổ sung"] if self.files else [])
        # Scans go with the first line: the counter rarely scans each supplement separately.
        return [ComponentData(name=n, files=list(self.files) if i == 0 else []) for i, n in enumerate(names)]

    def kwargs(self) -> dict[str, Any]:
        return {"components": self.components(), "note": self.note}


@dataclass(frozen=True)
class SupplementReceivedInput(SupplementInput):
    """At the counter: an incomplete supplement is taken only explicitly, the note saying why."""

    fills: ClassVar[tuple[str, ...] | None] = ("components", "accept_incomplete", "note")

    accept_incomplete: bool = spec("Vẫn tiếp nhận dù chưa đủ các nội dung đã yêu cầu (ghi rõ lý do vào ghi chú)", BOOL)

    def kwargs(self) -> dict[str, Any]:
        return {**super().kwargs(), "accept_incomplete": self.accept_incomplete}


@dataclass(frozen=True)
class AssignInput(ActionInput):
    handler: User | None = spec("Cán bộ xử lý", OFFICIAL, required=True, candidates=assignable_officials)
    note: str = _note()


@dataclass(frozen=True)
class ForwardInput(ActionInput):
    note: str = _note()
    next_handler: User | None = spec(
        "Cán bộ xử lý bước tiếp theo",
        OFFICIAL,
        candidates=active_officials,
        help="Để trống: bước tiếp theo được phân công theo quy tắc của cơ quan.",
        in_forms=False,
    )
    files: tuple[Any, ...] = _files("Tài liệu kèm theo (PDF, ảnh)")


@dataclass(frozen=True)
class ConsultInput(ActionInput):
    agencies: tuple[Agency, ...] = spec(
        "Cơ quan phối hợp",
        AGENCIES,
        required=True,
        candidates=other_agencies,
        help="Mỗi cơ quan trả lời trong cùng thời hạn.",
    )
    content: str = spec("Nội dung xin ý kiến", TEXT, required=True, max_length=4000, rows=3)
    days: int = spec("Thời hạn trả lời (ngày làm việc)", INTEGER, default=3, min_value=1, max_value=30)


@dataclass(frozen=True)
class AnswerInput(ActionInput):
    answer: str = spec("Nội dung trả lời, kết quả", TEXT, required=True, max_length=4000, rows=3)
    files: tuple[Any, ...] = _files("Văn bản kèm theo (PDF, ảnh)")


@dataclass(frozen=True)
class TransferInput(ActionInput):
    agency: Agency | None = spec("Cơ quan cấp khác", AGENCY, required=True, candidates=other_level_agencies)
    content: str = spec("Nội dung chuyển liên thông", TEXT, required=True, max_length=4000, rows=3)
    days: int = spec(
        "Thời hạn giải quyết ở cơ quan nhận (ngày làm việc)", INTEGER, default=3, min_value=1, max_value=60
    )


@dataclass(frozen=True)
class AmountInput(ActionInput):
    amount_vnd: int | None = spec(
        "Số tiền nghĩa vụ tài chính (đồng)", INTEGER, required=True, min_value=1, max_value=MAX_AMOUNT_VND
    )
    note: str = _note()


@dataclass(frozen=True)
class ExtendInput(ActionInput):
    new_due_at: datetime | None = spec("Ngày hẹn trả mới", DATETIME, required=True, time_label="Giờ hẹn trả (HH:mm)")
    reason: str = _reason("Lý do chậm trễ (in trên Phiếu xin lỗi và hẹn lại, Mẫu 04)")


def _has_steps_left_out(dossier: Dossier) -> bool:
    return bool(steps_left_out(dossier))


def _steps_left_out_hint(dossier: Dossier) -> str:
    names = "; ".join(
        f"“{row.name}”" + ("" if row.skippable else " (quy trình không cho phép bỏ qua)")
        for row in steps_left_out(dossier)
    )
    return (
        f"Quy trình còn bước chưa thực hiện: {names}. Chỉ lãnh đạo cơ quan thực hiện bước được bỏ qua "
        "bước mà quy trình cho phép, và phải ghi lý do."
    )


@dataclass(frozen=True)
class ResultInput(ActionInput):
    result_files: tuple[Any, ...] = _files("Tệp kết quả (PDF, ảnh)", required=True)
    note: str = _note()
    skip_reason: str = spec(
        "Lý do bỏ qua các bước còn lại",
        TEXT,
        max_length=2000,
        rows=2,
        asked=_has_steps_left_out,
        hint=_steps_left_out_hint,
        help="Chỉ khi còn bước của quy trình chưa thực hiện mà quy trình cho phép bỏ qua.",
    )


def _chosen_delivery(dossier: Dossier) -> str:
    if not dossier.result_delivery:
        return ""
    address = f" – {dossier.delivery_address}" if dossier.delivery_address else ""
    return f"Người nộp đã đăng ký: {dossier.get_result_delivery_display()}{address}"


@dataclass(frozen=True)
class ReturnResultInput(ActionInput):
    method: str = spec(
        "Hình thức trả",
        CHOICE,
        choices=tuple(ReturnMethod.choices),
        initial=lambda dossier: dossier.result_delivery or ReturnMethod.COUNTER,
        hint=_chosen_delivery,
        help="Mặc định: cách nhận kết quả người nộp đã đăng ký.",
        former_names=("return_method",),
    )
    returned_to: str = spec("Người nhận kết quả", TEXT, max_length=255)
    shipment_number: str = spec("Số vận đơn bưu chính", TEXT, max_length=40)
    note: str = _note()

    def check(self, dossier: Dossier) -> None:
        method = self.method or dossier.result_delivery or ReturnMethod.COUNTER
        if method == ReturnMethod.POSTAL and not self.shipment_number.strip():
            raise _invalid("shipment_number", "Cần nhập số vận đơn bưu chính.")


@dataclass(frozen=True)
class DraftInput(ActionInput):
    result_delivery: str = spec(
        "Cách nhận kết quả",
        CHOICE,
        choices=tuple(ReturnMethod.choices),
        help="Để trống: giữ cách nhận đã chọn.",
    )
    delivery_address: str = spec("Địa chỉ nhận kết quả qua bưu chính", TEXT, max_length=300)

    def kwargs(self) -> dict[str, Any]:
        if not self.result_delivery:  # nothing chosen: the draft keeps its delivery
            return {}
        return {"result_delivery": self.result_delivery, "delivery_address": self.delivery_address}


@dataclass(frozen=True)
class RateInput(ActionInput):
    satisfaction: str = spec("Mức độ hài lòng chung", CHOICE, required=True, choices=tuple(Satisfaction.choices))
    criteria: dict[str, str] | None = spec(
        "Mức độ hài lòng theo tiêu chí",
        MAPPING,
        choices=tuple(Satisfaction.choices),
        help="Theo từng tiêu chí: " + ", ".join(RATING_CRITERIA) + ".",
    )
    comment: str = spec("Ý kiến khác", TEXT, max_length=2000, rows=3)


__all__ = [
    "ActionInput",
    "AmountInput",
    "AnswerInput",
    "AssignInput",
    "ComponentData",
    "ConsultInput",
    "DraftInput",
    "ExtendInput",
    "ForwardInput",
    "ItemsInput",
    "NoInput",
    "NoteInput",
    "RateInput",
    "ReasonInput",
    "ResultInput",
    "ReturnResultInput",
    "SupplementInput",
    "SupplementReceivedInput",
    "TransferInput",
    "WithdrawInput",
]
