"""Incoming documents: received and registered by the clerk, directed by the leader, handled to completion
by the lead unit on the working-time clock, every step in the history; only the right people act."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.records import incoming, selectors
from motcua.records.models import IncomingStatus, Source, Urgency
from motcua.records.tests.conftest import MONDAY_9AM, sample_pdf
from motcua.workdays.constants import VIETNAM_TZ


def data(**overrides):
    values = {
        "sender": "Ủy ban nhân dân tỉnh Phú Thọ",
        "number_notation": "45/UBND-NC",
        "document_type": "Công văn",
        "document_date": date(2026, 2, 27),
        "summary": "V/v rà soát thủ tục hành chính lĩnh vực tư pháp",
        "signer": "Trịnh Thế Bảo",
        "pages": 2,
        "files": [("cong-van-45.pdf", sample_pdf())],
    }
    values.update(overrides)
    return incoming.IncomingData(**values)


def test_paper_document_registered_directed_handled_and_completed(pair):
    office = pair.justice
    document = incoming.receive(office.agency, data(), source=Source.PAPER, actor=office.clerk, now=MONDAY_9AM)
    assert document.status == IncomingStatus.REGISTERED
    assert document.entry.number == 1 and document.entry.year == 2026 and not document.entry.electronic
    # Art. 22: presented to the leader at the latest the next working day.
    assert document.present_by == datetime(2026, 3, 3, 9, 0, tzinfo=VIETNAM_TZ)
    assert selectors.actions_for(office.leader, document) == ["direct"]
    assert selectors.actions_for(office.specialist, document) == []

    incoming.perform(
        "direct",
        document,
        actor=office.leader,
        now=MONDAY_9AM,
        data={
            "lead_unit": office.division,
            "coordinating_units": [pair.building.agency],
            "due_days": 3,
            "note": "Giao phòng chủ trì",
        },
    )
    document.refresh_from_db()
    assert document.status == IncomingStatus.DIRECTED
    assert document.due_at == datetime(2026, 3, 5, 9, 0, tzinfo=VIETNAM_TZ)  # three working days
    assert list(document.coordinating_units.all()) == [pair.building.agency]
    assert selectors.actions_for(office.specialist, document) == ["progress", "complete"]

    incoming.perform("progress", document, actor=office.specialist, now=MONDAY_9AM, data={"note": "Đang rà soát"})
    incoming.perform(
        "complete", document, actor=office.specialist, now=MONDAY_9AM, data={"result": "Đã có báo cáo số 12/BC-STP"}
    )
    document.refresh_from_db()
    assert document.status == IncomingStatus.COMPLETED and document.completed_at == MONDAY_9AM
    actions = [event.action for event, _ in selectors.history(document)]
    assert actions == ["receive", "in_direct", "in_progress", "in_complete"]


def test_paper_without_a_scan_is_refused(pair):
    with pytest.raises(DomainError):
        incoming.receive(
            pair.justice.agency, data(files=[]), source=Source.PAPER, actor=pair.justice.clerk, now=MONDAY_9AM
        )


def test_only_the_clerk_registers_and_only_the_leader_directs(pair):
    office = pair.justice
    with pytest.raises(PermissionDenied):
        incoming.receive(office.agency, data(), source=Source.UPLOAD, actor=office.specialist, now=MONDAY_9AM)
    document = incoming.receive(office.agency, data(), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM)
    with pytest.raises(PermissionDenied):
        incoming.perform(
            "direct", document, actor=office.clerk, now=MONDAY_9AM, data={"lead_unit": office.division, "due_days": 2}
        )
    with pytest.raises(PermissionDenied):
        incoming.perform(
            "direct",
            document,
            actor=pair.building.leader,
            now=MONDAY_9AM,
            data={"lead_unit": office.division, "due_days": 2},
        )


def test_same_sender_number_twice_needs_confirmation(pair):
    office = pair.justice
    incoming.receive(office.agency, data(), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM)
    with pytest.raises(DomainError) as error:
        incoming.receive(office.agency, data(), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM)
    assert error.value.code == "duplicate_document"
    again = incoming.receive(
        office.agency, data(), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM, accept_duplicate=True
    )
    assert again.entry.number == 2


def test_direction_needs_a_deadline_and_a_lead_unit(pair):
    office = pair.justice
    document = incoming.receive(office.agency, data(), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM)
    with pytest.raises(DomainError):
        incoming.perform("direct", document, actor=office.leader, now=MONDAY_9AM, data={"lead_unit": office.division})
    with pytest.raises(DomainError):
        incoming.perform("direct", document, actor=office.leader, now=MONDAY_9AM, data={"due_days": 2})
    incoming.perform(
        "direct",
        document,
        actor=office.leader,
        now=MONDAY_9AM,
        data={"lead_unit": office.division, "due_date": date(2026, 3, 6)},
    )
    document.refresh_from_db()
    assert document.due_at == datetime(2026, 3, 6, 17, 0, tzinfo=VIETNAM_TZ)  # the end of that working day


def test_overdue_due_soon_and_not_presented_lists(pair, frozen):
    office = pair.justice
    late = incoming.receive(
        office.agency, data(number_notation="1/UBND"), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM
    )
    soon = incoming.receive(
        office.agency, data(number_notation="2/UBND"), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM
    )
    waiting = incoming.receive(
        office.agency, data(number_notation="3/UBND"), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM
    )
    incoming.perform(
        "direct", late, actor=office.leader, now=MONDAY_9AM, data={"lead_unit": office.division, "due_days": 1}
    )
    incoming.perform(
        "direct", soon, actor=office.leader, now=MONDAY_9AM, data={"lead_unit": office.division, "due_days": 3}
    )
    now = MONDAY_9AM + timedelta(days=2, hours=1)  # Wednesday 10:00
    lists = selectors.deadlines(office.agency, "clerk", now)
    assert lists.overdue == [late]
    assert lists.due_soon == [soon]
    assert lists.not_presented == [waiting]
    # The lead unit sees what it leads.
    assert selectors.deadlines(office.division, "specialist", now).overdue == [late]
    assert set(selectors.to_remind(now)) == {late, soon}
    incoming.remind(late, now=now)
    assert set(selectors.to_remind(now)) == {soon}


def test_urgent_document_is_presented_at_once(pair):
    office = pair.justice
    document = incoming.receive(
        office.agency, data(urgency=Urgency.FLASH), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM
    )
    assert document.present_by == MONDAY_9AM


def test_division_sees_only_what_it_leads(pair):
    office = pair.justice
    document = incoming.receive(office.agency, data(), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM)
    assert selectors.incoming_for(office.division, "specialist", document.pk) is None
    incoming.perform(
        "direct", document, actor=office.leader, now=MONDAY_9AM, data={"lead_unit": office.division, "due_days": 2}
    )
    assert selectors.incoming_for(office.division, "specialist", document.pk) == document
    assert selectors.incoming_for(pair.building.agency, "clerk", document.pk) is None


def test_reminder_command_reminds_once_and_mails_the_lead_unit(pair):
    from io import StringIO

    from django.core.management import call_command

    office = pair.justice
    office.specialist.email = "chuyenvien@example.vn"
    office.specialist.save()
    document = incoming.receive(office.agency, data(), source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM)
    incoming.perform(
        "direct", document, actor=office.leader, now=MONDAY_9AM, data={"lead_unit": office.division, "due_days": 1}
    )
    out = StringIO()
    call_command("remind_document_deadlines", stdout=out)
    assert out.getvalue().strip().endswith("1.")
    call_command("remind_document_deadlines", stdout=out)
    assert out.getvalue().strip().endswith("0.")
    assert [e for e, _ in selectors.history(document)][-1].action == "remind"
