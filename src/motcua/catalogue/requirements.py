"""When a component must be supplied, read from the published wording (pure functions).

Published checklists state conditions in the component's note or in brackets after its name:
"chỉ khi khai sinh cho trẻ bị bỏ rơi", "(khi nộp trực tuyến)", "đối với tổ chức…", "(nếu có)".
Such a component is not required of everyone: marking it mandatory made applicants upload
dummy files. The importer uses this reading for rows that do not state the requirement
themselves, and the demo catalogue for the real notes it carries.
"""

from __future__ import annotations

import re

from motcua.catalogue.constants import ComponentRequirement
from motcua.core.text import fold

# Folded openings of a clause that states the case in which the component is needed.
_CASE_OPENINGS = ("chi khi", "chi voi", "chi nop khi", "khi ", "neu ", "truong hop", "trong truong hop", "doi voi")
# Clauses that exempt the applicant when the data can be read elsewhere: the component is needed otherwise.
_CASE_MARKERS = ("chi nop khi", "khong yeu cau neu")
_IF_ANY = ("neu co",)
_BRACKETS = re.compile(r"\(([^()]*)\)")


def requirement_from_text(name: str, note: str = "") -> tuple[str, str]:
    """``(requirement, condition)`` of a component from its name and note.

    "nếu có" alone means optional; a clause opening with chỉ khi / khi / nếu / trường hợp / đối với
    (in the note, or in brackets in the name) is the case the component is required in.
    """
    clauses = [part.strip() for part in _BRACKETS.findall(name)] + [part.strip() for part in note.split(";")]
    for clause in clauses:
        folded = fold(clause).strip(" .,:")
        if not folded:
            continue
        if folded in _IF_ANY:
            return ComponentRequirement.OPTIONAL, ""
        if folded.startswith(_CASE_OPENINGS) or any(marker in folded for marker in _CASE_MARKERS):
            return ComponentRequirement.CONDITIONAL, _sentence(clause)
    return ComponentRequirement.ALWAYS, ""


def _sentence(clause: str) -> str:
    text = clause.strip(" .,;")
    if fold(text).endswith("truong hop nay"):  # "chỉ với trường hợp này": the case is the one the name states
        return "Chỉ trong trường hợp nêu ở tên giấy tờ"
    return text[:1].upper() + text[1:]
