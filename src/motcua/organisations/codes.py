"""Electronic identifier codes of agencies (mã định danh điện tử): classify, validate, parse. Pure.

Two forms are in use:

- **Current** (QĐ 20/2020/QĐ-TTg Art. 4, amended by QĐ 09/2025/QĐ-TTg): at most 35 characters from
  ``[0-9A-Z.]``, dot-separated groups read **left to right**; the first group is the level-1 code
  ``MX1X2`` (a letter A–Y and two digits, e.g. ``H25``), each further group one level down:
  ``G06.01``, ``H55.242``.
- **Legacy** (QCVN 102:2016/BTTTT): exactly 13 characters ``V1V2V3.Z1Z2.Y1Y2.MX1X2`` read **right to
  left**: the level-1 code comes last, then level 2 (``Y1Y2``), 3 (``Z1Z2``), 4 (``V1V2V3``); a
  group of zeros means "no such level": ``000.00.06.H56`` is level 2 under ``H56``.

Dossier codes of the one-stop system still embed the legacy form, so both must be accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from motcua.core.exceptions import DomainError

MAX_LENGTH = 35
LEGACY_LENGTH = 13
_ALLOWED = re.compile(r"[0-9A-Z.]+")
_LEVEL1 = re.compile(r"[A-Y]\d{2}")
_GROUP = re.compile(r"[0-9A-Z]+")
_LEGACY = re.compile(r"(\d{3})\.(\d{2})\.(\d{2})\.([A-Y]\d{2})")
_LEGACY_SHAPE = re.compile(r"\d{3}\.\d{2}\.\d{2}\..*|.*\.\d{2}\.\d{2}\.[A-Z]\d{2}")


class CodeForm(StrEnum):
    CURRENT = "current"
    LEGACY = "legacy"


class InvalidAgencyCode(DomainError):
    code = "invalid_agency_code"

    def __init__(self, message: str):
        super().__init__(message, fields={"identifier_code": [message]})


@dataclass(frozen=True)
class AgencyCode:
    """A validated code. ``groups`` run from level 1 down whatever the written form."""

    value: str
    form: CodeForm
    groups: tuple[str, ...]

    @property
    def level(self) -> int:
        """1 for a level-1 body (a ministry, a province), 2 for its direct subordinates, …"""
        return len(self.groups)

    @property
    def level1(self) -> str:
        return self.groups[0]

    def is_under(self, other: AgencyCode) -> bool:
        """Whether this code sits below ``other`` in the code hierarchy (either form)."""
        return len(self.groups) > len(other.groups) and self.groups[: len(other.groups)] == other.groups


def normalise_code(value: str) -> str:
    """Codes are compared upper-case without surrounding blanks."""
    return value.strip().upper()


def classify(value: str) -> CodeForm | None:
    """The form a code is written in, or ``None`` when it is neither (without saying why)."""
    try:
        return parse_agency_code(value).form
    except InvalidAgencyCode:
        return None


def is_valid_agency_code(value: str) -> bool:
    return classify(value) is not None


def parse_agency_code(value: str) -> AgencyCode:
    """Validate ``value`` in either form; raise ``InvalidAgencyCode`` with a Vietnamese reason."""
    code = normalise_code(value)
    if not code:
        raise InvalidAgencyCode("Chưa nhập mã định danh điện tử.")
    if len(code) > MAX_LENGTH:
        raise InvalidAgencyCode(f"Mã định danh điện tử dài tối đa {MAX_LENGTH} ký tự.")
    if not _ALLOWED.fullmatch(code):
        raise InvalidAgencyCode("Mã định danh điện tử chỉ gồm chữ cái in hoa A–Z, chữ số và dấu chấm.")
    if _LEGACY_SHAPE.fullmatch(code) and not _LEVEL1.fullmatch(code.split(".")[0]):
        return _parse_legacy(code)
    return _parse_current(code)


def _parse_current(code: str) -> AgencyCode:
    groups = tuple(code.split("."))
    if any(not group for group in groups):
        raise InvalidAgencyCode(
            "Mã định danh điện tử có nhóm rỗng (dấu chấm ở đầu, ở cuối hoặc hai dấu chấm liền nhau)."
        )
    if not _LEVEL1.fullmatch(groups[0]) or groups[0].endswith("00"):
        raise InvalidAgencyCode(
            "Nhóm đầu của mã định danh điện tử phải là mã cấp 1 dạng MX1X2 "
            "(một chữ cái A–Y và hai chữ số từ 01 đến 99), ví dụ H25.01."
        )
    if not all(_GROUP.fullmatch(group) for group in groups[1:]):
        raise InvalidAgencyCode("Các nhóm sau mã cấp 1 chỉ gồm chữ cái in hoa và chữ số.")
    return AgencyCode(code, CodeForm.CURRENT, groups)


def _parse_legacy(code: str) -> AgencyCode:
    match = _LEGACY.fullmatch(code)
    if match is None or len(code) != LEGACY_LENGTH:
        raise InvalidAgencyCode("Mã định danh dạng QCVN 102:2016 phải có đúng 13 ký tự dạng 000.00.00.H56.")
    level4, level3, level2, level1 = match.groups()
    if level1.endswith("00"):
        raise InvalidAgencyCode("Mã cấp 1 trong mã định danh dạng QCVN 102:2016 không được là 00.")
    lower = [level2, level3, level4]
    present = [int(group) != 0 for group in lower]
    # Read right to left, a level cannot exist below an absent one: 000.05.00.H56 is malformed.
    if any(later and not earlier for earlier, later in pairwise(present)):
        raise InvalidAgencyCode(
            "Mã định danh dạng QCVN 102:2016 không được để trống (00) cấp trên khi đã có mã cấp dưới."
        )
    groups = (level1, *(group for group, here in zip(lower, present, strict=True) if here))
    return AgencyCode(code, CodeForm.LEGACY, groups)
