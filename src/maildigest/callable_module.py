"""Let a stage package double as the library function of the same name.

``maildigest.clean`` is both the cleaning stage's package and the public
function ``maildigest.clean(source)``. Python binds a subpackage to its parent's
attribute on import, which would shadow the function; making the package
module callable keeps both spellings working (``maildigest.clean(path)`` and
``from maildigest.clean import clean_document``).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


def make_callable(module_name: str, target: str) -> None:
    """Calling module ``module_name`` calls ``target`` (``"package.module:function"``)."""
    target_module, _, function = target.partition(":")

    class CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return getattr(importlib.import_module(target_module), function)(*args, **kwargs)

    sys.modules[module_name].__class__ = CallableModule
