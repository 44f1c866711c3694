import pytest
from django.urls import reverse

from motcua.dossiers.selectors import most_used_procedures
from motcua.portal.tests.conftest import make_citizen, submitted_dossier

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
    ranked = most_used_procedures(2)
    assert ranked[0] == world.procedure
    assert popular in ranked


def test_home_labels_how_each_procedure_is_done(client, world):
    from motcua.catalogue.tests.factories import make_procedure

    make_procedure("Đăng ký kết hôn", online_level="none", channels=["counter"])
    page = client.get(reverse("portal:home")).content.decode()
    assert page.index(world.procedure.name) < page.index("Đăng ký kết hôn")
    assert "Nộp trực tuyến toàn trình" in page and "Chỉ nộp trực tiếp hoặc qua bưu chính" in page


def test_the_labels_follow_the_chosen_language(client, world):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("portal:home")).content.decode()
    assert "Fully online" in page and "Procedures you can submit online are listed first." in page
