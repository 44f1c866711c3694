"""Vietnamese procedure search that ignores diacritics, case and small typos, alike on both databases.

Two stages:

1. *Candidates*: one statement per try against the database's full-text index over the folded name
   (``Procedure.name_folded``), the filters inside it (SQLite FTS5 + bm25, the FTS table driving;
   PostgreSQL stored ``tsvector`` + GIN + ``ts_rank``): names holding every query word as a word
   prefix; if none, the same after correcting the words no name contains (the closest words of all
   names, kept in process memory, see ``vocabulary``); if none, names with any of the words.
2. *Ranking* in Python by ``rate`` over the folded text only (typos tolerated word by word), so both
   databases put the same procedures first once the candidate sets contain them.

Filters judge the version in force on the day, at query time (an index on the version's period keeps
it cheap), so a version that takes effect later is picked up on its first day with nothing to refresh.

Vietnamese writes i and y interchangeably in many syllables (kí/ký, lí/lý); matching treats them
as the same letter.
"""

from __future__ import annotations

import math
import re
import time
import uuid
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone
from rapidfuzz import fuzz, process

from motcua.catalogue.constants import ProcedureStatus
from motcua.catalogue.models import NamesRevision, Procedure, ProcedureVersion
from motcua.catalogue.synonyms import expand, table
from motcua.core.caches import process_cache, register
from motcua.core.text import fold

CANDIDATES = 200
# Share of the query's words a name must hold (typos and prefixes count partly): three words of four, so a
# query with one word no name has ("pizza hai san") finds nothing rather than whatever holds the others.
MIN_COVERAGE = 0.75
# Everyday words around what people mean ("lam ho chieu", "xin giay phep"): they count when a name has
# them and are not held against a name that does not.
SOFT_WORDS = frozenset({"lam", "xin", "muon", "can", "thu", "tuc", "cach", "o", "dau", "nao", "nhu", "de", "cho"})
SOFT_WORDS |= frozenset({"toi", "minh", "gi", "bi", "ve", "va", "cua", "moi", "nguoi", "voi", "con"})
# What an extra name word costs at most: a rare word (a specific case such as "duong ngang") costs this,
# one found in most names ("cap", "doi voi") almost nothing.
EXTRA_WORD_COST = 6.0
MAX_EXTRA_COST = 12.0
# A name whose sector holds the query's words ("xay dung" in "Hoạt động xây dựng") is about the subject
# asked for, not a neighbouring one that shares the words (a railway crossing's construction permit).
SECTOR_BONUS = 8.0
# Verbs most names open with: a name "Cấp giấy phép xây dựng…" starts with the query "giay phep xay dung".
_OPENING_VERBS = ("cap ", "dang ki ", "giai quiet ")
CLOSE_WORDS = 5  # name words tried for one misspelt query word
FEW = 10  # fewer candidates holding every word than this: the names missing one word are tried too
MISSING_ONE_CANDIDATES = 50  # the best of those by the index's rank: enough to bring back the one meant
_WORD = re.compile(r"[a-z0-9]+")
_CODE = re.compile(r"^\d\.?\d{3,6}$")
# Words that open many official names and carry no meaning for ranking.
_FILLER_PREFIX = ("thu tuc ",)
_BRACKETED = re.compile(r"\([^)]*\)?")


