"""How a send is configured: the options, where each comes from (command line
over settings), and whether the newsletter is still wearing the defaults.

A newsletter that still says it is from ``digest@example.com`` or offers no
way to unsubscribe is a set-up that was never finished: sending it harms the
sender's reputation and breaks bulk-mail rules (RFC 8058, Gmail and Yahoo's
sender requirements), so it is refused unless ``allow_defaults`` says otherwise.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from maildigest.errors import ConfigError
from maildigest.send.transport import TlsMode

if TYPE_CHECKING:
    from maildigest.config import Settings

log = logging.getLogger(__name__)

DEFAULT_RATE = 10.0
"""Messages per second unless told otherwise: under common provider quotas (SES allows 14/s)."""
RESERVED_TOP_LEVEL = frozenset({"example", "test", "invalid", "localhost"})
"""Top-level names reserved for examples and testing (RFC 2606, RFC 6761): no mail is delivered there."""
EXAMPLE_DOMAINS = frozenset({"example.com", "example.net", "example.org"})
"""Second-level names reserved for documentation (RFC 2606)."""


@dataclass(frozen=True)
class SendOptions:
    smtp_url: str = ""
    """Empty only for a dry run: a real send needs one."""
    tls: TlsMode = TlsMode.auto
    ca_file: Path | None = None
    password: str | None = None
    """None reads MAILDIGEST_SMTP_PASSWORD; never taken from a command line."""
    sender: str = ""
    """From address; empty means the built message's From."""
    unsubscribe: str = ""
    """https URL and/or mailto: for List-Unsubscribe (placeholders allowed)."""
    postal_address: str | None = None
    """The sender's postal address (setting footer_address); only its absence is noted.
    None: not known here (a library caller), so nothing is said."""
    allow_defaults: bool = False
    """Send even from an example domain or without an unsubscribe target."""
    rate: float = DEFAULT_RATE
    concurrency: int = 1
    timeout: float = 30.0
    max_attempts: int = 5
    retry_delay: float = 2.0
    resend_in_doubt: bool = False
    journal: Path | None = None
    durable: bool = False
    """fsync every journal commit (survives power loss, not only a killed process)."""


def send_options(settings: Settings, **given: Any) -> SendOptions:
    """The options of one send: each given value (``None``: not given on the
    command line) over the settings file and ``MAILDIGEST_*`` variables."""
    values = {key: value for key, value in given.items() if value is not None}
    values.setdefault("smtp_url", settings.smtp_url)
    values.setdefault("unsubscribe", settings.unsubscribe_url)
    values.setdefault("postal_address", settings.footer_address)
    return SendOptions(**values)


def is_example_domain(domain: str) -> bool:
    """True for a domain no real mailbox lives at: example.com/.net/.org and
    every name under .example, .test, .invalid or .localhost."""
    labels = domain.lower().rstrip(".").split(".")
    return labels[-1] in RESERVED_TOP_LEVEL or ".".join(labels[-2:]) in EXAMPLE_DOMAINS


def check_identity(envelope_sender: str, options: SendOptions) -> None:
    """Refuse a newsletter still carrying the defaults (unless allowed); note a
    missing postal address. Runs before anything is written or sent."""
    domain = envelope_sender.rpartition("@")[2]
    if is_example_domain(domain) and not options.allow_defaults:
        raise ConfigError(
            f"the sender {envelope_sender} is at an example domain (setting sender, or --from): "
            "use your own address, or pass --allow-defaults"
        )
    if not options.unsubscribe.strip() and not options.allow_defaults:
        raise ConfigError(
            "no unsubscribe target (setting unsubscribe_url, or --unsubscribe-url): "
            "bulk mail must offer one; or pass --allow-defaults"
        )
    if options.postal_address is not None and not options.postal_address.strip():
        log.warning(
            "no postal address (setting footer_address): bulk mail must show one (CAN-SPAM)"
        )
