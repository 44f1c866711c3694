"""Postal orders of dossiers, their tracking events and the log of inbound callbacks.

An order belongs to a dossier by its id and code (the order number sent to the operator is the
dossier's code): the postal context sits below ``dossiers`` and learns what a tracking event means
for a dossier only through ``postal.hooks``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from motcua.postal.constants import OrderKind, OrderState


class PostalOrder(models.Model):
    """One order at the postal operator. Changed only by ``postal.services``."""

    dossier_id = models.BigIntegerField("hồ sơ", db_index=True)
    order_number = models.CharField("số đơn hàng (mã hồ sơ)", max_length=64, db_index=True)
    kind = models.CharField("loại đơn", max_length=10, choices=OrderKind.choices)
    operator = models.CharField("doanh nghiệp bưu chính", max_length=20)
    state = models.CharField("trạng thái", max_length=12, choices=OrderState.choices, default=OrderState.REGISTERED)
    item_code = models.CharField("số hiệu bưu gửi", max_length=40, blank=True, db_index=True)
    sender = models.JSONField("người gửi", default=dict)
    receiver = models.JSONField("người nhận", default=dict)
    description = models.CharField("nội dung bưu gửi", max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("thời điểm tạo")
    updated_at = models.DateTimeField("cập nhật gần nhất")
    last_polled_at = models.DateTimeField("lần tra cứu gần nhất", null=True, blank=True)

    class Meta:
        verbose_name = "đơn bưu chính"
        verbose_name_plural = "đơn bưu chính"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One live order of each kind per dossier: choosing postal return twice creates one order.
            models.UniqueConstraint(
                fields=["dossier_id", "kind"], condition=~Q(state="cancelled"), name="postal_one_live_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_number} – {self.get_kind_display()} – {self.get_state_display()}"

    @property
    def operator_name(self) -> str:
        from motcua.postal.constants import OPERATOR_NAMES

        return OPERATOR_NAMES.get(self.operator, self.operator)

    @property
    def is_final(self) -> bool:
        from motcua.postal.constants import FINAL_STATES

        return self.state in FINAL_STATES


class TrackingEvent(models.Model):
    """One step of a shipment as the operator reported it (by callback or by polling), appended once."""

    order = models.ForeignKey(PostalOrder, on_delete=models.CASCADE, related_name="tracking", verbose_name="đơn")
    event_id = models.CharField("mã sự kiện", max_length=80)
    code = models.CharField("mã trạng thái của bưu điện", max_length=10)
    state = models.CharField("trạng thái", max_length=12, choices=OrderState.choices, blank=True)
    label = models.CharField("diễn giải", max_length=255)
    location = models.CharField("bưu cục", max_length=255, blank=True)
    occurred_at = models.DateTimeField("thời điểm")
    received_at = models.DateTimeField("thời điểm nhận tin")
    source = models.CharField("nguồn", max_length=10)

    class Meta:
        verbose_name = "hành trình bưu gửi"
        verbose_name_plural = "hành trình bưu gửi"
        ordering = ["occurred_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["order", "event_id"], name="postal_event_once")]

    def __str__(self) -> str:
        return f"{self.order.order_number} {self.code} {self.label}"


class CallbackReceipt(models.Model):
    """Every inbound callback, accepted or refused: the store of used event ids (a replay finds its id
    here) and the record an operator reads when a partner says "we did send it"."""

    source = models.CharField("nguồn", max_length=20)
    event_id = models.CharField("mã sự kiện", max_length=80, blank=True)
    accepted = models.BooleanField("được chấp nhận", default=False)
    reason = models.CharField("lý do từ chối", max_length=40, blank=True)
    signed_at = models.DateTimeField("thời điểm ký", null=True, blank=True)
    received_at = models.DateTimeField("thời điểm nhận", db_index=True)
    remote_addr = models.CharField("địa chỉ gửi", max_length=45, blank=True)
    body_excerpt = models.CharField("nội dung (trích)", max_length=500, blank=True)

    class Meta:
        verbose_name = "thông báo nhận vào"
        verbose_name_plural = "thông báo nhận vào"
        ordering = ["-received_at", "-pk"]
        constraints = [
            # The nonce store: an event id is accepted once per source; refused attempts do not use it up.
            models.UniqueConstraint(
                fields=["source", "event_id"], condition=Q(accepted=True), name="callback_event_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.event_id} {'ok' if self.accepted else self.reason}"


class SimulatedShipment(models.Model):
    """The local simulator's side of a shipment (``postal.simulator``): what the operator would hold."""

    request_key = models.CharField("khóa yêu cầu", max_length=200, unique=True)
    order_number = models.CharField("số đơn hàng", max_length=64, db_index=True)
    item_code = models.CharField("số hiệu bưu gửi", max_length=40, blank=True)
    payload = models.JSONField("đơn hàng nhận được", default=dict)
    events = models.JSONField("hành trình", default=list)
    created_at = models.DateTimeField("thời điểm nhận")

    class Meta:
        verbose_name = "bưu gửi (máy giả lập)"
        verbose_name_plural = "bưu gửi (máy giả lập)"

    def __str__(self) -> str:
        return f"{self.order_number} {self.item_code}"
