"""Vietnamese procedure search that ignores diacritics, case and small typos, alike on both databases.

Two stages:

1. *Candidates* from the database's full-text index over the folded name (``Procedure.name_folded``):
   names holding every query word as a word prefix, else any of them, best first (SQLite FTS5 +
   bm25; PostgreSQL GIN ``to_tsvector`` + ``ts_rank``). When that finds nothing (every word
   misspelt), PostgreSQL asks ``pg_trgm`` word similarity (trigram GIN index) and SQLite
   ``rapidfuzz`` over the names that pass the filters.
2. *Ranking* in Python by ``rate`` over the folded text only (typos tolerated word by word), so both
   databases put the same procedures first once the candidate sets contain them.

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
FUZZY_CANDIDATES = 50
FTS_SCAN_LIMIT = 20000
_FULLTEXT_SQL = {
    "sqlite": (
        "SELECT rowid FROM catalogue_procedure_fts WHERE catalogue_procedure_fts MATCH %s "
        "ORDER BY bm25(catalogue_procedure_fts) LIMIT %s"
    ),
    "postgresql": (
        "SELECT id FROM catalogue_procedure WHERE to_tsvector('simple'::regconfig, name_folded) "
        "@@ to_tsquery('simple'::regconfig, %s) "
        "ORDER BY ts_rank(to_tsvector('simple'::regconfig, name_folded), to_tsquery('simple'::regconfig, %s)) DESC "
        "LIMIT %s"
    ),
}
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


Candidate = tuple[int, str, str]  # (pk, name_folded, code): all the ranking needs


def search_procedures(
    query: str, *, filters: SearchFilters | None = None, limit: int = 50
) -> list[Procedure] | QuerySet[Procedure]:
    """Procedures matching ``query`` best first; with an empty query, all of them by name (a queryset)."""
    base = filtered_procedures(filters)
    folded = fold(query or "")
    if not _WORD.search(folded):
        return base.order_by("name_folded", "code")
    narrowed = bool(filters and (filters.level or filters.online_level or filters.agency))
    candidates = _candidates(base, folded, narrowed=narrowed) or _fuzzy_candidates(base, folded)
    scored = []
    for pk, name_folded, code in candidates:
        relevance = rate(folded, name_folded, code)
        if relevance is not None:
            scored.append((-relevance, len(name_folded), code, pk))
    scored.sort()
    top = [pk for *_key, pk in scored[:limit]]
    found = Procedure.objects.select_related("sector").in_bulk(top)  # already filtered: no need to filter again
    return [found[pk] for pk in top if pk in found]


def _rows(queryset: QuerySet[Procedure]) -> list[Candidate]:
    return list(queryset.values_list("pk", "name_folded", "code"))


def _candidates(base: QuerySet[Procedure], folded: str, *, narrowed: bool) -> list[Candidate]:
    if _CODE.match(folded):
        by_code = _rows(base.filter(code__contains=folded)[:CANDIDATES])
        if by_code:
            return by_code
    if connection.vendor in _FULLTEXT_SQL:
        found = _fulltext_candidates(base, folded, narrowed=narrowed)
        if not found and connection.vendor == "postgresql":
            found = _trigram_candidates(base, folded)  # every word misspelt
        return found
    return _fuzzy_candidates(base, folded)


def _trigram_candidates(base: QuerySet[Procedure], folded: str) -> list[Candidate]:
    from django.contrib.postgres.search import TrigramWordSimilarity  # PostgreSQL only

    return _rows(
        base.filter(name_folded__trigram_word_similar=folded)
        .annotate(similarity=TrigramWordSimilarity(folded, "name_folded"))
        .order_by("-similarity")[:CANDIDATES]
    )


def _fulltext_query(folded: str, *, every_word: bool) -> str:
    """Each query word as a prefix, with its i/y spellings; all words (AND) or any word (OR)."""
    postgres = connection.vendor == "postgresql"
    groups = []
    for word in dict.fromkeys(_WORD.findall(folded)):
        variants = sorted(_iy_variants(word))
        alternatives = [f"{v}:*" if postgres else f'"{v}"*' for v in variants]
        groups.append("(" + (" | " if postgres else " OR ").join(alternatives) + ")")
    joiner = (" & " if every_word else " | ") if postgres else (" AND " if every_word else " OR ")
    return joiner.join(groups)


def _fulltext_candidates(base: QuerySet[Procedure], folded: str, *, narrowed: bool) -> list[Candidate]:
    """Names containing every query word (as prefixes) first; if none, names with any of them, best ranked."""
    # With filters on the version in force, their subquery runs once here rather than once per chunk.
    allowed = set(base.values_list("pk", flat=True)) if narrowed else None
    for every_word in (True, False):
        found = _fulltext_ranked(base, _fulltext_query(folded, every_word=every_word), allowed)
        if found:
            return found
    return []


def _fulltext_ranked(base: QuerySet[Procedure], match: str, allowed: set[int] | None = None) -> list[Candidate]:
    params: list[str | int] = (
        [match, match, FTS_SCAN_LIMIT]
        if connection.vendor == "postgresql"
        else [
            match,
            FTS_SCAN_LIMIT,
        ]
    )
    # The index query alone, then the filters in chunks: on SQLite a "rowid IN (subquery)" inside the
    # MATCH query makes FTS5 probe its index once per listed row (a thousand times slower).
    with connection.cursor() as cursor:
        cursor.execute(_FULLTEXT_SQL[connection.vendor], params)
        ranked = [row[0] for row in cursor.fetchall()]
    found: list[Candidate] = []
    for start in range(0, len(ranked), 500):
        chunk = ranked[start : start + 500]
        if allowed is None:
            rows = {row[0]: row for row in _rows(base.filter(pk__in=chunk))}
        else:
            rows = {
                row[0]: row for row in _rows(Procedure.objects.filter(pk__in=[pk for pk in chunk if pk in allowed]))
            }
        found += [rows[pk] for pk in chunk if pk in rows]
        if len(found) >= CANDIDATES:
            break
    return found[:CANDIDATES]


def _fuzzy_candidates(base: QuerySet[Procedure], folded: str) -> list[Candidate]:
    """Every word misspelt: compare with all names (folded), keep the closest few for ranking."""
    names = dict(base.values_list("pk", "name_folded"))
    # partial_ratio aligns the short query with the best part of a long name; 4x faster than WRatio.
    best = process.extract(folded, names, scorer=fuzz.partial_ratio, limit=FUZZY_CANDIDATES, score_cutoff=60)
    codes = dict(base.filter(pk__in=[key for _name, _score, key in best]).values_list("pk", "code"))
    return [(key, names[key], codes[key]) for _name, _score, key in best]


def _iy_variants(word: str) -> set[str]:
    return {word, word.replace("y", "i"), word.replace("i", "y")}


def _same_word(a: str, b: str) -> float:
    """How well query word ``a`` matches name word ``b`` (both y→i): 1 exact, less for prefixes and typos."""
    if a == b:
        return 1.0
    if len(a) >= 2 and b.startswith(a):
        return 0.85
    if abs(len(a) - len(b)) > 2:
        return 0.0
    similarity = fuzz.ratio(a, b) / 100
    return similarity * 0.9 if similarity >= 0.75 else 0.0


def _words(folded_name: str) -> list[str]:
    for prefix in _FILLER_PREFIX:
        if folded_name.startswith(prefix):
            folded_name = folded_name[len(prefix) :]
    return _WORD.findall(folded_name)


def _match(query_words: list[str], name_words: list[str]) -> tuple[float, int]:
    """(share of the query matched, 0..1; how many name words were used). Words are y→i normalised."""
    matched: set[int] = set()
    total = 0.0
    positions = {word: index for index, word in reversed(list(enumerate(name_words)))}
    for word in query_words:
        if word in positions:  # the common case: an exact word
            total += 1.0
            matched.add(positions[word])
            continue
        best, best_index = 0.0, -1
        for index, candidate in enumerate(name_words):
            value = _same_word(word, candidate)
            if value > best:
                best, best_index = value, index
        total += best
        if best_index >= 0:
            matched.add(best_index)
    return total / len(query_words), len(matched)


def _iy(words: list[str]) -> list[str]:
    return [word.replace("y", "i") for word in words]


def rate(folded_query: str, name_folded: str, code: str = "") -> float | None:
    """Relevance of a folded name to a folded query, or None when too little of the query is found.

    Identical on every database. The exact code ranks first; then how much of the query the name
    contains (typos and i/y tolerated), the whole phrase, the phrase at the start, and fewer extra words.
    """
    if code and folded_query == code:
        return 1000.0
    query_words = _iy(_WORD.findall(folded_query))
    name_words = _iy(_words(name_folded))
    if not query_words or not name_words:
        return None
    coverage, matched = _match(query_words, name_words)
    if coverage < MIN_COVERAGE and not (code and folded_query in code):
        return None
    phrase, plain = " ".join(query_words), " ".join(name_words)
    bonus = 20.0 if phrase in plain else 0.0
    bonus += 10.0 if plain.startswith(phrase) else 0.0
    return coverage * 100 + bonus - min(len(name_words) - matched, 30)


def score(folded_query: str, name_folded: str, code: str = "") -> float:
    """``rate`` with 0 for irrelevant names (kept for callers that only compare)."""
    return rate(folded_query, name_folded, code) or 0.0
