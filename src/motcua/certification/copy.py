"""The electronic copy as a PDF: the pages of the original as scanned, then the certification page.

Circular 01/2020/TT-BTP puts the certification text (lời chứng) at the end of the copy: "Chứng thực bản sao
đúng với bản chính", the number and book of the register, the date, the certifying person's title and name.
A scan fills its page, so the text has a page of its own, the last one; the unit's signature covers the
whole file, which replaces the paper copy's seal across the pages (giáp lai).

Scans in JPEG or PNG are laid out by WeasyPrint, one per page. A PDF scan keeps its pages as they are: each
is imported as a form XObject and drawn, scaled to fit, on a page WeasyPrint left blank for it.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer

from motcua.core.exceptions import DomainError
from motcua.core.fonts import FONT_STACK, font_face_css
from motcua.signatures.pades import Box
from motcua.signatures.services import Boxes

MAX_PAGES = 100
A4_WIDTH, A4_HEIGHT = 595.28, 841.89  # PDF points
MARGIN = 28.35  # 10 mm around a scanned page
CSS_PX_TO_PT = 0.75
SIGNER_ANCHOR = "chu-ky-nguoi-ky"
AGENCY_ANCHOR = "chu-ky-co-quan"


class UnreadableScan(DomainError):
    code = "unreadable_scan"


@dataclass(frozen=True)
class Scan:
    """What the officer scanned: one PDF, or images (one page each)."""

    kind: str  # "pdf" or "image" (JPEG or PNG, one per page)
    pages: tuple[bytes, ...]  # the PDF's bytes once, or each image


def _reader(content: bytes) -> PdfFileReader:
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise UnreadableScan("Tệp bản quét bị hỏng, không đọc được. Vui lòng quét lại.") from exc
    if reader.encrypted:
        raise UnreadableScan("Tệp bản quét được đặt mật khẩu; hãy quét lại không đặt mật khẩu.")
    return reader


def _iter_pages(reader: PdfFileReader) -> list[int]:
    try:
        count = int(reader.root["/Pages"]["/Count"])
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableScan("Tệp bản quét bị hỏng, không đọc được số trang.") from exc
    if count < 1:
        raise UnreadableScan("Tệp bản quét không có trang nào.")
    if count > MAX_PAGES:
        raise UnreadableScan(f"Bản quét có {count} trang, vượt quá {MAX_PAGES} trang.")
    return list(range(count))


def page_count(scan: Scan) -> int:
    """Pages of the original: the PDF's, or one per image."""
    return len(_iter_pages(_reader(scan.pages[0]))) if scan.kind == "pdf" else len(scan.pages)


def render_copy(scan: Scan, context: dict[str, Any]) -> tuple[bytes, Boxes]:
    """The copy's PDF and where its signatures go."""
    from weasyprint import HTML  # heavy: imported where a copy is made

    page_indexes = list(range(page_count(scan)))
    images = (
        []
        if scan.kind == "pdf"
        else [f"data:{_image_type(page)};base64,{base64.b64encode(page).decode()}" for page in scan.pages]
    )
    html = render_to_string(
        "certification/copy.html",
        {
            **context,
            "font_faces": font_face_css(),
            "font_stack": FONT_STACK,
            "images": images,
            "blank_pages": page_indexes if scan.kind == "pdf" else [],
            "pages": len(page_indexes),
        },
    )
    document = HTML(string=html, base_url=str(settings.SITE_URL)).render()
    boxes = _boxes(document)
    content = bytes(document.write_pdf())
    if scan.kind == "pdf":
        content = _draw_scanned_pages(content, scan.pages[0], len(page_indexes))
    return content, boxes


def _image_type(page: bytes) -> str:
    return "image/png" if page.startswith(b"\x89PNG") else "image/jpeg"


def _boxes(document: Any) -> Boxes:
    found: dict[str, Box] = {}
    for number, page in enumerate(document.pages):
        height = page.height * CSS_PX_TO_PT  # PDF measures from the bottom
        for name in (SIGNER_ANCHOR, AGENCY_ANCHOR):
            if name in page.anchors and name not in found:
                left, top, right, bottom = (value * CSS_PX_TO_PT for value in page.anchors[name])
                found[name] = Box(number, left, height - bottom, right, height - top)
    return Boxes(person=found.get(SIGNER_ANCHOR), agency=found.get(AGENCY_ANCHOR))


def _draw_scanned_pages(base: bytes, scanned: bytes, count: int) -> bytes:
    """Each page of the scan drawn, scaled to fit inside the margins, on the blank page kept for it."""
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(base), strict=False))
    source = _reader(scanned)
    for index in range(count):
        try:
            xobject = writer.import_page_as_xobject(source, page_ix=index)
        except (PdfError, ValueError, KeyError, TypeError) as exc:
            raise UnreadableScan(f"Không đọc được trang {index + 1} của bản quét.") from exc
        x1, y1, x2, y2 = (float(v) for v in xobject.get_object()["/BBox"])
        width, height = x2 - x1, y2 - y1
        scale = min((A4_WIDTH - 2 * MARGIN) / width, (A4_HEIGHT - 2 * MARGIN) / height)
        left = (A4_WIDTH - width * scale) / 2 - x1 * scale
        bottom = (A4_HEIGHT - height * scale) / 2 - y1 * scale
        name = f"/BanChinh{index}"
        drawing = f"q {scale:.4f} 0 0 {scale:.4f} {left:.2f} {bottom:.2f} cm {name} Do Q".encode()
        stream = writer.add_object(generic.StreamObject(stream_data=drawing))
        resources = generic.DictionaryObject(
            {generic.pdf_name("/XObject"): generic.DictionaryObject({generic.pdf_name(name): xobject})}
        )
        writer.add_stream_to_page(index, stream, resources=resources)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
