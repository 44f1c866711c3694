"""The citizen's feedback forms: send an item, follow it with its code and phone, rate or reopen the answer."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy

from motcua.core.uploads import accept_attribute
from motcua.feedback import selectors
from motcua.feedback.services import Submission
from motcua.organisations.models import AdministrativeUnit, Agency, UnitLevel

MAX_PHOTOS = 5


class PhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to five photos or PDF files; the domain checks each one's content (``core.uploads``)."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("widget", PhotoInput(attrs={"accept": accept_attribute(), "capture": "environment"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        files = [single(item, initial) for item in data] if isinstance(data, list | tuple) else [single(data, initial)]
        return [f for f in files if f]


def _categories() -> list[tuple[str, Any]]:
    return [("", gettext_lazy("— Chọn lĩnh vực —")), *((c.code, c.name) for c in selectors.active_categories())]


def _communes() -> list[tuple[str, Any]]:
    units = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_until__isnull=True).order_by("name")
    return [("", gettext_lazy("— Không chọn —")), *((u.code, u.name) for u in units[:2000])]


def _agencies() -> list[tuple[Any, Any]]:
    agencies = Agency.objects.filter(is_active=True).order_by("name").values_list("pk", "name")
    return [("", gettext_lazy("— Không chọn —")), *agencies[:1000]]


class FeedbackForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("Lĩnh vực"), choices=())
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), max_length=200)
    content = forms.CharField(
        label=gettext_lazy("Nội dung phản ánh, kiến nghị"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Nêu rõ sự việc, thời gian, địa điểm; không ghi số định danh cá nhân."),
    )
    photos = PhotosField(label=gettext_lazy("Ảnh, tệp đính kèm"), required=False)
    unit = forms.ChoiceField(label=gettext_lazy("Xã, phường"), choices=(), required=False)
    address = forms.CharField(label=gettext_lazy("Địa chỉ, vị trí"), max_length=300, required=False)
    latitude = forms.DecimalField(required=False, widget=forms.HiddenInput, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(required=False, widget=forms.HiddenInput, max_digits=9, decimal_places=6)
    dossier_code = forms.CharField(
        label=gettext_lazy("Mã hồ sơ liên quan"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("Nếu phản ánh về một hồ sơ: mã hồ sơ và số điện thoại đã khai khi nộp."),
    )
    dossier_contact = forms.CharField(
        label=gettext_lazy("Số điện thoại hoặc số định danh của người nộp hồ sơ"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("Chỉ khi khác số điện thoại bạn ghi bên dưới."),
    )
    procedure = forms.CharField(
        label=gettext_lazy("Mã thủ tục liên quan"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("Nếu phản ánh về quy định của một thủ tục: mã thủ tục, ví dụ 1.001193."),
    )
    agency = forms.TypedChoiceField(
        label=gettext_lazy("Cơ quan liên quan"), choices=(), required=False, coerce=int, empty_value=None
    )
    anonymous = forms.BooleanField(
        label=gettext_lazy("Gửi ẩn danh"),
        required=False,
        help_text=gettext_lazy("Chỉ một số lĩnh vực nhận phản ánh ẩn danh; khi đó bạn không tra cứu được kết quả."),
    )
    name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=200, required=False)
    phone = forms.CharField(
        label=gettext_lazy("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=gettext_lazy("Dùng cùng mã phản ánh để tra cứu; không công khai."),
    )
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = _categories()
        cast(forms.ChoiceField, self.fields["unit"]).choices = _communes()
        cast(forms.ChoiceField, self.fields["agency"]).choices = _agencies()

    def clean_photos(self) -> list[UploadedFile]:
        photos = self.cleaned_data.get("photos") or []
        if len(photos) > MAX_PHOTOS:
            raise forms.ValidationError(gettext_lazy("Đính kèm tối đa 5 tệp."))
        return list(photos)

    def submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            category=data["category"],
            title=data["title"],
            content=data["content"],
            anonymous=bool(data["anonymous"]),
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            unit_code=data["unit"] or "",
            address=data["address"],
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            dossier_code=data["dossier_code"],
            dossier_contact=data["dossier_contact"],
            procedure_code=data["procedure"].strip(),
            agency_id=data["agency"],
            files=data["photos"],
        )


class FollowForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Mã phản ánh"), max_length=20)
    phone = forms.CharField(
        label=gettext_lazy("Số điện thoại"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=gettext_lazy("Số đã khai khi gửi phản ánh."),
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip().upper()


class RatingForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=gettext_lazy("Bạn có hài lòng với câu trả lời?"),
        choices=[("1", gettext_lazy("Hài lòng")), ("0", gettext_lazy("Chưa hài lòng"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Ý kiến thêm"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Vì sao đề nghị xem xét lại"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
