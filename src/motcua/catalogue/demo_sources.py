"""What the demo catalogue takes from the sample's own records, and how it keeps them about Phú Thọ.

``SOURCE_BASIS`` is the legal basis (căn cứ pháp lý) the sample's records cite for a procedure
(in a component's form reference, a fee note or ``source_note``) where ``demo_supplements`` has
none. A procedure in neither shows "Chưa có thông tin căn cứ pháp lý trong nguồn dữ liệu".

The sample's rows come from decisions of other provinces (Hà Tĩnh, Bắc Ninh, Nghệ An, …): the demo
province is Phú Thọ, so ``localise`` takes those provinces' names out of every text it shows.
"""

from __future__ import annotations

import re

# Codes → legal basis as the sample's records cite it (one line per text cited).
SOURCE_BASIS: dict[str, str] = {
    "1.001193": "Luật Hộ tịch 2014 (Điều 11: miễn lệ phí đăng ký khai sinh đúng hạn)",
    "3.000722": (
        "Nghị định 301/2026/NĐ-CP (Mẫu số 01: tờ khai điện tử)\n"
        "Nghị định 118/2025/NĐ-CP, sửa đổi bởi Nghị định 367/2025/NĐ-CP (số hóa giấy tờ)"
    ),
    "2.000986": ("Nghị định 63/2024/NĐ-CP (liên thông điện tử; Mẫu số 01)\nNghị định 107/2021/NĐ-CP (số hóa giấy tờ)"),
    "1.000894": "Luật Hộ tịch 2014 (Điều 11, Điều 18)\nNghị quyết 66.7/2025/NQ-CP",
    "2.000806": "Nghị định 120/2025/NĐ-CP (thẩm quyền của UBND cấp xã)\nNghị quyết 66.7/2025/NQ-CP",
    "1.000656": "Luật Hộ tịch 2014 (Điều 11, Điều 32)\nNghị quyết 66.7/2025/NQ-CP",
    "1.004873": "Nghị định 123/2015/NĐ-CP (đã sửa đổi, bổ sung)\nNghị quyết 66.7/2025/NQ-CP",
    "1.013133": "Nghị định 220/2025/NĐ-CP",
    "1.116410": "Thông tư 118/2026/TT-BCA (Mẫu CC01)",
    "1.014137": "Nghị định 188/2025/NĐ-CP (Mẫu số 2, Mẫu số 3)\nNghị định 63/2024/NĐ-CP (trẻ em dưới 6 tuổi)",
    "2.000620": "Nghị định 105/2017/NĐ-CP (Mẫu số 01)\nNghị quyết 66.7/2025/NQ-CP",
    "1.012796": "Nghị định 151/2025/NĐ-CP (Mẫu số 18)\nNghị quyết 66.7/2025/NQ-CP",
    "1.012768": "Nghị định 101/2024/NĐ-CP (Mẫu số 11/ĐK)\nNghị quyết 66.7/2025/NQ-CP",
    "1.004223": "Nghị định 136/2025/NĐ-CP\nThông tư 14/2025/TT-BNNMT",
    "1.001662": "Nghị định 131/2025/NĐ-CP, Điều 23\nThông tư 14/2025/TT-BNNMT, Điều 6",
    "1.012644": "Nghị định 95/2023/NĐ-CP (Mẫu B12)",
}

# The 34 provinces and centrally run cities after the 2025 reorganisation, except the demo's own.
OTHER_PROVINCES = (
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Bắc Ninh",
    "Hưng Yên",
    "Hải Phòng",
    "Ninh Bình",
    "Quảng Trị",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Hồ Chí Minh",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
)
_NAMES = "|".join(re.escape(name) for name in OTHER_PROVINCES)
_IN_BRACKETS = re.compile(rf"\s*\([^()]*\b(?:{_NAMES})\b[^()]*\)")
_WITH_KIND = re.compile(rf"\b(?:tỉnh|thành phố|TP\.?)\s+(?:{_NAMES})\b", re.IGNORECASE)
_CITY_PEOPLES_COMMITTEE = re.compile(r"\b(UBND|Ủy ban nhân dân|Văn phòng UBND) thành phố\b")
_BARE = re.compile(rf"\b(?:{_NAMES})\b(?:\s+\d+)?")


def localise(text: str | None) -> str:
    """The text without other provinces' names, so that it reads as the demo province's.

    "(Đồng Nai 2770)" goes; "UBND tỉnh Bắc Ninh" becomes "UBND tỉnh"; the provincial-level
    "UBND thành phố" (Hà Nội's) becomes "UBND tỉnh"; any other mention becomes "tỉnh khác".
    """
    if not text:
        return ""
    text = _IN_BRACKETS.sub("", text)
    text = _WITH_KIND.sub("tỉnh", text)
    text = _CITY_PEOPLES_COMMITTEE.sub(r"\1 tỉnh", text)
    return _BARE.sub("tỉnh khác", text)


def names_other_province(text: str) -> bool:
    return bool(_BARE.search(text or ""))
