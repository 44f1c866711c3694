"""The citizen's dossier pages across the engine's lifecycle: accepted, supplement, withdrawn, returned, rated."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Rating
from motcua.portal.tests.conftest import make_citizen, pdf, submitted_dossier
from motcua.signatures.selectors import signed_tokens

pytestmark = pytest.mark.django_db


def _detail(client, dossier):
    return client.get(reverse("portal:dossier_detail", args=[dossier.reference])).content.decode()


def test_list_shows_own_dossiers_with_plain_status(citizen_client, citizen, world):
    dossier = submitted_dossier(world, citizen)
    other = submitted_dossier(world, make_citizen("0987000111", "025195000456"))
    page = citizen_client.get(reverse("portal:my_dossiers")).content.decode()
    assert dossier.code in page and "Mới đăng ký" in page and "đang chờ cán bộ" in page
    assert other.code not in page


def test_accepted_dossier_shows_due_moment_and_current_step(citizen_client, citizen, world):
    dossier = submitted_dossier(world, citizen)
    services.accept(dossier, actor=world.officer)
    page = _detail(citizen_client, dossier)
    dossier.refresh_from_db()
    assert "Được tiếp nhận" in page and "Hẹn trả kết quả" in page
    assert dossier.due_at is not None
    local = timezone.localtime(dossier.due_at)
    assert f"{local:%H:%M} ngày {local:%d/%m/%Y}" in page
    # History without officials' names.
    assert "Tiếp nhận hồ sơ" in page and world.officer.full_name not in page


def test_supplement_request_is_answered_online(citizen_client, citizen, world):
    dossier = submitted_dossier(world, citizen)
    services.request_supplement_at_intake(dossier, actor=world.officer, items=["Bản sao CCCD", "Ảnh 4x6"])
    page = _detail(citizen_client, dossier)
    assert "Cần bổ sung" in page and "Bản sao CCCD" in page and "Ảnh 4x6" in page
    url = reverse("portal:dossier_supplement", args=[dossier.reference])
    bad = citizen_client.post(url, {"supp_0": pdf("cccd.docx")})
    assert bad.status_code == 400 and "cccd.docx" in bad.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    empty = citizen_client.post(url, {}, follow=True)
    assert "chọn tệp cho ít nhất một" in empty.content.decode()
    # One of the two items: refused, naming what is still missing (a partial supplement is never complete).
    partial = citizen_client.post(url, {"supp_0": pdf("cccd.pdf"), "note": "Đã bổ sung"}, follow=True)
    assert "Còn thiếu: “Ảnh 4x6”" in partial.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    good = citizen_client.post(url, {"supp_0": pdf("cccd.pdf"), "supp_1": pdf("anh.pdf"), "note": "Đã bổ sung"})
    assert good.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    assert dossier.files.filter(name="cccd.pdf").exists()


def test_withdraw_needs_confirmation(citizen_client, citizen, world):
    dossier = submitted_dossier(world, citizen)
    url = reverse("portal:dossier_withdraw", args=[dossier.reference])
    response = citizen_client.post(url, {"reason": "Nộp nhầm"})
    assert response.status_code == 400 and "xác nhận" in response.content.decode()
    citizen_client.post(url, {"reason": "Nộp nhầm", "confirm": "on"})
    dossier.refresh_from_db()
    assert dossier.status == Status.WITHDRAWN


def _returned(world, citizen):
    dossier = submitted_dossier(world, citizen)
    services.accept(dossier, actor=world.officer)
    services.assign(dossier, actor=world.head, handler=world.specialist)
    services.forward(dossier, actor=world.specialist, note="Đủ điều kiện")
    services.approve(dossier, actor=world.leader)
    services.attach_result(dossier, actor=world.leader, result_files=[pdf("ket-qua.pdf")])
    return services.return_result(dossier, actor=world.officer, method="counter")


def test_result_can_be_downloaded_and_rated_once(citizen_client, citizen, world):
    dossier = _returned(world, citizen)
    page = _detail(citizen_client, dossier)
    assert "Đã trả kết quả" in page and "ket-qua.pdf" in page and "Đánh giá mức độ hài lòng" in page
    result = dossier.files.get(name="ket-qua.pdf")
    download = citizen_client.get(reverse("portal:dossier_file", args=[dossier.reference, result.pk]))
    assert download.status_code == 200
    url = reverse("portal:dossier_rate", args=[dossier.reference])
    assert "Chọn mức độ hài lòng" in citizen_client.post(url, {}).content.decode()
    citizen_client.post(
        url, {"satisfaction": "very_satisfied", "criterion_staff_attitude": "satisfied", "comment": "Nhanh"}
    )
    rating = Rating.objects.get(dossier=dossier)
    assert rating.satisfaction == "very_satisfied" and rating.criteria == {"staff_attitude": "satisfied"}
    page = _detail(citizen_client, dossier)
    assert "Đánh giá của bạn" in page and "Thái độ của cán bộ" in page
    again = citizen_client.post(url, {"satisfaction": "not_satisfied"})
    assert again.status_code == 400
    assert Rating.objects.get(dossier=dossier).satisfaction == "very_satisfied"


def test_working_papers_are_not_downloadable(citizen_client, citizen, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from motcua.dossiers.models import DossierFile, FilePurpose

    dossier = submitted_dossier(world, citizen)
    internal = DossierFile.objects.create(
        dossier=dossier,
        purpose=FilePurpose.WORKING,
        file=SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4"),
        name="to-trinh.pdf",
        uploaded_at=dossier.created_at,
    )
    response = citizen_client.get(reverse("portal:dossier_file", args=[dossier.reference, internal.pk]))
    assert response.status_code == 404


@pytest.fixture
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_tracking_without_account(client, citizen, world, fresh_cache):
    dossier = submitted_dossier(world, citizen)
    url = reverse("portal:track")
    assert dossier.code in client.get(url + f"?ma={dossier.code}").content.decode()
    assert dossier.code in client.get(f"/tra-cuu/?ma={dossier.code}").content.decode()
    found = client.post(url, {"code": dossier.code.lower(), "contact": "+84 912 345 678"}).content.decode()
    assert "Mới đăng ký" in found and "Nộp hồ sơ trực tuyến" in found
    by_id = client.post(url, {"code": dossier.code, "contact": "025195000123"}).content.decode()
    assert "Mới đăng ký" in by_id
    wrong = client.post(url, {"code": dossier.code, "contact": "0999999999"}).content.decode()
    assert "Không tìm thấy hồ sơ" in wrong and "Mới đăng ký" not in wrong
    invalid = client.post(url, {"code": dossier.code, "contact": "12ab"}).content.decode()
    assert "10 chữ số" in invalid


def test_tracking_is_rate_limited_per_ip(client, citizen, world, settings, fresh_cache):
    settings.PORTAL_TRACKING_LIMIT = 3
    dossier = submitted_dossier(world, citizen)
    url = reverse("portal:track")
    statuses = [client.post(url, {"code": dossier.code, "contact": "0912345678"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other_ip = client.post(url, {"code": dossier.code, "contact": "0912345678"}, REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 200


def test_forms_issued_to_the_applicant_can_be_downloaded(citizen_client, citizen, world):
    dossier = submitted_dossier(world, citizen)
    form_01 = reverse("portal:dossier_form", args=[dossier.reference, "01"])
    assert citizen_client.get(form_01).status_code == 404  # not accepted yet: no receipt form
    services.accept(dossier, actor=world.officer)
    page = _detail(citizen_client, dossier)
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in page and form_01 in page
    response = citizen_client.get(form_01)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    # The control sheet (06) names the officials: it is not offered to the applicant.
    assert citizen_client.get(reverse("portal:dossier_form", args=[dossier.reference, "06"])).status_code == 404


def test_supplement_after_appraisal_restarts_the_clock(citizen_client, citizen, world, frozen):
    dossier = submitted_dossier(world, citizen)
    services.accept(dossier, actor=world.officer)
    services.assign(dossier, actor=world.head, handler=world.specialist)
    services.request_supplement(dossier, actor=world.specialist, items=["Giấy xác nhận cư trú"])
    dossier.refresh_from_db()
    first_due = dossier.due_at
    frozen.shift(timedelta(days=1))
    response = citizen_client.post(
        reverse("portal:dossier_supplement", args=[dossier.reference]), {"supp_0": pdf("cu-tru.pdf")}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert dossier.due_at > first_due  # the time limit counts again from the complete dossier
    assert "Nộp hồ sơ bổ sung" in _detail(citizen_client, dossier)


def _refused(world, citizen, reason="Không đủ điều kiện cấp phiếu theo quy định"):
    dossier = submitted_dossier(world, citizen)
    services.accept(dossier, actor=world.officer)
    services.assign(dossier, actor=world.head, handler=world.specialist)
    return services.refuse(dossier, actor=world.leader, reason=reason)


def test_refused_dossier_reads_as_a_refusal_with_reason_and_notice(citizen_client, citizen, world):
    dossier = _refused(world, citizen)
    page = _detail(citizen_client, dossier)
    assert "Từ chối giải quyết" in page and "Không đủ điều kiện cấp phiếu theo quy định" in page
    assert "Lý do từ chối giải quyết" in page and "Tải văn bản từ chối giải quyết" in page
    for words in ("Đã có kết quả", "nhận kết quả theo", "Đã xử lý xong"):
        assert words not in page
    notice = dossier.files.get(purpose="result")
    download = citizen_client.get(reverse("portal:dossier_file", args=[dossier.reference, notice.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    listing = citizen_client.get(reverse("portal:my_dossiers")).content.decode()
    assert "Từ chối giải quyết" in listing and "Đã có kết quả" not in listing


def test_public_lookup_of_a_refused_dossier_gives_the_refusal_and_its_reason(client, citizen, world, fresh_cache):
    dossier = _refused(world, citizen)
    found = client.post(reverse("portal:track"), {"code": dossier.code, "contact": "0912345678"}).content.decode()
    assert "Từ chối giải quyết" in found and "Không đủ điều kiện cấp phiếu theo quy định" in found
    assert "Đã có kết quả" not in found and "Đã xử lý xong" not in found


def test_rated_dossier_shows_the_rating_instead_of_the_invitation(citizen_client, citizen, world):
    dossier = _returned(world, citizen)
    page = _detail(citizen_client, dossier)
    assert "Bạn có thể đánh giá mức độ hài lòng" in page and 'id="danh-gia"' in page
    services.rate_dossier(dossier, actor=citizen, satisfaction="satisfied", comment="Cán bộ nhiệt tình")
    page = _detail(citizen_client, dossier)
    assert "Bạn có thể đánh giá" not in page and 'id="danh-gia"' not in page and "Gửi đánh giá" not in page
    assert "Đánh giá của bạn" in page and "Hài lòng" in page and "Cán bộ nhiệt tình" in page


def test_a_signed_result_links_to_its_verification_page(citizen_client, citizen, world, give_key):
    give_key(agency=world.department)
    dossier = _refused(world, citizen)
    page = _detail(citizen_client, dossier)
    assert "bản điện tử có chữ ký số" in page
    notice = dossier.files.get(purpose="result")
    token = signed_tokens(dossier.code)[notice.name]
    assert reverse("portal:signature_document", args=[token]) in page
