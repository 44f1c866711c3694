"""The reference receiver: field-by-field validation, the portal's answers, duplicates, order, failure modes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import httpx
import pytest

from motcua.dossiers import dvcqg
from motcua.dossiers.dvcqg_receiver import Receiver, Store, problems
from motcua.dossiers.tests.test_dvcqg_payload import RECORD

CREATE = dvcqg.sync_message(RECORD, updating=False)
UPDATE = dvcqg.sync_message(RECORD, updating=True)


def with_field(body: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    if value is ...:
        del changed["data"][0][name]
    else:
        changed["data"][0][name] = value
    return changed


def test_the_platforms_payload_is_valid() -> None:
    assert problems(CREATE) == {} and problems(UPDATE) == {}
    item = dvcqg.HistoryRecord("A", "B", RECORD.submitted_at, "C", "Tiếp nhận", 2, "", None, None)  # type: ignore[arg-type]
    assert problems(dvcqg.progress_message(RECORD.code, [item])) == {}


@pytest.mark.parametrize(
    ("name", "value", "path"),
    [
        ("MaHoSo", "", "data[0].MaHoSo"),
        ("MaHoSo", ..., "data[0].MaHoSo"),
        ("MaTTHC", "1001612", "data[0].MaTTHC"),
        ("KenhThucHien", 4, "data[0].KenhThucHien"),
        ("KenhThucHien", "1", "data[0].KenhThucHien"),
        ("LoaiDoiTuong", 5, "data[0].LoaiDoiTuong"),
        ("TrangThaiHoSo", 11, "data[0].TrangThaiHoSo"),
        ("TrangThaiHoSo", 0, "data[0].TrangThaiHoSo"),
        ("NgayNopHoSo", "", "data[0].NgayNopHoSo"),
        ("NgayTiepNhan", "2026-03-02 13:05", "data[0].NgayTiepNhan"),
        ("NgayHenTra", "20261332000000", "data[0].NgayHenTra"),
        ("TrichYeuHoSo", "x" * 1001, "data[0].TrichYeuHoSo"),
        ("HoSoCoThanhPhanSoHoa", True, "data[0].HoSoCoThanhPhanSoHoa"),
        ("DuocThanhToanTrucTuyen", 2, "data[0].DuocThanhToanTrucTuyen"),
        ("MaDoiTuong", "someone", "data[0].MaDoiTuong"),  # a counter dossier has no portal user
        ("DinhDanhCHS", [{"LoaiDinhDanh": 1, "SoDinhDanh": "123456789"}], "data[0].DinhDanhCHS[0].SoDinhDanh"),
        ("DinhDanhCHS", [{"LoaiDinhDanh": 3, "SoDinhDanh": "1"}], "data[0].DinhDanhCHS[0].LoaiDinhDanh"),
        ("TaiLieuNop", [{"TenTepDinhKem": "a.pdf", "DuocSoHoa": 2}], "data[0].TaiLieuNop[0].DuocSoHoa"),
        ("DanhSachLePhi", [{"TenPhiLePhi": "Phí", "Gia": -1}], "data[0].DanhSachLePhi[0].Gia"),
        ("DanhSachLePhi", None, "data[0].DanhSachLePhi"),
        ("DanhSachHoSoBoSung", [{"NgayYeuCauBoSung": ""}], "data[0].DanhSachHoSoBoSung[0].NgayYeuCauBoSung"),
        ("DanhSachGiayToKetQua", [{"TenGiayTo": ""}], "data[0].DanhSachGiayToKetQua[0].TenGiayTo"),
    ],
)
def test_each_field_is_checked(name: str, value: Any, path: str) -> None:
    assert path in problems(with_field(CREATE, name, value))


def test_the_call_itself_is_checked() -> None:
    assert "service" in problems({"service": "Khac", "data": []})
    assert "data" in problems({"service": "DongBoHoSoMC", "isUpdating": "False", "data": []})
    assert "isUpdating" in problems({**CREATE, "isUpdating": True})


@pytest.fixture
def receiver(tmp_path: Path) -> Receiver:
    return Receiver(Store(str(tmp_path / "received.sqlite3")))


@pytest.fixture
def http(receiver: Receiver) -> httpx.Client:
    return httpx.Client(transport=httpx.WSGITransport(app=receiver), base_url="http://receiver")


def post(http: httpx.Client, key: str, body: dict[str, Any]) -> dict[str, Any]:
    response = http.post("/", json=body, headers={"Idempotency-Key": key})
    assert response.status_code == 200
    return response.json()


def test_answers_like_the_portal_and_recognises_a_message_sent_again(http: httpx.Client, receiver: Receiver) -> None:
    assert post(http, "k1", CREATE) == {"error_code": 0, "message": "Thành công"}
    assert post(http, "k1", CREATE)["error_code"] == 0  # the same message again: the first answer
    assert post(http, "k2", CREATE)["error_code"] == 3  # another create of the same dossier
    assert post(http, "k3", UPDATE)["error_code"] == 0
    invalid = post(http, "k4", with_field(UPDATE, "TrangThaiHoSo", 12))
    assert invalid["error_code"] == -1 and "data[0].TrangThaiHoSo" in invalid["fields"]
    assert post(http, "k5", {**UPDATE, "data": [{**UPDATE["data"][0], "MaHoSo": "OTHER"}]})["error_code"] == 4
    assert http.get("/_stats").json() == {
        "messages": 5,
        "deliveries": 6,
        "redeliveries": 1,
        "refused": 3,
        "dossiers": 1,
    }
    assert receiver.store.keys() == {"k1", "k3"}


def test_history_of_an_unknown_dossier_is_refused(http: httpx.Client) -> None:
    item = dvcqg.HistoryRecord("A", "B", RECORD.submitted_at, "C", "Tiếp nhận", 2, "", None, None)  # type: ignore[arg-type]
    assert post(http, "h1", dvcqg.progress_message(RECORD.code, [item]))["error_code"] == 4


def test_it_can_be_told_to_fail_and_to_be_slow(http: httpx.Client, receiver: Receiver) -> None:
    assert http.post("/_control", json={"fail": True, "delay": 0.01}).json() == {"fail": True, "delay": 0.01}
    assert http.post("/", json=CREATE, headers={"Idempotency-Key": "k"}).status_code == 503
    http.post("/_control", json={"fail": False, "delay": 0})
    assert post(http, "k", CREATE)["error_code"] == 0
    assert post(http, "", CREATE)["message"] == "Thiếu Idempotency-Key"
    assert http.get("/").status_code == 405


@pytest.mark.django_db
def test_dossiers_reach_the_receiver_through_the_outbox(
    world: Any, settings: Any, http: httpx.Client, receiver: Receiver
) -> None:
    from motcua.dossiers import services
    from motcua.dossiers.tests.helpers import receive
    from motcua.outbox import delivery
    from motcua.outbox.constants import State
    from motcua.outbox.models import Message

    settings.OUTBOX_DESTINATIONS = {"dvcqg": {"url": "http://receiver/", "max_attempts": 3}}
    world.procedure.dvcqg_connected = True
    world.procedure.save()
    dossier = receive(world)
    services.assign(dossier, actor=world.head, handler=world.specialist)
    while delivery.deliver_batch(worker="w", client=http):
        pass
    assert set(Message.objects.values_list("state", flat=True)) == {State.DELIVERED}
    assert receiver.store.keys() == set(Message.objects.values_list("idempotency_key", flat=True))
    assert http.get("/_stats").json()["refused"] == 0
