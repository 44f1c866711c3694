"""Forms of the back office. They parse and validate input; the domain services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import ApplicantKind, Role
from motcua.dossiers.constants import Channel, PaymentMethod, ReturnMethod
from motcua.organisations.models import Agency


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True, "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class ActAsForm(forms.Form):
    """A superuser's choice of agency and role for the back office."""

    agency = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Agency.objects.filter(is_active=True).order_by("level", "name")
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)


class ApplicantForm(forms.Form):
    """Who submits. The engine validates identity again (12-digit ID, tax code, phone)."""

    kind = forms.ChoiceField(label=_("Đối tượng"), choices=ApplicantKind.choices, initial=ApplicantKind.CITIZEN)
    full_name = forms.CharField(label=_("Họ và tên / tên tổ chức"), max_length=255)
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    tax_code = forms.CharField(label=_("Mã số thuế"), max_length=14, required=False)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=15,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    use_contact_anyway = forms.BooleanField(
        label=_("Vẫn dùng thông tin liên hệ này (người nộp xác nhận là của mình)"), required=False
    )

    def clean_id_number(self) -> str:
        value = "".join(self.cleaned_data.get("id_number", "").split())
        if value and not (value.isdigit() and len(value) == 12):
            raise forms.ValidationError(_("Số định danh cá nhân gồm đúng 12 chữ số."))
        return value

    def clean_phone(self) -> str:
        value = "".join(ch for ch in self.cleaned_data.get("phone", "") if ch.isdigit() or ch == "+")
        if value.startswith("+84"):
            value = "0" + value[3:]
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("id_number") or data.get("tax_code") or data.get("phone")):
            self.add_error("id_number", _("Cần ít nhất số định danh, mã số thuế hoặc số điện thoại."))
        return data


class IntakeForm(forms.Form):
    """The reception at the counter or by post; the decision is the button pressed."""

    DECISIONS = (
        ("accept", _("Tiếp nhận")),
        ("request_supplement", _("Yêu cầu bổ sung")),
        ("refuse", _("Từ chối tiếp nhận")),
    )

    channel = forms.ChoiceField(
        label=_("Hình thức nộp"),
        choices=[(Channel.COUNTER.value, Channel.COUNTER.label), (Channel.POSTAL.value, Channel.POSTAL.label)],
        initial=Channel.COUNTER,
    )
    postal_shipment_number = forms.CharField(label=_("Số vận đơn bưu chính"), max_length=40, required=False)
    competent_agency = forms.ModelChoiceField(
        label=_("Cơ quan giải quyết"), queryset=Agency.objects.none(), required=False, empty_label=_("Tự xác định")
    )
    payment_method = forms.ChoiceField(
        label=_("Hình thức nộp phí"), choices=PaymentMethod.choices, initial=PaymentMethod.CASH
    )
    fees_paid = forms.BooleanField(label=_("Đã thu phí, lệ phí"), required=False)
    fee_exemption = forms.CharField(
        label=_("Trường hợp được miễn phí, lệ phí"),
        max_length=300,
        required=False,
        help_text=_("Ghi trường hợp miễn đã xác minh (ví dụ: người thuộc hộ nghèo); để trống nếu không được miễn."),
    )
    result_delivery = forms.ChoiceField(
        label=_("Hình thức nhận kết quả"), choices=ReturnMethod.choices, initial=ReturnMethod.COUNTER, required=False
    )
    delivery_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu chính"),
        max_length=300,
        required=False,
        help_text=_("Chỉ cần khi người nộp chọn nhận kết quả qua bưu chính."),
    )
    supplement_items = forms.CharField(
        label=_("Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một nội dung)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Các thành phần bắt buộc chưa đánh dấu đã nhận được tự động thêm vào danh sách."),
    )
    reason = forms.CharField(
        label=_("Lý do từ chối tiếp nhận"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=1000)
    decision = forms.ChoiceField(label=_("Quyết định"), choices=DECISIONS, widget=forms.HiddenInput, initial="accept")

    def __init__(self, *args: Any, competent: list[Agency] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["competent_agency"]
        field.queryset = Agency.objects.filter(pk__in=[a.pk for a in competent or []])  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("channel") == Channel.POSTAL and not data.get("postal_shipment_number"):
            self.add_error("postal_shipment_number", _("Cần nhập số vận đơn bưu chính."))
        data["result_delivery"] = data.get("result_delivery") or ReturnMethod.COUNTER
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Cần ghi rõ lý do từ chối tiếp nhận."))
        return data
