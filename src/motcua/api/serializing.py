"""Serializers built once per process, for the hot paths of the API.

DRF builds a serializer's fields each time one is instantiated, deep-copying every declared field
and nested serializer (and, for a model serializer, deriving them from the model again): for an
intake, with its nested input and its answer, that was a tenth of the request's CPU. A serializer
used without context (no request, no instance, no partial update) validates and represents through
methods that keep no state between calls, so one instance per class can serve every request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers

from motcua.core.caches import process_cache


@process_cache(maxsize=None)
def _shared(serializer_class: type[serializers.BaseSerializer[Any]]) -> serializers.BaseSerializer[Any]:
    return serializer_class()


def validated(serializer_class: type[serializers.Serializer[Any]], data: Any) -> dict[str, Any]:
    """``serializer_class(data=data).is_valid(raise_exception=True)``'s validated data, with the same
    errors (a ``ValidationError`` whose detail maps each field to its messages)."""
    value = _shared(serializer_class).run_validation(data)
    assert isinstance(value, Mapping)  # noqa: S101 - a Serializer validates a mapping into a dict
    return dict(value)


def represented(serializer_class: type[serializers.Serializer[Any]], instance: Any) -> dict[str, Any]:
    """``serializer_class(instance).data``, as a plain dict."""
    return dict(_shared(serializer_class).to_representation(instance))
