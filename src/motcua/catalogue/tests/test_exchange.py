import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from motcua.catalogue import services
from motcua.catalogue.exchange.document import CatalogueImportError, export_document, import_document
from motcua.catalogue.exchange.workbook import read_workbook, write_workbook
from motcua.catalogue.models import CatalogueEvent, Fee, Procedure, ProcedureGroup, ProcedureVersion, Sector
from motcua.catalogue.tests.factories import SectorFactory, make_procedure, step, version_data
from motcua.core import audit
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    agency = AgencyFactory(identifier_code="H99.010")
    partner = AgencyFactory(identifier_code="H99.020")
    sector = SectorFactory(code="G09-TP01", name="Hộ tịch")
    birth = make_procedure(
        "Đăng ký khai sinh",
        code="1.001193",
        sector=sector,
        competent_agencies=[agency.identifier_code],
        legal_basis="Luật Hộ tịch 2014",
        publication_decision_number="1234/QĐ-UBND",
        publication_decision_date="2025-11-20",
        reduced_time_value="2.5",
        reduced_time_unit="working_days",
        fees=[
            {"name": "Lệ phí", "amount_vnd": 0, "exemptions": "Miễn cho trẻ em"},
            {"name": "Phí bản sao", "amount_vnd": None},
            {"name": "Phí - nộp trực tiếp", "amount_vnd": 20000, "channels": ["counter", "postal"]},
            {
                "name": "Phí - nộp trực tuyến",
                "amount_vnd": 20000,
                "channels": ["online"],
                "online_reduction_percent": 50,
            },
        ],
        processes=[
            {
                "steps": [
                    step("Tiếp nhận", "4"),
                    step("Xin ý kiến", "8", parallel_group="A", agency=partner.identifier_code, is_interagency=True),
                    step("Thẩm định", "6", parallel_group="A"),
                    step("Ký", "4", allowed_actions=["approve", "return", "refuse"]),
                ]
            },
            {
                "implementing_agency": agency.identifier_code,
                "decision_number": "99/QĐ",
                "is_illustrative": True,
                "steps": [step("Một bước", "1.5")],
            },
        ],
    )
    services.change_procedure(
        birth,
        actor=None,
        version=version_data(effective_from="2026-07-01", online_level="partial", levels=["province", "commune"]),
    )
    death = make_procedure(
        "Đăng ký khai tử",
        code="1.000656",
        sector=sector,
        legal_time_value=None,
        legal_time_unit="same_day",
        processes=[{"steps": [step("Tiếp nhận", "2")]}],
    )
    services.save_group(actor=None, code="LT-01", name="Khai sinh, thường trú, BHYT", procedures=[birth, death])
    services.archive_procedure(
        make_procedure("Thủ tục cũ", code="2.000001", sector=sector), actor=None, on=date(2026, 2, 1)
    )


def _wipe():
    """Empty the catalogue, as in a fresh installation (audit rows are append-only: only emptying the table works)."""
    audit.empty_table(CatalogueEvent)
    ProcedureGroup.objects.all().delete()
    ProcedureVersion.objects.all().delete()
    Procedure.objects.all().delete()
    Sector.objects.all().delete()


def test_json_round_trip_is_lossless(catalogue):
    first = export_document()
    _wipe()
    import_document(json.loads(json.dumps(first)), actor=None)
    assert export_document() == first


def test_xlsx_round_trip_is_lossless(catalogue):
    first = export_document()
    content = write_workbook(first)
    _wipe()
    document, locate = read_workbook(content)
    report = import_document(document, actor=None, locate=locate)
    assert sorted(report.created) == ["1.000656", "1.001193", "2.000001"]
    assert export_document() == first
    assert write_workbook(export_document()) and read_workbook(write_workbook(export_document()))[0] == document


def test_reimporting_the_same_file_changes_nothing(catalogue):
    document = export_document()
    report = import_document(document, actor=None)
    assert report.created == [] and report.versioned == [] and report.unchanged == 3
    assert export_document() == document


