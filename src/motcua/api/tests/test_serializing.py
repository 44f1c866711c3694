"""Serializers shared per process give exactly what a fresh serializer gives, call after call."""

from typing import Any

import pytest
from rest_framework.exceptions import ValidationError

from motcua.api.serializing import represented, validated
from motcua.api.v1.dossiers import serializers as s

GOOD = {"receiving_agency": 1, "procedure": "1.004873", "applicant": {"full_name": "Nguyễn Văn A"}}
BAD: dict[str, Any] = {
    "missing applicant": {"receiving_agency": 1, "procedure": "1.004873"},
    "nested errors": {**GOOD, "components": [{"name": "Tờ khai", "page_count": -1}, {"kind": "x"}]},
    "wrong types": {**GOOD, "receiving_agency": "mot", "fees": [{"name": "Lệ phí"}]},
    "not an object": ["receiving_agency"],
}


def _fresh(data: Any) -> Any:
    serializer = s.IntakeSerializer(data=data)
    return serializer.validated_data if serializer.is_valid() else ValidationError(serializer.errors).detail


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_errors_are_those_of_a_fresh_serializer(case):
    for _ in range(2):  # the shared instance keeps nothing from one call to the next
        with pytest.raises(ValidationError) as raised:
            validated(s.IntakeSerializer, BAD[case])
        assert raised.value.detail == _fresh(BAD[case])
        assert validated(s.IntakeSerializer, GOOD) == dict(_fresh(GOOD))


def test_valid_input_gets_the_defaults_of_a_fresh_serializer():
    data = validated(s.IntakeSerializer, {**GOOD, "components": [{"name": "Tờ khai"}]})
    assert data == dict(_fresh({**GOOD, "components": [{"name": "Tờ khai"}]}))
    assert data["components"][0]["copies"] == 1 and data["decision"] == "accept"


def test_representation_is_that_of_a_fresh_serializer():
    found = {
        "code": "H44.201.01-261120-0001",
        "procedure_code": "1.004873",
        "procedure_name": "Đăng ký khai sinh",
        "status": 4,
        "status_label": "Đang xử lý",
        "receiving_agency": "Trung tâm",
        "competent_agency": "UBND",
        "submitted_at": None,
        "accepted_at": None,
        "due_at": None,
        "resolved_at": None,
        "returned_at": None,
        "current_step": "Thẩm định",
        "current_agency": "UBND",
        "history": [{"occurred_at": None, "action": "accept", "agency": "Trung tâm", "label": "Tiếp nhận"}],
    }
    assert represented(s.PublicDossierSerializer, found) == s.PublicDossierSerializer(found).data
    assert represented(s.PublicDossierSerializer, {**found, "code": "x"})["code"] == "x"
