"""maildigest: turn news articles into an email newsletter people want to open.

The library is the product; the ``maildigest`` command is a thin shell over it::

    import maildigest
    article = maildigest.clean("seeds/xiaomi-14-leica.txt")
    summary = maildigest.summarize(article, bullets=3)
    newsletter = maildigest.build(["seeds/xiaomi-14-leica.txt"], out_dir="out")

Heavy modules (trafilatura, premailer, mjml) are imported only by the stage
that needs them, so ``import maildigest`` and ``maildigest --help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it; resolved lazily on first access
_EXPORTS = {
    "clean": "maildigest.pipeline",
    "summarize": "maildigest.pipeline",
    "build": "maildigest.pipeline",
    "Article": "maildigest.models",
    "Summary": "maildigest.models",
    "Bullet": "maildigest.models",
    "Newsletter": "maildigest.models",
    "Settings": "maildigest.config",
    "load_settings": "maildigest.config",
    "MaildigestError": "maildigest.errors",
}

__all__ = [
    "Article",
    "Bullet",
    "MaildigestError",
    "Newsletter",
    "Settings",
    "Summary",
    "__version__",
    "build",
    "clean",
    "load_settings",
    "summarize",
]

if TYPE_CHECKING:
    from maildigest.config import Settings, load_settings
    from maildigest.errors import MaildigestError
    from maildigest.models import Article, Bullet, Newsletter, Summary
    from maildigest.pipeline import build, clean, summarize


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'maildigest' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
