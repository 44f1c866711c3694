"""The managers' table of search synonyms (``SearchSynonym``) applied to a folded query.

"gpxd" becomes "giay phep xay dung", "ho kd" becomes "ho kinh doanh": a term is matched as whole words
(the longest first), and replaced by the words procedure names use, so the rest of the search sees
only names' words. The table is read once per process and read again when the catalogue's names token
changes (``services.names_changed``, which every change of a row calls, as any change of a name does), so
a manager's edit is used from the next search on, in every process, with no query of its own.
"""

from __future__ import annotations

import re
from typing import Any

from motcua.catalogue.models import SearchSynonym
from motcua.core.caches import register
from motcua.core.text import fold

_WORD = re.compile(r"[a-z0-9]+")
Table = dict[tuple[str, ...], tuple[str, ...]]

_loaded: tuple[Any, Table] | None = None


def table(token: Any) -> Table:
    """Active rows as {term words: expansion words}, both folded; read again when ``token`` (the names
    token search has just read) is not the one they were read under."""
    global _loaded
    if _loaded is None or _loaded[0] != token:
        rows = SearchSynonym.objects.filter(is_active=True).values_list("term", "expansion")
        _loaded = (token, {tuple(_WORD.findall(fold(t))): tuple(_WORD.findall(fold(e))) for t, e in rows})
    return _loaded[1]


def _forget() -> None:
    global _loaded
    _loaded = None


register("motcua.catalogue.synonyms.table", _forget)


def expand(folded_query: str, rows: Table) -> str:
    """The query with every synonym term (whole words, longest first) replaced by its expansion; the query as
    it was (a code keeps its dot) when no term is in it."""
    words = _WORD.findall(folded_query)
    if not rows or not words:
        return folded_query
    longest = max(len(term) for term in rows)
    out: list[str] = []
    replaced = False
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            expansion = rows.get(tuple(words[i : i + size]))
            if expansion is not None:
                out.extend(expansion)
                i += size
                replaced = True
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out) if replaced else folded_query
