"""The administrators' form to register a signing key (docs/signatures.md, "Plugging in a real CA's
certificates"): for an agency or an official, a PKCS#12 file with its passphrase or a PKCS#11 token."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from motcua.accounts.models import User
from motcua.organisations.models import Agency
from motcua.signatures.models import KeyKind


class RegisterKeyForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Cơ quan (khóa của cơ quan)",
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        required=False,
    )
    user = forms.ModelChoiceField(
        label="Hoặc cán bộ (khóa cá nhân)",
        queryset=User.objects.filter(Q(memberships__is_active=True)).distinct().order_by("full_name"),
        required=False,
    )
    kind = forms.ChoiceField(label="Loại khóa", choices=KeyKind.choices, initial=KeyKind.PKCS12)
    label = forms.CharField(label="Tên gọi", max_length=200)
    file = forms.FileField(label="Tệp khóa PKCS#12 (.p12, .pfx)", required=False)
    passphrase = forms.CharField(
        label="Mật khẩu tệp khóa", required=False, strip=False, widget=forms.PasswordInput(render_value=False)
    )
    secret_variable = forms.CharField(
        label="Biến môi trường chứa mật khẩu/PIN",
        max_length=100,
        required=False,
        help_text="PKCS#12: để trống thì tệp được mã hóa lại bằng SIGNATURE_PASSPHRASE. PKCS#11: biến chứa mã PIN.",
    )
    pkcs11_module = forms.CharField(label="Thư viện PKCS#11 (đường dẫn)", max_length=255, required=False)
    token_label = forms.CharField(label="Nhãn thiết bị (token)", max_length=100, required=False)
    key_label = forms.CharField(label="Nhãn khóa trên thiết bị", max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("agency")) == bool(data.get("user")):
            raise forms.ValidationError("Chọn một cơ quan hoặc một cán bộ giữ khóa.")
        if data.get("kind") == KeyKind.PKCS12:
            if not data.get("file"):
                self.add_error("file", "Chọn tệp khóa .p12/.pfx.")
            if not data.get("passphrase"):
                self.add_error("passphrase", "Nhập mật khẩu của tệp khóa.")
        else:
            for name in ("pkcs11_module", "token_label", "key_label", "secret_variable"):
                if not data.get(name):
                    self.add_error(name, "Cần nhập với khóa trên thiết bị PKCS#11.")
        return data
