"""Who submits: the applicant is found or created through ``accounts.services`` (one write path).

The dossier then keeps its own frozen copy of the contact data printed on the forms.

Contact data follows the identity it belongs to: an e-mail address or phone number already on
record for another person or business (another applicant, or the portal account of one, with a
different identity number) is refused, so notices about one applicant's dossier never reach
another's mailbox. The officer may still use it when the applicant confirms it is theirs (a
family member's phone, a shared office mailbox): ``use_contact_anyway``, recorded in the
dossier's history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db.models import Q

from motcua.accounts.models import Applicant, ApplicantKind, User
from motcua.accounts.services import create_or_update_applicant
from motcua.accounts.validators import (
    InvalidApplicantData,
    normalise_email,
    normalise_phone,
    validate_citizen_id,
    validate_tax_code,
)
from motcua.core.exceptions import DomainError

CONTACT_OF_OTHER_IDENTITY = "contact_of_other_identity"
_CONTACT_MESSAGES = {
    "email": "Thư điện tử này đã được đăng ký cho tổ chức, cá nhân khác (số giấy tờ khác).",
    "phone": "Số điện thoại này đã được đăng ký cho tổ chức, cá nhân khác (số giấy tờ khác).",
}


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
    # The officer's explicit choice to keep a contact that is on record for another identity.
    use_contact_anyway: bool = field(default=False, compare=False)


def resolve_applicant(applicant: Applicant | ApplicantData, *, actor: User | None) -> Applicant:
    return resolve_applicant_checked(applicant, actor=actor)[0]


def resolve_applicant_checked(
    applicant: Applicant | ApplicantData, *, actor: User | None
) -> tuple[Applicant, list[str]]:
    """The applicant, and the contact fields kept although another identity has them (confirmed)."""
    if isinstance(applicant, Applicant):
        return applicant, []
    shared = contact_of_other_identity(applicant)
    if shared and not applicant.use_contact_anyway:
        message = " ".join(_CONTACT_MESSAGES[name] for name in shared)
        hint = "Kiểm tra lại với người nộp; nếu đúng là liên hệ của họ, chọn “Vẫn dùng thông tin liên hệ này”."
        raise DomainError(
            f"{message} {hint}",
            code=CONTACT_OF_OTHER_IDENTITY,
            fields={name: [f"{_CONTACT_MESSAGES[name]} {hint}"] for name in shared},
        )
    data = asdict(applicant)
    data.pop("use_contact_anyway")
    # Two counters registering the same new person at once is handled inside accounts (savepoint + re-read).
    person, _created = create_or_update_applicant(actor=actor, **data)
    return person, shared


def contact_of_other_identity(data: ApplicantData) -> list[str]:
    """``email`` / ``phone`` when that contact is on record for an applicant (or their portal account)
    whose identity number differs from ``data``'s."""
    contacts = {"email": _clean(normalise_email, data.email), "phone": _clean(normalise_phone, data.phone)}
    if not any(contacts.values()):
        return []
    # Each contact is compared on an indexed column (phone as stored; e-mail on UPPER(email)), the
    # applicants' own contacts and their portal accounts' in two branches of one UNION: an OR across the
    # join would make the database read every applicant at every intake.
    own = Q(pk__in=[])
    for name, value in contacts.items():
        if value:
            own |= Q(phone=value) if name == "phone" else Q(email__iexact=value)
    accounts = User.objects.filter(own).values("pk")
    others = Applicant.objects.exclude(_same_identity(data))
    rows = (
        others.filter(own)
        .values_list("email", "phone")
        .union(others.filter(user__in=accounts).values_list("user__email", "user__phone"))
    )
    held = {
        (name, (found or "").lower()) for email, phone in rows for name, found in (("email", email), ("phone", phone))
    }
    return [name for name, value in contacts.items() if value and (name, value.lower()) in held]


def _same_identity(data: ApplicantData) -> Q:
    """The records of the identity ``data`` names (found as ``accounts`` finds applicants)."""
    if data.kind == ApplicantKind.CITIZEN and (number := _clean(validate_citizen_id, data.id_number)):
        return Q(id_number=number)
    if data.kind != ApplicantKind.CITIZEN and (code := _clean(validate_tax_code, data.tax_code)):
        return Q(tax_code=code)
    return Q(pk__in=[])  # no identity number: any record holding the contact is someone else's


def _clean(normaliser: Callable[[str], str], value: str) -> str:
    """The value as stored; invalid input is left to the applicant validation, which names the field."""
    if not value or not value.strip():
        return ""
    try:
        return normaliser(value)
    except InvalidApplicantData:
        return ""
