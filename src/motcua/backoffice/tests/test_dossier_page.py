"""The dossier page: what it shows, which actions it offers, how actions, errors and conflicts behave."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import pdf, receive, to_processing

pytestmark = pytest.mark.django_db


def page(code: str) -> str:
    return reverse("backoffice:dossier", kwargs={"code": code})


def action(code: str, name: str) -> str:
    return reverse("backoffice:action", kwargs={"code": code, "action": name})


def test_page_shows_applicant_procedure_components_timeline_and_history(client: Client, world: Any) -> None:
    dossier = receive(world)
    client.force_login(world.officer)
    html = client.get(page(dossier.code)).content.decode()
    assert "Nguyễn Thị Hồng Nhung" in html
    assert "1.001193" in html and "phiên bản 1" in html
    assert "Tờ khai yêu cầu cấp phiếu" in html and "scan.pdf" in html
    assert "09:00 ngày 05/03/2026" in html  # due moment, as the guide writes it
    assert "Thẩm định" in html and "Đang thực hiện" in html
    assert "Ghi nhận hồ sơ (cấp mã)" in html and "Tiếp nhận hồ sơ" in html
    assert "Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in html


def test_only_the_actions_of_the_acting_role_are_offered(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.specialist)
    html = client.get(page(dossier.code)).content.decode()
    assert 'id="action-forward"' in html
    assert 'id="action-consult"' in html
    assert 'id="action-approve"' not in html  # a head's action
    assert 'id="action-assign"' not in html
    client.force_login(world.officer)
    html = client.get(page(dossier.code)).content.decode()
    assert 'id="action-forward"' not in html
    assert 'id="action-stop"' in html  # the receiving one-stop unit may stop it


def test_forward_through_the_page(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.specialist)
    response = client.post(
        action(dossier.code, "forward"),
        {
            "forward-version": dossier.version,
            "forward-note": "Hồ sơ đủ điều kiện",
            "forward-attachments": [pdf("to-trinh.pdf")],
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.steps.get(state="active").name == "Ký duyệt"
    assert dossier.events.last().note == "Hồ sơ đủ điều kiện"
    assert dossier.files.filter(name="to-trinh.pdf").exists()
    html = client.get(response["Location"]).content.decode()
    assert "Đã thực hiện: Chuyển bước tiếp theo." in html


def test_missing_input_is_asked_for_in_vietnamese(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.specialist)
    response = client.post(action(dossier.code, "return_to_previous"), {"return_to_previous-version": dossier.version})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Trường này là bắt buộc." in html
    assert 'id="action-return_to_previous" open' in html


def test_engine_refusal_is_shown_in_plain_vietnamese(client: Client, world: Any, frozen: Any) -> None:
    dossier = to_processing(world)
    frozen.shift(timedelta(days=2, hours=7))  # Wednesday 16:00: less than 1 working day before Thursday 09:00
    client.force_login(world.specialist)
    response = client.post(
        action(dossier.code, "extend"),
        {
            "extend-version": dossier.version,
            "extend-new_due_date": "10/03/2026",
            "extend-new_due_time": "16:00",
            "extend-reason": "Cần xác minh thêm",
        },
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Phải gia hạn chậm nhất 1 ngày làm việc trước hạn trả kết quả." in html
    assert "Cần xác minh thêm" in html  # the input is kept


def test_conflict_keeps_the_input_and_says_someone_else_changed_it(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    seen = dossier.version
    services.assign(dossier, actor=world.head, handler=world.specialist, note="giao lại")  # someone else acts
    client.force_login(world.specialist)
    response = client.post(
        action(dossier.code, "forward"), {"forward-version": seen, "forward-note": "Ý kiến thẩm định của tôi"}
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Hồ sơ vừa được người khác cập nhật" in html
    assert "Ý kiến thẩm định của tôi" in html
    current = Dossier.objects.get(pk=dossier.pk)
    assert current.steps.get(state="active").name == "Thẩm định"
    # The kept form now carries the version on screen: sending it again goes through.
    assert f'name="forward-version" value="{current.version}"' in html
    response = client.post(
        action(dossier.code, "forward"),
        {"forward-version": current.version, "forward-note": "Ý kiến thẩm định của tôi"},
    )
    assert response.status_code == 302


def test_full_processing_with_consultation_approval_result_and_return(client: Client, world: Any) -> None:
    dossier = receive(world)
    client.force_login(world.head)
    client.post(
        action(dossier.code, "assign"), {"assign-version": dossier.version, "assign-handler": world.specialist.pk}
    )
    dossier.refresh_from_db()
    client.force_login(world.specialist)
    response = client.post(
        action(dossier.code, "consult"),
        {
            "consult-version": dossier.version,
            "consult-agencies": [world.partner.pk],
            "consult-content": "Xin ý kiến về nghĩa vụ tài chính",
            "consult-days": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier.refresh_from_db()
    client.force_login(world.partner_specialist)
    assert "Trả lời xin ý kiến" in client.get(page(dossier.code)).content.decode()
    client.post(
        action(dossier.code, "answer_consultation"),
        {"answer_consultation-version": dossier.version, "answer_consultation-answer": "Thống nhất"},
    )
    dossier.refresh_from_db()
    client.force_login(world.specialist)
    client.post(action(dossier.code, "forward"), {"forward-version": dossier.version})
    dossier.refresh_from_db()
    client.force_login(world.leader)
    client.post(action(dossier.code, "approve"), {"approve-version": dossier.version})
    dossier.refresh_from_db()
    client.post(
        action(dossier.code, "attach_result"),
        {"attach_result-version": dossier.version, "attach_result-result_files": [pdf("ket-qua.pdf")]},
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.RESOLVED
    client.force_login(world.officer)
    client.post(
        action(dossier.code, "return_result"),
        {"return_result-version": dossier.version, "return_result-method": "counter"},
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    assert dossier.returned_to == "Nguyễn Thị Hồng Nhung"


def test_wrong_file_type_is_refused_before_the_engine(client: Client, world: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    dossier = to_processing(world)
    client.force_login(world.specialist)
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/x-msdownload")
    response = client.post(
        action(dossier.code, "forward"), {"forward-version": dossier.version, "forward-attachments": [exe]}
    )
    assert response.status_code == 400
    # The one upload check's wording (it replaced the form's own, which trusted the Content-Type).
    assert "“virus.exe” không đúng định dạng" in response.content.decode()


def test_dossier_page_query_count_is_pinned(client: Client, world: Any, django_assert_num_queries: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.specialist)
    client.get(page(dossier.code))
    # session, user, memberships; dossier; snapshot (2); steps; calendar overrides; components + files;
    # the procedure's checklist (what was not supplied); events; supplements; other files; fees; forms
    # available; agency choices of consult and transfer (2); postal orders; official documents linked
    # (received, sent)
    with django_assert_num_queries(21):
        client.get(page(dossier.code))
    # More history, files and hand-overs do not cost more queries (same actions offered).
    for _ in range(3):
        dossier = services.assign(dossier, actor=world.head, handler=world.specialist, note="giao lại")
    with django_assert_num_queries(21):
        client.get(page(dossier.code))


def test_file_preview_is_inline(client: Client, world: Any) -> None:
    dossier = receive(world)
    file_row = dossier.files.get()
    client.force_login(world.officer)
    response = client.get(reverse("backoffice:file", kwargs={"code": dossier.code, "file_id": file_row.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_supplement_brought_to_the_counter_restarts_processing(client: Client, world: Any, frozen: Any) -> None:
    dossier = to_processing(world)
    dossier = services.request_supplement(dossier, actor=world.specialist, items=["Bản sao giấy khai sinh"])
    frozen.shift(timedelta(days=1))
    client.force_login(world.officer)
    response = client.post(
        action(dossier.code, "receive_supplement"),
        {
            "receive_supplement-version": dossier.version,
            "receive_supplement-received_items": "Bản sao giấy khai sinh",
            "receive_supplement-attachments": [pdf("khai-sinh.pdf")],
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    added = dossier.components.get(name="Bản sao giấy khai sinh")
    assert added.files.get().name == "khai-sinh.pdf"
    assert dossier.supplement_requests.get().fulfilled_at is not None


def test_files_other_than_pdf_and_images_are_downloaded_not_rendered(client: Client, world: Any) -> None:
    """A file stored before uploads were checked (an HTML page named as a PDF): the content decides."""
    from django.core.files.base import ContentFile

    from motcua.dossiers.models import DossierFile, FilePurpose

    dossier = receive(world, decision="register")
    file_row = DossierFile.objects.create(
        dossier=dossier,
        purpose=FilePurpose.WORKING,
        file=ContentFile(b"<script>alert(1)</script>", name="trang.pdf"),
        name="trang.pdf",
        uploaded_at=dossier.created_at,
    )
    client.force_login(world.officer)
    response = client.get(reverse("backoffice:file", kwargs={"code": dossier.code, "file_id": file_row.pk}))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_online_dossier_is_checked_and_accepted_from_its_page(client: Client, world: Any) -> None:
    from motcua.accounts.tests.factories import ApplicantFactory, UserFactory

    citizen = UserFactory(username="congdan.an", full_name="Nguyễn Văn An")
    applicant = ApplicantFactory(user=citizen, full_name="Nguyễn Văn An")
    draft = services.create_online_draft(applicant, world.procedure, actor=citizen, receiving_agency=world.centre)
    component = draft.components.get()
    services.attach_file_to_component(draft, component.pk, pdf("to-khai.pdf"), actor=citizen)
    dossier = services.submit_online(draft, actor=citizen, result_delivery="counter")
    assert dossier.status == Status.SUBMITTED

    client.force_login(world.officer)
    inbox = client.get(reverse("backoffice:inbox")).content.decode()  # "Chờ tiếp nhận" opens first
    assert dossier.code in inbox and "Trực tuyến" in inbox
    html = client.get(page(dossier.code)).content.decode()
    assert 'id="action-accept"' in html and 'id="action-refuse_at_intake"' in html
    assert "to-khai.pdf" in html
    response = client.post(action(dossier.code, "accept"), {"accept-version": dossier.version})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.ACCEPTED and dossier.due_at is not None


def test_extension_with_apology_sets_the_new_due_moment(client: Client, world: Any) -> None:
    dossier = to_processing(world)  # Monday 09:00, due Thursday 09:00
    client.force_login(world.specialist)
    response = client.post(
        action(dossier.code, "extend"),
        {
            "extend-version": dossier.version,
            "extend-new_due_date": "10/03/2026",
            "extend-new_due_time": "16:00",
            "extend-reason": "Cần xác minh thêm với cơ quan công an",
        },
    )
    assert response.status_code == 302
    html = client.get(page(dossier.code)).content.decode()
    assert "16:00 ngày 10/03/2026" in html and "đã gia hạn" in html
    assert "Mẫu 04" in html


def test_transfer_offers_agencies_of_another_level_only(client: Client, world: Any) -> None:
    from motcua.organisations.tests.factories import AgencyFactory

    commune = AgencyFactory(commune=True, name="UBND Phường Hạc Thành")
    dossier = to_processing(world)
    client.force_login(world.specialist)
    html = client.get(page(dossier.code)).content.decode()
    panel = html[html.index('id="action-transfer_to_level"') :]
    panel = panel[: panel.index("</details>")]
    assert commune.name in panel
    assert "Sở Tài chính" not in panel  # same level: a consultation, not a transfer


def test_action_made_impossible_by_a_colleague_is_a_conflict_not_an_error(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    seen = dossier.version
    services.forward(dossier, actor=world.head, note="trưởng phòng chuyển thay")  # the step moved on
    client.force_login(world.specialist)
    response = client.post(
        action(dossier.code, "return_to_previous"),
        {"return_to_previous-version": seen, "return_to_previous-reason": "Thiếu xác minh"},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Hồ sơ vừa được người khác cập nhật" in html
    assert "Thiếu xác minh" in html
    assert "Thao tác này không còn khả dụng với tình trạng mới của hồ sơ." in html


def test_return_form_follows_the_chosen_delivery(client: Client, world: Any) -> None:
    from motcua.dossiers.tests.helpers import to_resolved

    dossier = to_resolved(world)
    Dossier.objects.filter(pk=dossier.pk).update(result_delivery="postal", delivery_address="Thôn 3, xã Yên Lạc")
    client.force_login(world.officer)
    html = client.get(page(dossier.code)).content.decode()
    assert '<option value="postal" selected>' in html
    assert "Người nộp đã đăng ký: Qua dịch vụ bưu chính công ích – Thôn 3, xã Yên Lạc" in html


def test_refused_dossier_reads_as_a_refusal_and_offers_its_notice(client: Client, world: Any) -> None:
    dossier = services.refuse(to_processing(world), actor=world.leader, reason="Không thuộc đối tượng cấp phiếu")
    notice = dossier.files.get(purpose="result")
    client.force_login(world.officer)
    html = client.get(page(dossier.code)).content.decode()
    assert "Từ chối giải quyết" in html and "Đã xử lý xong" not in html
    assert notice.name in html
    response = client.get(reverse("backoffice:file", kwargs={"code": dossier.code, "file_id": notice.pk}))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
