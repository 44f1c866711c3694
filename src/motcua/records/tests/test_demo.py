"""The demo has documents in every state of both workflows, signed with the TEST keys, a consultation
linked to a dossier, and loads twice without change."""

from __future__ import annotations

import io
from typing import Any

import pytest

from motcua.accounts import demo as people
from motcua.dossiers import demo_documents
from motcua.organisations import demo as org
from motcua.records import demo
from motcua.records.models import IncomingDocument, IncomingStatus, OutgoingDocument, OutgoingStatus
from motcua.signatures.verify import verify_pdf

pytestmark = pytest.mark.django_db


def test_demo_documents_in_every_state(give_key: Any, settings: Any) -> None:
    from motcua.accounts.models import User
    from motcua.dossiers.tests.conftest import build_world
    from motcua.dossiers.tests.helpers import to_processing

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dossier = to_processing(build_world())  # before the demo's applicants (whose phones it would reuse)
    out = io.StringIO()
    org.load(out)
    people.load(out)
    for code in (org.SO_TU_PHAP_CODE, org.SO_XAY_DUNG_CODE):
        give_key(agency=org.demo_agency(code))
    for name in (people.GIAMDOC_TU_PHAP, people.GIAMDOC_XAY_DUNG):
        give_key(user=User.objects.get(username=name))
    demo.load(out)
    demo_documents.load(out)
    assert set(OutgoingDocument.objects.values_list("status", flat=True)) == set(OutgoingStatus.values)
    assert set(IncomingDocument.objects.values_list("status", flat=True)) == set(IncomingStatus.values)
    issued = OutgoingDocument.objects.filter(status=OutgoingStatus.ISSUED).first()
    with issued.files.get(is_main=True).file.open("rb") as handle:
        assert len(verify_pdf(handle.read()).signatures) == 2
    assert OutgoingDocument.objects.filter(dossier_code=dossier.code).exists()
    assert IncomingDocument.objects.filter(dossier_code=dossier.code, status=IncomingStatus.COMPLETED).exists()
    counts = (OutgoingDocument.objects.count(), IncomingDocument.objects.count())
    demo.load(out)
    demo_documents.load(out)
    assert (OutgoingDocument.objects.count(), IncomingDocument.objects.count()) == counts
