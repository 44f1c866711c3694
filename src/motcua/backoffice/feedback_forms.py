"""The back office's feedback forms: one small form per workflow action, and the counter/hotline record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from motcua.accounts.models import User
from motcua.accounts.roles import DOSSIER_ROLES
from motcua.core.exceptions import NotFound
from motcua.feedback import selectors
from motcua.feedback.constants import Channel
from motcua.feedback.models import Category, FeedbackItem
from motcua.feedback.privacy import redact
from motcua.organisations.models import Agency

REASON = {"label": gettext_lazy("Lý do"), "max_length": 2000, "widget": forms.Textarea(attrs={"rows": 3})}
ANSWER = {"label": gettext_lazy("Nội dung trả lời"), "max_length": 8000, "widget": forms.Textarea(attrs={"rows": 8})}


def _agencies() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan"), queryset=Agency.objects.filter(is_active=True).order_by("name")
    )


class ClassifyForm(forms.Form):
    category = forms.ModelChoiceField(label=gettext_lazy("Lĩnh vực"), queryset=Category.objects.filter(is_active=True))


class RouteForm(forms.Form):
    agency = _agencies()


class ReasonForm(forms.Form):
    reason = forms.CharField(**REASON)  # type: ignore[arg-type]


class MergeForm(forms.Form):
    into = forms.CharField(label=gettext_lazy("Mã phản ánh được giữ lại"), max_length=20)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_into(self) -> FeedbackItem:
        code = str(self.cleaned_data["into"]).strip().upper()
        try:
            return selectors.for_official(self.user, code)
        except NotFound:
            raise forms.ValidationError(gettext_lazy("Không tìm thấy phản ánh với mã này.")) from None


class AcceptForm(forms.Form):
    handler = forms.ModelChoiceField(label=gettext_lazy("Người xử lý"), queryset=User.objects.none())

    def __init__(self, *args: Any, item: FeedbackItem, **kwargs: Any):
        super().__init__(*args, **kwargs)
        members = User.objects.filter(
            memberships__agency=item.handling_agency, memberships__role__in=DOSSIER_ROLES, memberships__is_active=True
        )
        self.fields["handler"].queryset = members.distinct().order_by("full_name")  # type: ignore[attr-defined]


class ConsultForm(forms.Form):
    agency = _agencies()
    question = forms.CharField(
        label=gettext_lazy("Nội dung xin ý kiến"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(**ANSWER)  # type: ignore[arg-type]


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=gettext_lazy("Số ngày làm việc gia hạn"), min_value=1, max_value=30)
    reason = forms.CharField(**REASON)  # type: ignore[arg-type]


class PublishForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("Câu hỏi công khai"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    answer = forms.CharField(**ANSWER)  # type: ignore[arg-type]


FORMS: dict[str, type[forms.Form]] = {
    "classify": ClassifyForm,
    "route": RouteForm,
    "reject": ReasonForm,
    "merge": MergeForm,
    "accept": AcceptForm,
    "send_back": ReasonForm,
    "consult": ConsultForm,
    "submit_answer": AnswerForm,
    "return_draft": ReasonForm,
    "approve": AnswerForm,
    "extend": ExtendForm,
    "publish": PublishForm,
}


def initial_for(action: str, item: FeedbackItem) -> dict[str, Any]:
    """What a form starts with: the draft to approve, the texts to publish with personal data hidden."""
    names = (item.citizen_name,) if item.citizen_name else ()
    if action in ("submit_answer", "approve"):
        return {"answer": item.draft_answer or item.answer}
    if action == "publish":
        return {
            "question": redact(f"{item.title}. {item.content}", names=names),
            "answer": redact(item.answer, names=names),
        }
    if action == "classify":
        return {"category": item.category_id}
    return {}


def form_for(action: str, item: FeedbackItem, user: Any, data: Any = None) -> forms.Form:
    form_class = FORMS[action]
    kwargs: dict[str, Any] = {"data": data, "initial": initial_for(action, item), "prefix": action}
    if form_class is AcceptForm:
        kwargs["item"] = item
    if form_class is MergeForm:
        kwargs["user"] = user
    return form_class(**kwargs)


class RecordForm(forms.Form):
    """Feedback an officer records at the counter or from a hotline call."""

    channel = forms.ChoiceField(
        label=gettext_lazy("Kênh"),
        choices=[(Channel.COUNTER, Channel.COUNTER.label), (Channel.HOTLINE, Channel.HOTLINE.label)],
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Lĩnh vực"), queryset=Category.objects.filter(is_active=True), to_field_name="code"
    )
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), max_length=200)
    content = forms.CharField(label=gettext_lazy("Nội dung"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    name = forms.CharField(label=gettext_lazy("Họ và tên người phản ánh"), max_length=200, required=False)
    phone = forms.CharField(label=gettext_lazy("Số điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)
    anonymous = forms.BooleanField(label=gettext_lazy("Người phản ánh không để lại thông tin"), required=False)
    unit_code = forms.CharField(label=gettext_lazy("Mã xã, phường"), max_length=10, required=False)
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=300, required=False)
    dossier_code = forms.CharField(label=gettext_lazy("Mã hồ sơ liên quan"), max_length=64, required=False)
