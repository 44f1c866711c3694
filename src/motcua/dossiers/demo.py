"""Demo dossiers in every status, created through the services with explicit past moments (``now=``).

Idempotent: when dossiers of the demo applicants exist, nothing is created again. Officials are
the accounts of ``accounts.demo``, which hold every role the demo processes name (division
officials act for their parent department); the superuser is only a fallback should a process
name a role nobody holds. Consultations reach the departments without procedures of their own in
the demo catalogue, so every official's login has something waiting in an inbox.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any, TextIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from motcua.accounts import demo as people
from motcua.accounts.models import Applicant, Role, User
from motcua.catalogue.models import Procedure
from motcua.core.exceptions import DomainError
from motcua.dossiers import deadlines, services
from motcua.dossiers.actors import officials
from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import AssignmentRule, AssignmentStrategy, Dossier, DossierStep
from motcua.organisations import demo as org
from motcua.organisations.models import Agency
from motcua.workdays.clock import WorkingCalendar, add_working_time
from motcua.workdays.constants import VIETNAM_TZ

DEMO_APPLICANTS = [people.CITIZEN_AN_ID, people.CITIZEN_BINH_ID, people.CITIZEN_CHI_ID]


class Clock:
    """Moments in the past, on working time, always increasing."""

    def __init__(self, cal: WorkingCalendar, now: datetime) -> None:
        self.cal = cal
        self.now = now

    def days_ago(self, days: int, hour: int = 8, minute: int = 30) -> datetime:
        day = self.now.astimezone(VIETNAM_TZ).date()
        for _ in range(days):
            day = _back(self.cal, day)
        moment = datetime.combine(day, time(hour, minute), tzinfo=VIETNAM_TZ)
        return min(moment, self.now - timedelta(minutes=5))

    def later(self, moment: datetime, hours: float) -> datetime:
        return min(add_working_time(self.cal, moment, hours=Decimal(str(hours))), self.now - timedelta(minutes=1))


def _back(cal: WorkingCalendar, day: Any) -> Any:
    day -= timedelta(days=1)
    while not cal.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _agency(code: str) -> Agency:
    return Agency.objects.get(identifier_code=code)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% demo scan\n", content_type="application/pdf")


def _result_pdf(dossier: Dossier) -> SimpleUploadedFile:
    """A real (if short) PDF result, so that the agencies' demo keys sign it (docs/signatures.md)."""
    from weasyprint import HTML  # heavy: imported when the demo makes results

    html = (
        f"<h1>KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH</h1><p>Hồ sơ {dossier.code}: {dossier.procedure.name}.</p>"
        f"<p>Người nhận: {dossier.applicant_name}.</p><p><i>Văn bản minh họa của bản demo.</i></p>"
    )
    return SimpleUploadedFile("ket-qua.pdf", bytes(HTML(string=html).write_pdf()), content_type="application/pdf")


def _step_actor(step: DossierStep) -> User:
    found = officials(step.agency_id, [step.role]).order_by("pk").first()
    return found or _user(people.SUPERUSER)


def _active(dossier: Dossier) -> DossierStep | None:
    return dossier.steps.filter(kind=StepKind.PROCESS, state=StepState.ACTIVE).order_by("order").first()


def _next_pending(dossier: Dossier, after: int) -> DossierStep | None:
    return (
        dossier.steps.filter(kind=StepKind.PROCESS, state=StepState.PENDING, order__gt=after).order_by("order").first()
    )


def advance(dossier: Dossier, moment: datetime, clock: Clock, *, steps: int) -> tuple[Dossier, datetime]:
    """Forward ``steps`` times along the process (approving at a leader's step)."""
    for _ in range(steps):
        step = _active(dossier)
        if step is None:
            break
        nxt = _next_pending(dossier, step.order)
        if nxt is None or nxt.role == Role.ONE_STOP_OFFICER:
            break
        moment = clock.later(moment, 2)
        actor = _step_actor(step)
        if step.role == Role.LEADER and not dossier.approved_at:
            dossier = services.approve(dossier, actor=actor, now=moment)
        dossier = services.forward(dossier, actor=actor, note="Đã xử lý xong phần việc của bước", now=moment)
    return dossier, moment


