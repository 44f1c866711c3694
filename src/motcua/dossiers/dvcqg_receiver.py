"""A reference receiver of the national portal's sync calls, for tests, the demo and the benchmarks.

It follows the payload format of ``dvcqg.py`` (regulations.md §8 item 45) and checks it field by field
(:func:`problems`), answers like the portal (HTTP 200 with ``{error_code, message}``: 0 on success, -1
for an invalid payload, 3 for a create of a dossier it already has, 4 for an update or a history of a
dossier it has never seen, which is how an order broken by the sender shows), keeps what it accepted
in a SQLite file and recognises a message sent again by its ``Idempotency-Key``: the second delivery
gets the first answer and changes nothing, and is counted (``deliveries``).

It can be told to fail (HTTP 503) or to be slow: ``POST /_control`` with ``{"fail": true, "delay": 1.5}``;
``GET /_stats`` gives the counts. ``manage.py dvcqg_receiver`` serves it on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

Problems = dict[str, str]
MOMENT = re.compile(r"^\d{14}$")
TTHC_CODE = re.compile(r"^\d\.\d{6}$")
STATUSES = range(1, 11)
FLAGS = (0, 1)


def _moment_problem(value: Any, *, required: bool) -> str:
    if value == "" and not required:
        return ""
    if not isinstance(value, str) or not MOMENT.match(value):
        return "phải có dạng yyyyMMddHHmmss"
    try:
        datetime.strptime(value, "%Y%m%d%H%M%S")  # noqa: DTZ007 - a format check, the moment is Vietnam's
    except ValueError:
        return "không phải thời điểm hợp lệ"
    return ""


def _check(found: Problems, path: str, problem: str) -> None:
    if problem:
        found[path] = problem


def _text(value: Any, *, required: bool = False, limit: int = 0) -> str:
    if not isinstance(value, str):
        return "phải là chuỗi"
    if required and not value.strip():
        return "bắt buộc"
    if limit and len(value) > limit:
        return f"tối đa {limit} ký tự"
    return ""


def _choice(value: Any, allowed: Iterable[int]) -> str:
    return "" if isinstance(value, int) and not isinstance(value, bool) and value in allowed else "giá trị không hợp lệ"


def dossier_problems(data: Any) -> Problems:
    """What is wrong in one dossier of a ``DongBoHoSoMC`` call, by field path; {} when nothing."""
    if not isinstance(data, dict):
        return {"": "phải là đối tượng"}
    found: Problems = {}
    for name in ("MaHoSo", "TenTTHC", "ChuHoSo", "DonViXuLy"):
        _check(found, name, _text(data.get(name), required=True))
    for name in ("MaLinhVuc", "TenLinhVuc", "MaDoiTuong", "SoDienThoai", "Email", "NoiNopHoSo"):
        _check(found, name, _text(data.get(name, "")))
    _check(found, "MaTTHC", "" if TTHC_CODE.match(str(data.get("MaTTHC", ""))) else "phải có dạng 1.234567")
    _check(found, "TrichYeuHoSo", _text(data.get("TrichYeuHoSo"), limit=1000))
    _check(found, "KenhThucHien", _choice(data.get("KenhThucHien"), (1, 2, 3)))
    _check(found, "LoaiDoiTuong", _choice(data.get("LoaiDoiTuong"), (1, 2, 3, 4)))
    _check(found, "TrangThaiHoSo", _choice(data.get("TrangThaiHoSo"), STATUSES))
    _check(found, "HinhThuc", _choice(data.get("HinhThuc"), FLAGS))
    _check(found, "NgayNopHoSo", _moment_problem(data.get("NgayNopHoSo"), required=True))
    for name in ("NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy", "NgayTuChoi"):
        _check(found, name, _moment_problem(data.get(name), required=False))
    for name in ("HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID", "DuocThanhToanTrucTuyen"):
        _check(found, name, _choice(data.get(name), FLAGS))
    if data.get("KenhThucHien") != 2 and data.get("MaDoiTuong"):
        found["MaDoiTuong"] = "chỉ có ở hồ sơ trực tuyến"
    _list_problems(found, data, "TaiLieuNop", _document_problems)
    _list_problems(found, data, "DanhSachLePhi", _fee_problems)
    _list_problems(found, data, "DanhSachHoSoBoSung", _supplement_problems)
    _list_problems(found, data, "DanhSachGiayToKetQua", _result_problems)
    _list_problems(found, data, "DinhDanhCHS", _identifier_problems)
    return found


def _list_problems(found: Problems, data: dict[str, Any], name: str, check: Callable[[Any], Problems]) -> None:
    rows = data.get(name)
    if not isinstance(rows, list):
        found[name] = "phải là danh sách"
        return
    for index, row in enumerate(rows):
        for path, problem in (check(row) if isinstance(row, dict) else {"": "phải là đối tượng"}).items():
            found[f"{name}[{index}]{'.' + path if path else ''}"] = problem


def _document_problems(row: dict[str, Any]) -> Problems:
    found: Problems = {}
    _check(found, "TenTepDinhKem", _text(row.get("TenTepDinhKem"), required=True))
    _check(found, "MaThanhPhanHoSo", _text(row.get("MaThanhPhanHoSo", "")))
    _check(found, "DuongDanTaiTepTin", _text(row.get("DuongDanTaiTepTin", "")))
    for name in ("DuocSoHoa", "DuocTaiSuDung", "DuocLayTuKhoDMQG"):
        _check(found, name, _choice(row.get(name), FLAGS))
    return found


def _fee_problems(row: dict[str, Any]) -> Problems:
    found: Problems = {}
    _check(found, "TenPhiLePhi", _text(row.get("TenPhiLePhi"), required=True))
    amount = row.get("Gia")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        found["Gia"] = "phải là số tiền (đồng) không âm"
    return found


def _supplement_problems(row: dict[str, Any]) -> Problems:
    found: Problems = {}
    _check(found, "NgayYeuCauBoSung", _moment_problem(row.get("NgayYeuCauBoSung"), required=True))
    _check(found, "NgayTiepNhanBoSung", _moment_problem(row.get("NgayTiepNhanBoSung"), required=False))
    return found


def _result_problems(row: dict[str, Any]) -> Problems:
    found: Problems = {}
    _check(found, "TenGiayTo", _text(row.get("TenGiayTo"), required=True))
    return found


def _identifier_problems(row: dict[str, Any]) -> Problems:
    kind, number = row.get("LoaiDinhDanh"), str(row.get("SoDinhDanh", ""))
    if kind not in (1, 2):
        return {"LoaiDinhDanh": "giá trị không hợp lệ"}
    if not number.isdigit() or len(number) != (12 if kind == 1 else 9):
        return {"SoDinhDanh": "không khớp loại định danh (1: 12 số, 2: 9 số)"}
    return {}


def history_problems(row: Any) -> Problems:
    if not isinstance(row, dict):
        return {"": "phải là đối tượng"}
    found: Problems = {}
    _check(found, "MaHoSo", _text(row.get("MaHoSo"), required=True))
    _check(found, "NoiDungXuLy", _text(row.get("NoiDungXuLy"), required=True))
    _check(found, "TrangThai", _choice(row.get("TrangThai"), STATUSES))
    _check(found, "ThoiDiemXuLy", _moment_problem(row.get("ThoiDiemXuLy"), required=True))
    for name in ("NgayBatDau", "NgayKetThucTheoQuyDinh"):
        _check(found, name, _moment_problem(row.get(name), required=False))
    return found


def problems(body: Any) -> Problems:
    """What is wrong in a call's body (either service), by field path."""
    if not isinstance(body, dict) or body.get("service") not in ("DongBoHoSoMC", "CapNhatTienDoHoSoMC"):
        return {"service": "phải là DongBoHoSoMC hoặc CapNhatTienDoHoSoMC"}
    rows = body.get("data")
    if not isinstance(rows, list) or not rows:
        return {"data": "phải là danh sách không rỗng"}
    found: Problems = {}
    if body["service"] == "DongBoHoSoMC" and body.get("isUpdating") not in ("True", "False"):
        found["isUpdating"] = 'phải là "True" hoặc "False"'
    check = dossier_problems if body["service"] == "DongBoHoSoMC" else history_problems
    for index, row in enumerate(rows):
        for path, problem in check(row).items():
            found[f"data[{index}]{'.' + path if path else ''}"] = problem
    return found


