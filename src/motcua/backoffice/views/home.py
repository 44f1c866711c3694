"""The official's landing page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.backoffice.acting import official_required


@official_required()
def home_view(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/home.html", {"section": "inbox"})
