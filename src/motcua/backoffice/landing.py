"""The landing page of officials whose role has no dossier inboxes (catalogue managers, administrators).

Their work is in the administration screens; the page links to the ones the official may open.
Each link is shown only when the admin screen's own permission check lets this request in, so the
page never offers a screen that answers "forbidden".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse

from motcua.accounts.models import Membership, User
from motcua.catalogue.models import Procedure, ProcedureGroup
from motcua.dossiers.models import AssignmentRule
from motcua.organisations.models import Agency
from motcua.workdays.models import CalendarOverride


@dataclass(frozen=True)
class Link:
    label: str
    description: str
    url: str


# (model, label, what it is for), in the order a person reads them.
SCREENS: tuple[tuple[type[Model], str, str], ...] = (
    (Procedure, "Danh mục thủ tục hành chính", "Tra cứu, tạo phiên bản mới, nhập và xuất danh mục thủ tục."),
    (ProcedureGroup, "Nhóm thủ tục liên thông", "Các thủ tục được nộp một lần, giải quyết ở nhiều cơ quan."),
    (User, "Tài khoản cán bộ", "Tạo tài khoản, khóa tài khoản, đặt lại mật khẩu."),
    (Membership, "Vai trò của cán bộ", "Giao hoặc thu hồi vai trò của cán bộ tại cơ quan, đơn vị."),
    (Agency, "Cơ quan, đơn vị", "Cây cơ quan, đơn vị và mã định danh."),
    (AssignmentRule, "Quy tắc phân công", "Tự động phân công cán bộ xử lý khi hồ sơ đến bước."),
    (CalendarOverride, "Lịch làm việc, ngày nghỉ", "Ngày nghỉ, ngày làm bù, ngày nghỉ riêng của địa phương."),
)


def admin_links(request: HttpRequest) -> list[Link]:
    """The administration screens this request may open, as links."""
    if not admin.site.has_permission(request):  # the admin site lets in active staff accounts only
        return []
    links = []
    for model, label, description in SCREENS:
        model_admin = admin.site._registry.get(model)
        if model_admin is None or not model_admin.has_view_permission(request):
            continue
        meta = model._meta
        links.append(Link(label, description, reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")))
    return links
