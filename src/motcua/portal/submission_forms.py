"""Forms of the online submission pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import ReturnMethod
from motcua.organisations.models import Agency
from motcua.portal.identity import normalise_phone, validate_citizen_id


class ApplicantDetailsForm(forms.Form):
    """The e-form's applicant part, prefilled from the profile; saving it updates the profile."""

    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"), widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        help_text=_("Để nhận mã hồ sơ và thông báo."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ"),
        max_length=300,
        help_text=_("Số nhà, đường; xã/phường; tỉnh/thành phố."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    summary = forms.CharField(
        label=_("Nội dung yêu cầu giải quyết"),
        required=False,
        max_length=1000,
        help_text=_("Ghi ngắn gọn, ví dụ: đăng ký khai sinh cho con Nguyễn Văn An."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agency = forms.ModelChoiceField(
        label=_("Nơi tiếp nhận hồ sơ"), queryset=Agency.objects.none(), empty_label=_("— Chọn cơ quan —")
    )

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies]).order_by("name")  # type: ignore[attr-defined]
        if len(agencies) == 1:
            field.initial = agencies[0].pk
            field.widget = forms.HiddenInput()

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean_id_number(self) -> str:
        return validate_citizen_id(self.cleaned_data["id_number"])


class DraftApplicantForm(ApplicantDetailsForm):
    """The applicant part alone, to correct it on a draft; the personal ID names the owner and stays."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, agencies=[], **kwargs)
        for name in ("summary", "agency"):
            del self.fields[name]
        self.fields["id_number"].disabled = True


class DraftForm(forms.Form):
    """The draft's own choices; files are read from request.FILES per checklist line."""

    delivery_method = forms.ChoiceField(
        label=_("Cách nhận kết quả"), choices=ReturnMethod.choices, widget=forms.RadioSelect, required=False
    )
    postal_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu chính"),
        max_length=300,
        required=False,
        help_text=_("Chỉ cần khi chọn nhận qua bưu chính."),
    )

    def __init__(self, *args: Any, electronic_allowed: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not electronic_allowed:
            field = self.fields["delivery_method"]
            field.choices = [c for c in ReturnMethod.choices if c[0] != ReturnMethod.ELECTRONIC]  # type: ignore[attr-defined]
