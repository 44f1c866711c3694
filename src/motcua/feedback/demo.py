"""Demo feedback for the demo province: items in every state, across categories and communes. Idempotent.

The provincial service centre coordinates (``tiepnhan.tinh``); road items go to the construction
department's division, lighting, security and environment items of Việt Trì to its ward; the rest wait for
the coordinator. Times are counted back from now, so that some items are late whenever the demo is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, TextIO

from django.utils import timezone

from motcua.accounts import demo as people
from motcua.accounts.models import User
from motcua.feedback import defaults, services
from motcua.feedback.constants import Channel
from motcua.feedback.models import Category, CoordinatingUnit, FeedbackItem, RoutingRule
from motcua.organisations import demo as org
from motcua.organisations.models import AdministrativeUnit
from motcua.workdays.constants import VIETNAM_TZ


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _configure() -> None:
    defaults.ensure()
    CoordinatingUnit.objects.get_or_create(agency=org.demo_agency(org.TTPVHCC_TINH_CODE))
    roads = Category.objects.get(code="giao-thong-ha-tang")
    roads.default_agency = org.demo_agency(org.PHONG_QLHDXD_CODE)
    roads.description = "Ổ gà, sụt lún, vỉa hè, biển báo, cầu cống. Việc khẩn cấp xin gọi đường dây nóng."
    roads.save()
    viet_tri = AdministrativeUnit.objects.get(code=org.VIET_TRI_UNIT_CODE)
    ward = org.demo_agency(org.UBND_VIET_TRI_CODE)
    for code in ("chieu-sang", "an-ninh-trat-tu", "moi-truong"):
        RoutingRule.objects.get_or_create(
            category=Category.objects.get(code=code), unit=viet_tri, defaults={"agency": ward}
        )


@dataclass
class Story:
    """One demo item: what the citizen sent, then the steps taken, each a number of hours after the previous."""

    category: str
    title: str
    content: str
    unit: str
    days_ago: float
    steps: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    name: str = "Nguyễn Văn Bình"
    phone: str = "0912000001"
    anonymous: bool = False
    channel: str = Channel.PORTAL
    place: tuple[str, str] | None = None


def _stories() -> list[Story]:
    answer = "Đơn vị quản lý đã kiểm tra hiện trường và khắc phục ngay trong tuần; cảm ơn người dân đã phản ánh."
    return [
        Story(
            "giao-thong-ha-tang",
            "Ổ gà sâu trên đường Hùng Vương",
            "Trước số nhà 215 đường Hùng Vương có ổ gà sâu khoảng 20 cm, xe máy đã ngã hai lần.",
            org.VIET_TRI_UNIT_CODE,
            0.2,
            place=("21.322900", "105.401900"),
        ),
        Story(
            "chieu-sang",
            "Đèn đường tắt cả dãy phố Nguyễn Tất Thành",
            "Cả dãy đèn từ ngã ba Đền Hùng đến cầu Việt Trì tắt từ tối thứ Hai, rất nguy hiểm.",
            org.VIET_TRI_UNIT_CODE,
            12,
            [("accept", {"handler": people.CHUYENVIEN_VIET_TRI})],
            phone="0912000002",
        ),
        Story(
            "moi-truong",
            "Rác thải tồn đọng ở chợ Vĩnh Yên",
            "Rác tồn đọng ba ngày ở cổng sau chợ, bốc mùi hôi.",
            org.VINH_YEN_UNIT_CODE,
            1,
            phone="0912000003",
        ),
        Story(
            "quy-dinh-hanh-chinh",
            "Lệ phí chứng thực bản sao ở phường khác nhau",
            "Cùng một bản sao nhưng hai nơi thu lệ phí khác nhau, đề nghị hướng dẫn thống nhất.",
            org.VINH_YEN_UNIT_CODE,
            4,
            [
                ("route", {"agency": org.PHONG_HCTP_CODE}),
                ("accept", {"handler": people.CHUYENVIEN_TU_PHAP}),
                (
                    "submit_answer",
                    {
                        "answer": "Lệ phí chứng thực bản sao thu theo Thông tư 226/2016/TT-BTC, "
                        "2.000 đồng/trang từ trang thứ ba trở đi."
                    },
                ),
            ],
            phone="0912000004",
            channel=Channel.HOTLINE,
        ),
        Story(
            "giao-thong-ha-tang",
            "Vỉa hè bị lấn chiếm làm bãi xe",
            "Vỉa hè trước trường tiểu học bị lấn chiếm làm bãi trông xe, học sinh phải đi xuống lòng đường.",
            org.LAM_THAO_UNIT_CODE,
            20,
            [
                ("accept", {"handler": people.CHUYENVIEN_XAY_DUNG}),
                ("submit_answer", {"answer": answer}),
                ("approve", {}),
                ("rate", {"satisfied": True}),
                ("publish", {}),
            ],
            phone="0912000005",
        ),
        Story(
            "an-ninh-trat-tu",
            "Karaoke gây ồn sau 23 giờ",
            "Quán karaoke ở tổ 5 hát đến 1 giờ sáng nhiều đêm liền.",
            org.VIET_TRI_UNIT_CODE,
            25,
            [
                ("accept", {"handler": people.CHUYENVIEN_VIET_TRI}),
                (
                    "submit_answer",
                    {"answer": "Công an phường đã lập biên bản, nhắc nhở chủ quán cam kết không hát sau 22 giờ."},
                ),
                ("approve", {"hours": 200}),
                ("rate", {"satisfied": False, "comment": "Tối qua vẫn hát"}),
            ],
            phone="0912000006",
        ),
        Story(
            "giai-quyet-ho-so",
            "Hồ sơ đăng ký đất đai quá hẹn",
            "Hồ sơ đăng ký biến động đất đai của tôi quá hẹn 10 ngày chưa có kết quả.",
            org.HOA_BINH_UNIT_CODE,
            3,
            [
                ("route", {"agency": org.PHONG_QLHDXD_CODE}),
                ("send_back", {"reason": "Hồ sơ đất đai thuộc Văn phòng Đăng ký đất đai, không thuộc Sở Xây dựng."}),
            ],
            phone="0912000007",
        ),
        Story(
            "thai-do-can-bo",
            "Cán bộ tiếp dân thiếu lịch sự",
            "Cán bộ bộ phận một cửa phường lớn tiếng với người cao tuổi sáng thứ Ba.",
            org.VIET_TRI_UNIT_CODE,
            2,
            [("route", {"agency": org.UBND_VIET_TRI_CODE}), ("accept", {"handler": people.LANHDAO_VIET_TRI})],
            anonymous=True,
        ),
        Story(
            "khac",
            "Quảng cáo vay tiền nhanh",
            "Vay tiền nhanh lãi suất thấp, liên hệ ngay.",
            org.LAM_THAO_UNIT_CODE,
            6,
            [("reject", {"reason": "Nội dung quảng cáo, không phải phản ánh, kiến nghị."})],
            phone="0912000009",
        ),
        Story(
            "giao-thong-ha-tang",
            "Vỉa hè trước trường bị chiếm làm bãi xe",
            "Trước cổng trường tiểu học vỉa hè thành bãi xe, đề nghị xử lý.",
            org.LAM_THAO_UNIT_CODE,
            19.5,
            [("merge", {"into": 4})],
            name="Lê Thị Thu",
            phone="0912000010",
        ),
        Story(
            "giao-thong-ha-tang",
            "Nắp cống bị vỡ ở tổ 12",
            "Nắp cống bị vỡ, trẻ em đi học dễ sụt chân.",
            org.HOA_BINH_UNIT_CODE,
            15,
            [
                ("accept", {"handler": people.CHUYENVIEN_XAY_DUNG}),
                ("submit_answer", {"answer": "Đã thay nắp cống mới."}),
                ("approve", {}),
                ("reopen", {"reason": "Nắp mới lại bị lệch, vẫn nguy hiểm."}),
            ],
            phone="0912000011",
        ),
        Story(
            "chieu-sang",
            "Cột đèn nghiêng sau bão",
            "Cột đèn số 17 đường Châu Phong nghiêng hẳn sau bão.",
            org.VIET_TRI_UNIT_CODE,
            5,
            [
                ("accept", {"handler": people.CHUYENVIEN_VIET_TRI}),
                ("submit_answer", {"answer": "Đội quản lý điện chiếu sáng đã dựng lại và gia cố cột đèn số 17."}),
                ("approve", {}),
                ("publish", {}),
            ],
            phone="0912000012",
        ),
        Story(
            "khac",
            "Đề nghị cho nộp bản sao điện tử khi đăng ký khai sinh",
            "Đề nghị cho phép nộp bản sao điện tử giấy tờ khi đăng ký khai sinh, đỡ phải đi chứng thực.",
            org.VIET_TRI_UNIT_CODE,
            9,
            [
                ("route", {"agency": org.PHONG_HCTP_CODE}),
                ("accept", {"handler": people.CHUYENVIEN_TU_PHAP}),
                (
                    "submit_answer",
                    {
                        "answer": "Từ nay người dân nộp bản sao điện tử được chứng thực từ bản chính "
                        "khi đăng ký khai sinh."
                    },
                ),
                ("approve", {}),
                ("rate", {"satisfied": True}),
            ],
            phone="0912000013",
            channel=Channel.COUNTER,
        ),
    ]


# Who fires each step (the handler drafts; the agency's head accepts and approves).
ACTORS = {
    "route": people.TIEPNHAN_TINH,
    "reject": people.TIEPNHAN_TINH,
    "merge": people.TIEPNHAN_TINH,
    "publish": people.TIEPNHAN_TINH,
}
HEADS = {
    org.PHONG_QLHDXD_CODE: people.TRUONGPHONG_XAY_DUNG,
    org.PHONG_HCTP_CODE: people.TRUONGPHONG_TU_PHAP,
    org.UBND_VIET_TRI_CODE: people.LANHDAO_VIET_TRI,
}


def _step(item: FeedbackItem, action: str, args: dict[str, Any], now: datetime, created: list[FeedbackItem]) -> None:
    item.refresh_from_db()
    head = (
        _user(HEADS.get(item.handling_agency.identifier_code, people.TIEPNHAN_TINH)) if item.handling_agency else None
    )
    coordinator = _user(ACTORS.get(action, people.TIEPNHAN_TINH))
    if action == "route":
        services.route(item, actor=coordinator, agency=org.demo_agency(args["agency"]), now=now)
    elif action == "reject":
        services.reject(item, actor=coordinator, reason=args["reason"], now=now)
    elif action == "merge":
        services.merge(item, actor=coordinator, into=created[args["into"]], now=now)
    elif action == "accept":
        services.accept(item, actor=head, handler=_user(args["handler"]), now=now)
    elif action == "send_back":
        services.send_back(item, actor=head, reason=args["reason"], now=now)
    elif action == "submit_answer":
        services.submit_answer(item, actor=item.handler, answer=args["answer"], now=now)
    elif action == "approve":
        services.approve(item, actor=head, now=now)
    elif action == "rate":
        services.rate(
            item, satisfied=args["satisfied"], comment=args.get("comment", ""), phone=item.citizen_phone, now=now
        )
    elif action == "reopen":
        services.reopen(item, reason=args["reason"], phone=item.citizen_phone, now=now)
    elif action == "publish":
        services.publish(item, actor=coordinator, question=f"{item.title}?", answer=item.answer, now=now)


def load(stdout: TextIO) -> None:
    _configure()
    if FeedbackItem.objects.exists():
        stdout.write("Phản ánh, kiến nghị: đã có dữ liệu mẫu.\n")
        return
    now = timezone.now().astimezone(VIETNAM_TZ)
    created: list[FeedbackItem] = []
    for story in _stories():
        moment = now - timedelta(days=story.days_ago)
        lat, long = story.place or (None, None)
        submission = services.Submission(
            category=story.category,
            title=story.title,
            content=story.content,
            anonymous=story.anonymous,
            name="" if story.anonymous else story.name,
            phone="" if story.anonymous else story.phone,
            unit_code=story.unit,
            address=story.title.split(" ở ")[-1] if " ở " in story.title else "",
            latitude=Decimal(lat) if lat else None,
            longitude=Decimal(long) if long else None,
        )
        recorder = _user(people.TIEPNHAN_TINH) if story.channel != Channel.PORTAL else None
        item = services.submit_feedback(submission, channel=story.channel, actor=recorder, now=moment)
        created.append(item)
        for action, args in story.steps:
            moment += timedelta(hours=args.pop("hours", 20))
            _step(item, action, args, min(moment, now), created)
    stdout.write(f"Phản ánh, kiến nghị: đã thêm {len(created)} phản ánh mẫu.\n")
