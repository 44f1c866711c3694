"""The import of a catalogue file in the national database's record format: a report per record, all or nothing."""

import io
import json
import time
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models.functions import Length
from django.utils import timezone

from motcua.catalogue import services
from motcua.catalogue.exchange import national
from motcua.catalogue.exchange.document import CatalogueImportError
from motcua.catalogue.models import Procedure
from motcua.catalogue.tests.dataset import dataset_path, needs_dataset
from motcua.catalogue.tests.factories import make_procedure
from motcua.core.exceptions import DomainError

pytestmark = pytest.mark.django_db

DAY = date(2025, 12, 1)


def record(code, name="Cấp phép thử nghiệm", **extra):
    """A made-up record in the national format (the fields docs/catalogue.md lists)."""
    return {
        "code": code,
        "name": name,
        "sector": "Lĩnh vực thử",
        "level": "Cấp tỉnh",
        "agency": "Sở Tư pháp",
        "processing_time": {"value": 5, "unit": "ngày làm việc"},
        "fees": [{"name": "Lệ phí", "amount_vnd": 50000, "note": ""}],
        "components": [{"name": "Tờ khai", "copies": 1, "note": "1 bản chính"}],
        "result": "Giấy phép",
        "online_level": None,
        "source": "nguồn thử; quyết định công bố ghi trên Cổng: 12/QĐ-BTP)",
        **extra,
    }


def build(records):
    return national.build_document(records, effective_from=DAY)


def test_each_record_is_taken_or_left_out_with_its_reason():
    make_procedure(code="1.000001")
    records = [
        record("1.000002"),
        record(None),
        record("7.00001"),
        record("1.000001"),
        record("1.000002"),
        record("1.000003", level="Cấp bộ"),
        record("1.000004", name="Đăng ký " * 150),
        record("6.000123"),
        record("5.000321", components=[{"name": "Giấy " * 200, "copies": 0, "note": "ghi chú"}]),
    ]
    document, report = build(records)
    verdicts = {o.row: (o.taken, "; ".join(o.reasons)) for o in report.outcomes}
    assert verdicts[1] == (True, "")
    assert verdicts[2] == (False, "không có mã thủ tục quốc gia")
    assert "không đúng dạng" in verdicts[3][1]
    assert "đã có trong danh mục" in verdicts[4][1]
    assert "trùng" in verdicts[5][1]
    assert "cấp đã chọn" in verdicts[6][1]
    assert verdicts[7] == (True, "")  # 1,199 characters: longer than the old 500, like 9 real names
    assert verdicts[8] == (True, "")
    assert verdicts[9][0] and "rút gọn" in verdicts[9][1]
    assert [p["code"] for p in document["procedures"]] == ["1.000002", "1.000004", "6.000123", "5.000321"]
    assert "dòng 2 · (không mã) · bỏ qua: không có mã thủ tục quốc gia" in [o.line() for o in report.outcomes]


def test_a_name_longer_than_the_column_is_left_out_not_failed_in_the_database():
    _document, report = build([record("1.000005", name="Đăng ký hoạt động " * 100)])
    assert not report.outcomes[0].taken
    assert "dài quá 1500 ký tự" in report.outcomes[0].reasons[0]


def test_a_version_the_catalogue_refuses_is_left_out_with_the_reason():
    bad_fee = record("1.000006", fees=[{"name": "Lệ phí", "amount_vnd": 10**16, "note": ""}])
    _document, report = build([bad_fee, record("1.000007")])
    assert [o.taken for o in report.outcomes] == [False, True]
    assert "fees[1].amount_vnd" in report.outcomes[0].reasons[0]


def test_imported_procedures_are_information_only_with_what_the_source_gives(tmp_path):
    path = tmp_path / "catalogue.json"
    unitless = record("2.000010", processing_time={"value": 1, "unit": None})
    path.write_text(json.dumps([record("2.000009"), unitless]), encoding="utf-8")
    report = national.import_file(path, actor=None, effective_from=DAY)
    assert len(report.taken) == 2
    full = Procedure.objects.get(code="2.000009").versions.get()
    assert (full.information_only, full.legal_time_value, full.legal_time_unit) == (True, 5, "working_days")
    assert full.publication_decision_number == "12/QĐ-BTP"
    assert not full.processes.exists()
    bare = Procedure.objects.get(code="2.000010").versions.get()
    assert (bare.legal_time_value, bare.legal_time_unit) == (None, "")
    assert "không rõ đơn vị" in report.outcomes[1].reasons[0]


def test_the_file_is_all_or_nothing(tmp_path, monkeypatch):
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps([record(f"1.00010{i}") for i in range(4)]), encoding="utf-8")
    original, calls = services.import_procedure, []

    def failing(**kwargs):
        calls.append(kwargs["code"])
        if len(calls) == 3:
            raise CatalogueImportError(["lỗi giữa chừng"])
        return original(**kwargs)

    monkeypatch.setattr(services, "import_procedure", failing)
    with pytest.raises(CatalogueImportError):
        national.import_file(path, actor=None, effective_from=DAY)
    assert not Procedure.objects.filter(code__startswith="1.00010").exists()


def test_an_information_only_procedure_takes_no_dossier(tmp_path):
    from motcua.accounts.tests.factories import ApplicantFactory
    from motcua.dossiers.services.registration import new_dossier
    from motcua.organisations.tests.factories import AgencyFactory

    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps([record("2.000011")]), encoding="utf-8")
    national.import_file(path, actor=None, effective_from=DAY)
    procedure = Procedure.objects.get(code="2.000011")
    with pytest.raises(DomainError) as refused:
        new_dossier(
            procedure=procedure,
            applicant=ApplicantFactory(),
            receiving_agency=AgencyFactory(),
            channel="counter",
            now=timezone.now(),
        )
    assert refused.value.code == "procedure_information_only"


def test_the_command_prints_every_left_out_record_and_refuses_a_missing_file(tmp_path):
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps([record("2.000012"), record(None)]), encoding="utf-8")
    out = io.StringIO()
    call_command("import_catalogue", str(path), "--effective-from", "2025-12-01", stdout=out)
    assert "dòng 2 · (không mã) · bỏ qua: không có mã thủ tục quốc gia" in out.getvalue()
    assert "nhận 1, bỏ qua 1" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("import_catalogue", str(tmp_path / "absent.json"))


@needs_dataset
def test_the_whole_national_file_imports_in_under_a_minute():
    started = time.monotonic()
    report = national.import_file(dataset_path(), actor=None, effective_from=DAY)
    elapsed = time.monotonic() - started
    assert elapsed < 60, elapsed
    assert len(report.taken) >= 1500
    assert Procedure.objects.filter(code__regex=r"^[56]\.").count() >= 30
    assert Procedure.objects.annotate(length=Length("name")).filter(length__gt=500).count() == 9
    assert all(o.reasons for o in report.left_out)
