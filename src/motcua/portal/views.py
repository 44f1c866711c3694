"""Citizen portal home page: search box, most used procedures, a guide for first-time online users."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from motcua.catalogue.models import Procedure
from motcua.catalogue.selectors import active_procedures
from motcua.dossiers.constants import Status

MOST_USED_COUNT = 6
MOST_USED_WINDOW = timedelta(days=365)


def catalogue_url(name: str, *args: object) -> str:
    """URL of a public catalogue page (built by the catalogue pages), or "" while they are missing."""
    try:
        return reverse(f"portal:{name}", args=args)
    except NoReverseMatch:
        return ""


def most_used_procedures(limit: int = MOST_USED_COUNT) -> list[Procedure]:
    """Procedures with the most dossiers filed in the last year; active ones fill any gap."""
    since = timezone.now() - MOST_USED_WINDOW
    ranked: list[Procedure] = list(
        active_procedures()
        .annotate(uses=Count("dossiers", filter=Q(dossiers__created_at__gte=since) & ~Q(dossiers__status=Status.DRAFT)))
        .filter(uses__gt=0)
        .order_by("-uses", "name")[:limit]
    )
    if len(ranked) < limit:
        ranked += list(
            active_procedures().exclude(pk__in=[p.pk for p in ranked]).order_by("name")[: limit - len(ranked)]
        )
    return ranked


def home(request: HttpRequest) -> HttpResponse:
    procedures = most_used_procedures()
    for procedure in procedures:
        procedure.page_url = catalogue_url("procedure_detail", procedure.code)  # type: ignore[attr-defined]
    return render(
        request,
        "portal/home.html",
        {"procedures": procedures, "search_url": catalogue_url("catalogue") or reverse("portal:home")},
    )
