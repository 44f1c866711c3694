"""The intake answer is written without setting anything on the dossier, exactly as described."""

from __future__ import annotations

import pytest

from motcua.api.v1.dossiers import serializers as s
from motcua.documents.forms import available_forms
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db


def test_created_answer_is_the_described_one_and_leaves_the_dossier_alone(world):
    dossier = receive(world)
    forms = available_forms(dossier)
    body = s.created_representation(dossier, forms)
    assert list(body) == list(s.DossierCreatedSerializer().fields)  # the fields the schema documents, in order
    assert body["forms"] == forms and body["code"] == dossier.code
    assert not hasattr(dossier, "forms")
    copy = Dossier.objects.get(pk=dossier.pk)
    copy.forms = forms  # what the serializer reads if the attribute is there: the same answer
    assert dict(s.DossierCreatedSerializer(copy).data) == body
