"""The layout check of the browser tests finds each kind of problem it claims to find, and no other."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.core.testing import PHONE, layout_problems

pytestmark = pytest.mark.browser

FORM = """<!doctype html><html lang="vi"><head><meta name="viewport" content="width=device-width">
<style>body{margin:0;font:16px sans-serif} .row{display:flex;gap:8px} input{width:10rem}</style>%s</head>
<body><main><h1>Trang</h1><div class="row"><label for="a">A</label><input id="a"><button>Gửi</button></div>
<div style="height:1500px"></div><p><label for="b">B</label><input id="b"></p>
<div class="scroll" style="overflow-x:auto"><table><tr><td style="min-width:900px"><a href="#x">liên kết</a></td></tr>
</table></div>%s<div style="height:1200px"></div></main></body></html>"""


def _page(new_browser_page: Any, style: str = "", extra: str = "") -> Any:
    page = new_browser_page(viewport=PHONE)
    page.set_content(FORM % (style, extra))
    return page


def test_a_tidy_page_has_no_problem(new_browser_page: Any) -> None:
    assert layout_problems(_page(new_browser_page)) == []


def test_a_page_wider_than_the_phone(new_browser_page: Any) -> None:
    problems = layout_problems(_page(new_browser_page, extra='<p style="width:600px">rộng</p>'))
    assert len(problems) == 1 and problems[0].startswith("page wider than the window (600 > 390)")


def test_overlapping_controls(new_browser_page: Any) -> None:
    problems = layout_problems(_page(new_browser_page, style="<style>button{margin-left:-40px}</style>"))
    assert any(p.startswith("overlap: input#a") and "button" in p for p in problems), problems


def test_a_sticky_box_covering_a_field_scrolled_under_it(new_browser_page: Any) -> None:
    sticky = '<div style="position:sticky;top:0;height:120px;background:#eee">Hẹn trả</div>'
    page = new_browser_page(viewport=PHONE)
    page.set_content(FORM.replace("<main>", "<main>" + sticky) % ("", ""))
    problems = layout_problems(page)
    assert any(p.startswith("covered when scrolled: input#b under div") for p in problems), problems
