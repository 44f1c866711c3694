"""The 29 administrative document types of Decree 30/2020 Art. 7 and the abbreviations commonly used for
their notation (Appendix III; the table was not in our copy of the Decree, see docs/documents.md). A
công văn carries no type abbreviation: its notation is the agency's, then the drafting unit's."""

from __future__ import annotations

DOCUMENT_TYPES: tuple[tuple[str, str], ...] = (
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công văn", ""),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
    ("Thư công", "TCg"),
)
ABBREVIATIONS = dict(DOCUMENT_TYPES)


def suggested_notation(document_type: str, agency_abbreviation: str, unit_abbreviation: str = "") -> str:
    """``QĐ-STP`` for a decision of Sở Tư pháp; ``STP-HCTP`` for its Phòng HCTP's công văn."""
    first = ABBREVIATIONS.get(document_type, "")
    groups = [first, agency_abbreviation] if first else [agency_abbreviation, unit_abbreviation]
    return "-".join(group for group in groups if group)


_LEADING = ("Phòng",)  # the word dropped before a division's initials


def abbreviation(name: str, kind: str) -> str:
    """A notation group from an agency's name: ``UBND`` for a People's Committee, else the initials
    (``Sở Tư pháp`` → ``STP``, ``Phòng Hành chính tư pháp`` → ``HCTP``)."""
    if kind == "peoples_committee":
        return "UBND"
    words = [w for w in name.split() if w[:1].isalpha()]
    if kind == "division" and len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    return "".join(w[0].upper() for w in words)[:12]
