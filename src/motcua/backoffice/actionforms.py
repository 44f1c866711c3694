"""One small form per dossier action, asking only for what the engine's service needs.

``ACTIONS`` maps a workflow action name to its form and to the call of the engine's service.
Every form carries the dossier version the official saw (``expected_version``): if someone else
changed the dossier meanwhile, the engine refuses with a conflict and the page keeps the input.
Actions of the applicant (online submission, rating…) are not offered here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.backoffice.uploads import checked_uploads
from motcua.core.limits import MAX_AMOUNT_VND
from motcua.dossiers.actors import ActingAs
from motcua.dossiers.constants import ReturnMethod
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import clock, closing, intake, processing, supplements
from motcua.dossiers.services.assignment import assignment_candidates
from motcua.dossiers.services.intake import ComponentData
from motcua.organisations.models import Agency
from motcua.workdays.constants import VIETNAM_TZ


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several PDF or image files; type and size checked here, before the engine stores them."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        files = [single(item, initial) for item in data] if isinstance(data, list | tuple) else [single(data, initial)]
        return checked_uploads([f for f in files if f])


class ActionForm(forms.Form):
    # The membership the official acts in, set by the view before the call (passed to the engine).
    acting: ActingAs | None = None
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any):
        self.dossier = dossier
        kwargs.setdefault("initial", {}).setdefault("version", dossier.version)
        super().__init__(*args, **kwargs)


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    note = None  # type: ignore[assignment]


class ItemsForm(ActionForm):
    items = forms.CharField(
        label=_("Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một nội dung)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Liệt kê đầy đủ một lần: người nộp chỉ phải bổ sung một lần."),
    )

    def clean_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class AssignForm(ActionForm):
    """The handler of the active step: the engine's candidates (its role, in its agency and divisions)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        active = [s for s in self.dossier.steps.all() if s.state == "active" and s.kind == "process"]
        users = User.objects.none()
        for step in active:
            users = users | assignment_candidates(step)
        self.fields["handler"] = forms.ModelChoiceField(
            label=_("Cán bộ xử lý"), queryset=users.distinct().order_by("full_name", "username")
        )
        self.order_fields(["handler", "note"])


class ForwardForm(ActionForm):
    attachments = MultipleFileField(label=_("Tài liệu kèm theo (PDF, ảnh)"), required=False)


def _other_agencies(dossier: Dossier) -> Any:
    return Agency.objects.filter(is_active=True).exclude(pk=dossier.competent_agency_id).order_by("level", "name")