def resolve(dossier: Dossier, moment: datetime, clock: Clock) -> tuple[Dossier, datetime]:
    dossier, moment = advance(dossier, moment, clock, steps=10)
    step = _active(dossier)
    if dossier.approved_at is None:
        leader = officials(dossier.competent_agency_id, [Role.LEADER]).first() or _user(people.SUPERUSER)
        moment = clock.later(moment, 1)
        dossier = services.approve(dossier, actor=leader, now=moment)
    actor = _step_actor(step) if step is not None and step.role != Role.ONE_STOP_OFFICER else None
    if actor is None:
        actor = officials(dossier.competent_agency_id, [Role.SPECIALIST]).first() or _user(people.SUPERUSER)
    moment = clock.later(moment, 1)
    dossier = services.attach_result(dossier, actor=actor, result_files=[_result_pdf(dossier)], now=moment)
    return dossier, moment


def _applicant(id_number: str) -> Applicant:
    return Applicant.objects.get(id_number=id_number)


def _receive(
    procedure_code: str, officer: str, centre: str, applicant: Applicant, moment: datetime, **kw: Any
) -> Dossier:
    procedure = Procedure.objects.get(code=procedure_code)
    version = procedure.versions.order_by("-number").first()
    components = [
        services.ComponentData(component_id=c.pk, kind=c.kind, copies=c.copies, page_count=2, files=[_pdf("scan.pdf")])
        for c in (version.components.all() if version else [])
    ] or [services.ComponentData(name="Đơn đề nghị", page_count=1, files=[_pdf("don.pdf")])]
    request = services.IntakeRequest(
        receiving_agency=_agency(centre), procedure=procedure, applicant=applicant, components=components, **kw
    )
    return services.receive_dossier(request, actor=_user(officer), now=moment)


def _assignment_rule(stdout: TextIO) -> None:
    """New dossiers of UBND phường Việt Trì go to its least busy specialist (added after the scenarios,
    so the demo dossiers keep the hand assignments they were built with)."""
    agency = _agency(org.UBND_VIET_TRI_CODE)
    if AssignmentRule.objects.filter(agency=agency, role=Role.SPECIALIST, procedure=None, is_active=True).exists():
        return
    services.create_rule(
        actor=_user(people.SUPERUSER), agency=agency, role=Role.SPECIALIST, strategy=AssignmentStrategy.LEAST_LOADED
    )
    stdout.write(f"Demo assignment rule: least loaded specialist of {agency.name}.\n")


def load(stdout: TextIO) -> None:
    if Dossier.objects.filter(applicant__id_number__in=DEMO_APPLICANTS).exists():
        stdout.write("Demo dossiers: already present.\n")
        _assignment_rule(stdout)
        return
    now = timezone.now()
    clock = Clock(deadlines.calendar(now), now)
    created: list[Dossier] = []
    try:
        _scenarios(clock, created)
    except DomainError as exc:  # the demo catalogue changed: say which rule refused, keep the rest
        stdout.write(f"Demo dossiers stopped early: {exc.code}: {exc.message}\n")
    by_status: dict[str, int] = {}
    for dossier in Dossier.objects.filter(pk__in=[d.pk for d in created]):
        by_status[dossier.status_label] = by_status.get(dossier.status_label, 0) + 1
    stdout.write(f"Demo dossiers: {len(created)} ({', '.join(f'{k}: {v}' for k, v in sorted(by_status.items()))}).\n")
    _assignment_rule(stdout)


