"""Facts the demo catalogue adds where the sourced sample (``settings.CATALOGUE_SAMPLE_FILE``) is silent.

Each entry names its basis. Time limits and fees come from the law the procedure rests on;
components of the certification (chứng thực) procedures from Decree 23/2015/NĐ-CP. Where the
basis is "illustrative", the value is a plausible placeholder for the demo, listed as such in
docs/catalogue.md — never present it as the province's published rule.
"""

from __future__ import annotations

from typing import Any

# Local sector codes (the national sector codes of these fields are not in the sample).
SECTOR_CODES: dict[str, str] = {
    "ho tich": "TP-HT",
    "ho tich (lien thong)": "LT-HT",
    "thu tuc hanh chinh lien thong": "LT-HT",
    "chung thuc": "TP-CT",
    "nghia vu quan su": "QP-NVQS",
    "dang ky, quan ly cu tru": "CA-CT",
    "cap, quan ly can cuoc": "CA-CC",
    "bao hiem y te": "BHXH-YT",
    "luu thong hang hoa trong nuoc": "CT-LTHH",
    "thanh lap va hoat dong doanh nghiep": "TC-DN",
    "an toan thuc pham": "CT-ATTP",
    "quan ly gia": "TC-GIA",
    "viec lam": "NV-VL",
    "dat dai": "MT-DD",
    "tai chinh dat dai": "TC-TCDD",
    "chinh sach": "NV-NCC",
    "giao duc va dao tao thuoc he thong giao duc quoc dan": "GD-DT",
    "giao duc trung hoc": "GD-TH",
    "tai nguyen nuoc": "MT-NUOC",
    "phi, le phi": "MT-PHI",
    "hoat dong xay dung": "XD-HDXD",
    "kinh doanh bat dong san": "XD-BDS",
    "nha o va cong so": "XD-NO",
    "tin nguong, ton giao": "NV-TG",
    "thanh lap va hoat dong cua ho kinh doanh": "TC-HKD",
}
SECTOR_NAMES: dict[str, str] = {
    "LT-HT": "Liên thông hộ tịch, cư trú, bảo hiểm y tế",
    "CT-LTHH": "Lưu thông hàng hóa trong nước",
    "TC-DN": "Thành lập và hoạt động doanh nghiệp",
    "CT-ATTP": "An toàn thực phẩm",
}

_CERT = "Nghị định 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký"


def _components(*names: str, kind: str = "original") -> list[dict[str, Any]]:
    return [{"name": name, "copies": 1, "note": "bản chính" if kind == "original" else "bản sao"} for name in names]


