"""The site's icon ships with the application: /favicon.ico and the <link rel=icon> of every page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_favicon_ico_is_served_at_the_site_root(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert _body(response)[:4] == b"\x00\x00\x01\x00"  # an ICO header, not an HTML error page


def test_pages_link_an_icon_that_exists(client: Client) -> None:
    for url in ("/", reverse("backoffice:login")):
        html = client.get(url).content.decode()
        icons = re.findall(r'<link rel="icon" href="([^"]+)"', html)
        assert icons, url
        for icon in icons:
            response = client.get(icon)
            assert response.status_code == 200, icon
            assert not icon.startswith("http"), "no CDN"
