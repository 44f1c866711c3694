"""The postal orders of a dossier on its page: what the post office carries and where it is, and
the orders the acting official may create."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from motcua.backoffice.acting import Acting
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import postal as dossier_postal
from motcua.postal.constants import OrderKind
from motcua.postal.selectors import orders_of

ORDER_SERVICES: dict[str, Any] = {
    OrderKind.COLLECT: dossier_postal.request_postal_collection,
    OrderKind.RETURN: dossier_postal.request_postal_return,
}
BUTTONS: dict[str, Any] = {
    OrderKind.COLLECT: gettext_lazy("Yêu cầu bưu điện thu gom hồ sơ giấy"),
    OrderKind.RETURN: gettext_lazy("Tạo đơn chuyển phát kết quả"),
}


def postal_panel(acting: Acting, dossier: Dossier) -> dict[str, Any]:
    """The dossier's orders with their tracking, and the orders the acting official may create."""
    orders = orders_of(dossier.pk)
    live = {order.kind for order in orders if order.state != "cancelled"}
    may = dossier_postal.may_order(dossier, acting.agency.pk, acting.role)
    offers = [(kind, str(BUTTONS[kind])) for kind in dossier_postal.offers(dossier) if may and kind not in live]
    return {"orders": orders, "offers": offers}
