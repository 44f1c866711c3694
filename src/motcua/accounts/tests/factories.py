"""Factories for officials, memberships and applicants. Tests of other apps import these."""

from __future__ import annotations

import factory

from motcua.accounts.models import Applicant, ApplicantKind, Membership, Role, User
from motcua.organisations.tests.factories import AgencyFactory

TEST_PASSWORD = "MotCua@2026"


class UserFactory(factory.django.DjangoModelFactory):
    """An active official account with the password ``TEST_PASSWORD``."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Cán Bộ {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.vn")
    is_active = True
    password = factory.django.Password(TEST_PASSWORD)

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True, username=factory.Sequence(lambda n: f"admin{n}"))


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active membership; ``MembershipFactory(role=Role.SPECIALIST, agency=sở)``."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.ONE_STOP_OFFICER
    title = ""
    is_active = True


class ApplicantFactory(factory.django.DjangoModelFactory):
    """A citizen with a valid 12-digit ID (province of birth 025, male born 1995) by default.

    ``ApplicantFactory(business=True)`` makes a business with a 10-digit tax code.
    """

    class Meta:
        model = Applicant

    kind = ApplicantKind.CITIZEN
    full_name = factory.Sequence(lambda n: f"Trần Thị Công Dân {n}")
    id_number = factory.Sequence(lambda n: f"025095{n:06d}")
    tax_code = ""
    phone = factory.Sequence(lambda n: f"09{n:08d}")
    email = factory.Sequence(lambda n: f"congdan{n}@example.vn")
    address = "Phường Việt Trì, tỉnh Phú Thọ"

    class Params:
        business = factory.Trait(
            kind=ApplicantKind.BUSINESS,
            full_name=factory.Sequence(lambda n: f"Công ty TNHH Thử Nghiệm {n}"),
            id_number="",
            tax_code=factory.Sequence(lambda n: f"26{n:08d}"),
        )