def _scenarios(clock: Clock, out: list[Dossier]) -> None:
    an, binh, chi = (_applicant(i) for i in DEMO_APPLICANTS)
    vt, vt_centre = people.TIEPNHAN_VIET_TRI, org.TTPVHCC_VIET_TRI_CODE
    tinh, tinh_centre = people.TIEPNHAN_TINH, org.TTPVHCC_TINH_CODE
    citizen = _user(people.CONGDAN)

    # 1 Mới đăng ký: sent online by Nguyễn Văn An, waiting for the one-stop officer.
    t = clock.days_ago(0, 8, 0)
    draft = services.create_online_draft(
        an, Procedure.objects.get(code="1.001662"), actor=citizen, receiving_agency=_agency(vt_centre), now=t
    )
    for component in draft.components.all():
        services.attach_file_to_component(draft, component.pk, _pdf("ho-so.pdf"), actor=citizen, now=t)
    out.append(
        services.submit_online(
            draft,
            actor=citizen,
            result_delivery="postal",
            delivery_address="Số 12 đường Hùng Vương, phường Việt Trì, tỉnh Phú Thọ",
            now=clock.later(t, 0.2),
        )
    )
    # 1 Mới đăng ký at the counter, decision pending.
    out.append(_receive("1.004194", vt, vt_centre, binh, clock.days_ago(0, 8, 10), decision="register"))
    # 2 Được tiếp nhận.
    out.append(_receive("1.004873", vt, vt_centre, chi, clock.days_ago(0, 8, 20)))
    # 3 Không được tiếp nhận.
    out.append(
        _receive(
            "2.000620",
            vt,
            vt_centre,
            binh,
            clock.days_ago(1, 9),
            decision="refuse",
            reason="Địa điểm kinh doanh không thuộc địa bàn phường Việt Trì.",
        )
    )
    # 4 Đang xử lý, on time.
    t = clock.days_ago(2, 9)
    d = _receive("1.004222", vt, vt_centre, an, t)
    d, _ = advance(d, t, clock, steps=1)
    out.append(d)
    # 4 Đang xử lý, overdue (3 working days, received 6 working days ago).
    t = clock.days_ago(6, 10)
    d = _receive("1.004194", vt, vt_centre, chi, t)
    out.append(advance(d, t, clock, steps=1)[0])
    # 4 Đang xử lý with an extension (Form 04).
    t = clock.days_ago(5, 9)
    d = _receive("1.116410", vt, vt_centre, binh, t)
    d, t = advance(d, t, clock, steps=1)
    t = clock.later(t, 3)
    specialist = _user(people.CHUYENVIEN_VIET_TRI)
    new_due = add_working_time(clock.cal, d.due_at or t, days=3)
    out.append(
        services.extend(d, actor=specialist, new_due_at=new_due, reason="Chờ kết quả xác minh của Công an.", now=t)
    )
    # 4 Đang xử lý at the province with a consultation of Sở Tài chính.
    t = clock.days_ago(3, 9)
    d = _receive("1.012768", tinh, tinh_centre, an, t)
    d, t = advance(d, t, clock, steps=2)
    t = clock.later(t, 1)
    out.append(
        services.consult(
            d,
            actor=_user(people.GIAMDOC_NN_MT),
            agencies=[_agency(org.SO_TAI_CHINH_CODE), _agency(org.UBND_TINH_CODE)],
            content="Đề nghị cho ý kiến về nghĩa vụ tài chính liên quan.",
            days=2,
            now=t,
        )
    )
    # 4 Đang xử lý at the ward, asking Sở Tư pháp and Sở Xây dựng for their opinion.
    t = clock.days_ago(1, 9)
    d = _receive("1.116410", vt, vt_centre, an, t)
    d, t = advance(d, t, clock, steps=1)
    step = _active(d)
    out.append(
        services.consult(
            d,
            actor=_step_actor(step) if step else _user(people.LANHDAO_VIET_TRI),
            agencies=[_agency(org.SO_TU_PHAP_CODE), _agency(org.SO_XAY_DUNG_CODE)],
            content="Đề nghị cho ý kiến về hồ sơ pháp lý của công trình liên quan.",
            days=2,
            now=clock.later(t, 1),
        )
    )
    # 4 Đang xử lý at the province, one step on: the land registry's specialist has it to process.
    t = clock.days_ago(1, 10)
    out.append(advance(_receive("1.012768", tinh, tinh_centre, chi, t), t, clock, steps=1)[0])
    # 1 Mới đăng ký at the province centre, decision pending.
    out.append(_receive("1.004223", tinh, tinh_centre, binh, clock.days_ago(0, 10, 0), decision="register"))
    # 1 Mới đăng ký at the Vĩnh Yên centre, decision pending.
    out.append(
        _receive(
            "1.001193",
            people.TIEPNHAN_VINH_YEN,
            org.TTPVHCC_VINH_YEN_CODE,
            chi,
            clock.days_ago(0, 9, 0),
            decision="register",
        )
    )
    # 5 Yêu cầu bổ sung at reception.
    out.append(
        _receive(
            "1.004873",
            vt,
            vt_centre,
            an,
            clock.days_ago(1, 14),
            decision="request_supplement",
            supplement_items=["Bản sao Giấy khai sinh", "Tờ khai có chữ ký của người yêu cầu"],
        )
    )
    # 5 Yêu cầu bổ sung after appraisal (within 3 working days).
    t = clock.days_ago(2, 8)
    d = _receive("1.004222", vt, vt_centre, chi, t)
    t = clock.later(t, 3)
    out.append(
        services.request_supplement(
            d, actor=specialist, items=["Giấy tờ chứng minh chỗ ở hợp pháp"], note="Bản chụp không rõ.", now=t
        )
    )
    # 6 Yêu cầu thực hiện nghĩa vụ tài chính.
    t = clock.days_ago(2, 9)
    d = _receive("1.012768", tinh, tinh_centre, binh, t)
    d, t = advance(d, t, clock, steps=2)
    out.append(
        services.request_financial_obligation(
            d, actor=_user(people.CHUYENVIEN_DAT_DAI), amount_vnd=1_250_000, now=clock.later(t, 1)
        )
    )
    # 7 Công dân yêu cầu rút hồ sơ (online, by An).
    t = clock.days_ago(3, 9)
    d = _receive("1.004194", vt, vt_centre, an, t)
    out.append(services.withdraw_request(d, actor=citizen, reason="Không còn nhu cầu.", now=clock.later(t, 4)))
    # 8 Dừng xử lý (Form 05).
    t = clock.days_ago(4, 9)
    d = _receive("1.004222", vt, vt_centre, binh, t)
    d = services.withdraw_request(d, actor=_user(vt), reason="Công dân đề nghị tại quầy.", now=clock.later(t, 2))
    out.append(services.stop(d, actor=_user(vt), reason="Theo đề nghị rút hồ sơ của công dân.", now=clock.later(t, 3)))
    # 9 Đã xử lý xong; the applicant chose postal return: the post office carries the result (demo_integration).
    t = clock.days_ago(2, 8)
    address = "Số 45 đường Nguyễn Tất Thành, phường Việt Trì, tỉnh Phú Thọ"
    d = _receive("2.001016", vt, vt_centre, chi, t, result_delivery="postal", delivery_address=address)
    d, t = resolve(d, t, clock)
    out.append(d)
    # 9 Từ chối giải quyết after appraisal: the refusal notice, with its legal basis, is the result.
    t = clock.days_ago(3, 8)
    d, t = advance(_receive("1.004194", vt, vt_centre, an, t), t, clock, steps=1)
    head = officials(d.competent_agency_id, [Role.LEADER]).order_by("pk").first() or _user(people.SUPERUSER)
    reason = (
        "Người yêu cầu chưa đủ điều kiện theo quy định: địa chỉ đề nghị đăng ký không phải chỗ ở hợp pháp "
        "(kết quả xác minh của Công an phường Việt Trì)."
    )
    out.append(services.refuse(d, actor=head, reason=reason, now=clock.later(t, 2)))
    # A fee corrected after reception: the exemption shown at the counter was not recorded then.
    t = clock.days_ago(1, 14)
    d = _receive("1.004222", vt, vt_centre, binh, t)
    if d.fee_total_vnd:
        d = services.adjust_fees(
            d,
            amount_vnd=0,
            reason="Người nộp là thân nhân liệt sĩ (đã xuất trình giấy chứng nhận), được miễn lệ phí; "
            "quầy chưa ghi nhận khi tiếp nhận.",
            actor=_user(vt),
            now=clock.later(t, 1),
        )
    out.append(d)
    # 10 Đã trả kết quả, early, rated by An.
    t = clock.days_ago(8, 8)
    d, t = resolve(_receive("1.004873", vt, vt_centre, an, t), t, clock)
    d = services.return_result(d, actor=_user(vt), method="counter", now=clock.later(t, 2))
    services.rate_dossier(
        d,
        actor=citizen,
        satisfaction="very_satisfied",
        criteria={"staff_attitude": "very_satisfied"},
        comment="Cán bộ hướng dẫn tận tình.",
        now=clock.later(t, 3),
    )
    out.append(d)
    # 10 Đã trả kết quả late, by post.
    t = clock.days_ago(12, 9)
    d = _receive("1.004194", vt, vt_centre, binh, t)
    d, _ = resolve(d, clock.later(t, 40), clock)
    out.append(
        services.return_result(
            d, actor=_user(vt), method="postal", shipment_number="EB014352678VN", now=clock.later(d.resolved_at or t, 2)
        )
    )
