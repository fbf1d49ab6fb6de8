"""maildigest: turn news articles into an email newsletter people want to open.

The library is the product; the ``maildigest`` command is a thin shell over it::

    import maildigest
    article = maildigest.clean_article("seeds/xiaomi-14-leica.txt")
    summary = maildigest.summarize_article(article, bullets=3)
    result = maildigest.build(["seeds/xiaomi-14-leica.txt"], out_dir="out")

``__all__`` below is the whole public surface. No public name is also the name of
a sub-package (``maildigest.clean`` is the clean stage, ``maildigest.clean_article``
the function), so importing a stage never changes what a public name refers to.

Heavy modules (trafilatura, premailer, mjml) are imported only by the stage
that needs them, so ``import maildigest`` and ``maildigest --help`` stay fast:
each public name is imported from its module on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BuildResult",
    "Bullet",
    "ConfigError",
    "Document",
    "FetchError",
    "Image",
    "InputError",
    "LimitError",
    "MaildigestError",
    "Newsletter",
    "NoContentError",
    "OutputError",
    "RenderError",
    "SendError",
    "Settings",
    "Story",
    "Summary",
    "__version__",
    "build",
    "clean_article",
    "load_settings",
    "summarize_article",
]

_MODULES = {
    "maildigest.pipeline": ("BuildResult", "build", "clean_article", "summarize_article"),
    "maildigest.models": (
        "Article",
        "Bullet",
        "Document",
        "Image",
        "Newsletter",
        "Story",
        "Summary",
    ),
    "maildigest.config": ("Settings", "load_settings"),
    "maildigest.errors": (
        "ConfigError",
        "FetchError",
        "InputError",
        "LimitError",
        "MaildigestError",
        "NoContentError",
        "OutputError",
        "RenderError",
        "SendError",
    ),
}
_EXPORTS = {name: module for module, names in _MODULES.items() for name in names}
"""Public name -> the module that defines it."""

if TYPE_CHECKING:
    from maildigest.config import Settings, load_settings
    from maildigest.errors import (
        ConfigError,
        FetchError,
        InputError,
        LimitError,
        MaildigestError,
        NoContentError,
        OutputError,
        RenderError,
        SendError,
    )
    from maildigest.models import Article, Bullet, Document, Image, Newsletter, Story, Summary
    from maildigest.pipeline import BuildResult, build, clean_article, summarize_article


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'maildigest' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
