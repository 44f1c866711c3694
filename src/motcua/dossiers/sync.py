"""Synchronising dossiers to the national portal (DVCQG) through the outbox.

Called from the one write path of dossiers: ``services.base.finish`` for every action on a dossier
(each status change and processing step) and ``services.registration.registering`` when intake
writes a new one. In the same transaction it queues, in the dossier's stream, the dossier as it now is
(create for the first message, then update) followed by the history rows the action wrote: the
delivery worker sends them in that order, after every earlier message of the dossier.

Nothing is queued for a draft, when ``DVCQG_URL`` is empty, or for a procedure not connected to the
national portal (``Procedure.dvcqg_connected``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from motcua.accounts.models import ExternalIdentity, Role
from motcua.accounts.selectors import memberships_for
from motcua.catalogue.models import Procedure
from motcua.dossiers import codes, dvcqg, events
from motcua.dossiers.constants import Channel, Outcome, Status, StepKind
from motcua.dossiers.models import Dossier, DossierEvent, FilePurpose
from motcua.outbox import destinations, selectors, services
from motcua.outbox.selectors import StreamState

DESTINATION = "dvcqg"
ROLE_TITLES = dict(Role.choices) | {"applicant": "Người nộp hồ sơ"}


def stream_of(dossier: Dossier) -> str:
    return f"dossier:{dossier.pk}"


def is_synchronised(dossier: Dossier) -> bool:
    return (
        dossier.status != Status.DRAFT and destinations.is_configured(DESTINATION) and dossier.procedure.dvcqg_connected
    )


def awaits_number(dossier: Dossier) -> bool:
    """Being registered by the current transaction: it is synchronised once it has its real code."""
    return dossier.code is None or dossier.code.startswith(codes.PROVISIONAL_PREFIX)


def dossier_changed(dossier: Dossier, written: Iterable[DossierEvent], *, now: datetime) -> bool:
    """Queue the dossier and the history rows ``written`` by the current action; True when queued."""
    if not is_synchronised(dossier):
        return False
    _queue(dossier, [history_record(dossier, entry) for entry in written], f"v{dossier.version}", now)
    return True


def _queue(dossier: Dossier, rows: list[dvcqg.HistoryRecord], suffix: str, now: datetime) -> None:
    """The dossier (create the first time, else update), then its history rows, in its stream."""
    stream = stream_of(dossier)
    key = f"{dossier.reference}:{suffix}"
    messages = [
        (dvcqg.SYNC_SERVICE, dvcqg.sync_message(gather(dossier), updating=selectors.has_messages(DESTINATION, stream)))
    ]
    if rows:
        messages.append((dvcqg.PROGRESS_SERVICE, dvcqg.progress_message(dossier.code or "", rows)))
    for kind, payload in messages:
        services.enqueue(
            DESTINATION, f"{key}:{kind}", payload, stream=stream, kind=kind, subject=dossier.code or "", now=now
        )


def dossier_registered(dossier: Dossier, *, now: datetime) -> bool:
    """A dossier just numbered: its whole history since it was registered (a draft's is not synchronised)."""
    if not is_synchronised(dossier):  # before reading the history
        return False
    return dossier_changed(dossier, whole_history(dossier), now=now)


def history_record(dossier: Dossier, entry: DossierEvent) -> dvcqg.HistoryRecord:
    actor = entry.actor
    content = events.label(entry.action) + (f": {entry.note}" if entry.note else "")
    return dvcqg.HistoryRecord(
        actor_name=(actor.full_name or actor.get_username()) if actor is not None else dossier.applicant_name,
        actor_title=ROLE_TITLES.get(entry.role, ""),
        at=entry.occurred_at,
        department=entry.agency.name if entry.agency_id and entry.agency else "",
        content=content[: dvcqg.SUMMARY_LIMIT],
        status=entry.status_after if entry.status_after is not None else dossier.status,
        outcome=dossier.outcome,
        started_at=entry.occurred_at,
        due_at=dossier.due_at,
    )


def gather(dossier: Dossier) -> dvcqg.DossierRecord:
    """The dossier's record for the payload, read from its rows (a handful of queries)."""
    files = list(dossier.files.order_by("pk").values("pk", "name", "purpose", "component_id"))
    components = tuple(
        dvcqg.ComponentRecord(
            code=str(c.catalogue_component_id or ""),
            name=c.name,
            files=tuple((f["name"], file_url(dossier, f["pk"])) for f in files if f["component_id"] == c.pk),
            digitised=c.digitised,
            reused=c.reused,
        )
        for c in dossier.components.order_by("order", "pk")
    )
    identity = _portal_identity(dossier)
    return dvcqg.DossierRecord(
        code=dossier.code or "",
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure.name,
        sector_code=dossier.procedure.sector.code,
        sector_name=dossier.procedure.sector.name,
        channel=dossier.channel,
        applicant_name=dossier.applicant_name,
        applicant_kind=dossier.applicant.kind,
        applicant_id_number=dossier.applicant_id_number,
        portal_user_id=identity,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
        summary=dossier.summary,
        status=dossier.status,
        outcome=dossier.outcome,
        submitted_at=dossier.submitted_at,
        accepted_at=dossier.accepted_at,
        due_at=dossier.due_at,
        resolved_at=dossier.resolved_at,
        returned_at=dossier.returned_at,
        refused_at=_refused_at(dossier),
        handling_agency=dossier.competent_agency.name,
        receiving_agency=dossier.receiving_agency.name,
        interlevel=dossier.steps.filter(kind=StepKind.INTERLEVEL).exists(),
        vneid_verified=bool(identity),
        paid_online=dossier.payment_method == "online" and dossier.fees_paid,
        components=components,
        fees=tuple(
            dvcqg.FeeRecord(str(f.pk), f.name, f.amount_vnd, dossier.get_payment_method_display())
            for f in dossier.fees.order_by("pk")
        ),
        supplements=tuple(
            dvcqg.SupplementRecord(s.requested_at, s.note or "; ".join(map(str, s.items)), s.fulfilled_at)
            for s in dossier.supplement_requests.order_by("requested_at", "pk")
        ),
        results=tuple(
            dvcqg.ResultRecord(str(f["pk"]), f["name"], file_url(dossier, f["pk"]))
            for f in files
            if f["purpose"] == FilePurpose.RESULT
        ),
    )


def _refused_at(dossier: Dossier) -> datetime | None:
    if dossier.status == Status.REFUSED_AT_INTAKE:
        return dossier.closed_at or dossier.submitted_at
    if dossier.outcome == Outcome.REFUSED:
        return dossier.resolved_at
    return None


def _portal_identity(dossier: Dossier) -> str:
    """The applicant's subject at the national identity provider (VNeID) when their account is linked to it."""
    user_id = dossier.applicant.user_id
    if dossier.channel != Channel.ONLINE or user_id is None:
        return ""
    row = ExternalIdentity.objects.filter(user_id=user_id).order_by("pk").values_list("subject", flat=True).first()
    return row or ""


def file_url(dossier: Dossier, file_id: int) -> str:
    """Where the applicant downloads the file (the portal checks who asks)."""
    try:
        path = reverse("portal:dossier_file", args=[dossier.reference, file_id])
    except NoReverseMatch:
        return ""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def national_portal_state(dossier: Dossier) -> StreamState | None:
    """Where the dossier stands at the national portal; None when its procedure is not connected."""
    if dossier.is_draft or not dossier.procedure.dvcqg_connected:
        return None
    return selectors.stream_state(DESTINATION, stream_of(dossier))


def resend(dossier: Dossier, *, now: datetime) -> bool:
    """Queue the dossier as it is now with its whole history again (after an outage at the portal,
    or a change of what the payload carries), behind whatever of it is still waiting."""
    if not is_synchronised(dossier):
        return False
    rows = [history_record(dossier, entry) for entry in whole_history(dossier)]
    _queue(dossier, rows, f"resend:{now.isoformat()}", now)
    return True


def whole_history(dossier: Dossier) -> list[DossierEvent]:
    """The dossier's history since it was registered (a draft's is never synchronised)."""
    rows = DossierEvent.objects.filter(dossier_id=dossier.pk).exclude(status_after=Status.DRAFT)
    return list(rows.select_related("actor", "agency").order_by("pk"))


def has_been_sent(dossier: Dossier) -> bool:
    return selectors.has_messages(DESTINATION, stream_of(dossier))


def procedure_report() -> list[dict[str, object]]:
    """Per procedure: connected or not, its dossiers by sync state at the national portal."""
    states = selectors.stream_states(DESTINATION, prefix="dossier:")
    by_dossier = {int(stream.split(":", 1)[1]): state for stream, state in states.items()}
    counts: dict[int, dict[str, int]] = {}
    dossiers = Dossier.objects.exclude(status=Status.DRAFT).values_list("pk", "procedure_id")
    for pk, procedure_id in dossiers.iterator():
        row = counts.setdefault(procedure_id, {"dossiers": 0, "acknowledged": 0, "waiting": 0, "failed": 0, "none": 0})
        row["dossiers"] += 1
        row[by_dossier.get(pk, "none")] += 1
    return [
        {"code": p.code, "name": p.name, "connected": p.dvcqg_connected, **counts.get(p.pk, {"dossiers": 0})}
        for p in Procedure.objects.order_by("code")
    ]


def may_view_report(user: object) -> bool:
    """Who reads the per-procedure sync report: the system's administrators (superusers, or officials
    holding the administrator role); it carries counts and dossier codes, no personal data."""
    if not getattr(user, "is_active", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return memberships_for(user).filter(role=Role.ADMINISTRATOR).exists()


def procedure_failures(procedure_code: str) -> list[dict[str, object]]:
    """The dossiers of a procedure whose synchronisation failed: the dead message, its error and attempts
    (an operator inspects and replays it from the outbox's dead-letter list)."""
    dead = list(
        selectors.dead_letters(DESTINATION).values("pk", "subject", "last_error", "attempts", "dead_at").order_by("pk")
    )
    codes_of_procedure = set(
        Dossier.objects.filter(code__in={row["subject"] for row in dead}, procedure__code=procedure_code).values_list(
            "code", flat=True
        )
    )
    return [dict(row) for row in dead if row["subject"] in codes_of_procedure]
