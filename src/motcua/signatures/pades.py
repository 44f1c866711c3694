"""PAdES signatures on a PDF, placed as Decree 30/2020 (Appendix I) places them.

- A person's signature sits over their name (the box the document reserved for it, cell 7c).
- The agency's signature: over the seal's place when the document reserved one (cell 8); otherwise at the
  top right of the first page, as for attachments and electronic copies, with the document's number or
  reference and the signing time in ISO 8601 with the Vietnamese offset, and a QR code leading to the
  public verification page, so a printed copy can still be checked.

Each signature is an incremental update (the earlier ones stay intact), a CAdES-detached PAdES signature
with a timestamp from :mod:`motcua.signatures.tsa` (B-T), or B-B when no TSA is configured; B-LT when a
validation context with revocation data is given (:mod:`motcua.signatures.ltv`): the chain and the CRLs
are then written into the document's security store after each signature.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from zoneinfo import ZoneInfo

from pyhanko import stamp
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import TimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, ValidationError

from motcua.core.exceptions import DomainError
from motcua.signatures.signers import KeySigner

logger = logging.getLogger(__name__)
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MM = 72 / 25.4  # PDF points per millimetre
# Noto Serif (fonts-noto-core) has every Vietnamese letter. Not Liberation Serif, which the forms use:
# pyHanko's text layout spaces its glyphs too widely (its metrics are read at another unit scale).
STAMP_FONTS = (
    Path("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
)
# The agency's box at the top right of page 1: in the top margin, clear of the text of most documents.
CORNER_WIDTH, CORNER_HEIGHT, CORNER_MARGIN = 66 * MM, 17 * MM, 4 * MM
BLUE = (0.0, 0.2, 0.7)  # a person's signature is blue, the agency's red (Appendix I §7–8)
RED = (0.8, 0.0, 0.0)


class NotAPdf(DomainError):
    code = "not_a_pdf"
    status = 400


class Appearance(Enum):
    PERSON = "person"
    AGENCY = "agency"


@dataclass(frozen=True)
class Box:
    """Where a visible signature goes: a page (0 is the first) and a rectangle in PDF points."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    def rounded(self) -> tuple[int, int, int, int]:
        return round(self.x1), round(self.y1), round(self.x2), round(self.y2)


@dataclass(frozen=True)
class SignatureRequest:
    signer: KeySigner
    appearance: Appearance
    name: str  # the person's or the agency's name, as shown in the box
    box: Box | None = None  # None: an agency's signature goes top right of page 1, a person's is invisible
    reference: str = ""  # the document's number and notation, or the dossier's code
    verify_url: str = ""  # the QR code's target (agency signatures)
    reason: str = ""


def sign_pdf(
    content: bytes,
    requests: Sequence[SignatureRequest],
    *,
    now: datetime,
    location: str,
    timestamper: TimeStamper | None,
    validation: ValidationContext | None = None,
) -> bytes:
    """``content`` signed once per request, in order (the person before the agency).

    ``validation``: embed the validation data (B-LT). A chain it cannot validate (a root not listed in the
    trust roots, a CA without revocation data) does not stop the signing: that signature is made B-T.
    """
    for number, request in enumerate(requests, start=1):
        field = _free_field(content, number)
        try:
            content = _sign_once(
                content,
                request,
                field=field,
                now=now,
                location=location,
                timestamper=timestamper,
                validation=validation,
            )
        except (SigningError, PathBuildingError, PathValidationError, ValidationError) as exc:
            if validation is None:
                raise
            logger.error("Long-term validation data not embedded for %s: %s", request.name, exc)
            content = _sign_once(content, request, field=field, now=now, location=location, timestamper=timestamper)
    return content


