"""One exception hierarchy; the CLI turns each class into its exit code.

Every message is a single line meant for a person, so the CLI can print it as
``maildigest: error: <message>`` without a traceback. The tree (exit code)::

    MaildigestError (1)
    ├── InputError (3)
    │   ├── NoContentError
    │   ├── FetchError
    │   └── LimitError
    ├── ConfigError (4)
    ├── OutputError (5)
    ├── RenderError (6)
    └── SendError (7)

Catch ``MaildigestError`` for anything maildigest reports on purpose; any other
exception is a bug (the CLI exits 70 for those).
"""

from __future__ import annotations


class MaildigestError(Exception):
    """Base class: anything maildigest reports to the user on purpose."""

    exit_code = 1


class InputError(MaildigestError):
    """An input is missing, unreadable, too large, binary or in an unknown encoding."""

    exit_code = 3


class NoContentError(InputError):
    """Nothing that looks like an article is left after cleaning."""


class ConfigError(MaildigestError):
    """A configuration file, environment variable or option is invalid."""

    exit_code = 4


class OutputError(MaildigestError):
    """An output folder or file cannot be written."""

    exit_code = 5


class RenderError(MaildigestError):
    """A template is broken, or the rendered email breaks a hard email-safety rule."""

    exit_code = 6


class FetchError(InputError):
    """A URL or feed could not be fetched (HTTP error, timeout, too large)."""


class SendError(MaildigestError):
    """Sending stopped: connection, TLS or authentication failure."""

    exit_code = 7


class LimitError(InputError):
    """An input exceeds a documented safety limit (size, depth, count)."""