@dataclass(frozen=True)
class SearchFilters:
    sector: str = ""  # sector code
    level: str = ""  # UnitLevel value
    agency: str = ""  # competent agency identifier code
    online_level: str = ""  # OnlineLevel value
    at_centre: bool = False  # only procedures resolved entirely at the service centre ("4 tại chỗ")
    include_archived: bool = False
    at: date | None = None  # rules in force on this day (default today)

    @classmethod
    def from_mapping(cls, params: Any) -> SearchFilters:
        def value(key: str) -> str:
            return str(params.get(key) or "").strip()

        return cls(
            sector=value("sector"),
            level=value("level"),
            agency=value("agency"),
            online_level=value("online_level"),
            at_centre=value("at_centre").lower() in ("1", "true", "on", "yes"),
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
    if filters.at_centre:
        versions = versions.filter(resolved_at_centre=True)
        narrowed = True
    if filters.agency:
        versions = versions.filter(competent_agencies__identifier_code=filters.agency.upper())
        narrowed = True
    if narrowed:
        procedures = procedures.filter(_pk_among(versions.order_by().values("procedure_id")))
    return procedures


class _AnyOfArray(Func):
    """``column = ANY(ARRAY(subquery))`` (PostgreSQL): the subquery runs once and the rows are read by key."""

    template = "%(expressions)s))"
    arg_joiner = " = ANY(ARRAY("
    output_field = BooleanField()


def _pk_among(ids: QuerySet[Any]) -> Q | Func:
    # With "pk IN (subquery)" PostgreSQL evaluates the full-text match on every procedure before its
    # semi-join (4x slower at 5,000 procedures); SQLite already runs the subquery once into a list.
    if connection.vendor == "postgresql":
        return _AnyOfArray(F("pk"), Subquery(ids))
    return Q(pk__in=ids)


Candidate = tuple[int, str, str, str]  # (pk, name_folded, code, sector's name_folded): all the ranking needs
Terms = list[frozenset[str]]  # per query word, the spellings any of which may match (as a word prefix)


def search_procedures(
    query: str, *, filters: SearchFilters | None = None, limit: int = 50
) -> list[Procedure] | QuerySet[Procedure]:
    """Procedures matching ``query`` best first; with an empty query, all of them by name (a queryset)."""
    base = filtered_procedures(filters)
    folded = fold(query or "")
    if not _WORD.search(folded):
        return base.order_by("name_folded", "code")
    words = vocabulary()
    folded = expand(folded, table(_loaded[0] if _loaded else None))
    scored = []
    for pk, name_folded, code, sector_folded in _candidates(base, folded):
        relevance = rate(folded, name_folded, code, extra_cost=words.extra_cost, sector=sector_folded)
        if relevance is not None:
            scored.append((-relevance, len(name_folded), code, pk))
    scored.sort()
    top = [pk for *_key, pk in scored[:limit]]
    found = Procedure.objects.select_related("sector").in_bulk(top)  # already filtered: no need to filter again
    return [found[pk] for pk in top if pk in found]


def _rows(queryset: QuerySet[Procedure]) -> list[Candidate]:
    return list(queryset.values_list("pk", "name_folded", "code", "sector__name_folded"))


def _candidates(base: QuerySet[Procedure], folded: str) -> list[Candidate]:
    """A code; else names holding every query word; else the same with misspelt words corrected; else any word."""
    if _CODE.match(folded):
        by_code = _rows(base.filter(code__contains=folded)[:CANDIDATES])
        if by_code:
            return by_code
    words = list(dict.fromkeys(_WORD.findall(folded)))
    words = [word for word in words if word not in SOFT_WORDS] or words
    terms = [frozenset(_iy_variants(word)) for word in words]
    found = _fulltext(base, [terms])
    if not found:
        corrected = vocabulary().corrected(words)
        if corrected != terms:
            found = _fulltext(base, [corrected])
        terms = corrected
    if len(found) < FEW and 2 < len(terms) <= 8:
        # A word the meant name lacks ("tre" in "can cuoc cho tre duoi 6 tuoi") may still be in a few
        # others: the names holding all the other words are candidates too (one statement); ``rate`` decides.
        missing_one = [terms[:i] + terms[i + 1 :] for i in range(len(terms))]
        found = list(dict.fromkeys(found + _fulltext(base, missing_one, limit=MISSING_ONE_CANDIDATES)))
    return found or _fulltext(base, [[term] for term in terms])


def _fulltext(base: QuerySet[Procedure], alternatives: list[Terms], *, limit: int = CANDIDATES) -> list[Candidate]:
    """The best ``CANDIDATES`` names passing the filters whose words start with every term of one of the
    alternatives, by the index's rank.

    One statement: the filters (``base``, with the version in force) are part of it.
    """
    if connection.vendor == "postgresql":
        match = _tsquery(alternatives)
        # Constant SQL: the stored tsvector column and its GIN index (migration 0005); the words are a parameter.
        vector = "catalogue_procedure.name_tsv"
        query = "to_tsquery('simple'::regconfig, %s)"
        matches = RawSQL(f"{vector} @@ {query}", [match], output_field=BooleanField())  # noqa: S611
        rank = RawSQL(f"ts_rank({vector}, {query})", [match])  # noqa: S611
        return _rows(base.filter(matches).order_by(rank.desc(), "pk")[:limit])
    if connection.vendor == "sqlite":
        allowed, params = base.order_by().values("pk").query.sql_with_params()
        # FTS5 drives (CROSS JOIN keeps it outer); "+p.id" keeps the filter from becoming a rowid probe of the
        # FTS index per allowed row, which is a thousand times slower.
        # ``allowed`` is the ORM's own SQL for the filters; every value is a parameter.
        sql = (
            "SELECT p.id, p.name_folded, p.code, s.name_folded FROM catalogue_procedure_fts "  # noqa: S608
            "CROSS JOIN catalogue_procedure p ON p.id = catalogue_procedure_fts.rowid "
            "JOIN catalogue_sector s ON s.id = p.sector_id "
            f"WHERE catalogue_procedure_fts MATCH %s AND +p.id IN ({allowed}) "
            "ORDER BY bm25(catalogue_procedure_fts), p.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [_fts5_query(alternatives), *params, limit])
            return [(pk, name_folded, code, sector) for pk, name_folded, code, sector in cursor.fetchall()]
    raise ImproperlyConfigured("Tìm kiếm thủ tục cần SQLite hoặc PostgreSQL.")


def _tsquery(alternatives: list[Terms]) -> str:
    return " | ".join(
        "(" + " & ".join("(" + " | ".join(f"{s}:*" for s in sorted(term)) + ")" for term in terms) + ")"
        for terms in alternatives
    )


def _fts5_query(alternatives: list[Terms]) -> str:
    return " OR ".join(
        "(" + " AND ".join("(" + " OR ".join(f'"{s}"*' for s in sorted(term)) + ")" for term in terms) + ")"
        for terms in alternatives
    )


# --- Misspelt words: corrected against the words of all names, kept in memory -------------------------


@dataclass(frozen=True)
class Vocabulary:
    """Every word of every procedure name (folded), by its y→i spelling, sorted for prefix look-ups."""

    keys: list[str]
    spellings: dict[str, frozenset[str]]
    costs: dict[str, float] = field(default_factory=dict)  # y→i word: what it costs as an extra name word

    @classmethod
    def of(cls, names: Iterable[str]) -> Vocabulary:
        spellings: dict[str, set[str]] = {}
        frequency: dict[str, int] = {}
        count = 0
        for name in names:
            count += 1
            for word in _WORD.findall(name):
                spellings.setdefault(word.replace("y", "i"), set()).add(word)
            for key in {word.replace("y", "i") for word in _WORD.findall(name)}:
                frequency[key] = frequency.get(key, 0) + 1
        # Inverse document frequency scaled to 0..EXTRA_WORD_COST: how much a word narrows a name down.
        top = math.log(count + 1) or 1.0
        costs = {key: EXTRA_WORD_COST * math.log((count + 1) / (n + 1)) / top for key, n in frequency.items()}
        return cls(sorted(spellings), {key: frozenset(words) for key, words in spellings.items()}, costs)

    def extra_cost(self, word: str) -> float:
        return self.costs.get(word, EXTRA_WORD_COST)

    def knows(self, word: str) -> bool:
        """Some name has a word starting with ``word`` (so the full-text index finds it)."""
        key = word.replace("y", "i")
        index = bisect_left(self.keys, key)
        return index < len(self.keys) and self.keys[index].startswith(key)

    def corrected(self, words: list[str]) -> Terms:
        """Each query word's spellings, plus the closest name words for a word no name contains."""
        terms = []
        for word in words:
            spellings = set(_iy_variants(word))
            if not self.knows(word):
                spellings.update(self.close_to(word))
            terms.append(frozenset(spellings))
        return terms

    def close_to(self, word: str) -> set[str]:
        key = word.replace("y", "i")
        # The same measure and threshold as ``_same_word``, which ranks the candidates afterwards.
        near = process.extract(key, self.keys, scorer=fuzz.ratio, score_cutoff=75, limit=CLOSE_WORDS)
        return {
            spelling
            for found, _score, _index in near
            if abs(len(found) - len(key)) <= 2
            for spelling in self.spellings[found]
        }


_loaded: tuple[uuid.UUID | None, Vocabulary] | None = None


# How long a process trusts the names token it read: searches in the same second share one read. A change made
# in this process is seen at once (``token_changed``); one made in another process within a second.
TOKEN_SECONDS = 1.0
_token_read: tuple[float, uuid.UUID | None] | None = None


def _current_token() -> uuid.UUID | None:
    global _token_read
    now = time.monotonic()
    if _token_read is None or now - _token_read[0] > TOKEN_SECONDS:
        _token_read = (now, NamesRevision.objects.order_by("-pk").values_list("token", flat=True).first())
    return _token_read[1]


def token_changed() -> None:
    """Called by ``services.names_changed``: this process reads the new token on its next search."""
    global _token_read
    _token_read = None


def vocabulary() -> Vocabulary:
    """The words of all names, reloaded when ``services.names_changed`` gave the catalogue a new token."""
    global _loaded
    token = _current_token()
    if _loaded is None or _loaded[0] != token:
        _loaded = (token, Vocabulary.of(Procedure.objects.values_list("name_folded", flat=True).iterator()))
    return _loaded[1]


def _forget_vocabulary() -> None:
    global _loaded
    _loaded = None
    token_changed()


register("motcua.catalogue.search.vocabulary", _forget_vocabulary)


def _iy_variants(word: str) -> set[str]:
    if word.isdigit():  # names write "06 tuổi", people "6 tuoi"
        return {word, word.lstrip("0") or "0", "0" + word.lstrip("0")}
    return {word, word.replace("y", "i"), word.replace("i", "y")}


@process_cache(maxsize=65536)  # names share few words: a search compares the same pairs again and again
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


def _match(query_words: tuple[str, ...], name_words: tuple[str, ...]) -> tuple[float, float, set[int]]:
    """(how well the query matched, 0..1, typos and prefixes counting partly; the share of its words found at
    all; the positions of the name words used). Words are y→i normalised.

    A soft word (``SOFT_WORDS``) the name lacks is left out of both shares instead of counting against it.
    """
    matched: set[int] = set()
    total, counted, found = 0.0, 0, 0
    positions = {word: index for index, word in reversed(list(enumerate(name_words)))}
    for word in query_words:
        if word in positions:  # the common case: an exact word
            total += 1.0
            counted += 1
            found += 1
            matched.add(positions[word])
            continue
        best, best_index = 0.0, -1
        for index, candidate in enumerate(name_words):
            value = _same_word(word, candidate)
            if value > best:
                best, best_index = value, index
        if best == 0.0 and word in SOFT_WORDS:
            continue
        total += best
        counted += 1
        if best_index >= 0:
            found += 1
            matched.add(best_index)
    if not counted:
        return 0.0, 0.0, matched
    return total / counted, found / counted, matched


def _plain_word(word: str) -> str:
    """y→i, and numbers without leading zeros ("06 tuổi" is asked as "6 tuoi")."""
    return (word.lstrip("0") or "0") if word.isdigit() else word.replace("y", "i")


@process_cache(maxsize=16384)  # the same names come back query after query
def _name_words(name_folded: str) -> tuple[str, ...]:
    return tuple(_plain_word(word) for word in _words(name_folded))


@process_cache(maxsize=16384)
def _bracketed(name_folded: str) -> frozenset[int]:
    """Positions (in ``_name_words``) of the words in brackets: details of a case, not what the name is about."""
    text = name_folded
    for prefix in _FILLER_PREFIX:
        text = text.removeprefix(prefix)
    inside: set[int] = set()
    for span in _BRACKETED.finditer(text):
        start = len(_WORD.findall(text[: span.start()]))
        inside.update(range(start, start + len(_WORD.findall(span.group()))))
    return frozenset(inside)


@process_cache(maxsize=1024)
def _query_words(folded_query: str) -> tuple[str, ...]:
    return tuple(_plain_word(word) for word in _WORD.findall(folded_query))


def rate(
    folded_query: str,
    name_folded: str,
    code: str = "",
    *,
    extra_cost: Callable[[str], float] | None = None,
    sector: str = "",
) -> float | None:
    """Relevance of a folded name to a folded query, or None when too little of the query is found.

    Identical on every database. The exact code ranks first; then how much of the query the name
    contains (typos and i/y tolerated), the whole phrase, the phrase at the start, and what the name's
    other words cost: with ``extra_cost`` (the catalogue's word rarity) a rare extra word costs more than
    a common one, and words in brackets nothing; without it every extra word costs 1. A sector (folded
    name) holding the query's words adds up to ``SECTOR_BONUS``.
    """
    if code and folded_query == code:
        return 1000.0
    query_words = _query_words(folded_query)
    name_words = _name_words(name_folded)
    if not query_words or not name_words:
        return None
    coverage, found, matched = _match(query_words, name_words)
    if found < MIN_COVERAGE and not (code and folded_query in code):
        return None
    # The phrase asked for, without the soft words this name lacks ("lam" in "lam the can cuoc").
    present = set(name_words)
    content = " ".join(w for w in query_words if w in present or w not in SOFT_WORDS) or " ".join(query_words)
    plain = " ".join(name_words)
    bonus = 20.0 if content in plain else 0.0
    bonus += 10.0 if plain.startswith(content) or any(plain.startswith(v + content) for v in _OPENING_VERBS) else 0.0
    if sector:
        sector_words = set(_query_words(sector))
        asked = [w for w in query_words if w in present or w not in SOFT_WORDS]
        bonus += SECTOR_BONUS * sum(w in sector_words for w in asked) / max(len(asked), 1)
    extra = [index for index in range(len(name_words)) if index not in matched]
    if extra_cost is None:
        cost = float(len(extra))
    else:
        bracketed = _bracketed(name_folded)
        cost = sum(extra_cost(name_words[index]) for index in extra if index not in bracketed)
    return coverage * 100 + bonus - min(cost, MAX_EXTRA_COST)


def score(folded_query: str, name_folded: str, code: str = "") -> float:
    """``rate`` with 0 for irrelevant names (kept for callers that only compare)."""
    return rate(folded_query, name_folded, code) or 0.0


def suggestions(query: str, *, filters: SearchFilters | None = None, limit: int = 3) -> list[str]:
    """For a query that found nothing: shorter queries that do find something, to offer instead of guessing.

    First the query without the words no procedure name has ("pizza hai san" → "hai san"), then that without
    one more word at a time; each is offered only if it finds a procedure.
    """
    vocabulary()
    words = _WORD.findall(expand(fold(query or ""), table(_loaded[0] if _loaded else None)))
    if len(words) < 2:
        return []
    known = [word for word in words if vocabulary().knows(word)]
    if not known:
        return []
    tries = [" ".join(known)] + [" ".join(known[:i] + known[i + 1 :]) for i in range(len(known))]
    found: list[str] = []
    for attempt in dict.fromkeys(tries):
        if len(found) == limit:
            break
        meaningful = set(_WORD.findall(attempt)) - SOFT_WORDS
        # A single word left of several says too little of what was asked to be worth offering.
        if len(meaningful) >= min(2, len(known)) and search_procedures(attempt, filters=filters, limit=1):
            found.append(attempt)
    return found
