"""Fonts of the official forms: Liberation Serif 2 (Times New Roman metrics, full Vietnamese), Noto Serif fallback.

Debian ships two "Liberation Serif" families: fonts-liberation (1.07, 92 Vietnamese letters
missing) and fonts-liberation2 (2.1, complete). fontconfig may pick the old one by name, so the
forms load the version-2 files explicitly through ``@font-face`` when they are installed and
fall back to Noto Serif (fonts-noto-core) by family name otherwise.
"""

from __future__ import annotations

from pathlib import Path

LIBERATION2 = Path("/usr/share/fonts/truetype/liberation2")
FACES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}
FAMILY = "MotCua Serif"
FONT_STACK = f'"{FAMILY}", "Noto Serif", serif'


def font_face_css() -> str:
    rules = []
    for (weight, style), filename in FACES.items():
        path = LIBERATION2 / filename
        if path.exists():
            rules.append(
                f'@font-face {{ font-family: "{FAMILY}"; src: url("{path.as_uri()}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(rules)
