"""Citizen portal pages. Views parse input and call domain services or selectors; no rules here."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")
