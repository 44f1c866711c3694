"""Partners' webhook subscriptions in the admin: subscribe, rotate the secret, stop, read the delivery log.

Superusers only, like the API clients they belong to. The secret is shown once, when it is made.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from motcua.core.exceptions import DomainError
from motcua.integrations import webhooks
from motcua.integrations.constants import WebhookEvent
from motcua.integrations.models import WebhookSubscription
from motcua.outbox.models import Message

SIGNING_KEY_NOTICE = (
    "Khóa ký của đăng ký #{pk} ({url}): {secret} (chỉ hiển thị một lần, hãy chuyển an toàn cho đơn vị)."
)
LOG_LENGTH = 30
HEAD = "<tr><th>Tạo lúc</th><th>Sự kiện</th><th>Hồ sơ</th><th>Tình trạng</th><th>Lần gửi</th><th>Lỗi</th></tr>"


class SubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label="Sự kiện đăng ký", choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    url = forms.URLField(label="Địa chỉ nhận", max_length=500, assume_scheme="https")

    class Meta:
        model = WebhookSubscription
        fields = ("client", "url", "events")


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ("client", "url", "events", "active", "created_at")
    list_filter = ("active",)
    readonly_fields = ("active", "created_at", "previous_secret_until", "delivery_log")
    actions = ("rotate", "stop", "resume")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request) and obj is None  # a subscription changes by its actions

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # stop instead: the delivery log refers to it

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("client", "url", "events", *self.readonly_fields) if obj else ("client", "url", "events")

    def save_model(self, request: HttpRequest, obj: WebhookSubscription, form: Any, change: bool) -> None:
        data = form.cleaned_data
        try:
            subscription, secret = webhooks.subscribe(
                data["client"], actor=request.user, url=data["url"], events=list(data["events"])
            )
        except DomainError as error:
            messages.error(request, error.message)
            return
        obj.pk = subscription.pk
        messages.warning(request, SIGNING_KEY_NOTICE.format(pk=subscription.pk, url=subscription.url, secret=secret))

    @admin.display(description="Nhật ký gửi (gần nhất)")
    def delivery_log(self, obj: WebhookSubscription) -> str:
        rows = Message.objects.filter(destination=obj.destination).order_by("-pk")[:LOG_LENGTH]
        if not rows:
            return "—"
        body = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((m.created_at, m.kind, m.subject, m.get_state_display(), m.attempts, m.last_error[:200]) for m in rows),
        )
        return format_html("<table>{}{}</table>", mark_safe(HEAD), body)  # noqa: S308 - a constant

    @admin.action(description="Cấp khóa ký mới (khóa cũ còn ký thêm 24 giờ)")
    def rotate(self, request: HttpRequest, queryset: QuerySet[WebhookSubscription]) -> None:
        for subscription in queryset:
            secret = webhooks.rotate_secret(subscription, actor=request.user)
            messages.warning(
                request, SIGNING_KEY_NOTICE.format(pk=subscription.pk, url=subscription.url, secret=secret)
            )

    @admin.action(description="Ngừng gửi")
    def stop(self, request: HttpRequest, queryset: QuerySet[WebhookSubscription]) -> None:
        for subscription in queryset:
            webhooks.set_active(subscription, actor=request.user, active=False)
        messages.success(request, f"Đã ngừng {queryset.count()} đăng ký.")

    @admin.action(description="Gửi lại (tiếp tục)")
    def resume(self, request: HttpRequest, queryset: QuerySet[WebhookSubscription]) -> None:
        for subscription in queryset:
            webhooks.set_active(subscription, actor=request.user, active=True)
        messages.success(request, f"Đã tiếp tục {queryset.count()} đăng ký.")