def _sign_once(
    content: bytes,
    request: SignatureRequest,
    *,
    field: str,
    now: datetime,
    location: str,
    timestamper: TimeStamper | None,
    validation: ValidationContext | None = None,
) -> bytes:
    writer = _writer(content)
    box = request.box
    if box is None and request.appearance is Appearance.AGENCY:
        box = corner_box(writer)
    # A person's signature without a box (a result uploaded as a file: where the name is printed is not
    # known) is invisible; the agency's visible one, with its QR code, still shows the document is signed.
    spec = fields.SigFieldSpec(field, box=box.rounded(), on_page=box.page) if box else fields.SigFieldSpec(field)
    fields.append_signature_field(writer, spec)
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=request.reason or None,
        location=location or None,
        name=request.name,
        validation_context=validation,
        embed_validation_info=validation is not None,
    )
    text_params = {"ten": request.name, "thoi_gian": signing_time_text(now), "so": request.reference}
    if request.verify_url:
        text_params["url"] = request.verify_url
    output = io.BytesIO()
    with request.signer.session() as signer:
        style = _style(request) if box else None
        pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=timestamper, stamp_style=style)
        pdf_signer.sign_pdf(writer, output=output, appearance_text_params=text_params)
    return output.getvalue()


def _writer(content: bytes) -> IncrementalPdfFileWriter:
    try:
        return IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise NotAPdf("Tệp không phải PDF hợp lệ nên không ký được.") from exc


def _free_field(content: bytes, number: int) -> str:
    """A field name not used yet: a document signed before keeps its fields."""
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        existing = {name for name, _value, _ref in fields.enumerate_sig_fields(reader)}
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise NotAPdf("Tệp không phải PDF hợp lệ nên không ký được.") from exc
    name = f"ChuKy{number}"
    while name in existing:
        number += 1
        name = f"ChuKy{number}"
    return name


def corner_box(writer: IncrementalPdfFileWriter) -> Box:
    """Top right of page 1, inside the top margin."""
    page_ref, _resources = writer.find_page_for_modification(0)
    node = page_ref.get_object()
    while "/MediaBox" not in node and "/Parent" in node:  # the media box may be inherited
        node = node["/Parent"]
    right, top = (float(v) for v in list(node["/MediaBox"])[2:4])
    x2, y2 = right - CORNER_MARGIN, top - CORNER_MARGIN
    return Box(0, x2 - CORNER_WIDTH, y2 - CORNER_HEIGHT, x2, y2)


def signing_time_text(now: datetime) -> str:
    """ISO 8601 in Vietnam's time zone, as Appendix I asks: 2026-05-04T09:30:00+07:00."""
    return now.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def _font() -> GlyphAccumulatorFactory | None:
    for path in STAMP_FONTS:
        if path.is_file():
            return GlyphAccumulatorFactory(str(path))
    return None


def _text_style(size: int, color: tuple[float, float, float]) -> TextBoxStyle:
    font = _font()
    if font is None:
        return TextBoxStyle(font_size=size, text_color=color)
    return TextBoxStyle(font=font, font_size=size, text_color=color)


def _style(request: SignatureRequest) -> stamp.BaseStampStyle:
    if request.appearance is Appearance.PERSON:
        return stamp.TextStampStyle(
            stamp_text="Ký bởi: %(ten)s\nThời gian ký: %(thoi_gian)s",
            text_box_style=_text_style(8, BLUE),
            border_width=1,
            border_color=BLUE,
        )
    lines = ["Ký bởi: %(ten)s"]
    if request.reference:
        lines.append("Số, ký hiệu: %(so)s")
    lines.append("Thời gian ký: %(thoi_gian)s")
    if request.verify_url:
        lines.append("Kiểm tra: quét mã QR")
        return stamp.QRStampStyle(
            stamp_text="\n".join(lines), text_box_style=_text_style(6, RED), border_width=1, border_color=RED
        )
    return stamp.TextStampStyle(
        stamp_text="\n".join(lines), text_box_style=_text_style(7, RED), border_width=1, border_color=RED
    )
