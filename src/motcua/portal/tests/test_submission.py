"""Online submission through the portal pages, with the dossier engine and the sandbox gateway."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from motcua.accounts.models import Applicant
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier, DossierFile, FilePurpose
from motcua.portal.tests.conftest import make_citizen, pdf, png

pytestmark = pytest.mark.django_db


def _start(client, world, **overrides):
    data = {
        "full_name": "Nguyễn Thị Lan",
        "id_number": "025195000123",
        "phone": "0912345678",
        "email": "lan@example.vn",
        "address": "Số 1 Hùng Vương, phường Việt Trì",
        "summary": "Cấp phiếu lý lịch tư pháp số 1",
        "agency": world.centre.pk,
    }
    data.update(overrides)
    return client.post(reverse("portal:submission_start", args=[world.procedure.code]), data)


def _draft(client, world) -> Dossier:
    response = _start(client, world)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Dossier.objects.get(status=Status.DRAFT)


def _component(dossier):
    return dossier.components.get()


def _upload(client, dossier, files, **data):
    payload = {f"file_{_component(dossier).pk}": files, "action": "save", **data}
    return client.post(reverse("portal:draft", args=[dossier.reference]), payload)


def _pay_in_sandbox(client, dossier, outcome="succeeded"):
    to_gateway = client.post(reverse("portal:draft_pay", args=[dossier.reference]))
    assert to_gateway.status_code == 302
    params = {k: v[0] for k, v in parse_qs(urlsplit(to_gateway.url).query).items()}
    back = client.post(reverse("sandbox_payments:checkout"), {**params, "outcome": outcome})
    return client.get(back.url)


def test_start_is_prefilled_from_the_profile(citizen_client, world):
    page = citizen_client.get(reverse("portal:submission_start", args=[world.procedure.code])).content.decode()
    assert 'value="025195000123"' in page and 'value="Nguyễn Thị Lan"' in page


def test_start_needs_an_account(client, world):
    response = client.get(reverse("portal:submission_start", args=[world.procedure.code]))
    assert response.status_code == 302 and response.url.startswith(reverse("portal:login"))


def test_start_creates_a_draft_with_the_checklist_and_updates_the_profile(citizen_client, world, citizen):
    dossier = _draft(citizen_client, world)
    assert dossier.receiving_agency == world.centre and dossier.code is None
    assert dossier.summary == "Cấp phiếu lý lịch tư pháp số 1"
    assert [c.name for c in dossier.components.all()] == ["Tờ khai"]
    assert Applicant.objects.get(user=citizen).address == "Số 1 Hùng Vương, phường Việt Trì"


def test_start_validates_the_eform(citizen_client, world):
    response = _start(citizen_client, world, id_number="123", phone="12")
    body = response.content.decode()
    assert response.status_code == 200 and "12 chữ số" in body and "Số điện thoại" in body
    assert not Dossier.objects.exists()


def test_valid_upload_is_attached_and_the_draft_saved(citizen_client, world):
    dossier = _draft(citizen_client, world)
    response = _upload(citizen_client, dossier, [pdf(), png()], delivery_method="counter")
    assert response.status_code == 302
    assert sorted(f.name for f in _component(dossier).files.all()) == ["anh.png", "to-khai.pdf"]
    dossier.refresh_from_db()
    assert (dossier.result_delivery, dossier.delivery_address) == ("counter", "")


@pytest.mark.parametrize(
    "upload,message",
    [
        (pdf("don.docx"), "không đúng định dạng"),
        (png("gia-mao.pdf"), "không khớp với phần mở rộng"),
        (pdf("rong.pdf", size=0).__class__("rong.pdf", b""), "rỗng"),
    ],
)
def test_bad_files_are_refused_with_a_message_naming_them(citizen_client, world, upload, message):
    dossier = _draft(citizen_client, world)
    response = _upload(citizen_client, dossier, [upload, pdf("tot.pdf")])
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body and upload.name in body
    # The good file of the same request is kept, and the draft still exists.
    assert [f.name for f in _component(dossier).files.all()] == ["tot.pdf"]
    assert Dossier.objects.filter(pk=dossier.pk, status=Status.DRAFT).exists()


def test_oversized_file_is_refused(citizen_client, world, settings):
    settings.FILE_UPLOAD_MAX_MB = 1
    dossier = _draft(citizen_client, world)
    response = _upload(citizen_client, dossier, [pdf("lon.pdf", size=1_600_000)])
    body = response.content.decode()
    assert response.status_code == 400 and "vượt quá giới hạn 1 MB" in body and "lon.pdf" in body
    assert not _component(dossier).files.exists()


def test_review_needs_mandatory_files_and_a_delivery_choice(citizen_client, world):
    dossier = _draft(citizen_client, world)
    response = citizen_client.post(reverse("portal:draft", args=[dossier.reference]), {"action": "review"})
    body = response.content.decode()
    assert "Chọn cách nhận kết quả" in body and "Còn thiếu giấy tờ bắt buộc: Tờ khai" in body


def test_postal_delivery_needs_an_address(citizen_client, world):
    dossier = _draft(citizen_client, world)
    response = _upload(citizen_client, dossier, [pdf()], delivery_method="postal")
    assert "Nhập địa chỉ nhận kết quả qua bưu chính" in response.content.decode()


def test_electronic_result_only_when_the_procedure_allows_it(citizen_client, world):
    dossier = _draft(citizen_client, world)
    page = citizen_client.get(reverse("portal:draft", args=[dossier.reference])).content.decode()
    assert 'value="electronic"' not in page


def test_full_submission_with_payment(citizen_client, world, django_capture_on_commit_callbacks):
    dossier = _draft(citizen_client, world)
    _upload(citizen_client, dossier, [pdf()], delivery_method="postal", postal_address="Số 1 Hùng Vương")
    review = citizen_client.get(reverse("portal:draft_review", args=[dossier.reference])).content.decode()
    assert "Thanh toán trực tuyến 50.000 đ" in review
    refused = citizen_client.post(reverse("portal:draft_submit", args=[dossier.reference]), follow=True)
    assert "thanh toán phí, lệ phí trước khi nộp" in refused.content.decode()
    landed = _pay_in_sandbox(citizen_client, dossier)
    assert landed.url == reverse("portal:draft_review", args=[dossier.reference])
    assert "Đã thanh toán 50.000 đ" in citizen_client.get(landed.url).content.decode()
    dossier.refresh_from_db()  # the engine recorded the payment and kept the receipt as a dossier file
    assert dossier.fees_paid and dossier.status == Status.DRAFT
    stored_receipt = DossierFile.objects.get(dossier=dossier, purpose=FilePurpose.RECEIPT)
    with django_capture_on_commit_callbacks(execute=True):
        done = citizen_client.post(reverse("portal:draft_submit", args=[dossier.reference]))
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED and dossier.code
    assert dossier.payment_method == "online" and dossier.fee_total_vnd == 50_000 and dossier.fees_paid
    assert (dossier.result_delivery, dossier.delivery_address) == ("postal", "Số 1 Hùng Vương")
    assert done.url == reverse("portal:dossier_detail", args=[dossier.reference])
    detail = citizen_client.get(done.url).content.decode()
    assert dossier.code in detail and "Mới đăng ký" in detail and "Biên lai thu phí" in detail
    confirmation = [m for m in mail.outbox if dossier.code in m.subject]
    assert len(confirmation) == 1 and "lan@example.vn" in confirmation[0].to
    assert "Đã nhận hồ sơ trực tuyến" in confirmation[0].subject
    receipt = citizen_client.get(reverse("portal:dossier_receipt", args=[dossier.reference]))
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")
    assert stored_receipt.name in detail
    stored = citizen_client.get(reverse("portal:dossier_file", args=[dossier.reference, stored_receipt.pk]))
    assert stored.status_code == 200 and b"".join(stored.streaming_content).startswith(b"%PDF")


def test_failed_payment_can_be_retried(citizen_client, world):
    dossier = _draft(citizen_client, world)
    _upload(citizen_client, dossier, [pdf()], delivery_method="counter")
    _pay_in_sandbox(citizen_client, dossier, outcome="failed")
    review = citizen_client.get(reverse("portal:draft_review", args=[dossier.reference])).content.decode()
    assert "Thanh toán không thành công" in review and "Bạn có thể thanh toán lại" in review
    _pay_in_sandbox(citizen_client, dossier, outcome="succeeded")
    citizen_client.post(reverse("portal:draft_submit", args=[dossier.reference]))
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED


def test_another_citizen_cannot_open_the_draft_or_the_dossier(citizen_client, client, world):
    dossier = _draft(citizen_client, world)
    _upload(citizen_client, dossier, [pdf()], delivery_method="counter")
    file_id = _component(dossier).files.get().pk
    other = make_citizen("0987000111", "025195000456")
    client.force_login(other)
    for name, args in [
        ("portal:draft", [dossier.reference]),
        ("portal:draft_review", [dossier.reference]),
        ("portal:dossier_detail", [dossier.reference]),
        ("portal:dossier_file", [dossier.reference, file_id]),
        ("portal:dossier_receipt", [dossier.reference]),
        ("portal:draft_applicant", [dossier.reference]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    remove = reverse("portal:draft_remove_file", args=[dossier.reference, file_id])
    assert client.post(remove).status_code == 404 and DossierFile.objects.filter(pk=file_id).exists()
    assert client.post(reverse("portal:draft_pay", args=[dossier.reference])).status_code == 404
    assert client.post(reverse("portal:draft_submit", args=[dossier.reference])).status_code == 404
    assert dossier.code not in client.get(reverse("portal:my_dossiers")).content.decode() if dossier.code else True


def test_procedure_without_online_service_is_explained(citizen_client, db, frozen):
    from motcua.dossiers.tests.conftest import build_world

    world = build_world(online_level="none")
    page = citizen_client.get(reverse("portal:submission_start", args=[world.procedure.code])).content.decode()
    assert "chưa nhận hồ sơ trực tuyến" in page


def test_the_applicant_details_of_a_draft_can_be_corrected(citizen_client, world, citizen):
    dossier = _draft(citizen_client, world)
    url = reverse("portal:draft_applicant", args=[dossier.reference])
    page = citizen_client.get(url).content.decode()
    assert 'value="Nguyễn Thị Lan"' in page and "disabled" in page
    bad = citizen_client.post(url, {"full_name": "Nguyễn Thị Lan", "phone": "12", "address": "Số 2"})
    assert bad.status_code == 400 and "Số điện thoại" in bad.content.decode()
    data = {"full_name": "Nguyễn Thị Lan", "phone": "0912345678", "email": "lan@example.vn", "address": "Số 9 Lê Lợi"}
    done = citizen_client.post(url, {**data, "id_number": "025195000999"})
    assert done.status_code == 302 and done.url == reverse("portal:draft", args=[dossier.reference])
    dossier.refresh_from_db()
    assert dossier.applicant_address == "Số 9 Lê Lợi" and dossier.applicant_id_number == "025195000123"
    assert Applicant.objects.get(user=citizen).address == "Số 9 Lê Lợi"
    assert dossier.events.filter(action="update_draft").exists()
    assert "Số 9 Lê Lợi" in citizen_client.get(done.url).content.decode()


def test_a_wrong_file_can_be_removed_from_the_draft(citizen_client, world):
    dossier = _draft(citizen_client, world)
    _upload(citizen_client, dossier, [pdf("sai.pdf"), pdf("dung.pdf")], delivery_method="counter")
    wrong = _component(dossier).files.get(name="sai.pdf")
    page = citizen_client.get(reverse("portal:draft", args=[dossier.reference])).content.decode()
    remove = reverse("portal:draft_remove_file", args=[dossier.reference, wrong.pk])
    assert remove in page
    assert citizen_client.get(remove).status_code == 405
    response = citizen_client.post(remove, follow=True)
    assert "Đã xóa tệp khỏi hồ sơ nháp" in response.content.decode()
    assert [f.name for f in _component(dossier).files.all()] == ["dung.pdf"]


def test_a_conditional_component_shows_its_case_and_does_not_block_sending(db, frozen, citizen_client):
    from motcua.dossiers.tests.conftest import build_world

    world = build_world(
        components=[
            {"name": "Tờ khai", "copies": 1, "kind": "original"},
            {"name": "Văn bản ủy quyền", "requirement": "conditional", "condition": "Khi ủy quyền cho người khác nộp"},
        ]
    )
    dossier = _draft(citizen_client, world)
    page = citizen_client.get(reverse("portal:draft", args=[dossier.reference])).content.decode()
    assert "Trường hợp phải nộp: Khi ủy quyền cho người khác nộp" in page
    form = dossier.components.get(name="Tờ khai")
    citizen_client.post(
        reverse("portal:draft", args=[dossier.reference]),
        {f"file_{form.pk}": [pdf()], "action": "save", "delivery_method": "counter"},
    )
    body = citizen_client.get(reverse("portal:draft_review", args=[dossier.reference])).content.decode()
    assert "Còn thiếu giấy tờ bắt buộc" not in body and "còn thiếu, bắt buộc" not in body
    assert "không nộp; trường hợp phải nộp: Khi ủy quyền cho người khác nộp" in body
