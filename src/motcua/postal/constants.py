"""Vocabulary of postal orders: their kinds, their states and the operator's tracking codes."""

from __future__ import annotations

from django.db import models


class OrderKind(models.TextChoices):
    """Collecting the applicant's paper dossier for the one-stop unit, or delivering the result to them."""

    COLLECT = "collect", "Thu gom hồ sơ"
    RETURN = "return", "Chuyển phát kết quả"


class OrderState(models.TextChoices):
    """registered → collecting → handed over → delivered, or returned to the sender, or cancelled
    (the collection states of VNPost's integration: registered, collecting, handed over, cancelled)."""

    REGISTERED = "registered", "Đã đăng ký với bưu điện"
    COLLECTING = "collecting", "Bưu điện đang đến nhận"
    IN_TRANSIT = "in_transit", "Đang vận chuyển"
    DELIVERED = "delivered", "Đã phát thành công"
    RETURNED = "returned", "Phát không thành công, chuyển hoàn"
    CANCELLED = "cancelled", "Đã hủy"


FINAL_STATES = frozenset({OrderState.DELIVERED, OrderState.RETURNED, OrderState.CANCELLED})

# The order a state may not go back from: a late, out-of-order event is recorded but never moves an
# order backwards (a "collecting" arriving after "delivered" leaves it delivered).
STATE_RANK = {
    OrderState.REGISTERED: 0,
    OrderState.COLLECTING: 1,
    OrderState.IN_TRANSIT: 2,
    OrderState.DELIVERED: 3,
    OrderState.RETURNED: 3,
    OrderState.CANCELLED: 3,
}

# The operator's tracking codes and what they mean here. VNPost's official list of codes is not
# published with its order API: these are the codes of its tracking service as integrators use them;
# an unknown code is recorded with the operator's own text and moves nothing.
TRACKING_CODES: dict[str, tuple[OrderState, str]] = {
    "100": (OrderState.REGISTERED, "Bưu điện đã nhận yêu cầu"),
    "101": (OrderState.COLLECTING, "Bưu tá đang đến nhận"),
    "102": (OrderState.IN_TRANSIT, "Bưu điện đã nhận bưu gửi"),
    "103": (OrderState.IN_TRANSIT, "Đang vận chuyển"),
    "104": (OrderState.IN_TRANSIT, "Đang phát"),
    "105": (OrderState.DELIVERED, "Phát thành công"),
    "106": (OrderState.IN_TRANSIT, "Phát không thành công, sẽ phát lại"),
    "107": (OrderState.RETURNED, "Chuyển hoàn về người gửi"),
    "108": (OrderState.CANCELLED, "Bưu điện hủy đơn"),
}

# Where a collection order ends: handed over at the one-stop unit ("delivered" to the unit).
HANDED_OVER_LABEL = "Bưu điện đã bàn giao hồ sơ cho Bộ phận Một cửa"

OPERATOR_NAMES = {"vnpost": "Bưu điện Việt Nam (VNPost)", "sandbox": "Bưu điện (máy giả lập thử nghiệm)"}
