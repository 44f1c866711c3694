"""Shared set-up of the catalogue benchmarks: a throw-away database and 5,000 plausible procedures."""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

VERBS = [
    "Đăng ký",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Xác nhận",
    "Chứng thực",
    "Thẩm định",
    "Phê duyệt",
    "Công nhận",
    "Đề nghị",
    "Thông báo",
    "Khai báo",
]
OBJECTS = [
    "kết hôn",
    "khai tử",
    "thường trú",
    "tạm trú",
    "giấy phép xây dựng",
    "giấy phép lao động",
    "giấy chứng nhận quyền sử dụng đất",
    "hộ kinh doanh",
    "doanh nghiệp tư nhân",
    "giấy phép bán lẻ rượu",
    "chứng chỉ hành nghề",
    "giấy phép khai thác nước",
    "thẻ bảo hiểm y tế",
    "trợ cấp xã hội",
    "hợp đồng giao dịch",
    "di chúc",
    "bản sao từ sổ gốc",
    "an toàn thực phẩm",
    "biển hiệu quảng cáo",
    "phương án phòng cháy",
    "giấy phép lái xe",
    "lý lịch tư pháp",
    "nghĩa vụ quân sự",
    "học bổng chính sách",
]
QUALIFIERS = [
    "",
    "",
    "",
    "có yếu tố nước ngoài",
    "cho người dưới 14 tuổi",
    "đối với tổ chức",
    "đối với cá nhân",
    "trong trường hợp bị mất",
    "do thay đổi thông tin",
    "tại cấp xã",
    "tại cấp tỉnh",
    "lần đầu",
    "đối với công trình cấp III",
    "trực tuyến toàn trình",
]


def names(count: int, seed: int = 2026) -> list[str]:
    """``count`` distinct names; "Đăng ký khai sinh" is among them and is the only one about birth."""
    rng = random.Random(seed)
    out = {"Đăng ký khai sinh"}
    while len(out) < count:
        name = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}".strip()
        out.add(name if name not in out else f"{name} (mẫu {len(out)})")
    return sorted(out)


@contextmanager
def scratch_database(database_url: str | None) -> Iterator[Any]:
    """A fresh, migrated test database (test_<name>) on the given URL, dropped afterwards."""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.conf.settings")
    import django

    django.setup()
    from django.db import connection

    # Its own database name, so a benchmark never clobbers the test database of a running test suite.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = (
        None if connection.vendor == "sqlite" else f"bench_{connection.settings_dict['NAME']}"
    )
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def fill(count: int) -> None:
    """``count`` procedures inserted in bulk (folded names set as ``save`` would), with their versions.

    Each has the version in force; every 4th also an earlier, closed one and every 10th a later one (not
    yet in force), with other levels and online levels, so filters must pick the version in force.
    """
    from motcua.catalogue.models import Procedure, ProcedureVersion, Sector
    from motcua.catalogue.services import names_changed
    from motcua.core.text import fold

    sectors = [Sector.objects.create(code=f"BM-{i:02d}", name=f"Lĩnh vực {i}") for i in range(20)]
    procedures = [
        Procedure(code=f"{1 + i % 3}.{100000 + i:06d}", name=name, name_folded=fold(name), sector=sectors[i % 20])
        for i, name in enumerate(names(count))
    ]
    Procedure.objects.bulk_create(procedures, batch_size=1000)

    def version(procedure: Any, number: int, i: int, start: date, until: date | None = None) -> Any:
        return ProcedureVersion(
            procedure=procedure,
            number=number,
            effective_from=start,
            effective_until=until,
            legal_time_unit="working_days",
            legal_time_value=5,
            at_commune_level=i % 2 == 0,
            at_province_level=i % 2 == 1,
            online_level=["full", "partial", "none"][i % 3],
            channels=["counter"],
        )

    versions = []
    for i, procedure in enumerate(Procedure.objects.order_by("pk")):
        if i % 4 == 0:
            versions.append(version(procedure, 1, i + 1, date(2023, 1, 1), date(2024, 12, 31)))
        versions.append(version(procedure, 2, i, date(2025, 1, 1), date(2098, 12, 31) if i % 10 == 0 else None))
        if i % 10 == 0:
            versions.append(version(procedure, 3, i + 1, date(2099, 1, 1)))
    ProcedureVersion.objects.bulk_create(versions, batch_size=1000)
    names_changed()  # bulk inserts skip the services: tell search the names changed, as they would
