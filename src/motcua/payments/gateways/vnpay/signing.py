"""VNPAY's two signatures, both HMAC-SHA512 with the terminal's hash secret, hex-encoded.

- Payment URL, return and IPN: every ``vnp_*`` parameter except ``vnp_SecureHash`` and
  ``vnp_SecureHashType``, sorted by name, each name and value URL-encoded (spaces as ``+``) and joined
  as ``name=value`` with ``&``: the same bytes as the query string VNPAY receives.
- Merchant API (querydr, refund) requests and responses: the values of a fixed list of fields joined
  with ``|`` (``protocol.*_FIELDS``), a missing field counting as empty.

Comparisons are constant-time; the secret is never logged nor put in an error.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from urllib.parse import quote_plus

HASH_FIELD = "vnp_SecureHash"
HASH_TYPE_FIELD = "vnp_SecureHashType"
PREFIX = "vnp_"


def _hmac(secret: str, data: str) -> str:
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def query_data(params: Mapping[str, str]) -> str:
    """The signed form of a payment's parameters (also the query string, without the hash)."""
    names = sorted(k for k in params if k.startswith(PREFIX) and k not in (HASH_FIELD, HASH_TYPE_FIELD))
    return "&".join(f"{quote_plus(name)}={quote_plus(str(params[name]))}" for name in names if params[name] != "")


def sign_query(params: Mapping[str, str], secret: str) -> str:
    return _hmac(secret, query_data(params))


def verify_query(params: Mapping[str, str], secret: str) -> bool:
    given = str(params.get(HASH_FIELD, ""))
    return bool(given) and bool(secret) and hmac.compare_digest(given.lower(), sign_query(params, secret))


def pipe_data(values: Mapping[str, object], fields: Iterable[str]) -> str:
    return "|".join("" if values.get(name) is None else str(values.get(name)) for name in fields)


def sign_fields(values: Mapping[str, object], fields: Iterable[str], secret: str) -> str:
    return _hmac(secret, pipe_data(values, fields))


def verify_fields(values: Mapping[str, object], fields: Iterable[str], secret: str) -> bool:
    given = str(values.get(HASH_FIELD, "") or "")
    return bool(given) and bool(secret) and hmac.compare_digest(given.lower(), sign_fields(values, fields, secret))
