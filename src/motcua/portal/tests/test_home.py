import pytest
from django.urls import reverse

from motcua.portal.tests.conftest import make_citizen, submitted_dossier
from motcua.portal.views import most_used_procedures

pytestmark = pytest.mark.django_db


def test_home_has_search_guide_and_procedures(client, world):
    page = client.get(reverse("portal:home")).content.decode()
    assert 'role="search"' in page and 'name="q"' in page
    assert "Lần đầu nộp hồ sơ trực tuyến?" in page
    assert world.procedure.name in page
    assert '<html lang="vi">' in page


def test_most_used_counts_sent_dossiers_only(world):
    from motcua.catalogue.tests.factories import make_procedure

    popular = make_procedure("Đăng ký khai sinh", competent_agencies=[world.department.identifier_code])
    citizen = make_citizen()
    submitted_dossier(world, citizen)
    ranked = most_used_procedures(limit=2)
    assert ranked[0] == world.procedure
    assert popular in ranked
