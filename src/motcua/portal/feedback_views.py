"""Citizen feedback on the portal, phone-first: send, get a tracking code, follow it without an account,
rate or reopen the answer, and read the published answers.

Following needs the code and the phone; once they matched, the session remembers the code (never the
phone in a page) so that the rating and reopening forms need not carry it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.core.exceptions import DomainError, NotFound
from motcua.feedback import selectors, services
from motcua.feedback.constants import Channel
from motcua.portal import throttle
from motcua.portal.feedback_forms import FeedbackForm, FollowForm, RatingForm, ReopenForm

HOUR = 3600
FOLLOW_WINDOW = 600
SESSION_KEY = "feedback_followed"  # {code: phone} of the items this browser proved it may follow
SENT_KEY = "feedback_sent"


def _add_domain_errors(form: Any, error: DomainError) -> None:
    placed = False
    for field, messages in error.fields.items():
        target = {"unit": "unit", "files": "photos", "dossier_code": "dossier_code"}.get(field, field)
        for message in messages:
            if target in form.fields:
                form.add_error(target, message)
                placed = True
    if not placed:
        form.add_error(None, error.message)


@require_http_methods(["GET"])
def answers(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    category = request.GET.get("linh-vuc", "")[:40]
    page = Paginator(selectors.public_answers(query, category), 20).get_page(request.GET.get("trang"))
    context = {"page": page, "query": query, "category": category, "categories": selectors.active_categories()}
    return render(request, "portal/feedback/answers.html", context)


@require_http_methods(["GET"])
def answer_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        item = selectors.published(code)
    except NotFound:
        return render(request, "portal/feedback/not_found.html", status=404)
    return render(request, "portal/feedback/answer.html", {"item": item})


@require_http_methods(["GET", "POST"])
def send(request: HttpRequest) -> HttpResponse:
    # A procedure's page links here with its code: the item is then about that procedure's rules.
    initial = {"procedure": request.GET.get("thu-tuc", "")[:30]}
    form = FeedbackForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not throttle.hit(request, "feedback", limit=settings.FEEDBACK_SUBMIT_LIMIT, window_seconds=HOUR):
            form.add_error(None, _("Bạn đã gửi quá nhiều phản ánh trong một giờ. Vui lòng thử lại sau."))
            return render(request, "portal/feedback/send.html", {"form": form}, status=429)
        try:
            item = services.submit_feedback(form.submission(), channel=Channel.PORTAL, actor=request.user)
        except DomainError as error:
            _add_domain_errors(form, error)
        else:
            request.session[SENT_KEY] = item.code
            if item.citizen_phone:
                _remember(request, item.code, item.citizen_phone)
            return redirect("portal:feedback_sent")
    return render(request, "portal/feedback/send.html", {"form": form})


@require_http_methods(["GET"])
def sent(request: HttpRequest) -> HttpResponse:
    code = request.session.get(SENT_KEY)
    if not code:
        return redirect("portal:feedback_send")
    followed = request.session.get(SESSION_KEY, {})
    tracked = selectors.track(code, followed[code]) if code in followed else None
    return render(request, "portal/feedback/sent.html", {"code": code, "tracked": tracked})


def _remember(request: HttpRequest, code: str, phone: str) -> None:
    followed = dict(request.session.get(SESSION_KEY, {}))
    followed[code] = phone
    request.session[SESSION_KEY] = dict(list(followed.items())[-10:])


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.POST or None, initial={"code": request.GET.get("ma", "")})
    if request.method == "POST":
        if not throttle.hit(
            request, "feedback-follow", limit=settings.PORTAL_TRACKING_LIMIT, window_seconds=FOLLOW_WINDOW
        ):
            form.is_valid()
            form.add_error(None, _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau 10 phút."))
            return render(request, "portal/feedback/follow.html", {"form": form}, status=429)
        if form.is_valid():
            code, phone = form.cleaned_data["code"], form.cleaned_data["phone"]
            try:
                selectors.track(code, phone)
            except NotFound:
                form.add_error(None, _("Không tìm thấy phản ánh khớp với mã và số điện thoại đã nhập."))
            else:
                _remember(request, code, phone)
                return redirect("portal:feedback_item", code=code)
    return render(request, "portal/feedback/follow.html", {"form": form})


def _tracked(request: HttpRequest, code: str) -> tuple[Any, str] | None:
    phone = request.session.get(SESSION_KEY, {}).get(code)
    if not phone:
        return None
    try:
        return selectors.track(code, phone), phone
    except NotFound:
        return None


@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, code: str) -> HttpResponse:
    """The followed item, with the rating and reopening forms while they apply."""
    found = _tracked(request, code)
    if found is None:
        return redirect(f"{reverse('portal:feedback_follow')}?ma={code[:20]}")
    tracked, phone = found
    rating = RatingForm(request.POST if request.POST.get("do") == "rate" else None)
    reopening = ReopenForm(request.POST if request.POST.get("do") == "reopen" else None)
    if request.method == "POST":
        try:
            if rating.is_bound and rating.is_valid():
                services.rate(tracked.item, phone=phone, actor=request.user, **rating.cleaned_data)
                return redirect("portal:feedback_item", code=code)
            if reopening.is_bound and reopening.is_valid():
                services.reopen(tracked.item, phone=phone, actor=request.user, reason=reopening.cleaned_data["reason"])
                return redirect("portal:feedback_item", code=code)
        except DomainError as error:
            (rating if rating.is_bound else reopening).add_error(None, error.message)
    context = {"tracked": tracked, "rating": rating, "reopening": reopening}
    return render(request, "portal/feedback/item.html", context, status=400 if request.method == "POST" else 200)