class Store:
    """What the receiver accepted, one row per idempotency key, in a SQLite file shared by its threads."""

    def __init__(self, path: str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS received (key TEXT PRIMARY KEY, service TEXT, code TEXT, "
            "answer TEXT, body TEXT, at REAL, deliveries INTEGER)"
        )
        # history: the processing-history rows applied to the dossier (each call's rows, once per call).
        self.db.execute("CREATE TABLE IF NOT EXISTS dossiers (code TEXT PRIMARY KEY, status INTEGER, history INTEGER)")

    def answer_for(self, key: str) -> str | None:
        row = self.db.execute("SELECT answer FROM received WHERE key = ?", (key,)).fetchone()
        if row is not None:
            self.db.execute("UPDATE received SET deliveries = deliveries + 1 WHERE key = ?", (key,))
        return row[0] if row else None

    def apply(self, key: str, body: dict[str, Any]) -> dict[str, Any]:
        """Apply one call (under the lock, in one transaction) and remember its answer."""
        codes = [str(row.get("MaHoSo", "")) for row in body["data"]]
        known = {code for code in codes if self.db.execute("SELECT 1 FROM dossiers WHERE code = ?", (code,)).fetchone()}
        answer = _apply_answer(body, codes, known)
        self.db.execute("BEGIN")
        if answer["error_code"] == 0:
            for row, code in zip(body["data"], codes, strict=True):
                if body["service"] == "DongBoHoSoMC":
                    self.db.execute(
                        "INSERT INTO dossiers(code, status, history) VALUES (?, ?, 0) "
                        "ON CONFLICT(code) DO UPDATE SET status = excluded.status",
                        (code, row["TrangThaiHoSo"]),
                    )
                else:
                    self.db.execute("UPDATE dossiers SET history = history + 1 WHERE code = ?", (code,))
        self.db.execute(
            "INSERT INTO received(key, service, code, answer, body, at, deliveries) VALUES (?, ?, ?, ?, ?, ?, 1)",
            (key, body["service"], codes[0], json.dumps(answer, ensure_ascii=False), json.dumps(body), time.time()),
        )
        self.db.execute("COMMIT")
        return answer

    def stats(self) -> dict[str, int]:
        received, deliveries, refused = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(deliveries), 0), "
            "COALESCE(SUM(json_extract(answer, '$.error_code') != 0), 0) FROM received"
        ).fetchone()
        (dossiers,) = self.db.execute("SELECT COUNT(*) FROM dossiers").fetchone()
        return {
            "messages": received,
            "deliveries": deliveries,
            "redeliveries": deliveries - received,
            "refused": refused,
            "dossiers": dossiers,
        }

    def keys(self) -> set[str]:
        return {
            key for (key,) in self.db.execute("SELECT key FROM received WHERE json_extract(answer, '$.error_code') = 0")
        }


