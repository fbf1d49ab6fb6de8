"""``maildigest preview``: a local server that shows the newsletter and rebuilds it live.

- ``project``: what is built (inputs, settings, templates) and which files it depends on;
- ``watch``: notices changes by polling file stats;
- ``server``: the HTTP routes, server-sent events and the watcher thread;
- ``page`` (+ ``page.html.j2``, ``live.js``): the preview page;
- ``scheme``: forces the email's light or dark colour scheme;
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from maildigest.preview.project import Build, Project
from maildigest.preview.server import DEFAULT_PORT, PreviewServer, exposure_warning

__all__ = [
    "DEFAULT_PORT",
    "Build",
    "PreviewServer",
    "Project",
    "exposure_warning",
    "open_in_browser",
    "serve",
]


def serve(
    server: PreviewServer,
    *,
    open_browser: bool = True,
    echo: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Run ``server`` until Ctrl-C (or ``stop`` is set), then shut it down cleanly."""
    server.start()
    try:
        warning = exposure_warning(server.address[0])
        if warning:
            server.log(warning)
        echo(f"Preview: {server.url}  (newsletter alone: {server.url.removesuffix('preview')})")
        echo("Watching the inputs and templates; press Ctrl-C to stop.")
        if open_browser and not open_in_browser(server.url):
            server.log("maildigest: could not open a browser; open the URL above yourself")
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    echo("Preview stopped.")


def open_in_browser(url: str) -> bool:
    """Open ``url`` in the default browser (``$BROWSER`` if set); False if there is none."""
    import webbrowser

    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False
