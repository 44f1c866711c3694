"""Generic helpers of the route authorization test: walk the URL configuration, fill path parameters,
request a route as someone and name the outcome.

An outcome is a short word, so a rule reads like a sentence: ``"200"``, ``"login"`` (a redirect to a
sign-in page), ``"redirect"`` (any other redirect), or the status code (``"403"``, ``"404"``, ``"405"``).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

from django.http import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Where the sign-in pages are: a redirect to one of them means "sign in first".
LOGIN_PATHS = ("/dang-nhap/", "/can-bo/dang-nhap/", "/admin/login/")

_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")


@dataclass(frozen=True)
class Route:
    """One route of the project: its pattern as written (``can-bo/ho-so/<str:code>/``) and its view."""

    pattern: str
    name: str
    callback: Any

    def __str__(self) -> str:
        return f"/{self.pattern} ({self.name or 'unnamed'})"


def _text(pattern: Any) -> str:
    text = str(pattern)
    return text.removeprefix("^").removesuffix("$").replace("\\", "").replace("\\Z", "")


def all_routes() -> list[Route]:
    """Every route of the project, depth first, as the resolver sees them."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[Route]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + _text(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield Route(prefix + _text(entry.pattern), entry.name or "", entry.callback)

    return list(walk(get_resolver().url_patterns, ""))


def path_parameters(pattern: str) -> list[str]:
    """The parameters a URL of this route needs a value for (a regex choice ``a|b`` has one already)."""
    groups = [m["name"] for m in _GROUP.finditer(pattern) if "|" not in m["body"]]
    return groups + [m["name"] for m in _CONVERTER.finditer(_GROUP.sub("", pattern))]


def fill(pattern: str, values: dict[str, Any]) -> str:
    """The URL of a route with its parameters filled in; a regex choice (``a|b``) takes its first branch
    when no value is given."""

    def converter(match: re.Match[str]) -> str:
        return str(values[match["name"]])

    def group(match: re.Match[str]) -> str:
        if match["name"] in values:
            return str(values[match["name"]])
        return match["body"].strip("()").split("|")[0]

    # Named groups first: "(?P<name>…)" also looks like a "<name>" converter.
    return "/" + _CONVERTER.sub(converter, _GROUP.sub(group, pattern))


def matches(pattern: str, glob: str) -> bool:
    """``fnmatch`` on the route pattern, ``*`` spanning any characters (slashes and parameters included)."""
    return fnmatch.fnmatchcase(pattern, glob)


def outcome(response: HttpResponseBase) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        return "login" if any(location.split("?")[0].endswith(p) for p in LOGIN_PATHS) else "redirect"
    return str(response.status_code)


class Caller:
    """Someone requesting pages and the API: a signed-in browser (or none), or another system's key.

    Signed in once (the session row must outlive each test's rollback); the cookies are put back after
    every request, so a language switch or a sign-out by one route does not change the next one.
    """

    def __init__(self, label: str, user: Any = None, api_key: str = ""):
        self.label = label
        self.user = user
        headers = {"Authorization": f"Api-Key {api_key}"} if api_key else {}
        self._client = Client(headers=headers, raise_request_exception=False)
        if user is not None:
            self._client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        self._cookies = self._client.cookies

    def request(self, method: str, url: str, body: dict[str, Any] | None = None) -> HttpResponseBase:
        self._client.cookies = SimpleCookie()
        self._client.cookies.update(self._cookies)
        if method == "GET":
            return self._client.get(url)
        if body is not None:  # a complete request, so only the caller's role can refuse it
            return self._client.post(url, body, content_type="application/json")
        return self._client.post(url, {})


def body_of(response: HttpResponseBase) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined]
