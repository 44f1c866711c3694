"""The demo catalogue's content: legal basis, texts about the demo province only, blank forms."""

import io

import pytest
from django.core.files.storage import default_storage

from motcua.catalogue import demo
from motcua.catalogue.constants import LEGAL_BASIS_MISSING
from motcua.catalogue.demo_sources import OTHER_PROVINCES, SOURCE_BASIS, localise, names_other_province
from motcua.catalogue.models import Component, ProcedureVersion
from motcua.catalogue.tests.sample import needs_sample

pytestmark = [pytest.mark.django_db, needs_sample]

KEY_PROCEDURES = ("1.001193", "1.004222", "1.000894", "1.004194")


@pytest.fixture
def demo_catalogue():
    from motcua.organisations import demo as organisations_demo

    organisations_demo.load(io.StringIO())
    demo.load(io.StringIO())


def _with_form():
    return Component.objects.exclude(blank_form="").exclude(blank_form__isnull=True)


def _texts(version: ProcedureVersion) -> list[str]:
    texts = [version.change_note, version.submission_place, version.result_name, version.legal_basis]
    texts += [f.note for f in version.fees.all()]
    texts += [f"{c.name} {c.note}" for c in version.components.all()]
    texts += [s.name for p in version.processes.all() for s in p.steps.all()]
    return texts


def test_key_procedures_have_the_legal_basis_their_sources_cite(demo_catalogue):
    birth = ProcedureVersion.objects.get(procedure__code="1.001193")
    assert "Luật Hộ tịch 2014" in birth.legal_basis
    assert birth.legal_basis_text == birth.legal_basis
    with_basis = ProcedureVersion.objects.exclude(legal_basis="")
    assert with_basis.count() >= 33  # was 17 of 42 before the sources' citations were taken in


def test_a_version_without_legal_basis_says_so(demo_catalogue):
    for version in ProcedureVersion.objects.filter(legal_basis=""):
        assert version.procedure.code not in SOURCE_BASIS
        assert version.legal_basis_text == LEGAL_BASIS_MISSING


def test_no_text_of_the_demo_names_another_province(demo_catalogue):
    offending = [
        (version.procedure.code, text)
        for version in ProcedureVersion.objects.all()
        for text in _texts(version)
        if names_other_province(text)
    ]
    assert offending == []


def test_localise_takes_other_provinces_out():
    assert localise("Ban Quản lý các Khu công nghiệp tỉnh Bắc Ninh (được UBND tỉnh ủy quyền)") == (
        "Ban Quản lý các Khu công nghiệp tỉnh (được UBND tỉnh ủy quyền)"
    )
    assert localise("10 USD/bản (Đồng Nai 2770)") == "10 USD/bản"
    assert localise("Ký văn bản trình UBND thành phố") == "Ký văn bản trình UBND tỉnh"
    assert localise("50.000 đồng; Đồng Nai ghi 30.000 đồng") == "50.000 đồng; tỉnh khác ghi 30.000 đồng"
    assert localise("Số 1 Hùng Vương, tỉnh Phú Thọ") == "Số 1 Hùng Vương, tỉnh Phú Thọ"
    assert "Phú Thọ" not in OTHER_PROVINCES


def test_key_procedures_offer_a_blank_pdf_form(demo_catalogue):
    for code in KEY_PROCEDURES:
        forms = _with_form().filter(version__procedure__code=code)
        assert forms.exists(), code
        with default_storage.open(forms.first().blank_form.name, "rb") as handle:
            assert handle.read(5) == b"%PDF-", code


def test_reloading_keeps_the_forms_and_changes_nothing(demo_catalogue):
    before = set(_with_form().values_list("blank_form", flat=True))
    out = io.StringIO()
    demo.load(out)
    assert "Thêm mới 0 thủ tục, tạo phiên bản mới cho 0" in out.getvalue()
    assert set(_with_form().values_list("blank_form", flat=True)) == before
