"""A refusal reaches the applicant as a refusal: reasons, the written notice, the national status.

And no closing without a result (refusal at intake, stop, withdrawal) reads as "có kết quả".
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.core import mail

from motcua.dossiers import selectors, services
from motcua.dossiers.constants import Outcome, Status, dvcqg_status, dvcqg_status_key, status_label
from motcua.dossiers.models import FilePurpose
from motcua.dossiers.tests.helpers import receive, to_processing, to_resolved
from motcua.notifications.sms import MemoryBackend

pytestmark = pytest.mark.django_db

REASON = "Người yêu cầu đang chấp hành án phạt tù, không thuộc đối tượng cấp phiếu"
BASIS = "Luật Lý lịch tư pháp số 28/2009/QH12\nThông tư 06/2024/TT-BTP"
NOT_A_RESULT = ("có kết quả", "nhận kết quả", "Đã xử lý xong", "Đã trả kết quả")


def _pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)  # noqa: S607
    return " ".join(done.stdout.decode("utf-8").split())


def _refused(world, django_capture_on_commit_callbacks):
    dossier = to_processing(world)
    version = dossier.procedure_version
    version.legal_basis = BASIS
    version.save(update_fields=["legal_basis"])
    mail.outbox.clear()
    MemoryBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        return services.refuse(dossier, actor=world.leader, reason=REASON)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_refusal_issues_the_notice_as_the_dossier_result(world, django_capture_on_commit_callbacks):
    dossier = _refused(world, django_capture_on_commit_callbacks)
    notice = dossier.files.get(purpose=FilePurpose.RESULT)
    assert notice.name == f"van-ban-tu-choi-giai-quyet-{dossier.code}.pdf" and notice.uploaded_by == world.leader
    with notice.file.open("rb") as stored:
        text = _pdf_text(stored.read())
    assert "VĂN BẢN TỪ CHỐI GIẢI QUYẾT HỒ SƠ" in text
    assert REASON in text
    assert "Luật Lý lịch tư pháp số 28/2009/QH12" in text and "Thông tư 06/2024/TT-BTP" in text
    assert "Nguyễn Thị Hồng Nhung" in text and dossier.code in text
    assert "SỞ TƯ PHÁP" in text  # issued by the competent agency
    assert "ngày 02 tháng 3 năm 2026" in text and world.leader.full_name in text
    assert "Mẫu số" not in text  # not one of the numbered forms of Appendix I
    event = dossier.events.get(action="refuse")
    assert event.data["files"] == [notice.name] and event.note == REASON


def test_refusal_reads_as_a_refusal_in_labels_and_for_the_national_portal(world, django_capture_on_commit_callbacks):
    dossier = _refused(world, django_capture_on_commit_callbacks)
    assert dossier.status == Status.RESOLVED and dossier.outcome == Outcome.REFUSED
    assert dossier.refused and dossier.status_label == "Từ chối giải quyết"
    assert dossier.dvcqg_status_key == "unresolved" and dvcqg_status(dossier.status, dossier.outcome) == 8
    dossier = services.return_result(dossier, actor=world.officer, method="counter")
    assert dossier.status == Status.RETURNED
    assert dossier.status_label == "Đã trả văn bản từ chối giải quyết"
    assert dossier.dvcqg_status_key == "unresolved"
    found = selectors.public_lookup(dossier.code, phone="0912345678")
    assert found.status_label == "Đã trả văn bản từ chối giải quyết" and found.reason == REASON


def test_granted_result_keeps_the_result_statuses(world):
    dossier = to_resolved(world)
    assert not dossier.refused and dossier.status_label == "Đã xử lý xong" and dossier.dvcqg_status_key == "releasing"
    dossier = services.return_result(dossier, actor=world.officer, method="counter")
    assert dossier.status_label == "Đã trả kết quả" and dossier.dvcqg_status_key == "done"


@pytest.mark.parametrize(
    ("status", "outcome", "key"),
    [
        (Status.DRAFT, "", ""),
        (Status.REFUSED_AT_INTAKE, "", "denied"),
        (Status.WITHDRAWN, "", "cancelled"),
        (Status.STOPPED, "", "unresolved"),
        (Status.RESOLVED, Outcome.GRANTED, "releasing"),
        (Status.RESOLVED, Outcome.REFUSED, "unresolved"),
        (Status.RETURNED, Outcome.GRANTED, "done"),
        (Status.RETURNED, Outcome.REFUSED, "unresolved"),
    ],
)
def test_national_status_table(status, outcome, key):
    assert dvcqg_status_key(status, outcome) == key


def test_refusal_message_gives_the_reason_and_never_announces_a_result(world, django_capture_on_commit_callbacks):
    dossier = _refused(world, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "bị từ chối giải quyết" in message.subject
    assert REASON in message.body and "Văn bản từ chối giải quyết" in message.body
    for words in NOT_A_RESULT:
        assert words not in message.subject + message.body
    assert "từ chối giải quyết" in MemoryBackend.outbox[0].text
    assert dossier.code in message.subject


def test_closings_without_a_result_never_read_as_a_result(world, django_capture_on_commit_callbacks):
    refused = receive(world, decision="refuse", reason="Không thuộc thẩm quyền")
    withdrawn = services.withdraw_request(to_processing(world), actor=world.officer, reason="Nộp nhầm thủ tục")
    accepted = to_processing(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stopped = services.stop(accepted, actor=world.officer, reason="Công dân đề nghị dừng")
    [stop_message] = mail.outbox
    assert "Lý do: Công dân đề nghị dừng" in stop_message.body
    for dossier in (refused, withdrawn, stopped):
        for words in NOT_A_RESULT:
            assert words not in status_label(dossier.status, dossier.outcome)
        assert selectors.public_lookup(dossier.code, phone="0912345678").reason == dossier.outcome_reason != ""
    for words in NOT_A_RESULT:
        assert words not in stop_message.subject + stop_message.body
