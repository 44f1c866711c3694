"""Search quality on the whole catalogue, measured with the judged queries (judged.py): on the database the
suite runs on (SQLite by default; DATABASE_URL=postgres://… for PostgreSQL). Needs the national catalogue file."""

import io
from datetime import date

import pytest

from motcua.catalogue import demo
from motcua.catalogue.exchange import national
from motcua.catalogue.search import search_procedures
from motcua.catalogue.tests.dataset import dataset_path, needs_dataset
from motcua.catalogue.tests.judged import judged_queries, measure
from motcua.catalogue.tests.sample import needs_sample

pytestmark = [pytest.mark.django_db, needs_dataset, needs_sample]


@pytest.fixture
def whole_catalogue():
    from motcua.organisations import demo as organisations_demo

    organisations_demo.load(io.StringIO())
    demo.load(io.StringIO())  # the curated procedures first, as `make demo` loads them
    document, _report = national.build_document(
        national.read_records(dataset_path()), effective_from=date(2025, 12, 1), known_sectors=demo.SECTOR_CODES
    )
    national.import_document(document, actor=None)


def test_the_judged_set_is_large_and_well_formed():
    queries = judged_queries()
    assert len(queries) >= 100
    assert all(q.expected and all(len(code) == 8 for code in q.expected) for q in queries)
    assert len({q.query for q in queries}) == len(queries)


def test_precision_at_1_and_recall_at_5_on_the_judged_queries(whole_catalogue):
    # One test for the whole catalogue: loading 1,700 procedures is the slow part.
    measures = measure(lambda query: [p.code for p in list(search_procedures(query))[:5]])
    misses = "\n".join(f"{q!r}: expected {e}, got {top}" for q, e, top in measures.misses)
    assert measures.precision_at_1 >= 0.9, misses
    assert measures.recall_at_5 >= 0.97, misses
    for nothing_meant in ("pizza hai san", "karaoke bia hoi", "mua ve may bay gia re"):
        assert list(search_procedures(nothing_meant)) == [], nothing_meant
