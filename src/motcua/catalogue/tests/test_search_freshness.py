"""Search answers follow the catalogue: new versions, versions taking effect later, new and renamed names.

Filters judge the version in force on the day of the search; misspelt words are corrected against the
words of all names, which every process reloads when the services say the names changed.
"""

import copy
from datetime import date

import pytest
import time_machine

from motcua.catalogue import search, services
from motcua.catalogue.exchange.document import export_document, import_document
from motcua.catalogue.models import NamesRevision
from motcua.catalogue.search import SearchFilters, search_procedures
from motcua.catalogue.tests.factories import SectorFactory, make_procedure, version_data
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

MARCH = "2026-03-02 09:00 +0700"
APRIL = "2026-04-01 00:05 +0700"


def codes(query: str = "", **filters: str) -> list[str]:
    return [p.code for p in search_procedures(query, filters=SearchFilters(**filters))]


@pytest.fixture
def birth():
    sector = SectorFactory(code="G09-TP01", name="Hộ tịch")
    make_procedure("Đăng ký kết hôn", code="1.000894", sector=sector)
    return make_procedure("Đăng ký khai sinh", code="1.001193", sector=sector)  # commune, online "full"


def test_a_new_version_in_force_today_changes_the_filters_answers(birth):
    agency = AgencyFactory(identifier_code="H99.002")
    with time_machine.travel(MARCH, tick=False):
        assert codes("khai sinh", level="commune") == ["1.001193"]
        services.change_procedure(
            birth,
            actor=None,
            version=version_data(
                effective_from="2026-03-02",
                levels=["province"],
                online_level="partial",
                competent_agencies=[agency.identifier_code],
            ),
        )
        assert codes("khai sinh", level="commune") == []
        assert codes("khai sinh", online_level="full") == []
        assert codes("khai sinh", level="province", online_level="partial") == ["1.001193"]
        assert codes("", agency="h99.002") == ["1.001193"]
        assert codes("ket hon", level="commune") == ["1.000894"]  # the others keep their answers


def test_a_version_taking_effect_later_is_found_by_the_filters_from_its_first_day(birth):
    with time_machine.travel(MARCH, tick=False):
        services.change_procedure(
            birth, actor=None, version=version_data(effective_from="2026-04-01", levels=["province"])
        )
        assert codes("khai sinh", level="commune") == ["1.001193"]  # version 1 still rules in March
        assert codes("khai sinh", level="province") == []
    with time_machine.travel(APRIL, tick=False):
        assert codes("khai sinh", level="commune") == []
        assert codes("khai sinh", level="province") == ["1.001193"]
        assert codes("khia snih", level="province") == ["1.001193"]  # the corrected search filters alike


def test_an_archived_procedure_leaves_the_filtered_and_the_misspelt_answers(birth):
    with time_machine.travel(MARCH, tick=False):
        services.archive_procedure(birth, actor=None, on=date(2026, 3, 2))
        assert codes("khai sinh", level="commune") == []
        assert codes("khia snih") == []


def test_every_word_misspelt_finds_the_procedure(birth):
    assert codes("khia snih")[0] == "1.001193"
    assert codes("dang khia snih")[0] == "1.001193"  # known words and misspelt ones together
    assert codes("DANG KI KHAI SNH")[0] == "1.001193"


def test_misspelt_words_of_a_procedure_created_later_are_corrected(birth):
    assert codes("khia snih")[0] == "1.001193"  # the word list is loaded now
    assert codes("thuong tru") == []
    make_procedure("Đăng ký thường trú", code="1.004222")
    assert codes("thoung trru") == ["1.004222"]


def test_misspelt_words_of_imported_procedures_are_corrected(birth):
    assert codes("khia snih")[0] == "1.001193"
    document = export_document()
    entry = copy.deepcopy(next(p for p in document["procedures"] if p["code"] == "1.001193"))
    entry.update(code="1.004222", name="Đăng ký thường trú")
    document["procedures"].append(entry)
    assert import_document(document, actor=None).created == ["1.004222"]
    assert codes("thoung trru") == ["1.004222"]


def test_misspelt_words_of_a_new_name_are_corrected_after_a_rename(birth):
    assert codes("khia snih")[0] == "1.001193"
    services.rename_procedure(birth, actor=None, name="Đăng ký khai sinh cho trẻ em", sector=birth.sector)
    assert codes("trre emm")[0] == "1.001193"


def test_each_name_change_gives_a_new_token():
    make_procedure("Đăng ký khai sinh", code="1.001193")
    first = NamesRevision.objects.get().token  # older rows are deleted: one row remains
    make_procedure("Đăng ký kết hôn", code="1.000894")
    assert NamesRevision.objects.get().token != first


def test_words_are_corrected_against_close_name_words_only():
    words = search.Vocabulary.of(["dang ky khai sinh", "cap giay phep xay dung"])
    assert words.knows("khai") and words.knows("ki") and words.knows("giay")
    assert not words.knows("khia")
    assert words.corrected(["khia", "xay"]) == [frozenset({"khia", "khya", "khai"}), frozenset({"xay", "xai"})]
    assert words.close_to("zzzz") == set()
