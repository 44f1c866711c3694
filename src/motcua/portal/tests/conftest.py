"""A province with one online procedure and a citizen, for the portal's submission and dossier tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest  # the sign-in lockout needs the request

from motcua.accounts.services import create_or_update_applicant
from motcua.accounts.tests.factories import TEST_PASSWORD, UserFactory
from motcua.dossiers.tests.conftest import MONDAY_9AM, World, build_world

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test scan\n"


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    # Sign-in lockout and request throttles count in the cache; the local-memory cache outlives a test.
    cache.clear()
    yield
    cache.clear()


def pdf(name: str = "to-khai.pdf", size: int = 0) -> SimpleUploadedFile:
    body = PDF + b"0" * max(0, size - len(PDF))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def png(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def make_citizen(username: str = "0912345678", id_number: str = "025195000123") -> Any:
    user = UserFactory(username=username, phone=username, email=f"{username}@example.vn", full_name="Nguyễn Thị Lan")
    create_or_update_applicant(
        actor=user,
        kind="citizen",
        full_name="Nguyễn Thị Lan",
        id_number=id_number,
        phone=username,
        email=f"{username}@example.vn",
        address="Số 1 Hùng Vương, phường Việt Trì, tỉnh Phú Thọ",
        user=user,
    )
    return user


@pytest.fixture
def frozen() -> Iterator[Any]:
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db: Any, frozen: Any) -> World:
    return build_world()


@pytest.fixture
def citizen(db: Any) -> Any:
    return make_citizen()


@pytest.fixture
def citizen_client(client: Any, citizen: Any) -> Any:
    assert client.login(request=HttpRequest(), username=citizen.username, password=TEST_PASSWORD)
    return client


def submitted_dossier(world: Any, user: Any) -> Any:
    """A dossier the citizen sent online (no fee to pay: the test procedure's fee is waived here)."""
    from motcua.accounts.selectors import citizen_applicant
    from motcua.dossiers.services import online

    dossier = online.create_online_draft(
        citizen_applicant(user), world.procedure, actor=user, receiving_agency=world.centre, summary="Thử nghiệm"
    )
    component = dossier.components.get()
    online.attach_file_to_component(dossier, component.pk, pdf(), actor=user)
    return online.submit_online(dossier, actor=user, payment_method="none", result_delivery="counter")