SUPPLEMENTS: dict[str, dict[str, Any]] = {
    # Time limits, levels and fees stated by the law (the sample lacks them).
    "1.004859": {
        "level": "Cấp xã",
        "processing_time": {"value": 3, "unit": "ngày làm việc"},
        "components": _components(
            "Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch theo mẫu",
            "Giấy tờ liên quan làm căn cứ cho việc thay đổi, cải chính, bổ sung",
        ),
        "result": "Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "basis": "Luật Hộ tịch 2014, Điều 28 (03 ngày làm việc)",
    },
    "2.000635": {
        "level": "Cấp xã",
        "processing_time": {"value": None, "unit": "ngay trong ngày"},
        "components": _components("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu"),
        "result": "Bản sao trích lục hộ tịch, bản sao Giấy khai sinh",
        "basis": "Nghị định 123/2015/NĐ-CP, Điều 64 (trả ngay trong ngày)",
    },
    "1.004194": {
        "level": "Cấp xã",
        "processing_time": {"value": 3, "unit": "ngày làm việc"},
        "components_extra": _components("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)"),
        "fees": [
            {
                "name": "Lệ phí đăng ký tạm trú",
                "amount_vnd": None,
                "note": "Theo Thông tư 75/2022/TT-BTC và nghị quyết HĐND tỉnh.",
            }
        ],
        "result": "Thông báo kết quả giải quyết thủ tục đăng ký tạm trú",
        "basis": "Luật Cư trú 2020, Điều 27 (03 ngày làm việc)",
    },
    "2.001583": {
        "level": "Cấp tỉnh",
        "sector": "Thành lập và hoạt động doanh nghiệp",
        "processing_time": {"value": 3, "unit": "ngày làm việc"},
        "components": _components(
            "Giấy đề nghị đăng ký doanh nghiệp", "Điều lệ công ty", "Bản sao giấy tờ pháp lý của chủ sở hữu"
        ),
        "fees": [
            {
                "name": "Lệ phí đăng ký doanh nghiệp",
                "amount_vnd": 50000,
                "channels": [],
                "online_reduction_percent": 100,
                "note": "Miễn lệ phí khi đăng ký qua mạng điện tử (Thông tư 47/2019/TT-BTC).",
            }
        ],
        "result": "Giấy chứng nhận đăng ký doanh nghiệp",
        "basis": "Luật Doanh nghiệp 2020, Điều 26 (03 ngày làm việc)",
    },
    "2.001199": {
        "level": "Cấp tỉnh",
        "sector": "Thành lập và hoạt động doanh nghiệp",
        "processing_time": {"value": 3, "unit": "ngày làm việc"},
        "components": _components(
            "Giấy đề nghị đăng ký doanh nghiệp",
            "Điều lệ công ty",
            "Danh sách thành viên",
            "Bản sao giấy tờ pháp lý của các thành viên",
        ),
        "fees": [
            {
                "name": "Lệ phí đăng ký doanh nghiệp",
                "amount_vnd": 50000,
                "channels": [],
                "online_reduction_percent": 100,
                "note": "Miễn lệ phí khi đăng ký qua mạng điện tử (Thông tư 47/2019/TT-BTC).",
            }
        ],
        "result": "Giấy chứng nhận đăng ký doanh nghiệp",
        "basis": "Luật Doanh nghiệp 2020, Điều 26 (03 ngày làm việc)",
    },
    "2.000620": {"sector": "Lưu thông hàng hóa trong nước"},
    # Components of the certification procedures (Decree 23/2015, Art. 20, 24, 31, 36).
    "2.000908": {
        "components": _components(
            "Giấy tờ tùy thân của người yêu cầu (xuất trình)",
            "Giấy tờ chứng minh quan hệ với người được cấp bản chính (nếu có)",
        )
    },
    "2.000815": {
        "components": _components(
            "Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao",
            "Bản sao cần chứng thực (nếu người yêu cầu tự chuẩn bị)",
        )
    },
    "2.000884": {
        "components": _components(
            "Giấy tờ tùy thân còn giá trị sử dụng (xuất trình)", "Giấy tờ, văn bản cần chứng thực chữ ký"
        )
    },
    "2.000992": {"components": _components("Bản dịch đính kèm giấy tờ, văn bản cần dịch")},
    "2.001008": {
        "components": _components(
            "Giấy tờ tùy thân của người dịch (xuất trình)",
            "Bản sao bằng cấp, chứng chỉ ngoại ngữ của người dịch",
            "Bản dịch đính kèm giấy tờ, văn bản cần dịch",
        )
    },
    "2.001035": {
        "components": _components(
            "Dự thảo hợp đồng, giao dịch",
            "Bản sao giấy tờ tùy thân của người yêu cầu chứng thực",
            "Bản sao giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản",
        )
    },
    "2.001019": {
        "components": _components(
            "Dự thảo di chúc",
            "Bản sao giấy tờ tùy thân của người lập di chúc",
            "Bản sao giấy tờ chứng minh quyền sở hữu tài sản (nếu có)",
        )
    },
    "2.001016": {
        "components": _components(
            "Dự thảo văn bản từ chối nhận di sản",
            "Bản sao giấy tờ tùy thân của người từ chối",
            "Bản sao giấy chứng tử của người để lại di sản",
        )
    },
    "2.001406": {
        "components": _components(
            "Dự thảo văn bản thỏa thuận phân chia di sản",
            "Bản sao giấy chứng tử của người để lại di sản",
            "Bản sao giấy tờ chứng minh quyền sở hữu, quyền sử dụng di sản",
            "Giấy tờ chứng minh quan hệ giữa người để lại di sản và người nhận",
        )
    },
    "2.000913": {
        "components": _components(
            "Dự thảo hợp đồng, giao dịch sửa đổi, bổ sung, hủy bỏ", "Hợp đồng, giao dịch đã được chứng thực"
        )
    },
    "2.000927": {"components": _components("Hợp đồng, giao dịch đã được chứng thực có lỗi sai sót")},
    "2.000942": {"components": _components("Giấy tờ tùy thân của người yêu cầu (xuất trình)")},
}
for _code in (
    "2.000908",
    "2.000815",
    "2.000884",
    "2.000992",
    "2.001008",
    "2.001035",
    "2.001019",
    "2.001016",
    "2.001406",
    "2.000913",
    "2.000927",
    "2.000942",
):
    SUPPLEMENTS[_code]["basis"] = _CERT

# Illustrative: a request form, where the sample lists no components at all.
ILLUSTRATIVE_FORM = {
    "name": "Đơn (văn bản) đề nghị theo mẫu",
    "copies": 1,
    "note": "minh hoạ: danh mục mẫu chưa nêu thành phần hồ sơ",
}

# Steps running side by side in the interconnected birth/residence/health-insurance procedure.
PARALLEL_STEPS: dict[str, tuple[str, ...]] = {"3.000722": ("thường trú", "BHYT", "căn cước")}

# Interconnected group (nhóm TTHC liên thông) of the demo.
GROUPS = [
    {
        "code": "LT-KS-TT-BHYT",
        "name": "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        "description": "Một lần nộp hồ sơ; Trung tâm chuyển hồ sơ liên thông đến UBND xã, Công an xã và cơ quan BHXH.",
        "legal_basis": "Nghị định 63/2024/NĐ-CP",
        "procedures": ["1.001193", "1.004222", "1.014137"],
    }
]
