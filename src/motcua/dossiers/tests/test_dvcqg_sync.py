"""Dossiers reach the national portal's queue with their change, from the one write path."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from motcua.dossiers import codes, services, sync
from motcua.dossiers.constants import Status
from motcua.dossiers.tests.helpers import pdf, receive, to_processing
from motcua.outbox.models import Message


@pytest.fixture
def connected(world: Any, settings: Any) -> Any:
    settings.OUTBOX_DESTINATIONS = {"dvcqg": {"url": "http://dvcqg.test/", "max_attempts": 3}}
    world.procedure.dvcqg_connected = True
    world.procedure.save()
    return world


def messages(dossier: Any) -> list[Message]:
    return list(Message.objects.filter(destination="dvcqg", stream=sync.stream_of(dossier)).order_by("pk"))


def test_intake_queues_the_create_then_its_history(connected: Any) -> None:
    dossier = receive(connected)
    create, progress = messages(dossier)
    assert create.kind == "DongBoHoSoMC" and create.payload["isUpdating"] == "False"
    payload = create.payload["data"][0]
    assert payload["MaHoSo"] == dossier.code == create.subject  # the real code, not the provisional one
    assert payload["TrangThaiHoSo"] == Status.ACCEPTED and payload["KenhThucHien"] == 1
    assert payload["NgayTiepNhan"] == "20260302090000" and payload["NgayHenTra"]
    assert payload["TaiLieuNop"][0]["DuongDanTaiTepTin"].startswith("http")
    assert [row["TrangThai"] for row in progress.payload["data"]] == [1, 2]  # registered, then accepted
    assert progress.payload["data"][1]["NguoiXuLy"] == "Cán bộ motcua"
    assert create.idempotency_key != progress.idempotency_key


def test_every_action_queues_an_update_and_its_history_in_order(connected: Any) -> None:
    dossier = to_processing(connected)
    dossier = services.forward(dossier, actor=connected.specialist, note="Đủ điều kiện")
    dossier = services.approve(dossier, actor=connected.leader)
    dossier = services.attach_result(dossier, actor=connected.leader, result_files=[pdf("ket-qua.pdf")])
    queued = messages(dossier)
    kinds = [m.kind for m in queued]
    assert kinds == ["DongBoHoSoMC", "CapNhatTienDoHoSoMC"] * 5  # intake, assign, forward, approve, result
    updates = [m.payload for m in queued if m.kind == "DongBoHoSoMC"]
    assert [u["isUpdating"] for u in updates] == ["False", "True", "True", "True", "True"]
    assert [u["data"][0]["TrangThaiHoSo"] for u in updates] == [2, 4, 4, 4, 9]
    last = updates[-1]["data"][0]
    assert last["DanhSachGiayToKetQua"][0]["TenGiayTo"] == "ket-qua.pdf" and last["NgayKetThucXuLy"]
    assert len({m.idempotency_key for m in queued}) == len(queued)


def test_a_refusal_at_intake_is_synchronised_with_its_date(connected: Any) -> None:
    dossier = receive(connected, decision="refuse", reason="Không thuộc thẩm quyền")
    payload = messages(dossier)[0].payload["data"][0]
    assert payload["TrangThaiHoSo"] == 3 and payload["NgayTuChoi"] == "20260302090000"


def test_nothing_is_queued_when_the_action_fails(connected: Any) -> None:
    dossier = to_processing(connected)
    before = len(messages(dossier))
    with pytest.raises(RuntimeError), transaction.atomic():
        services.forward(dossier, actor=connected.specialist, note="Đủ điều kiện")
        raise RuntimeError("the transaction fails after the action")
    assert len(messages(dossier)) == before


def test_procedures_not_connected_are_not_synchronised(connected: Any) -> None:
    connected.procedure.dvcqg_connected = False
    connected.procedure.save()
    assert messages(to_processing(connected)) == []


def test_nothing_is_queued_without_an_address(connected: Any, settings: Any) -> None:
    settings.OUTBOX_DESTINATIONS = {"dvcqg": {"url": "", "max_attempts": 3}}
    assert messages(to_processing(connected)) == []


def test_the_state_follows_the_deliveries(connected: Any, admin_user: Any) -> None:
    import httpx

    from motcua.outbox import delivery

    dossier = receive(connected)
    assert sync.national_portal_state(dossier).state == "queued"
    answers = iter(
        [
            httpx.Response(200, json={"error_code": 0}),
            httpx.Response(200, json={"error_code": -1, "message": "Sai MaTTHC"}),
        ]
    )
    client = httpx.Client(transport=httpx.MockTransport(lambda request: next(answers)))
    delivery.deliver_batch(worker="w", client=client)
    delivery.deliver_batch(worker="w", client=client)
    state = sync.national_portal_state(dossier)
    assert (state.state, state.delivered, state.messages) == ("failed", 1, 2) and "Sai MaTTHC" in state.error
    connected.procedure.dvcqg_connected = False
    connected.procedure.save()
    dossier.refresh_from_db()
    assert sync.national_portal_state(dossier) is None


def test_the_back_office_page_and_the_api_show_the_state(connected: Any, client: Any) -> None:
    from django.urls import reverse

    dossier = receive(connected)
    client.force_login(connected.officer)
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert "Cổng DVC quốc gia" in page and "Đang chờ gửi" in page and "0/2 thông điệp" in page
    answer = client.get(f"/api/v1/dossiers/{dossier.code}/dvcqg/")
    assert answer.status_code == 200
    assert answer.json() | {"last_delivered_at": None} == {
        "connected": True,
        "sync_state": "queued",
        "label": "Đang chờ gửi",
        "messages": 2,
        "delivered": 0,
        "last_delivered_at": None,
        "error": "",
        "attempts": 0,
    }
    connected.procedure.dvcqg_connected = False
    connected.procedure.save()
    assert client.get(f"/api/v1/dossiers/{dossier.code}/dvcqg/").json() == {"connected": False}
    assert "Cổng DVC quốc gia" not in client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()


def test_payload_command_prints_what_would_be_sent(connected: Any) -> None:
    import json
    from io import StringIO

    from django.core.management import CommandError, call_command

    dossier = to_processing(connected)
    out = StringIO()
    call_command("dvcqg_payload", dossier.code, stdout=out)
    body = json.loads(out.getvalue())
    assert body["hoso"]["isUpdating"] == "True" and body["hoso"]["data"][0]["MaHoSo"] == dossier.code
    assert [row["TrangThai"] for row in body["tiendo"]["data"]] == [1, 2, 4]
    with pytest.raises(CommandError):
        call_command("dvcqg_payload", "NO-SUCH-CODE", stdout=out)


def test_resend_command_queues_the_period_again(connected: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    dossier = to_processing(connected)
    before = len(messages(dossier))
    out = StringIO()
    call_command("dvcqg_resend", "--from", "2026-03-01", "--to", "2026-03-02", stdout=out)
    assert "1 dossiers queued" in out.getvalue()
    again = messages(dossier)[before:]
    assert [m.kind for m in again] == ["DongBoHoSoMC", "CapNhatTienDoHoSoMC"]
    assert len(again[1].payload["data"]) == 3  # the whole history
    call_command("dvcqg_resend", "--from", "2026-03-03", "--to", "2026-03-04", stdout=out)
    assert len(messages(dossier)) == before + 2  # nothing in that period


def test_report_per_procedure(connected: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    from motcua.outbox.constants import State

    first, second = receive(connected), receive(connected)
    Message.objects.filter(stream=sync.stream_of(first)).update(state=State.DELIVERED)
    Message.objects.filter(stream=sync.stream_of(second)).order_by("pk").filter(pk=messages(second)[0].pk).update(
        state=State.DEAD
    )
    row = next(r for r in sync.procedure_report() if r["code"] == connected.procedure.code)
    assert row == {
        "code": connected.procedure.code,
        "name": connected.procedure.name,
        "connected": True,
        "dossiers": 2,
        "acknowledged": 1,
        "waiting": 0,
        "failed": 1,
        "none": 0,
    }
    out = StringIO()
    call_command("dvcqg_report", stdout=out)
    assert "Connected procedures: 1/1" in out.getvalue()


def test_an_online_dossier_is_synchronised_once_numbered_without_its_draft_history(connected: Any) -> None:
    from datetime import UTC, datetime

    from motcua.accounts.models import ExternalIdentity
    from motcua.dossiers.constants import ReturnMethod
    from motcua.dossiers.tests.test_online import _draft, _owner

    draft = _draft(connected)
    owner = _owner(draft)
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    ExternalIdentity.objects.create(
        issuer="vneid", subject="vneid-42", user=owner, linked_at=moment, last_login_at=moment
    )
    services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=owner)
    assert messages(draft) == []  # a draft is never synchronised
    sent = services.submit_online(draft, actor=owner, result_delivery=ReturnMethod.COUNTER)
    create, progress = messages(sent)
    payload = create.payload["data"][0]
    assert payload["MaHoSo"] == sent.code and not sent.code.startswith(codes.PROVISIONAL_PREFIX)
    assert (payload["KenhThucHien"], payload["TrangThaiHoSo"]) == (2, 1)
    assert (payload["MaDoiTuong"], payload["TaiKhoanDuocXacThucVoiVNeID"]) == ("vneid-42", 1)
    assert [row["TrangThai"] for row in progress.payload["data"]] == [1]  # the send, not the draft's creation
