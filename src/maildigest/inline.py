"""Inline CSS with premailer, keeping what responsive and dark-mode CSS need.

premailer's known traps, handled here: it drops a lowercase ``<!doctype
html>`` (we restore it), it fetches ``@import`` even with
``allow_network=False`` (we strip @import and stylesheet links first: nothing
is ever fetched), it strips ``!important`` by default (kept: dark-mode rules
must beat inline colours), and cssutils logs warnings (silenced).
"""

from __future__ import annotations

import logging
import re

_IMPORT = re.compile(r"@import\s+[^;]+;?", re.I)
_STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.I | re.S)
_STYLESHEET_LINK = re.compile(r"<link\b[^>]*rel=[\"']?stylesheet[^>]*>", re.I)
_DOCTYPE = "<!DOCTYPE html>"


def inline_css(html: str) -> str:
    import premailer

    html = _STYLESHEET_LINK.sub("", _without_imports(html))
    logging.getLogger("cssutils").setLevel(logging.CRITICAL)
    inliner = premailer.Premailer(
        html,
        allow_network=False,
        allow_loading_external_files=False,
        keep_style_tags=True,
        strip_important=False,
        remove_classes=False,
        disable_validation=True,
        disable_basic_attributes=["width", "height"],
        cssutils_logging_level=logging.CRITICAL,
        exclude_pseudoclasses=True,
    )
    result = inliner.transform(pretty_print=False)
    if not result.lstrip()[:9].lower().startswith("<!doctype"):
        result = f"{_DOCTYPE}\n{result}"
    return result


def _without_imports(html: str) -> str:
    """Drop ``@import`` from <style> blocks only: article text may mention it."""
    return _STYLE_BLOCK.sub(lambda m: m[1] + _IMPORT.sub("", m[2]) + m[3], html)
