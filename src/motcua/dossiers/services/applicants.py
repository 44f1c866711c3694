"""Who submits: the applicant is found or created through ``accounts.services`` (one write path).

The dossier then keeps its own frozen copy of the contact data printed on the forms.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from motcua.accounts.models import Applicant, ApplicantKind, User
from motcua.accounts.services import create_or_update_applicant


@dataclass
class ApplicantData:
    full_name: str
    kind: str = ApplicantKind.CITIZEN
    id_number: str = ""
    tax_code: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    date_of_birth: date | None = None


def resolve_applicant(applicant: Applicant | ApplicantData, *, actor: User | None) -> Applicant:
    if isinstance(applicant, Applicant):
        return applicant
    # Two counters registering the same new person at once is handled inside accounts (savepoint + re-read).
    person, _created = create_or_update_applicant(actor=actor, **asdict(applicant))
    return person
