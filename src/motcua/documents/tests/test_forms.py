"""Forms render as PDF with correct Vietnamese text (checked with poppler's pdftotext)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from motcua.documents.forms import FormNotAvailable, available_forms, render_dossier_form
from motcua.documents.register import register_pdf, register_xlsx
from motcua.dossiers import services
from motcua.dossiers.services import ComponentData
from motcua.dossiers.tests.helpers import pdf, receive, received_form, to_processing
from motcua.workdays.constants import VIETNAM_TZ

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)  # noqa: S607
    return " ".join(done.stdout.decode("utf-8").split())


def test_form_01_receipt_has_title_code_name_and_due(world):
    dossier = receive(world)
    text = pdf_text(render_dossier_form("01", dossier))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert dossier.code in text
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "Cấp phiếu lý lịch tư pháp cho công dân" in text
    assert "09:00 05/03/2026" in text  # due moment
    assert "3 ngày làm việc" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_form_02_lists_every_item_and_form_03_the_reason(world):
    asked = receive(world, decision="request_supplement", supplement_items=["Bản sao CCCD", "Tờ khai có chữ ký"])
    text = pdf_text(render_dossier_form("02", asked))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Bản sao CCCD" in text and "Tờ khai có chữ ký" in text
    refused = receive(world, decision="refuse", reason="Thủ tục không thuộc thẩm quyền của tỉnh")
    text = pdf_text(render_dossier_form("03", refused))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Thủ tục không thuộc thẩm quyền của tỉnh" in text


def test_form_04_extension_and_05_stop_and_06_control_sheet(world):
    dossier = to_processing(world)
    new_due = datetime(2026, 3, 10, 16, 0, tzinfo=VIETNAM_TZ)
    dossier = services.extend(dossier, actor=world.specialist, new_due_at=new_due, reason="Cần xác minh thêm")
    text = pdf_text(render_dossier_form("04", dossier))
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "16:00 10/03/2026" in text and "Cần xác minh thêm" in text
    text = pdf_text(render_dossier_form("06", dossier))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Tiếp nhận" in text
    dossier = services.stop(dossier, actor=world.officer, reason="Công dân đề nghị dừng giải quyết")
    text = pdf_text(render_dossier_form("05", dossier))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Công dân đề nghị dừng giải quyết" in text


def test_forms_not_issued_are_refused(world):
    dossier = receive(world)
    assert available_forms(dossier) == ["01", "06"]
    with pytest.raises(FormNotAvailable):
        render_dossier_form("03", dossier)
    with pytest.raises(FormNotAvailable):
        render_dossier_form("99", dossier)


def test_register_form_07_pdf_and_xlsx(world):
    first = receive(world)
    second = receive(world, applicant=first.applicant)
    text = pdf_text(register_pdf(world.centre, date(2026, 3, 1), date(2026, 3, 31)))
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert first.code in text and second.code in text
    book = load_workbook(io.BytesIO(register_xlsx(world.centre, date(2026, 3, 1), date(2026, 3, 31))))
    values = [row[1] for row in book.active.iter_rows(min_row=5, values_only=True)]
    assert values == [first.code, second.code]


def test_form_05_is_issued_on_a_withdrawal_request_too(world):
    dossier = to_processing(world)
    assert "05" not in available_forms(dossier)
    dossier = services.withdraw_request(dossier, actor=world.officer, reason="Công dân xin rút hồ sơ")
    assert "05" in available_forms(dossier)
    text = pdf_text(render_dossier_form("05", dossier))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Công dân xin rút hồ sơ" in text and "09:00 02/03/2026" in text  # the moment of the request


def test_form_01_shows_the_chosen_result_delivery(world):
    text = pdf_text(render_dossier_form("01", receive(world, result_delivery="postal", delivery_address="Thôn 3")))
    assert "bưu chính công ích tại địa chỉ: Thôn 3" in text
    text = pdf_text(render_dossier_form("01", receive(world)))
    assert "Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công tỉnh" in text


def test_forms_are_dated_in_the_administrative_style(world):
    """Decree 30/2020: "Thanh Hóa, ngày 02 tháng 3 năm 2026", never "ngày 02/03/2026"."""
    text = pdf_text(render_dossier_form("01", receive(world)))
    assert "ngày 02 tháng 3 năm 2026" in text
    assert "ngày 02/03/2026" not in text
    text = pdf_text(register_pdf(world.centre, date(2026, 3, 1), date(2026, 3, 31)))
    assert "ngày 02 tháng 3 năm 2026" in text
    # A moment inside the text is introduced as one ("Vào lúc 09:00 02/03/2026"), not as "Ngày 09:00 …".
    asked = receive(world, decision="request_supplement", supplement_items=["Bản sao CCCD"])
    text = pdf_text(render_dossier_form("02", asked))
    assert "Vào lúc 09:00 02/03/2026" in text and "Ngày 09:00" not in text


COMPONENT_NAMES = [
    "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)",
    "Bản chụp Căn cước công dân hoặc Hộ chiếu còn giá trị sử dụng",
    "Bản chụp giấy xác nhận thông tin về cư trú",
    "Văn bản ủy quyền có công chứng, chứng thực (trường hợp ủy quyền)",
    "Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí",
    "Bản sao Giấy khai sinh",
]


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)  # noqa: S607
    return [" ".join(page.split()) for page in done.stdout.decode("utf-8").split("\f")]


def page_of(pages: list[str], words: str) -> int:
    return next(number for number, text in enumerate(pages, start=1) if words in text)


@pytest.mark.parametrize("count", [3, 4, 5, 6])
def test_form_01_signature_block_stays_with_the_lines_before_it(world, count):
    """With a few components the receipt runs onto a second A5 page: the signatures never go alone."""
    form = received_form(world.procedure)[0]  # acceptance needs the mandatory form: it is the first line
    components = [
        ComponentData(
            name=COMPONENT_NAMES[i],
            component_id=form.component_id if i == 0 else None,
            page_count=2,
            files=[pdf(f"tp-{i}.pdf")],
        )
        for i in range(count)
    ]
    dossier = receive(world, components=components)
    pages = pdf_pages(render_dossier_form("01", dossier))
    signatures = page_of(pages, "NGƯỜI TIẾP NHẬN HỒ SƠ")
    assert page_of(pages, "NGƯỜI NỘP HỒ SƠ") == signatures
    assert page_of(pages, "Đăng ký nhận kết quả tại") == signatures
    assert page_of(pages, "Thời gian trả kết quả giải quyết hồ sơ") == signatures
    last_component = " ".join(COMPONENT_NAMES[count - 1].split()[:4])  # long names wrap in the table
    assert page_of(pages, last_component) <= signatures
