"""Find and load templates: the user's folder first, ours for whatever it lacks."""

from __future__ import annotations

import contextlib
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from maildigest.errors import ConfigError, RenderError
from maildigest.userdirs import private_cache_folder

if TYPE_CHECKING:
    import jinja2

HTML_TEMPLATE = "newsletter.mjml.j2"
TEXT_TEMPLATE = "newsletter.txt.j2"
AUTOESCAPED = ("mjml.j2", "mjml", "html.j2", "html", "xml")
"""Jinja's select_autoescape does not cover .mjml.j2 unless listed: article text must be escaped."""
OPTIONS = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


def default_template_dir() -> Path:
    """Templates ship inside the wheel; an editable install reads the source tree's folder."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parents[1] / "templates"):
        if (candidate / HTML_TEMPLATE).is_file():
            return candidate
    raise RenderError("maildigest's built-in templates are missing: reinstall the package")


@lru_cache(maxsize=8)
def environment(user_dir: str = "") -> jinja2.Environment:
    import jinja2

    from maildigest.text import underline, wrap

    search = [default_template_dir()]
    if user_dir:
        folder = Path(user_dir).expanduser()
        if not folder.is_dir():
            raise ConfigError(f"template folder not found: {folder}")
        search.insert(0, folder)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        autoescape=jinja2.select_autoescape(enabled_extensions=AUTOESCAPED, default=False),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=bytecode_cache(),
        **OPTIONS,
    )
    env.filters["wrap"] = wrap
    env.filters["underline"] = underline
    return env


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling ours costs more than rendering.

    Jinja reuses an entry only for the same file with the same source checksum;
    the file names also carry our compile options. The folder must be private
    (the cache holds code); without one, or when it cannot be read or written,
    templates are simply compiled again.
    """
    import jinja2

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged entry (pickle, marshal) is a cache miss
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(OSError):  # read-only or full disk: no cache
                super().dump_bytecode(bucket)

    folder = private_cache_folder("templates")
    if folder is None:
        return None
    options = repr((sorted(OPTIONS.items()), AUTOESCAPED, jinja2.__version__))
    return QuietCache(str(folder), f"{hashlib.sha1(options.encode()).hexdigest()[:12]}-%s.cache")


def render_template(name: str, user_dir: str = "", **context: object) -> str:
    import jinja2

    try:
        return environment(user_dir).get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(
            f"template error in {exc.filename or exc.name}:{exc.lineno}: {exc.message}"
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template not found: {exc.name}") from None
    except jinja2.UndefinedError as exc:
        raise RenderError(f"template {name} uses an unknown variable: {exc.message}") from None
