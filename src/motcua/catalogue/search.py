"""Vietnamese procedure search that ignores diacritics, case and small typos, alike on both databases.

Two stages:

1. *Candidates* from the database's own index over the folded name (``Procedure.name_folded``):
   PostgreSQL ``pg_trgm`` word similarity (GIN index, tolerant of typos), SQLite FTS5 (any
   query word, as a prefix, ranked by bm25). When the index finds nothing (every word
   misspelt), ``rapidfuzz`` compares the query with every folded name that passes the filters.
2. *Ranking* in Python by ``score`` over the folded text only, so both databases put the same
   procedures first once the candidate sets contain them.

Vietnamese writes i and y interchangeably in many syllables (kí/ký, lí/lý); matching treats them
as the same letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from rapidfuzz import fuzz, process

from motcua.catalogue.constants import ProcedureStatus
from motcua.catalogue.models import Procedure, ProcedureVersion
from motcua.core.text import fold

CANDIDATES = 200
MIN_COVERAGE = 0.6
_FTS_SQL = (
    "SELECT rowid FROM catalogue_procedure_fts WHERE catalogue_procedure_fts MATCH %s "
    "AND rowid IN ({base}) ORDER BY bm25(catalogue_procedure_fts) LIMIT %s"
)
_WORD = re.compile(r"[a-z0-9]+")
_CODE = re.compile(r"^\d\.?\d{3,6}$")
# Words that open many official names and carry no meaning for ranking.
_FILLER_PREFIX = ("thu tuc ",)


@dataclass(frozen=True)
class SearchFilters:
    sector: str = ""  # sector code
    level: str = ""  # UnitLevel value
    agency: str = ""  # competent agency identifier code
    online_level: str = ""  # OnlineLevel value
    include_archived: bool = False
    at: date | None = None  # rules in force on this day (default today)

    @classmethod
    def from_mapping(cls, params: Any) -> SearchFilters:
        def value(key: str) -> str:
            return str(params.get(key) or "").strip()

        return cls(
            sector=value("sector"), level=value("level"), agency=value("agency"), online_level=value("online_level")
        )


def filtered_procedures(filters: SearchFilters | None = None) -> QuerySet[Procedure]:
    """Procedures passing the filters, judged on the version in force on ``filters.at``."""
    filters = filters or SearchFilters()
    procedures = Procedure.objects.select_related("sector")
    if not filters.include_archived:
        procedures = procedures.filter(status=ProcedureStatus.ACTIVE)
    if filters.sector:
        procedures = procedures.filter(sector__code=filters.sector)
    versions = ProcedureVersion.objects.in_force(filters.at or timezone.localdate())
    narrowed = False
    if filters.level in ("province", "district", "commune"):
        versions = versions.filter(**{f"at_{filters.level}_level": True})
        narrowed = True
    if filters.online_level:
        versions = versions.filter(online_level=filters.online_level)
        narrowed = True
    if filters.agency:
        versions = versions.filter(competent_agencies__identifier_code=filters.agency.upper())
        narrowed = True
    if narrowed:
        procedures = procedures.filter(pk__in=versions.values("procedure_id"))
    return procedures


def search_procedures(
    query: str, *, filters: SearchFilters | None = None, limit: int = 50
) -> list[Procedure] | QuerySet[Procedure]:
    """Procedures matching ``query`` best first; with an empty query, all of them by name (a queryset)."""
    base = filtered_procedures(filters)
    folded = fold(query or "")
    if not _WORD.search(folded):
        return base.order_by("name_folded", "code")
    candidates = list(_candidates(base, folded))
    if not candidates:
        candidates = _fuzzy_candidates(base, folded)
    candidates = [p for p in candidates if relevant(folded, p.name_folded, p.code)]
    ranked = sorted(candidates, key=lambda p: (-score(folded, p.name_folded, p.code), len(p.name_folded), p.code))
    return ranked[:limit]


def _candidates(base: QuerySet[Procedure], folded: str) -> QuerySet[Procedure] | list[Procedure]:
    if _CODE.match(folded):
        by_code = list(base.filter(code__contains=folded)[:CANDIDATES])
        if by_code:
            return by_code
    if connection.vendor == "postgresql":
        return _trigram_candidates(base, folded)
    if connection.vendor == "sqlite":
        return _fts_candidates(base, folded)
    return _fuzzy_candidates(base, folded)


def _trigram_candidates(base: QuerySet[Procedure], folded: str) -> QuerySet[Procedure]:
    from django.contrib.postgres.search import TrigramWordSimilarity  # PostgreSQL only

    return (
        base.filter(name_folded__trigram_word_similar=folded)
        .annotate(similarity=TrigramWordSimilarity(folded, "name_folded"))
        .order_by("-similarity")[:CANDIDATES]
    )


def _fts_candidates(base: QuerySet[Procedure], folded: str) -> list[Procedure]:
    terms = sorted({variant for word in _WORD.findall(folded) for variant in _iy_variants(word)})
    match = " OR ".join(f'"{term}"*' for term in terms)
    # The inner SQL is Django's own compilation of the filtered queryset; user text only travels as parameters.
    base_sql, base_params = base.values("pk").query.sql_with_params()
    sql = _FTS_SQL.format(base=base_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *base_params, CANDIDATES])
        ids = [row[0] for row in cursor.fetchall()]
    return list(base.filter(pk__in=ids))


def _fuzzy_candidates(base: QuerySet[Procedure], folded: str) -> list[Procedure]:
    names = dict(base.values_list("pk", "name_folded"))
    best = process.extract(folded, names, scorer=fuzz.WRatio, limit=CANDIDATES, score_cutoff=60)
    return list(base.filter(pk__in=[key for _name, _score, key in best]))


def _iy_variants(word: str) -> set[str]:
    return {word, word.replace("y", "i"), word.replace("i", "y")}


def _same_word(a: str, b: str) -> float:
    """How well query word ``a`` matches name word ``b`` (1 exact, prefixes and typos less)."""
    if a == b:
        return 1.0
    a_iy, b_iy = a.replace("y", "i"), b.replace("y", "i")
    if a_iy == b_iy:
        return 0.98
    if len(a) >= 2 and b_iy.startswith(a_iy):
        return 0.85
    similarity = fuzz.ratio(a_iy, b_iy) / 100
    return similarity * 0.9 if similarity >= 0.75 else 0.0


def _words(folded_name: str) -> list[str]:
    for prefix in _FILLER_PREFIX:
        if folded_name.startswith(prefix):
            folded_name = folded_name[len(prefix) :]
    return _WORD.findall(folded_name)


def _match(query_words: list[str], name_words: list[str]) -> tuple[float, int]:
    """(share of the query matched, 0..1; how many name words were used)."""
    matched: set[int] = set()
    total = 0.0
    for word in query_words:
        best, best_index = 0.0, -1
        for index, candidate in enumerate(name_words):
            value = _same_word(word, candidate)
            if value > best:
                best, best_index = value, index
        total += best
        if best_index >= 0:
            matched.add(best_index)
    return total / len(query_words), len(matched)


def relevant(folded_query: str, name_folded: str, code: str = "") -> bool:
    """Most of the query (``MIN_COVERAGE``) must be found in the name, or the code must match."""
    query_words = _WORD.findall(folded_query)
    if code and folded_query in code:
        return True
    return bool(query_words) and _match(query_words, _words(name_folded))[0] >= MIN_COVERAGE


def score(folded_query: str, name_folded: str, code: str = "") -> float:
    """Relevance of a folded name to a folded query; identical on every database."""
    if code and folded_query == code:
        return 1000.0
    query_words = _WORD.findall(folded_query)
    name_words = _words(name_folded)
    if not query_words or not name_words:
        return 0.0
    coverage, matched = _match(query_words, name_words)
    phrase = " ".join(query_words).replace("y", "i")
    plain = " ".join(name_words).replace("y", "i")
    bonus = 20.0 if phrase in plain else 0.0
    bonus += 10.0 if plain.startswith(phrase) else 0.0
    return coverage * 100 + bonus - min(len(name_words) - matched, 30)
