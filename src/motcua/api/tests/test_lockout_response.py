"""The answer to a locked-out sign-in: the API's JSON error shape for programs, a Vietnamese page for people."""

from __future__ import annotations

import json

import pytest
from django.test import RequestFactory
from django.utils import translation

from motcua.api.errors import error_body
from motcua.lockout_response import lockout_response

pytestmark = pytest.mark.django_db


def test_the_api_gets_the_json_error_shape(rf: RequestFactory) -> None:
    response = lockout_response(rf.post("/api/v1/dossiers/"), None, {"username": "x"})
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert set(body) == set(error_body("x", "x"))
    assert body["code"] == "locked_out" and "quá nhiều lần" in body["message"]


def test_people_get_a_vietnamese_page(rf: RequestFactory) -> None:
    response = lockout_response(rf.post("/admin/login/"), None, {"username": "x"})
    html = response.content.decode()
    assert response.status_code == 429 and 'lang="vi"' in html and "Tạm khóa đăng nhập" in html
    assert response["Retry-After"] == "900"


def test_the_page_follows_the_chosen_language(rf: RequestFactory) -> None:
    with translation.override("en"):
        html = lockout_response(rf.post("/dang-nhap/"), None, {"username": "x"}).content.decode()
    assert "Sign-in temporarily locked" in html and "Too many failed sign-ins" in html
