"""Forms of the citizens' account pages. Messages in Vietnamese; strings translatable."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from motcua.portal.identity import normalise_phone, validate_citizen_id


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Thư điện tử hoặc số điện thoại"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True, "inputmode": "email"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": _("Thư điện tử/số điện thoại hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class RegisterForm(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        required=False,
        help_text=_("10 chữ số, bắt đầu bằng 0 (có thể nhập +84)."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        help_text=_("Để nhận thông báo và đặt lại mật khẩu."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "")
        return normalise_phone(raw) if raw.strip() else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        nothing_given = not data.get("phone") and not data.get("email")
        if nothing_given and not self.has_error("phone") and not self.has_error("email"):
            self.add_error("phone", _("Nhập số điện thoại hoặc thư điện tử (ít nhất một trong hai)."))
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        elif p1:
            try:
                password_validation.validate_password(p1)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"),
        max_length=12,
        required=False,
        help_text=_("12 chữ số trên thẻ căn cước."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"autocomplete": "bday"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"), required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(
        label=_("Địa chỉ"),
        max_length=300,
        required=False,
        help_text=_("Số nhà, đường; xã/phường; tỉnh/thành phố."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "")
        return normalise_phone(raw) if raw.strip() else ""

    def clean_id_number(self) -> str:
        raw = self.cleaned_data.get("id_number", "")
        return validate_citizen_id(raw) if raw.strip() else ""


class CodeField(forms.CharField):
    """The 6 digits of a one-time code sent by SMS (spaces typed between them are dropped)."""

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*", "maxlength": "6"}
        super().__init__(
            label=_("Mã xác nhận"),
            help_text=_("6 chữ số trong tin nhắn SMS."),
            widget=forms.TextInput(attrs=attrs),
            **kwargs,
        )

    def clean(self, value: Any) -> str:
        code = "".join(str(value or "").split())
        if not (len(code) == 6 and code.isdigit()):
            raise ValidationError(_("Mã xác nhận gồm 6 chữ số."))
        return code


class VerifyPhoneForm(forms.Form):
    code = CodeField()


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Số điện thoại của tài khoản"),
        help_text=_("10 chữ số, bắt đầu bằng 0 (có thể nhập +84)."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "autofocus": True}),
    )

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))


class PhoneResetForm(forms.Form):
    code = CodeField()
    password1 = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu mới"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        return data
