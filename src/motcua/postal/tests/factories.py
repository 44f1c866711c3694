from __future__ import annotations

from datetime import datetime
from typing import Any

from motcua.postal import services
from motcua.postal.models import PostalOrder

UNIT = {
    "name": "Trung tâm Phục vụ hành chính công tỉnh",
    "address": "28 Đại lộ Lê Lợi, Thanh Hóa",
    "tel": "02373750000",
}
APPLICANT = {"name": "Nguyễn Thị Hoa", "address": "12 Phan Chu Trinh, phường Hạc Thành", "tel": "0912345678"}


def order(now: datetime, *, kind: str = "return", code: str = "000.00.06.H56-260302-0001", **extra: Any) -> PostalOrder:
    created, _new = services.create_order(
        kind=kind,
        dossier_id=extra.pop("dossier_id", 1),
        order_number=code,
        sender=UNIT if kind == "return" else APPLICANT,
        receiver=APPLICANT if kind == "return" else UNIT,
        description="Giấy chứng nhận",
        actor=None,
        now=now,
        **extra,
    )
    return created
