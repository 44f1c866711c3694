"""Decree 30/2020 registers: numbers formatted as Appendix I writes them, one sequence per register and
year from 01 on 1 January, no gap and no duplicate, incoming duplicates refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.db import IntegrityError

from motcua.core.exceptions import DomainError
from motcua.organisations.tests.factories import AgencyFactory
from motcua.records import services
from motcua.records.models import Direction, DocumentRegister, RecordEvent, RegisteredDocument
from motcua.records.numbering import clean_notation, number_and_notation
from motcua.workdays.constants import VIETNAM_TZ

NOON = datetime(2026, 5, 4, 12, 0, tzinfo=VIETNAM_TZ)
DATA = services.DocumentData(
    document_type="Quyết định", document_date=date(2026, 5, 4), summary="Về việc cấp phép", counterpart="Sở Xây dựng"
)


@pytest.mark.parametrize(
    ("number", "notation", "expected"),
    [(5, "QĐ-UBND", "05/QĐ-UBND"), (123, "UBND-VP", "123/UBND-VP"), (10, "KH-UBND", "10/KH-UBND")],
)
def test_number_and_notation(number, notation, expected):
    assert number_and_notation(number, notation) == expected


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("QĐ - UBND", "QĐ-UBND"),
        (" QyĐ-UBND ", "QyĐ-UBND"),
        ("QĐ UBND", None),
        ("QĐ--UBND", None),
        ("", None),
        ("QĐ/UBND", None),
    ],
)
def test_notation_is_groups_joined_by_hyphens(raw, clean):
    assert clean_notation(raw) == clean


@pytest.fixture
def registers(db):
    agency = AgencyFactory()
    out = DocumentRegister.objects.create(agency=agency, direction=Direction.OUTGOING, name="Sổ văn bản đi")
    incoming = DocumentRegister.objects.create(agency=agency, direction=Direction.INCOMING, name="Sổ văn bản đến")
    return out, incoming


def test_outgoing_numbers_follow_each_other_and_start_again_on_1_january(registers):
    out, _ = registers
    numbers = [
        services.issue_outgoing(out, DATA, notation="QĐ-UBND", actor=None, now=NOON).number_notation for _ in range(11)
    ]
    assert numbers[:2] == ["01/QĐ-UBND", "02/QĐ-UBND"] and numbers[-1] == "11/QĐ-UBND"
    last_of_year = services.issue_outgoing(
        out, DATA, notation="CV-UBND", actor=None, now=datetime(2026, 12, 31, 23, 59, tzinfo=VIETNAM_TZ)
    )
    first_of_next = services.issue_outgoing(
        out, DATA, notation="QĐ-UBND", actor=None, now=datetime(2027, 1, 1, 0, 1, tzinfo=VIETNAM_TZ)
    )
    assert (last_of_year.number, last_of_year.year) == (12, 2026)
    assert (first_of_next.number_notation, first_of_next.year) == ("01/QĐ-UBND", 2027)
    assert RecordEvent.objects.filter(action="registered_outgoing").count() == 13


def test_the_database_refuses_a_duplicate_number(registers):
    out, _ = registers
    first = services.issue_outgoing(out, DATA, notation="QĐ-UBND", actor=None, now=NOON)
    with pytest.raises(IntegrityError):
        RegisteredDocument.objects.create(
            register=out,
            year=first.year,
            number=first.number,
            registered_at=NOON,
            number_notation="x",
            document_type="x",
            document_date=NOON.date(),
            summary="x",
            counterpart="x",
        )


def test_a_bad_notation_or_a_wrong_register_is_refused(registers):
    out, incoming = registers
    with pytest.raises(DomainError, match="Ký hiệu"):
        services.issue_outgoing(out, DATA, notation="QĐ UBND", actor=None, now=NOON)
    with pytest.raises(DomainError, match="không phải sổ văn bản đi"):
        services.issue_outgoing(incoming, DATA, notation="QĐ-UBND", actor=None, now=NOON)
    assert not RegisteredDocument.objects.exists()


def test_incoming_documents_are_numbered_and_a_duplicate_is_refused(registers):
    _, incoming = registers
    first = services.register_incoming(incoming, DATA, number_notation="45/QĐ-SXD", actor=None, now=NOON)
    assert (first.number, first.counterpart) == (1, "Sở Xây dựng")
    with pytest.raises(services.DuplicateDocument, match="đã được vào sổ"):
        services.register_incoming(incoming, DATA, number_notation="45/QĐ-SXD", actor=None, now=NOON)
    again = services.register_incoming(
        incoming, DATA, number_notation="45/QĐ-SXD", actor=None, now=NOON, accept_duplicate=True
    )
    assert again.number == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_distinct_numbers_without_gaps():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    agency = AgencyFactory()
    out = DocumentRegister.objects.create(agency=agency, direction=Direction.OUTGOING, name="Sổ văn bản đi")

    def issue(_: int) -> int:
        try:
            return services.issue_outgoing(out, DATA, notation="QĐ-UBND", actor=None, now=NOON).number
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = sorted(pool.map(issue, range(40)))
    assert numbers == list(range(1, 41))


def test_the_register_exports_to_xlsx_with_its_fields(registers):
    import io

    from openpyxl import load_workbook

    from motcua.records.export import register_xlsx

    out, _ = registers
    services.issue_outgoing(out, DATA, notation="QĐ-UBND", actor=None, now=NOON)
    sheet = load_workbook(io.BytesIO(register_xlsx(out, 2026))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows[1]) >= 10  # Appendix IV: at least ten fields
    assert rows[2][:4] == (1, "01/QĐ-UBND", "04/05/2026", "Quyết định")
