"""GeoReport v2 documents as JSON or XML, from plain dictionaries and lists.

XML follows the specification's element names: a list is wrapped in its plural element (``services``,
``service_requests``, ``errors``) and each entry in its singular one; ``None`` becomes an empty element.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse

FORMATS = ("json", "xml")
XML_ITEM = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _fill(parent: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ET.SubElement(parent, key), inner)
    elif isinstance(value, list):
        child_tag = XML_ITEM.get(parent.tag, "item")
        for inner in value:
            _fill(ET.SubElement(parent, child_tag), inner)
    elif isinstance(value, bool):
        parent.text = "true" if value else "false"
    elif value is not None:
        parent.text = str(value)


def to_xml(root: str, value: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, value)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(element, encoding="utf-8", xml_declaration=False)


def respond(fmt: str, root: str, value: Any, *, status: int = 200) -> HttpResponse:
    """``value`` in ``fmt``; ``root`` names the XML document element (``services``, ``service_requests``…)."""
    if fmt == "xml":
        return HttpResponse(to_xml(root, value), status=status, content_type="text/xml; charset=utf-8")
    body = json.dumps(value, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def errors(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    """Open311's error format: a list of ``{code, description}``, the code being the HTTP status."""
    return respond(fmt, "errors", [{"code": status, "description": text} for text in descriptions], status=status)
