"""The portal speaks to citizens: in English a dossier is an "application", on every page."""

from __future__ import annotations

import re
from pathlib import Path

import motcua.portal

CATALOGUE = Path(motcua.portal.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def english_texts() -> list[str]:
    """Every translation of the portal's catalogue (the joined lines of each ``msgstr``)."""
    texts, current = [], None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgstr"):
            current = [line.partition(" ")[2].strip('"')]
            texts.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line.strip('"'))
        else:
            current = None
    return ["".join(parts) for parts in texts]


def test_the_portal_calls_a_dossier_an_application() -> None:
    texts = english_texts()
    assert len(texts) > 100 and any("application" in t for t in texts)
    assert [t for t in texts if re.search(r"\bdossiers?\b", t, re.IGNORECASE)] == []
