"""A new dossier: built in memory, registered with a provisional code, written once, numbered last.

How a new dossier is written (the order is what keeps concurrent intakes cheap; see docs/dossiers.md,
"How intake writes"): :func:`registering` wraps it, so the intake reads as what it does:

- its id is reserved first (``core.db.reserve_id``), so the rows that refer to it (fees, components,
  files, steps, history) are written before it: foreign keys are checked at commit;
- it carries a provisional code meanwhile, and is inserted once, complete, at the end;
- its real number is drawn last (:func:`number`): the receiving unit's daily counter row stays
  locked until commit, so drawing it last keeps concurrent intakes at one unit from waiting on each
  other's whole transaction;
- once numbered, it is queued for the national portal (``sync.dossier_registered``, in :func:`number`),
  in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from motcua.accounts.models import Applicant
from motcua.catalogue.models import Procedure, ProcedureVersion
from motcua.catalogue.selectors import is_in_force, version_in_force
from motcua.core.db import reserve_id
from motcua.core.exceptions import DomainError
from motcua.core.text import fold
from motcua.dossiers import codes, hooks, sync, webhooks
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.organisations.models import Agency
from motcua.workdays.constants import VIETNAM_TZ


@contextmanager
def registering(dossier: Dossier, now: datetime) -> Iterator[Dossier]:
    """Register a dossier built in memory and write it last: the body writes the rows that refer to it.

    Must run inside the transaction that receives the dossier; when the body raises, nothing is
    numbered and the transaction's rollback takes the rows written under the reserved id with it.
    """
    register(dossier, now)
    dossier.pk = reserve_id(Dossier)
    yield dossier
    number(dossier)


def competent_agency_for(version: ProcedureVersion, receiving: Agency, chosen: Agency | None = None) -> Agency:
    """Route by competence, not by the place of reception (Decree 118/2025, province-wide reception)."""
    competent = list(version.competent_agencies.filter(is_active=True).order_by())  # the choice ignores order
    if chosen is not None:
        if competent and chosen not in competent:
            raise DomainError(
                f"{chosen.name} không có thẩm quyền giải quyết thủ tục này.",
                code="invalid",
                fields={"competent_agency": ["Cơ quan không có thẩm quyền giải quyết thủ tục."]},
            )
        return chosen
    if len(competent) == 1:
        return competent[0]
    same_place = [a for a in competent if a.administrative_unit_id == receiving.administrative_unit_id]
    if len(same_place) == 1:
        return same_place[0]
    if receiving in competent:
        return receiving
    if not competent:
        return receiving
    raise DomainError(
        "Thủ tục có nhiều cơ quan giải quyết: hãy chọn cơ quan có thẩm quyền.",
        code="invalid",
        fields={"competent_agency": ["Chọn cơ quan có thẩm quyền giải quyết."]},
    )


def new_dossier(
    *,
    procedure: Procedure,
    applicant: Applicant,
    receiving_agency: Agency,
    channel: str,
    now: datetime,
    competent_agency: Agency | None = None,
    summary: str = "",
    version: ProcedureVersion | None = None,
) -> Dossier:
    """The dossier in memory, under the procedure's version in force on the day of reception
    (``version`` when the caller already read it and it is that one, else read here)."""
    day = now.astimezone(VIETNAM_TZ).date()
    if version is None or version.procedure_id != procedure.pk or not is_in_force(version, day):
        version = version_in_force(procedure, day)
    if version.information_only:
        # Published for information until a catalogue manager completes the time limit and process.
        raise DomainError(
            "Thủ tục này hiện chỉ cung cấp thông tin (chưa công bố đủ thời hạn, quy trình giải quyết); "
            "chưa tiếp nhận hồ sơ.",
            code="procedure_information_only",
        )
    return Dossier(
        procedure=procedure,
        procedure_version=version,
        applicant=applicant,
        applicant_name=applicant.full_name,
        applicant_name_folded=fold(applicant.full_name),
        applicant_phone=applicant.phone,
        applicant_id_number=applicant.id_number or applicant.tax_code,
        applicant_email=applicant.email,
        applicant_address=applicant.address,
        summary=(summary or procedure.name)[:1000],
        channel=channel,
        receiving_agency=receiving_agency,
        competent_agency=competent_agency_for(version, receiving_agency, competent_agency),
        created_at=now,
    )


def register(dossier: Dossier, now: datetime) -> None:
    """Status "Mới đăng ký" at the moment of reception, with a provisional code.

    The real number is drawn by :func:`number` at the end of the service: the daily counter row
    stays locked until commit, so drawing it last keeps concurrent intakes at one unit from
    waiting on each other's whole transaction.
    """
    dossier.code = f"{codes.PROVISIONAL_PREFIX}{dossier.reference}"
    dossier.submitted_at = now
    dossier.status = Status.SUBMITTED


def number(dossier: Dossier) -> Dossier:
    """Replace the provisional code with the next number of the receiving unit for the reception day,
    and write the row. At intake the row is inserted here, once, complete: its rows (fees,
    components, steps, history) were written first under its reserved id. Numbered, it is queued for
    the national portal with its history so far."""
    assert dossier.submitted_at is not None  # noqa: S101 - set by register()
    dossier.code = codes.new_code(dossier.receiving_agency, dossier.submitted_at)
    created = dossier._state.adding
    dossier.save(force_insert=created)
    hooks.changed(dossier, created=created)
    sync.dossier_registered(dossier, now=dossier.submitted_at)
    webhooks.dossier_registered(dossier, now=dossier.submitted_at)
    return dossier
