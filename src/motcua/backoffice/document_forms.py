"""The back office's official-document forms: receiving an incoming document, drafting an outgoing one,
uploading an edXML package, and one field set per workflow action (the fields the table names)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from motcua.accounts.models import Role, User
from motcua.backoffice.uploads import checked_uploads
from motcua.organisations.models import Agency
from motcua.records import workflow
from motcua.records.doctypes import DOCUMENT_TYPES
from motcua.records.models import IncomingDocument, OutgoingDocument, Source, Urgency

TYPE_CHOICES = [(name, name) for name, _abbr in DOCUMENT_TYPES]
TEXTAREA = {"rows": 3}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _units(agency: Agency) -> Any:
    """The agency and its divisions: who may lead or coordinate the handling."""
    return Agency.objects.filter(is_active=True).filter(pk=agency.pk) | Agency.objects.filter(
        is_active=True, parent=agency
    )


def _leaders(agency: Agency) -> Any:
    return User.objects.filter(
        is_active=True, memberships__agency=agency, memberships__role=Role.LEADER, memberships__is_active=True
    ).distinct()


class _Upload(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload:
            checked_uploads([upload])
        return upload


FieldMaker = Callable[[Any], forms.Field]

FIELDS: dict[str, FieldMaker] = {
    "pages": lambda d: forms.IntegerField(label=gettext_lazy("Số trang"), required=False, min_value=1, max_value=9999),
    "accept_duplicate": lambda d: forms.BooleanField(
        label=gettext_lazy("Vẫn vào sổ dù trùng số, ký hiệu và nơi gửi"), required=False
    ),
    "reason": lambda d: forms.CharField(
        label=gettext_lazy("Lý do"), max_length=2000, widget=forms.Textarea(attrs=TEXTAREA)
    ),
    "lead_unit": lambda d: forms.ModelChoiceField(label=gettext_lazy("Đơn vị chủ trì"), queryset=_units(d.agency)),
    "coordinating_units": lambda d: forms.ModelMultipleChoiceField(
        label=gettext_lazy("Đơn vị phối hợp"), queryset=_units(d.agency), required=False
    ),
    "due_days": lambda d: forms.IntegerField(
        label=gettext_lazy("Hạn xử lý (số ngày làm việc)"), required=False, min_value=1, max_value=90
    ),
    "due_date": lambda d: forms.DateField(
        label=gettext_lazy("hoặc hạn xử lý đến ngày"), required=False, widget=_date_input()
    ),
    "note": lambda d: forms.CharField(
        label=gettext_lazy("Ý kiến, ghi chú"), required=False, max_length=4000, widget=forms.Textarea(attrs=TEXTAREA)
    ),
    "result": lambda d: forms.CharField(
        label=gettext_lazy("Kết quả xử lý"), max_length=4000, widget=forms.Textarea(attrs=TEXTAREA)
    ),
    "dossier_code": lambda d: forms.CharField(
        label=gettext_lazy("Mã hồ sơ TTHC"), required=False, max_length=40, initial=d.dossier_code
    ),
    "approver": lambda d: forms.ModelChoiceField(label=gettext_lazy("Lãnh đạo duyệt, ký"), queryset=_leaders(d.agency)),
    "signer_title": lambda d: forms.CharField(
        label=gettext_lazy("Thẩm quyền, chức vụ người ký (ví dụ KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC)"),
        required=False,
        max_length=200,
    ),
    "notation": lambda d: forms.CharField(label=gettext_lazy("Ký hiệu"), max_length=50, initial=d.notation),
}


def action_form(kind: str, action: str, document: IncomingDocument | OutgoingDocument, data: Any = None) -> forms.Form:
    """The form of ``action``: the fields the workflow table names for it, built for this document."""
    transition = workflow.table(kind)[action]
    form = forms.Form(data, auto_id=f"id_{action}_%s")  # several panels on one page: ids stay unique
    for name in transition.fields:
        form.fields[name] = FIELDS[name](document)
    if transition.danger:
        form.fields["confirm"] = forms.BooleanField(label=gettext_lazy("Tôi xác nhận thao tác này"))
    return form


class ReceiveForm(forms.Form):
    source = forms.ChoiceField(
        label=gettext_lazy("Hình thức nhận"),
        choices=[(Source.PAPER.value, Source.PAPER.label), (Source.UPLOAD.value, Source.UPLOAD.label)],
        widget=forms.RadioSelect,
        initial=Source.PAPER.value,
    )
    sender = forms.CharField(label=gettext_lazy("Nơi gửi"), max_length=500)
    number_notation = forms.CharField(label=gettext_lazy("Số, ký hiệu văn bản"), max_length=60)
    document_date = forms.DateField(label=gettext_lazy("Ngày văn bản"), widget=_date_input())
    document_type = forms.ChoiceField(label=gettext_lazy("Loại văn bản"), choices=TYPE_CHOICES, initial="Công văn")
    summary = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=2000, widget=forms.Textarea(attrs=TEXTAREA))
    signer = forms.CharField(label=gettext_lazy("Người ký"), max_length=200, required=False)
    urgency = forms.ChoiceField(label=gettext_lazy("Độ khẩn"), choices=Urgency.choices, initial=Urgency.NORMAL)
    pages = forms.IntegerField(label=gettext_lazy("Số trang"), required=False, min_value=1, max_value=9999)
    dossier_code = forms.CharField(label=gettext_lazy("Mã hồ sơ TTHC liên quan"), max_length=40, required=False)
    main_file = _Upload(label=gettext_lazy("Tệp văn bản (bản quét hoặc bản điện tử)"))
    attachment = _Upload(label=gettext_lazy("Tệp đính kèm"), required=False)
    accept_duplicate = forms.BooleanField(
        label=gettext_lazy("Vẫn vào sổ dù trùng số, ký hiệu và nơi gửi"), required=False
    )


class DraftForm(forms.Form):
    document_type = forms.ChoiceField(label=gettext_lazy("Loại văn bản"), choices=TYPE_CHOICES, initial="Công văn")
    notation = forms.CharField(
        label=gettext_lazy("Ký hiệu dự kiến"),
        max_length=50,
        help_text=gettext_lazy("Ví dụ QĐ-STP; văn thư có thể sửa khi cấp số."),
    )
    summary = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=2000, widget=forms.Textarea(attrs=TEXTAREA))
    urgency = forms.ChoiceField(label=gettext_lazy("Độ khẩn"), choices=Urgency.choices, initial=Urgency.NORMAL)
    main_file = _Upload(label=gettext_lazy("Văn bản chính (PDF)"))
    attachment = _Upload(label=gettext_lazy("Phụ lục, tài liệu kèm theo"), required=False)
    internal_recipients = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Nơi nhận trong hệ thống"), queryset=Agency.objects.none(), required=False
    )
    external_recipients = forms.CharField(
        label=gettext_lazy("Nơi nhận ngoài hệ thống (gửi gói tin edXML)"),
        help_text=gettext_lazy("Mỗi dòng: mã định danh; tên cơ quan."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    dossier_code = forms.CharField(label=gettext_lazy("Mã hồ sơ TTHC liên quan"), max_length=40, required=False)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["internal_recipients"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 - declared above
        field.queryset = (
            Agency.objects.filter(is_active=True).exclude(pk=agency.pk).exclude(kind="division").order_by("name")
        )


class PackageForm(forms.Form):
    package = forms.FileField(label=gettext_lazy("Gói tin edXML (.xml)"))
