"""Forms of the "my dossiers" pages: withdraw, rating."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import RATING_CRITERIA, Satisfaction


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label=_("Tôi hiểu rằng hồ sơ đã rút sẽ không được giải quyết tiếp."),
        error_messages={"required": _("Vui lòng xác nhận trước khi rút hồ sơ.")},
    )


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("Mức độ hài lòng chung"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn mức độ hài lòng.")},
    )
    comment = forms.CharField(
        label=_("Ý kiến khác (nếu có)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for key, label in RATING_CRITERIA.items():
            self.fields[f"criterion_{key}"] = forms.ChoiceField(
                label=label, choices=Satisfaction.choices, widget=forms.RadioSelect, required=False
            )

    def criterion_fields(self) -> list[Any]:
        return [self[f"criterion_{key}"] for key in RATING_CRITERIA]

    def criteria(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[f"criterion_{key}"]
            for key in RATING_CRITERIA
            if self.cleaned_data.get(f"criterion_{key}")
        }
