"""The client address comes from REMOTE_ADDR and the configured trusted proxies only."""

from __future__ import annotations

from django.test import RequestFactory, override_settings

from motcua.core.clientaddr import client_ip


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert client_ip(request_from("10.0.0.9", "203.0.113.7")) == "10.0.0.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_trusted_proxy_gives_the_address_it_appended_not_the_clients_claim():
    # The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the real peer 203.0.113.7.
    assert client_ip(request_from("10.0.0.1", "1.2.3.4, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(request_from("10.0.0.1")) == "10.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_two_trusted_proxies():
    assert client_ip(request_from("10.0.0.1", "6.6.6.6, 198.51.100.2, 10.0.0.2")) == "198.51.100.2"
