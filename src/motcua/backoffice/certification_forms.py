"""The certification counter's form: the citizen, the original presented, its scan, the officer's check."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.actionforms import MultipleFileField


class CertifiedCopyForm(forms.Form):
    citizen_name = forms.CharField(label=_("Họ và tên người yêu cầu"), max_length=200)
    citizen_id_number = forms.CharField(
        label=_("Số định danh cá nhân"),
        max_length=12,
        help_text=_("12 chữ số, theo giấy tờ tùy thân người yêu cầu xuất trình."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    citizen_phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=15,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    document_name = forms.CharField(label=_("Tên giấy tờ, văn bản"), max_length=300)
    document_issuer = forms.CharField(label=_("Cơ quan cấp bản chính"), max_length=300, required=False)
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Bản quét của bản chính"),
        help_text=_("Một tệp PDF, hoặc các ảnh JPG/PNG (mỗi ảnh một trang, theo thứ tự)."),
    )
    original_checked = forms.BooleanField(
        label=_(
            "Tôi đã đối chiếu bản quét với bản chính; bản chính không thuộc trường hợp không được chứng thực "
            "(bị tẩy xóa, sửa chữa, hư hỏng, hết hiệu lực, giấy tờ mật)."
        ),
        required=False,
    )
    certifier_title = forms.CharField(
        label=_("Chức danh người thực hiện chứng thực"),
        max_length=100,
        required=False,
        help_text=_("Ví dụ: Phó Chủ tịch UBND xã; Công chức Tư pháp - Hộ tịch."),
    )
