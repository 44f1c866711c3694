"""Citizen portal home page: search box, most used procedures, a guide for first-time online users."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from motcua.dossiers.selectors import most_used_procedures

MOST_USED_COUNT = 6


def catalogue_url(name: str, *args: object) -> str:
    """URL of a public catalogue page (built by the catalogue pages), or "" while they are missing."""
    try:
        return reverse(f"portal:{name}", args=args)
    except NoReverseMatch:
        return ""


def home(request: HttpRequest) -> HttpResponse:
    procedures = most_used_procedures(MOST_USED_COUNT)
    for procedure in procedures:
        procedure.page_url = catalogue_url("procedure_detail", procedure.code)  # type: ignore[attr-defined]
    return render(
        request,
        "portal/home.html",
        {"procedures": procedures, "search_url": catalogue_url("catalogue") or reverse("portal:home")},
    )
