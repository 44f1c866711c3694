"""Every route of the project, requested by every kind of caller, against the rules in ``rules.py``.

The routes come from the URL configuration itself, so a new route without a rule fails
``test_every_route_has_a_rule`` with its pattern named. Each route is requested with GET by every caller
(and with POST by the callers a writing route must refuse), with real objects in its path: citizen A's
dossier received by agency X, A's draft, the procedure.
"""

from __future__ import annotations

from typing import Any

import pytest

from authorization.helpers import Route, all_routes, body_of, fill, matches, outcome, path_parameters
from authorization.rules import CALLERS, RULES, Rule

ROUTES = all_routes()
# Anything a path parameter not filled by the rule's objects may need: admin ids, a catch-all.
FILLERS = {"object_id": "1", "user_id": "1", "content_type_id": "1", "id": "1", "pk": "1", "url": "khong-co-trang-nay"}
# Callers who must never see citizen A's dossier, even on a page they may open.
OUTSIDERS = ("anonymous", "other_citizen", "other_official")


def rule_for(route: Route) -> Rule | None:
    return next((rule for rule in RULES if matches(route.pattern, rule.glob)), None)


def test_every_route_has_a_rule() -> None:
    missing = [str(route) for route in ROUTES if rule_for(route) is None]
    assert not missing, (
        "Routes without an access rule: add each to tests/authorization/rules.py (who may request it, and "
        "what everybody else gets):\n  " + "\n  ".join(missing)
    )


def test_every_rule_still_names_a_route() -> None:
    stale = [rule.glob for rule in RULES if not any(matches(route.pattern, rule.glob) for route in ROUTES)]
    assert not stale, f"Rules that match no route any more (remove or correct them): {stale}"


def test_every_api_view_that_accepts_a_key_checks_its_scopes() -> None:
    from rest_framework.permissions import AllowAny

    from motcua.api.clients import ApiClientScopes, ApiKeyAuthentication

    unchecked = []
    for route in ROUTES:
        view_class = getattr(route.callback, "cls", None)
        if view_class is None or not hasattr(view_class, "get_authenticators"):
            continue
        view = view_class()
        accepts_key = any(isinstance(a, ApiKeyAuthentication) for a in view.get_authenticators())
        permissions = view.get_permissions()
        public = all(isinstance(p, AllowAny) for p in permissions)  # the schema: a key adds nothing
        if accepts_key and not public and not any(isinstance(p, ApiClientScopes) for p in permissions):
            unchecked.append(str(route))
    assert not unchecked, f"API views that accept a key without checking its scopes (ApiClientScopes): {unchecked}"


def _url(route: Route, rule: Rule, objects: Any) -> str:
    values = {**FILLERS, **(objects.values[rule.objects] if rule.objects else {}), **rule.params}
    missing = [name for name in path_parameters(route.pattern) if name not in values]
    assert not missing, f"{route}: no value for {missing}; give the rule objects= or params="
    return fill(route.pattern, values)


def _problems(method: str, url: str, expected: dict[str, str], objects: Any, body: Any = None) -> list[str]:
    problems = []
    for caller_name in CALLERS:
        allowed = expected[caller_name].split()
        if not allowed:
            continue  # a caller this route serves: its writes are tested where the rule lives
        response = objects.callers[caller_name].request(method, url, body)
        got = outcome(response)
        if got not in allowed:
            problems.append(f"{method} {url} as {caller_name}: got {got}, expected {' or '.join(allowed)}")
        elif caller_name in OUTSIDERS and got == "200":
            body = body_of(response)
            leaked = [secret for secret in objects.secrets if secret.encode() in body]
            if leaked:
                problems.append(f"{method} {url} as {caller_name}: shows citizen A's {leaked}")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.pattern or "/")
def test_route_answers_each_caller_as_its_rule_says(route: Route, objects: Any) -> None:
    rule = rule_for(route)
    if rule is None:
        pytest.skip("no rule: reported by test_every_route_has_a_rule")
    url = _url(route, rule, objects)
    problems = _problems("GET", url, rule.get, objects)
    if rule.post is not None:
        problems += _problems("POST", url, rule.post, objects, objects.bodies.get(rule.post_body))
    assert not problems, f"{route} ({rule.kind}, rule {rule.glob!r}):\n  " + "\n  ".join(problems)
