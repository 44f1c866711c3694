"""Helpers for the test suite that test modules import (fixtures live in conftest.py files)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 390, "height": 844}


def screenshots_folder() -> Path:
    """var/screenshots/ (not versioned) unless REFRESH_SCREENSHOTS=1 asks to refresh docs/screenshots/."""
    if os.environ.get("REFRESH_SCREENSHOTS") == "1":
        return DOCS_SCREENSHOTS
    return ROOT / "var" / "screenshots"


def screenshot(page: Any, name: str, *, full_page: bool = False) -> None:
    """Keep a screenshot of a key page as <name>.png in screenshots_folder()."""
    folder = screenshots_folder()
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


AXE = Path(__file__).resolve().parents[1] / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_URL = "/static/vendor/axe-core/axe.min.js"


def serious_accessibility_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core violations of impact serious or critical on the current page (WCAG 2.1 AA rules)."""
    # Loaded from the site's own static files: the pages' Content Security Policy refuses inline scripts.
    page.add_script_tag(url=AXE_URL)
    violations = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in violations if v["impact"] in {"serious", "critical"}]


# Visible controls a person can press or type into. Hidden inputs, zero-size and visually-hidden
# elements (1px, clipped) and anything clipped away by a scrolling container are left out.
_LAYOUT_CHECK = """() => {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.name ? '[name=' + e.name + ']' : '')
    + (e.textContent.trim() ? ' "' + e.textContent.trim().slice(0, 40) + '"' : '');
  const clipped = e => {  // the element's box cut to every ancestor that hides its overflow
    let r = e.getBoundingClientRect();
    let box = {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const c = a.getBoundingClientRect();
        box = {left: Math.max(box.left, c.left), right: Math.min(box.right, c.right),
               top: Math.max(box.top, c.top), bottom: Math.min(box.bottom, c.bottom)};
      }
    }
    return box;
  };
  const shown = e => {
    const s = getComputedStyle(e);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
    if (e.closest('[hidden], details:not([open]) > :not(summary)')) return false;
    const b = clipped(e);
    return b.right - b.left > 2 && b.bottom - b.top > 2 && b.right > 0;
  };
  const controls = [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]')].filter(shown);

  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    const wide = [...document.body.querySelectorAll('*')].filter(e => {
      const b = clipped(e);
      return b.right > vw + 1 && b.right - b.left > 0 && getComputedStyle(e).position !== 'fixed';
    }).slice(0, 5).map(name);
    problems.push('page wider than the window (' + document.documentElement.scrollWidth + ' > '
      + window.innerWidth + '): ' + wide.join(', '));
  }

  const sx = window.scrollX, sy = window.scrollY;
  const boxes = controls.map(e => {
    const b = clipped(e);
    return {e, left: b.left + sx, right: b.right + sx, top: b.top + sy, bottom: b.bottom + sy};
  });
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) problems.push('overlap: ' + name(a.e) + ' and ' + name(b.e));
    }
  }

  // Scrolled to the top or the bottom of the window (as keyboard focus does), a control must not
  // be covered by anything, a sticky or fixed box in particular: probe three points of its middle line.
  for (const e of controls) {
    for (const block of ['start', 'end']) {
      e.scrollIntoView({block, inline: 'nearest'});
      const r = e.getClientRects()[0] || e.getBoundingClientRect();  // a wrapped link: its first line
      const y = (r.top + r.bottom) / 2;
      if (y < 0 || y > window.innerHeight) continue;
      const hidden = [0.25, 0.5, 0.75].map(f => r.left + f * r.width)
        .filter(x => x >= 0 && x <= vw)
        .map(x => document.elementFromPoint(x, y))
        .find(hit => hit && hit !== e && !e.contains(hit) && !(e.labels && [...e.labels].includes(hit)));
      if (hidden) { problems.push('covered when scrolled: ' + name(e) + ' under ' + name(hidden)); break; }
    }
  }
  window.scrollTo(sx, sy);
  return [...new Set(problems)];
}"""


def layout_problems(page: Any) -> list[str]:
    """What is wrong with the layout of the current page at its viewport size: the page scrolls
    sideways, two visible controls (links, buttons, fields) overlap, or a control is covered by
    another element (a sticky box) when scrolled to the top or bottom of the window."""
    problems: list[str] = page.evaluate(_LAYOUT_CHECK)
    return problems
