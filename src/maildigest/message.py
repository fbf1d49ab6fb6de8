"""The message stage: a ``Newsletter`` as an RFC 5322 ``multipart/alternative`` email.

Header values are made single-line before they are set, and every header of
the finished message is re-parsed and checked: we do not rely on the email
package's folding, which had an injection bug (CVE-2024-6923) in 3.11.
"""

from __future__ import annotations

import email.policy
import email.utils
from email.message import EmailMessage

from maildigest.errors import ConfigError, RenderError
from maildigest.models import Newsletter
from maildigest.text import single_line

POLICY = email.policy.SMTP.clone(max_line_length=998)


def parse_address(value: str, what: str = "address") -> tuple[str, str]:
    """(display name, address) or ConfigError; control characters are refused."""
    if value != single_line(value):
        raise ConfigError(f"{what} {value!r} contains line breaks or control characters")
    name, address = email.utils.parseaddr(value)
    local, _, domain = address.rpartition("@")
    if not local or "." not in domain or any(c in address for c in " <>,;\"'"):
        raise ConfigError(f"{what} {value!r} is not a valid email address")
    return name, address


def build_message(
    newsletter: Newsletter,
    *,
    sender: str,
    to: str | None = None,
    extra_headers: dict[str, str] | None = None,
) -> EmailMessage:
    name, address = parse_address(sender, "sender")
    message = EmailMessage(policy=POLICY)
    message["From"] = email.utils.formataddr((single_line(name), address))
    if to:
        to_name, to_address = parse_address(to, "recipient")
        message["To"] = email.utils.formataddr((single_line(to_name), to_address))
    message["Subject"] = single_line(newsletter.subject)
    message["Date"] = email.utils.formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = email.utils.make_msgid(domain=address.rpartition("@")[2])
    message["MIME-Version"] = "1.0"
    for key, value in (extra_headers or {}).items():
        message[single_line(key)] = single_line(value)
    message.set_content(newsletter.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(
        newsletter.html, subtype="html", charset="utf-8", cte="quoted-printable"
    )
    _check_headers(message)
    return message


def _check_headers(message: EmailMessage) -> None:
    """Re-parse the serialised headers: each one we set must come back as one header."""
    raw = message.as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    reparsed = email.message_from_bytes(head + b"\r\n\r\n", policy=email.policy.default)
    expected = sorted(k.lower() for k in message)
    found = sorted(k.lower() for k in reparsed)
    if expected != found:
        raise RenderError(f"header check failed: expected {expected}, parsed {found}")


def message_bytes(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=POLICY)
