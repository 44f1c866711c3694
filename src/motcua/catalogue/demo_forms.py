"""Blank forms (tờ khai) of the demo catalogue's key procedures, rendered to PDF at load time.

The forms are written for the project after the fields of the official forms the sample names
(Thông tư 04/2020/TT-BTP for civil status, Thông tư 56/2021/TT-BCA as amended for residence); each says on its
face that it is a demo form and which official form to check against. They are stored once under
``catalogue/forms/demo/`` in the default storage; later loads reuse the stored file, so the
catalogue import finds the components unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from motcua.core.fonts import FONT_STACK, font_face_css
from motcua.core.text import fold

FOLDER = "catalogue/forms/demo"


@dataclass(frozen=True)
class BlankForm:
    slug: str
    title: str
    addressee: str
    official: str  # the official form to check against
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    request: str = ""

    @property
    def storage_name(self) -> str:
        return f"{FOLDER}/{self.slug}.pdf"


_REQUESTER = (
    "Người yêu cầu",
    (
        "Họ, chữ đệm, tên",
        "Số định danh cá nhân",
        "Nơi cư trú",
        "Số điện thoại",
        "Quan hệ với người được đăng ký",
    ),
)
_BIRTH = BlankForm(
    slug="to-khai-dang-ky-khai-sinh",
    title="TỜ KHAI ĐĂNG KÝ KHAI SINH",
    addressee="Ủy ban nhân dân xã/phường ……………………, tỉnh Phú Thọ",
    official="Mẫu tờ khai đăng ký khai sinh ban hành kèm Thông tư 04/2020/TT-BTP",
    request="Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
    sections=(
        _REQUESTER,
        (
            "Người được khai sinh",
            ("Họ, chữ đệm, tên", "Ngày, tháng, năm sinh", "Giới tính", "Dân tộc", "Quốc tịch", "Nơi sinh", "Quê quán"),
        ),
        ("Mẹ", ("Họ, chữ đệm, tên", "Năm sinh", "Dân tộc", "Quốc tịch", "Nơi cư trú", "Số định danh cá nhân")),
        ("Cha", ("Họ, chữ đệm, tên", "Năm sinh", "Dân tộc", "Quốc tịch", "Nơi cư trú", "Số định danh cá nhân")),
    ),
)
_MARRIAGE = BlankForm(
    slug="to-khai-dang-ky-ket-hon",
    title="TỜ KHAI ĐĂNG KÝ KẾT HÔN",
    addressee="Ủy ban nhân dân xã/phường ……………………, tỉnh Phú Thọ",
    official="Mẫu tờ khai đăng ký kết hôn ban hành kèm Thông tư 04/2020/TT-BTP",
    request="Chúng tôi đề nghị đăng ký kết hôn và cam đoan tự nguyện, đủ điều kiện kết hôn theo quy định.",
    sections=tuple(
        (
            who,
            (
                "Họ, chữ đệm, tên",
                "Ngày, tháng, năm sinh",
                "Dân tộc",
                "Quốc tịch",
                "Nơi cư trú",
                "Số định danh cá nhân",
                "Kết hôn lần thứ mấy",
            ),
        )
        for who in ("Bên nữ", "Bên nam")
    ),
)
_RESIDENCE = BlankForm(
    slug="to-khai-thay-doi-thong-tin-cu-tru-ct01",
    title="TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    addressee="Công an xã/phường ……………………, tỉnh Phú Thọ",
    official="Mẫu CT01 (Thông tư 56/2021/TT-BCA, sửa đổi bởi Thông tư 66/2023/TT-BCA)",
    sections=(
        (
            "Người khai",
            (
                "Họ, chữ đệm và tên",
                "Ngày, tháng, năm sinh",
                "Giới tính",
                "Số định danh cá nhân",
                "Số điện thoại",
                "Thư điện tử",
                "Nơi thường trú",
                "Nơi tạm trú",
                "Nơi ở hiện tại",
                "Nghề nghiệp, nơi làm việc",
            ),
        ),
        (
            "Nội dung đề nghị",
            ("Đề nghị (đăng ký thường trú, tạm trú, điều chỉnh thông tin …)", "Chỗ ở đề nghị đăng ký"),
        ),
        (
            "Chủ hộ, chủ sở hữu chỗ ở",
            ("Họ, chữ đệm và tên chủ hộ", "Số định danh cá nhân của chủ hộ", "Ý kiến của chủ hộ/chủ sở hữu chỗ ở"),
        ),
    ),
)
_MARITAL_STATUS = BlankForm(
    slug="to-khai-xac-nhan-tinh-trang-hon-nhan",
    title="TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
    addressee="Ủy ban nhân dân xã/phường ……………………, tỉnh Phú Thọ",
    official="Mẫu tờ khai cấp Giấy xác nhận tình trạng hôn nhân ban hành kèm Thông tư 04/2020/TT-BTP",
    request="Đề nghị cấp Giấy xác nhận tình trạng hôn nhân cho người dưới đây:",
    sections=(
        _REQUESTER,
        (
            "Người được xác nhận",
            (
                "Họ, chữ đệm, tên",
                "Ngày, tháng, năm sinh",
                "Giới tính",
                "Số định danh cá nhân",
                "Nơi cư trú",
                "Tình trạng hôn nhân",
                "Mục đích sử dụng Giấy xác nhận",
            ),
        ),
    ),
)
_COPY_EXTRACT = BlankForm(
    slug="to-khai-cap-ban-sao-trich-luc-ho-tich",
    title="TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH",
    addressee="Ủy ban nhân dân xã/phường ……………………, tỉnh Phú Thọ",
    official="Mẫu tờ khai cấp bản sao trích lục hộ tịch ban hành kèm Thông tư 04/2020/TT-BTP",
    request="Đề nghị cấp bản sao trích lục hộ tịch cho người dưới đây:",
    sections=(
        _REQUESTER,
        (
            "Sự kiện hộ tịch",
            (
                "Loại việc (khai sinh, kết hôn, khai tử …)",
                "Họ, chữ đệm, tên người có sự kiện hộ tịch",
                "Ngày, tháng, năm đăng ký",
                "Cơ quan đã đăng ký",
                "Số bản sao đề nghị cấp",
            ),
        ),
    ),
)
_CIVIL_CHANGE = BlankForm(
    slug="to-khai-thay-doi-cai-chinh-bo-sung-ho-tich",
    title="TỜ KHAI ĐĂNG KÝ THAY ĐỔI, CẢI CHÍNH, BỔ SUNG THÔNG TIN HỘ TỊCH",
    addressee="Ủy ban nhân dân xã/phường ……………………, tỉnh Phú Thọ",
    official="Mẫu tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch ban hành kèm Thông tư 04/2020/TT-BTP",
    request="Đề nghị đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch cho người dưới đây:",
    sections=(
        _REQUESTER,
        (
            "Người có thông tin cần thay đổi",
            (
                "Họ, chữ đệm, tên",
                "Ngày, tháng, năm sinh",
                "Số định danh cá nhân",
                "Giấy tờ hộ tịch đã cấp (số, ngày, cơ quan cấp)",
                "Nội dung đề nghị thay đổi, cải chính, bổ sung",
                "Lý do",
            ),
        ),
    ),
)

# (procedure code, how the component's name begins, folded) → its blank form.
COMPONENT_FORMS: dict[tuple[str, str], BlankForm] = {
    ("1.001193", "to khai dang ky khai sinh"): _BIRTH,
    ("1.000894", "to khai dang ky ket hon"): _MARRIAGE,
    ("1.004222", "to khai thay doi thong tin cu tru"): _RESIDENCE,
    ("1.004194", "to khai thay doi thong tin cu tru"): _RESIDENCE,
    ("1.004873", "to khai"): _MARITAL_STATUS,
    ("2.000635", "to khai cap ban sao trich luc"): _COPY_EXTRACT,
    ("1.004859", "to khai thay doi, cai chinh"): _CIVIL_CHANGE,
}


def form_for(code: str, component_name: str) -> BlankForm | None:
    folded = fold(component_name)
    return next((form for (c, start), form in COMPONENT_FORMS.items() if c == code and folded.startswith(start)), None)


def render(form: BlankForm) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    html = render_to_string(
        "catalogue/blank_form.html", {"form": form, "font_faces": font_face_css(), "font_stack": FONT_STACK}
    )
    return bytes(HTML(string=html).write_pdf())


def stored_form(code: str, component_name: str) -> str:
    """Storage name of the component's blank form (rendered and stored on first use), or "" if it has none."""
    form = form_for(code, component_name)
    if form is None:
        return ""
    if not default_storage.exists(form.storage_name):
        saved = default_storage.save(form.storage_name, ContentFile(render(form)))
        if saved != form.storage_name:  # stored meanwhile by another load: keep the one file
            default_storage.delete(saved)
    return form.storage_name