def _apply_answer(body: dict[str, Any], codes: list[str], known: set[str]) -> dict[str, Any]:
    found = problems(body)
    if found:
        return {"error_code": -1, "message": "Dữ liệu không hợp lệ", "fields": found}
    creating = body["service"] == "DongBoHoSoMC" and body["isUpdating"] == "False"
    if creating and known:
        return {"error_code": 3, "message": f"Hồ sơ đã tồn tại: {', '.join(sorted(known))}"}
    unknown = sorted(set(codes) - known)
    if not creating and unknown:
        return {"error_code": 4, "message": f"Hồ sơ chưa tồn tại: {', '.join(unknown)}"}
    return {"error_code": 0, "message": "Thành công"}


class Receiver:
    """The WSGI application."""

    def __init__(self, store: Store, *, fail: bool = False, delay: float = 0.0) -> None:
        self.store, self.fail, self.delay = store, fail, delay

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        if path == "/_stats":
            return _json(start_response, 200, self.store.stats())
        if path == "/_control" and method == "POST":
            control = json.loads(raw or b"{}")
            self.fail = bool(control.get("fail", self.fail))
            self.delay = float(control.get("delay", self.delay))
            return _json(start_response, 200, {"fail": self.fail, "delay": self.delay})
        if method != "POST":
            return _json(start_response, 405, {"error_code": -1, "message": "Chỉ nhận POST"})
        if self.delay:
            time.sleep(self.delay)
        if self.fail:
            return _json(start_response, 503, {"error_code": -1, "message": "Tạm ngừng phục vụ"})
        return _json(start_response, 200, self.receive(environ.get("HTTP_IDEMPOTENCY_KEY", ""), raw))

    def receive(self, key: str, raw: bytes) -> Any:
        if not key:
            return {"error_code": -1, "message": "Thiếu Idempotency-Key"}
        try:
            body = json.loads(raw)
        except ValueError:
            return {"error_code": -1, "message": "Nội dung không phải JSON"}
        with self.store.lock:
            earlier = self.store.answer_for(key)
            if earlier is not None:
                return json.loads(earlier)
            return self.store.apply(key, body)


def _json(start_response: Callable[..., Any], status: int, body: Any) -> list[bytes]:
    content = json.dumps(body, ensure_ascii=False).encode()
    reasons = {200: "OK", 405: "Method Not Allowed", 503: "Service Unavailable"}
    start_response(
        f"{status} {reasons[status]}", [("Content-Type", "application/json"), ("Content-Length", str(len(content)))]
    )
    return [content]
