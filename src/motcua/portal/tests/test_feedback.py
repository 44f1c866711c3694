"""The citizen's feedback pages: send with a photo, get the code, follow with code and phone, rate, read answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.catalogue.tests.factories import make_procedure
from motcua.feedback import services
from motcua.feedback.constants import Status
from motcua.feedback.models import FeedbackItem
from motcua.feedback.tests.conftest import Province, build_province

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def province(db: Any) -> Province:
    return build_province()


def _form(**overrides: Any) -> dict[str, Any]:
    values = {
        "category": "giao-thong-ha-tang",
        "title": "Ổ gà lớn trên đường Lê Lợi",
        "content": "Đoạn trước số 12 Lê Lợi có ổ gà sâu, đề nghị sửa sớm.",
        "unit": "14800",
        "address": "12 Lê Lợi",
        "latitude": "19.807600",
        "longitude": "105.776800",
        "name": "Nguyễn Văn An",
        "phone": "0912345678",
    }
    values.update(overrides)
    return values


def _answer(item: FeedbackItem, province: Province) -> None:
    services.accept(item, actor=province.head, handler=province.specialist)
    services.submit_answer(item, actor=province.specialist, answer="Đơn vị duy tu đã vá ổ gà ngày 05/3.")
    services.approve(item, actor=province.leader)


def test_send_with_a_photo_follow_and_rate(province: Province, client: Client) -> None:
    photo = SimpleUploadedFile("o-ga.png", PNG, content_type="image/png")
    response = client.post("/phan-anh/gui/", {**_form(), "photos": [photo]})
    assert response.status_code == 302 and response["Location"] == "/phan-anh/da-gui/"
    item = FeedbackItem.objects.get()
    assert item.attachments.count() == 1 and item.latitude is not None
    sent = client.get("/phan-anh/da-gui/")
    assert item.code in sent.content.decode()

    _answer(item, province)
    other = Client()
    assert other.get(f"/phan-anh/theo-doi/{item.code}/").status_code == 302  # not proven yet
    wrong = other.post("/phan-anh/tra-cuu/", {"code": item.code, "phone": "0900000000"})
    assert wrong.status_code == 200 and "Không tìm thấy" in wrong.content.decode()
    followed = other.post("/phan-anh/tra-cuu/", {"code": item.code.lower(), "phone": "0912 345 678"})
    assert followed.status_code == 302
    page = other.get(f"/phan-anh/theo-doi/{item.code}/").content.decode()
    assert "Đơn vị duy tu đã vá" in page and "Đánh giá câu trả lời" in page
    rated = other.post(f"/phan-anh/theo-doi/{item.code}/", {"do": "rate", "satisfied": "1", "comment": "Cảm ơn"})
    assert rated.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.CLOSED and item.satisfied is True


def test_bad_input_is_shown_next_to_its_field(province: Province, client: Client) -> None:
    fake = SimpleUploadedFile("anh.png", b"MZ not a picture", content_type="image/png")
    response = client.post("/phan-anh/gui/", {**_form(title="", phone="12", latitude="abc"), "photos": [fake]})
    assert response.status_code == 200
    assert FeedbackItem.objects.count() == 0
    anonymous = client.post("/phan-anh/gui/", _form(category="khac", anonymous="on", name="", phone=""))
    assert "không nhận phản ánh ẩn danh" in anonymous.content.decode()
    fake_again = SimpleUploadedFile("anh.png", b"MZ not a picture", content_type="image/png")
    bad_file = client.post("/phan-anh/gui/", {**_form(), "photos": [fake_again]})
    assert "không đúng định dạng" in bad_file.content.decode()


def test_public_answers_show_published_texts_only(province: Province, client: Client) -> None:
    client.post("/phan-anh/gui/", _form())
    item = FeedbackItem.objects.get()
    _answer(item, province)
    assert item.code not in client.get("/phan-anh/").content.decode()
    assert client.get(f"/phan-anh/cong-khai/{item.code}/").status_code == 404
    services.publish(
        item, actor=province.coordinator, question="Ổ gà trên đường Lê Lợi?", answer="Đã vá ổ gà ngày 05/3."
    )
    listing = client.get("/phan-anh/?q=o+ga").content.decode()
    assert item.code in listing and "0912345678" not in listing and "Nguyễn Văn An" not in listing
    detail = client.get(f"/phan-anh/cong-khai/{item.code}/").content.decode()
    assert "Đã vá ổ gà" in detail and "0912345678" not in detail


def test_the_feedback_pages_in_english(province: Province, client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/phan-anh/gui/"})
    html = client.get("/phan-anh/gui/").content.decode()
    assert "Send a report or suggestion" in html and "Photos and files" in html and "Send anonymously" in html
    assert "Gửi phản ánh, kiến nghị" not in html
    assert "Follow a report or suggestion" in client.get("/phan-anh/tra-cuu/").content.decode()


def test_an_item_about_a_procedures_rules_names_the_procedure_and_an_agency(province: Province, client: Client) -> None:
    procedure = make_procedure("Đăng ký khai sinh", code="1.001193")
    page = client.get("/phan-anh/gui/?thu-tuc=1.001193").content.decode()
    assert 'value="1.001193"' in page and province.department.name in page
    form = _form(category="quy-dinh-hanh-chinh", procedure="1.001193", agency=str(province.department.pk))
    assert client.post("/phan-anh/gui/", form).status_code == 302
    item = FeedbackItem.objects.get()
    assert (item.procedure, item.mentioned_agency) == (procedure, province.department)
    unknown = client.post("/phan-anh/gui/", _form(procedure="9.999999"))
    assert unknown.status_code == 200 and "Không tìm thấy thủ tục" in unknown.content.decode()
