"""System checks of the production configuration (run by ``manage.py check`` and every start-up).

The settings module already refuses to load in production with debug pages or a published default
secret; this check reports the same problems through Django's check framework, so ``manage.py check``
and a deployment pipeline name them as errors (``motcua.core.E001``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from motcua.conf.env import REGISTRY, unsafe_production_settings


@register(Tags.security)
def production_defaults_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    names = {*REGISTRY, "DEBUG", "SECRET_KEY"}
    values = {name: getattr(settings, name, None) for name in names}
    return [
        Error(problem, hint="See docs/security.md, section Production settings.", id="motcua.core.E001")
        for problem in unsafe_production_settings(values)
    ]
