"""Helpers of the back-office browser tests: sign in, accessibility check with the vendored axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from motcua.accounts.tests.factories import TEST_PASSWORD

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"


def sign_in(page: Any, base_url: str, username: str, password: str = TEST_PASSWORD) -> None:
    page.goto(base_url + "/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def serious_accessibility_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core violations of impact serious or critical on the current page (WCAG 2.1 AA rules)."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in violations if v["impact"] in {"serious", "critical"}]