def test_a_changed_latest_version_becomes_a_new_version(catalogue):
    document = export_document()
    birth = next(p for p in document["procedures"] if p["code"] == "1.001193")
    birth["versions"][-1]["fees"][0]["amount_vnd"] = 20000
    report = import_document(document, actor=None)
    assert report.versioned == ["1.001193"]
    versions = list(Procedure.objects.get(code="1.001193").versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[1].effective_until is not None and versions[2].fees.get().amount_vnd == 20000


def _broken_workbook(content: bytes) -> bytes:
    book = load_workbook(io.BytesIO(content))
    sheet = book["Thủ tục"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value == "2.000001")
    sheet[f"A{row}"] = "9.99"  # invalid code
    book["Phí, lệ phí"]["D2"] = "nhiều tiền"  # not a number
    book["Bước xử lý"]["I2"] = "40"  # the step no longer fits in the time limit
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_errors_name_sheet_row_and_column_and_nothing_is_written(catalogue):
    content = _broken_workbook(write_workbook(export_document()))
    events = CatalogueEvent.objects.count()
    document, locate = read_workbook(content)
    with pytest.raises(CatalogueImportError) as error:
        import_document(document, actor=None, locate=locate)
    problems = error.value.problems
    assert any(p.startswith("Trang “Thủ tục”, dòng 5, cột A “Mã thủ tục”") for p in problems), problems
    assert any(
        p.startswith("Trang “Phí, lệ phí”, dòng 2, cột D “Mức thu (đồng)”") and "không phải là số" in p
        for p in problems
    ), problems
    assert any("vượt thời hạn" in p for p in problems), problems
    assert CatalogueEvent.objects.count() == events


def test_missing_sheet_and_damaged_file_are_reported():
    with pytest.raises(CatalogueImportError) as error:
        read_workbook(b"not a workbook")
    assert "Không đọc được tệp Excel" in error.value.problems[0]


def test_json_errors_are_reported_by_path():
    with pytest.raises(CatalogueImportError) as error:
        import_document(
            {
                "format": "motcua-catalogue",
                "sectors": [],
                "procedures": [{"code": "1.000001", "name": "X", "sector": "NOPE", "versions": []}],
            },
            actor=None,
        )
    assert any("procedures[1].sector" in p for p in error.value.problems)
    assert any("procedures[1].versions" in p for p in error.value.problems)


def test_fee_channels_and_online_reduction_are_exported(catalogue):
    fees = next(p for p in export_document()["procedures"] if p["code"] == "1.001193")["versions"][0]["fees"]
    assert [(f["channels"], f["online_reduction_percent"]) for f in fees[2:]] == [
        (["counter", "postal"], 0),
        (["online"], 50),
    ]


def test_a_fee_reduction_above_100_percent_or_an_unknown_channel_is_refused():
    from motcua.catalogue.data import clean_version
    from motcua.catalogue.tests.factories import version_data

    fees = [{"name": "Lệ phí", "amount_vnd": 1000, "channels": ["fax"], "online_reduction_percent": 120}]
    _data, problems = clean_version(version_data(fees=fees), path="version.")
    paths = {problem.path for problem in problems}
    assert {"version.fees[1].channels", "version.fees[1].online_reduction_percent"} <= paths


def test_a_workbook_without_the_fee_channel_columns_still_imports(catalogue):
    book = load_workbook(io.BytesIO(write_workbook(export_document())))
    fees = book["Phí, lệ phí"]
    fees.delete_cols(fees.max_column - 1, 2)  # the two columns added last
    out = io.BytesIO()
    book.save(out)
    document, locate = read_workbook(out.getvalue())
    fee_rows = document["procedures"][0]["versions"][0]["fees"]
    assert all("channels" not in fee for fee in fee_rows)
    _wipe()  # into a fresh installation: an old version's fees may not change
    import_document(document, actor=None, locate=locate)
    assert Fee.objects.exists() and not Fee.objects.exclude(channels=[]).exists()


def test_an_older_workbook_with_the_yes_no_column_still_imports():
    """Workbooks written before conditional components had "Bắt buộc" and no requirement columns."""
    sector = SectorFactory(code="G09-TP01", name="Hộ tịch")
    make_procedure(
        "Đăng ký khai sinh",
        code="1.001193",
        sector=sector,
        components=[{"name": "Tờ khai"}, {"name": "Ảnh"}, {"name": "Biên bản", "note": "chỉ khi trẻ bị bỏ rơi"}],
    )
    book = load_workbook(io.BytesIO(write_workbook(export_document())))
    sheet = book["Thành phần hồ sơ"]
    headers = [cell.value for cell in sheet[1]]
    requirement, condition = headers.index("Yêu cầu nộp") + 1, headers.index("Trường hợp phải nộp") + 1
    sheet.delete_cols(condition)
    sheet.delete_cols(requirement)
    sheet.cell(row=1, column=sheet.max_column + 1, value="Bắt buộc")
    for row, value in zip(range(2, 5), ("Có", "Không", "Có"), strict=True):
        sheet.cell(row=row, column=sheet.max_column, value=value)
    out = io.BytesIO()
    book.save(out)
    document, _locate = read_workbook(out.getvalue())
    _wipe()
    import_document(document, actor=None)
    imported = Procedure.objects.get(code="1.001193").versions.get().components.order_by("order")
    assert [(c.requirement, c.condition) for c in imported] == [
        ("always", ""),
        ("optional", ""),
        ("conditional", "Chỉ khi trẻ bị bỏ rơi"),
    ]


def test_a_fee_or_copy_count_beyond_what_the_database_holds_is_refused():
    from motcua.catalogue.data import clean_version
    from motcua.catalogue.tests.factories import version_data

    fees = [{"name": "Lệ phí", "amount_vnd": 10**20}]
    _data, problems = clean_version(version_data(fees=fees), path="version.")
    assert "version.fees[1].amount_vnd" in {problem.path for problem in problems}
