"""Is a dossier's history whole? Its hash chain, and its end against the dossier (docs/security.md, "History")."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q, Subquery

from motcua.core import audit
from motcua.dossiers.models import Dossier, DossierEvent


def first_break(dossier_id: int | None = None) -> str | None:
    """The first broken link of one dossier's history (or of all dossiers'), described; None when whole.

    A hash chain shows every change but the removal of its last rows; those show here as a dossier with
    no history, or whose last recorded status is not the dossier's (every status change writes an event).
    """
    broken = audit.verify(DossierEvent, key=dossier_id)
    if broken is not None:
        return str(broken)
    events = DossierEvent.objects.filter(dossier=OuterRef("pk"))
    dossiers = Dossier.objects.all() if dossier_id is None else Dossier.objects.filter(pk=dossier_id)
    cut = (
        dossiers.annotate(
            recorded=Exists(events),
            last_status=Subquery(events.filter(status_after__isnull=False).order_by("-pk").values("status_after")[:1]),
        )
        .filter(Q(recorded=False) | Q(last_status__lt=F("status")) | Q(last_status__gt=F("status")))
        .order_by("pk")
        .values_list("code", "recorded")
        .first()
    )
    if cut is None:
        return None
    code, recorded = cut
    if not recorded:
        return f"hồ sơ {code}: không còn bản ghi nhật ký nào (bị xóa)"
    return f"hồ sơ {code}: bản ghi cuối không khớp trạng thái hiện tại (các bản ghi cuối bị xóa)"