class ConsultForm(ActionForm):
    content = forms.CharField(label=_("Nội dung xin ý kiến"), widget=forms.Textarea(attrs={"rows": 3}))
    days = forms.IntegerField(label=_("Thời hạn trả lời (ngày làm việc)"), min_value=1, max_value=30, initial=3)
    note = None  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["agencies"] = forms.ModelMultipleChoiceField(
            label=_("Cơ quan phối hợp"),
            help_text=_("Giữ Ctrl (hoặc Shift) để chọn nhiều cơ quan; mỗi cơ quan trả lời trong cùng thời hạn."),
            queryset=_other_agencies(self.dossier),
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        self.order_fields(["agencies", "content", "days"])


class TransferForm(ActionForm):
    content = forms.CharField(label=_("Nội dung chuyển liên thông"), widget=forms.Textarea(attrs={"rows": 3}))
    days = forms.IntegerField(label=_("Thời hạn giải quyết ở cơ quan nhận (ngày làm việc)"), min_value=1, max_value=60)
    note = None  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Liên thông goes to an agency of another level (commune ↔ province); same-level help is a consultation.
        others = _other_agencies(self.dossier).exclude(level=self.dossier.competent_agency.level)
        self.fields["agency"] = forms.ModelChoiceField(label=_("Cơ quan cấp khác"), queryset=others)
        self.order_fields(["agency", "content", "days"])


class AnswerForm(ActionForm):
    answer = forms.CharField(label=_("Nội dung trả lời, kết quả"), widget=forms.Textarea(attrs={"rows": 3}))
    attachments = MultipleFileField(label=_("Văn bản kèm theo (PDF, ảnh)"), required=False)
    note = None  # type: ignore[assignment]


class AmountForm(ActionForm):
    amount_vnd = forms.IntegerField(label=_("Số tiền nghĩa vụ tài chính (đồng)"), min_value=1, max_value=MAX_AMOUNT_VND)


class ExtendForm(ActionForm):
    new_due_date = forms.DateField(
        label=_("Ngày hẹn trả mới"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, format="%d/%m/%Y"),
    )
    new_due_time = forms.TimeField(
        label=_("Giờ hẹn trả (HH:mm)"),
        initial=time(16, 0),
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"placeholder": "HH:mm", "inputmode": "numeric"}, format="%H:%M"),
    )
    reason = forms.CharField(
        label=_("Lý do chậm trễ (in trên Phiếu xin lỗi và hẹn lại, Mẫu 04)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    note = None  # type: ignore[assignment]

    def new_due_at(self) -> datetime:
        return datetime.combine(self.cleaned_data["new_due_date"], self.cleaned_data["new_due_time"], tzinfo=VIETNAM_TZ)


class SupplementReceivedForm(ActionForm):
    """The supplement brought to the counter: each requested item ticked when received, other documents
    one per line, scans optional. What is not ticked is missing: the engine refuses unless the officer
    takes the supplement anyway ("accept_incomplete") and says why in the note."""

    received_items = forms.CharField(
        label=_("Giấy tờ khác đã nhận (mỗi dòng một giấy tờ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attachments = MultipleFileField(label=_("Bản quét giấy tờ bổ sung (PDF, ảnh)"), required=False)
    accept_incomplete = forms.BooleanField(
        label=_("Vẫn tiếp nhận dù chưa đủ các nội dung đã yêu cầu (ghi rõ lý do vào ghi chú)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.requested = supplements.requested_items(self.dossier)
        self.fields["requested"] = forms.MultipleChoiceField(
            label=_("Nội dung đã yêu cầu bổ sung: đánh dấu những giấy tờ đã nhận"),
            choices=[(item, item) for item in self.requested],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Giấy tờ không được đánh dấu là còn thiếu."),
        )
        self.order_fields(["requested", "received_items", "attachments", "accept_incomplete", "note"])

    def components(self) -> list[ComponentData]:
        ticked = [item for item in self.requested if item in self.cleaned_data.get("requested", [])]
        others = [line.strip() for line in self.cleaned_data["received_items"].splitlines() if line.strip()]
        names = ticked + others
        files = list(self.cleaned_data["attachments"])
        if files and not names:
            names = ["Giấy tờ bổ sung"]
        # Scans go with the first line: the counter rarely scans each supplement separately.
        return [ComponentData(name=name, files=files if index == 0 else []) for index, name in enumerate(names)]


class ResultForm(ActionForm):
    result_files = MultipleFileField(label=_("Tệp kết quả (PDF, ảnh)"))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Steps of the process not reached yet: say which, and ask why they are left out.
        self.left_out = processing.steps_left_out(self.dossier)
        if self.left_out:
            names = "; ".join(
                f"“{row.name}”" + ("" if row.skippable else _g(" (quy trình không cho phép bỏ qua)"))
                for row in self.left_out
            )
            self.fields["skip_reason"] = forms.CharField(
                label=_("Lý do bỏ qua các bước còn lại"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_g(
                    "Quy trình còn bước chưa thực hiện: %(steps)s. Chỉ lãnh đạo cơ quan thực hiện bước được bỏ qua "
                    "bước mà quy trình cho phép, và phải ghi lý do."
                )
                % {"steps": names},
            )


class ReturnResultForm(ActionForm):
    method = forms.ChoiceField(label=_("Hình thức trả"), choices=ReturnMethod.choices, initial=ReturnMethod.COUNTER)
    returned_to = forms.CharField(label=_("Người nhận kết quả"), required=False, max_length=255)
    shipment_number = forms.CharField(label=_("Số vận đơn bưu chính"), required=False, max_length=40)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any):
        super().__init__(*args, dossier=dossier, **kwargs)
        # Preselect what the applicant chose; the address to post to is shown with it.
        if dossier.result_delivery:
            self.fields["method"].initial = dossier.result_delivery
            chosen = _g("Người nộp đã đăng ký: %(method)s") % {"method": dossier.get_result_delivery_display()}
            address = f" – {dossier.delivery_address}" if dossier.delivery_address else ""
            self.fields["method"].help_text = chosen + address

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("method") == ReturnMethod.POSTAL and not data.get("shipment_number"):
            self.add_error("shipment_number", _g("Cần nhập số vận đơn bưu chính."))
        return data


Call = Callable[[Dossier, User, forms.Form], Dossier]


@dataclass(frozen=True)
class ActionSpec:
    form: type[ActionForm]
    call: Call
    danger: bool = False  # irreversible: confirm before sending
    accesskey: str = ""


def _common(form: forms.Form) -> dict[str, Any]:
    return {"expected_version": form.cleaned_data["version"], "acting": getattr(form, "acting", None)}


def _note(form: forms.Form) -> dict[str, Any]:
    return {**_common(form), "note": form.cleaned_data.get("note") or ""}


ACTIONS: dict[str, ActionSpec] = {
    "accept": ActionSpec(ActionForm, lambda d, u, f: intake.accept(d, actor=u, **_note(f)), accesskey="a"),
    "request_supplement_at_intake": ActionSpec(
        ItemsForm,
        lambda d, u, f: intake.request_supplement_at_intake(d, actor=u, items=f.cleaned_data["items"], **_note(f)),
    ),
    "resubmit": ActionSpec(
        SupplementReceivedForm,
        lambda d, u, f: intake.resubmit(
            d,
            actor=u,
            components=f.components(),  # type: ignore[attr-defined]
            accept_incomplete=f.cleaned_data["accept_incomplete"],
            **_note(f),
        ),
    ),
    "refuse_at_intake": ActionSpec(
        ReasonForm,
        lambda d, u, f: intake.refuse_at_intake(d, actor=u, reason=f.cleaned_data["reason"], **_common(f)),
        danger=True,
    ),
    "assign": ActionSpec(
        AssignForm, lambda d, u, f: processing.assign(d, actor=u, handler=f.cleaned_data["handler"], **_note(f))
    ),
    "forward": ActionSpec(
        ForwardForm,
        lambda d, u, f: processing.forward(d, actor=u, files=f.cleaned_data["attachments"], **_note(f)),
        accesskey="c",
    ),
    "return_to_previous": ActionSpec(
        ReasonForm,
        lambda d, u, f: processing.return_to_previous(d, actor=u, reason=f.cleaned_data["reason"], **_common(f)),
    ),
    "consult": ActionSpec(
        ConsultForm,
        lambda d, u, f: processing.consult(
            d,
            actor=u,
            agencies=list(f.cleaned_data["agencies"]),
            content=f.cleaned_data["content"],
            days=f.cleaned_data["days"],
            **_common(f),
        ),
    ),
    "answer_consultation": ActionSpec(
        AnswerForm,
        lambda d, u, f: processing.answer_consultation(
            d, actor=u, answer=f.cleaned_data["answer"], files=f.cleaned_data["attachments"], **_common(f)
        ),
    ),
    "transfer_to_level": ActionSpec(
        TransferForm,
        lambda d, u, f: processing.transfer_to_level(
            d,
            actor=u,
            agency=f.cleaned_data["agency"],
            content=f.cleaned_data["content"],
            days=f.cleaned_data["days"],
            **_common(f),
        ),
    ),
    "return_from_level": ActionSpec(
        AnswerForm,
        lambda d, u, f: processing.return_from_level(
            d, actor=u, answer=f.cleaned_data["answer"], files=f.cleaned_data["attachments"], **_common(f)
        ),
    ),
    "request_supplement": ActionSpec(
        ItemsForm, lambda d, u, f: clock.request_supplement(d, actor=u, items=f.cleaned_data["items"], **_note(f))
    ),
    "receive_supplement": ActionSpec(
        SupplementReceivedForm,
        lambda d, u, f: clock.receive_supplement(
            d,
            actor=u,
            components=f.components(),  # type: ignore[attr-defined]
            accept_incomplete=f.cleaned_data["accept_incomplete"],
            **_note(f),
        ),
    ),
    "request_financial_obligation": ActionSpec(
        AmountForm,
        lambda d, u, f: clock.request_financial_obligation(
            d, actor=u, amount_vnd=f.cleaned_data["amount_vnd"], **_note(f)
        ),
    ),
    "confirm_payment": ActionSpec(ActionForm, lambda d, u, f: clock.confirm_payment(d, actor=u, **_note(f))),
    "extend": ActionSpec(
        ExtendForm,
        lambda d, u, f: clock.extend(
            d,
            actor=u,
            new_due_at=f.new_due_at(),  # type: ignore[attr-defined]
            reason=f.cleaned_data["reason"],
            **_common(f),
        ),
    ),
    "approve": ActionSpec(ActionForm, lambda d, u, f: processing.approve(d, actor=u, **_note(f)), accesskey="p"),
    "refuse": ActionSpec(
        ReasonForm,
        lambda d, u, f: processing.refuse(d, actor=u, reason=f.cleaned_data["reason"], **_common(f)),
        danger=True,
    ),
    "attach_result": ActionSpec(
        ResultForm,
        lambda d, u, f: processing.attach_result(
            d,
            actor=u,
            result_files=f.cleaned_data["result_files"],
            skip_reason=f.cleaned_data.get("skip_reason") or "",
            **_note(f),
        ),
    ),
    "return_result": ActionSpec(
        ReturnResultForm,
        lambda d, u, f: closing.return_result(
            d,
            actor=u,
            method=f.cleaned_data["method"],
            shipment_number=f.cleaned_data["shipment_number"],
            returned_to=f.cleaned_data["returned_to"],
            **_note(f),
        ),
        accesskey="r",
    ),
    "withdraw_request": ActionSpec(
        ReasonForm,
        lambda d, u, f: closing.withdraw_request(d, actor=u, reason=f.cleaned_data["reason"], **_common(f)),
        danger=True,
    ),
    "stop": ActionSpec(
        ReasonForm, lambda d, u, f: closing.stop(d, actor=u, reason=f.cleaned_data["reason"], **_common(f)), danger=True
    ),
}
