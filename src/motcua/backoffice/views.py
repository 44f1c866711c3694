"""Back-office pages for officials. Views parse input and call domain services; no rules here."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/index.html")
