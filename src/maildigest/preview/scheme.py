"""Force an email's light or dark colour scheme, whatever the viewer's system uses.

Browsers take ``prefers-color-scheme`` from the operating system, and an
iframe cannot be told otherwise. So the preview serves a variant of the HTML
whose colour-scheme media conditions are rewritten to constants: in the dark
variant every ``(prefers-color-scheme: dark)`` becomes always true and every
``(prefers-color-scheme: light)`` never true (the light variant the reverse).
That works in every engine, for ``@media`` blocks in ``<style>`` and for
``media="..."`` attributes (``<picture><source>`` dark logos, ``<link>``).
"""

from __future__ import annotations

import re
from typing import Literal

Scheme = Literal["light", "dark"]
SCHEMES: tuple[Scheme, ...] = ("light", "dark")

_ALWAYS = "(min-width: 0px)"
_NEVER = "(max-width: 0px)"
"""A preview is never 0 px wide, so this condition is false in any viewport."""
_FEATURE = re.compile(r"\(\s*prefers-color-scheme\s*:\s*(light|dark)\s*\)", re.I)
_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>)", re.I | re.S)
_MEDIA_RULE = re.compile(r"@media\b[^{;]*", re.I)
_MEDIA_ATTRIBUTE = re.compile(r"""(\smedia\s*=\s*)("[^"]*"|'[^']*')""", re.I)
_HEAD_END = re.compile(r"</head\s*>", re.I)


def force_color_scheme(html: str, scheme: Scheme) -> str:
    """The same email with its colour-scheme media queries fixed to ``scheme``."""

    def condition(match: re.Match[str]) -> str:
        return _ALWAYS if match.group(1).lower() == scheme else _NEVER

    def in_media(match: re.Match[str]) -> str:
        return _FEATURE.sub(condition, match.group(0))

    def in_style(match: re.Match[str]) -> str:
        opening, css, closing = match.groups()
        return opening + _MEDIA_RULE.sub(in_media, css) + closing

    html = _STYLE.sub(in_style, html)
    html = _MEDIA_ATTRIBUTE.sub(in_media, html)
    # the default canvas, scrollbars and form controls follow the forced scheme too
    pin = f"<style>:root {{ color-scheme: {scheme} !important; }}</style>"
    html, count = _HEAD_END.subn(lambda m: pin + m.group(0), html, count=1)
    return html if count else pin + html
