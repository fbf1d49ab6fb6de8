"""The preview page: the newsletter in a frame with width, scheme and view switches.

Rendered on the server from the query string (``?width=375&scheme=dark&view=text``),
so each switch is a plain link and the page shows the right state with or
without JavaScript; the small script only adds live reload and measurements.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from maildigest.config import GMAIL_CLIP_BYTES
from maildigest.preview.project import Build

if TYPE_CHECKING:
    import jinja2

WIDTHS = ("600", "375")
SCHEMES = ("light", "dark")
VIEWS = ("html", "text")


@dataclass(frozen=True)
class PageState:
    width: str = WIDTHS[0]
    scheme: str = SCHEMES[0]
    view: str = VIEWS[0]

    @classmethod
    def from_query(cls, query: dict[str, list[str]]) -> PageState:
        """Unknown or missing values fall back to the defaults (never an error)."""

        def pick(name: str, allowed: tuple[str, ...]) -> str:
            values = query.get(name) or [allowed[0]]
            return values[0] if values[0] in allowed else allowed[0]

        return cls(
            width=pick("width", WIDTHS), scheme=pick("scheme", SCHEMES), view=pick("view", VIEWS)
        )

    def link(self, **changes: str) -> str:
        state = replace(self, **changes)
        return "/preview?" + urlencode(
            {"width": state.width, "scheme": state.scheme, "view": state.view}
        )


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("page.html.j2")


def render_page(build: Build, state: PageState) -> tuple[str, str]:
    """The page's HTML and the nonce its inline script runs under (for the CSP header)."""
    nonce = secrets.token_urlsafe(16)
    built_at = dt.datetime.fromtimestamp(build.finished_at).strftime("%H:%M:%S")
    html = _template().render(
        build=build,
        state=state,
        link=state.link,
        nonce=nonce,
        built_at=built_at,
        clip_bytes=GMAIL_CLIP_BYTES,
    )
    return html, nonce
