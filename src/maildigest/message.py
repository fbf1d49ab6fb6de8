"""The message stage: a ``Newsletter`` as an RFC 5322 ``multipart/alternative`` email.

Header values are made single-line before they are set, and every header of
the finished message is re-parsed and checked: we do not rely on the email
package's folding, which had an injection bug (CVE-2024-6923) in 3.11.
"""

from __future__ import annotations

import email.errors
import email.policy
import email.utils
from email.headerregistry import Address
from email.message import EmailMessage

from maildigest.errors import ConfigError, RenderError
from maildigest.models import Newsletter
from maildigest.text import single_line
from maildigest.unicode import header_text

POLICY = email.policy.SMTP.clone(max_line_length=998)
BODY_POLICY = POLICY.clone(max_line_length=76)
"""Quoted-printable lines are limited to 76 characters (RFC 2045 6.7); spam
filters score longer ones."""


def parse_address(value: str, what: str = "address") -> tuple[str, str]:
    """(display name, address) or ConfigError; control characters are refused."""
    if value != single_line(value):
        raise ConfigError(f"{what} {value!r} contains line breaks or control characters")
    name, address = email.utils.parseaddr(value)
    local, _, domain = address.rpartition("@")
    if not local or "." not in domain or any(c in address for c in " <>,;\"'"):
        raise ConfigError(f"{what} {value!r} is not a valid email address")
    if value.strip() != address and not value.rstrip().endswith(f"<{address}>"):
        # parseaddr() reads "a@b.com, c@d.com" or "Bcc: x@y.z" as one address: refuse, don't guess
        raise ConfigError(f"{what} {value!r} is not one email address")
    return name, address


def _mailbox(name: str, address: str) -> Address:
    """A header address object: the email package quotes or encodes the name correctly
    (a pre-formatted string with specials in a non-ASCII name is re-folded wrongly)."""
    try:
        return Address(display_name=header_value(name), addr_spec=address)
    except (ValueError, IndexError, email.errors.HeaderParseError) as exc:
        raise ConfigError(f"{address!r} is not a valid email address ({exc})") from None


def build_message(
    newsletter: Newsletter,
    *,
    sender: str,
    to: str | None = None,
    extra_headers: dict[str, str] | None = None,
) -> EmailMessage:
    recipient = parse_address(to, "recipient") if to else None
    return compose_message(
        newsletter.subject,
        newsletter.text,
        newsletter.html,
        sender=sender,
        to=recipient,
        extra_headers=extra_headers,
    )


def compose_message(
    subject: str,
    text: str,
    html: str,
    *,
    sender: str,
    to: tuple[str, str] | None = None,
    message_id: str | None = None,
    extra_headers: dict[str, str] | None = None,
) -> EmailMessage:
    """The message for one (optional) recipient ``(name, address)``.

    ``message_id`` lets a re-sent message keep its first ID, so receivers
    that deduplicate on it can.
    """
    name, address = parse_address(sender, "sender")
    message = EmailMessage(policy=POLICY)
    message["From"] = _mailbox(name, address)
    _address(message, subject, to, message_id or new_message_id(address), extra_headers)
    message["MIME-Version"] = "1.0"
    parts = [(subtype, body) for subtype, body in (("plain", text), ("html", html)) if body]
    message.policy = BODY_POLICY  # the body encoder takes its line length from the policy
    for index, (subtype, body) in enumerate(parts or [("plain", "")]):
        add = message.add_alternative if index else message.set_content
        add(body, subtype=subtype, charset="utf-8", cte="quoted-printable")
    message.policy = POLICY
    _check_headers(message)
    return message


KEPT_HEADERS = frozenset({"from", "mime-version", "content-type", "content-transfer-encoding"})


def readdress(
    message: EmailMessage,
    body: bytes,
    subject: str,
    *,
    to: tuple[str, str] | None,
    message_id: str,
    extra_headers: dict[str, str] | None = None,
) -> bytes:
    """The bytes of ``message`` for another recipient: new headers, same body.

    ``message`` must have been serialised once by ``message_bytes`` (which fixes
    its MIME boundary) and ``body`` is what followed its header block. Every
    header but From and the MIME ones is replaced, in place. Sending one body
    to many people this way skips re-encoding it each time (most of the cost).
    """
    for name in {k.lower() for k in message} - KEPT_HEADERS:
        del message[name]
    _address(message, subject, to, message_id, extra_headers)
    return _check_headers(message) + body


def split_message(raw: bytes) -> tuple[bytes, bytes]:
    """(header block with its blank line, body) of a serialised message."""
    end = raw.index(b"\r\n\r\n") + 4
    return raw[:end], raw[end:]


def _address(
    message: EmailMessage,
    subject: str,
    to: tuple[str, str] | None,
    message_id: str,
    extra_headers: dict[str, str] | None,
) -> None:
    if to:
        to_name, to_address = parse_address(to[1], "recipient")
        message["To"] = _mailbox(to[0] or to_name, to_address)
    message["Subject"] = _subject(subject)
    message["Date"] = email.utils.formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = single_line(message_id)
    for key, value in (extra_headers or {}).items():
        message[single_line(key)] = header_value(value)


def header_value(value: str) -> str:
    """Any text we put in a header: one line, under the header Unicode policy
    (``unicode.header_text``: no bidi controls, tag characters, noncharacters or
    other invisible format characters). Every header value goes through here."""
    return single_line(header_text(value))


def _subject(value: str) -> str:
    """Article text made safe as an unstructured header value.

    Setting a header parses its value, and an RFC 2047 encoded word in it is
    decoded: a title reading ``=?utf-8?q?a=0D=0ABcc:_x@y.z?=`` would become a
    line break and a Bcc header when folded. A word joiner after ``=`` stops the
    text from being an encoded word; it still reads the same. It is the one format
    character a header may hold, put there by us (docs/guides/unicode.md).
    """
    return header_value(value).replace("=?", "=\u2060?")


def new_message_id(sender_address: str) -> str:
    """A unique Message-ID in the sender's domain (time, pid and 64 random bits)."""
    return email.utils.make_msgid(domain=sender_address.rpartition("@")[2])


def unsubscribe_headers(target: str) -> dict[str, str]:
    """RFC 2369 ``List-Unsubscribe``, plus RFC 8058 one-click for an https URL.

    ``target`` is an https URL, a mailto: address, or both separated by a
    comma. One-click (``List-Unsubscribe-Post``) is only valid with an https
    URL, so a mailto-only target gets ``List-Unsubscribe`` alone.
    """
    parts = [single_line(p) for p in target.split(",") if p.strip()]
    for part in parts:
        scheme = part.split(":", 1)[0].lower()
        if scheme not in ("https", "http", "mailto") or any(c in part for c in "<> "):
            raise ConfigError(f"unsubscribe target {part!r} must be an https URL or a mailto:")
    if not parts:
        return {}
    headers = {"List-Unsubscribe": ", ".join(f"<{p}>" for p in parts)}
    if any(p.lower().startswith("https://") for p in parts):
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def _check_headers(message: EmailMessage) -> bytes:
    """Re-parse the serialised headers: each one we set must come back as one header,
    and From/To must come back as the addresses we meant. Returns the header block
    (with its blank line) exactly as ``message_bytes`` writes it.

    Only the header block is folded (as the generator does), not the whole
    message, and only From/To get the (slow) structured parse: this runs once
    per recipient when sending.
    """
    head = b"".join(POLICY.fold_binary(name, value) for name, value in message.raw_items())
    head += b"\r\n"
    reparsed = email.message_from_bytes(head, policy=email.policy.compat32)
    expected = sorted(k.lower() for k in message)
    found = sorted(k.lower() for k in reparsed)
    if expected != found:
        raise RenderError(f"header check failed: expected {expected}, parsed {found}")
    for name in ("From", "To"):
        if name in message:
            sent = [a.addr_spec for a in message[name].addresses]
            back = email.policy.default.header_fetch_parse(name, reparsed[name])
            if [a.addr_spec for a in back.addresses] != sent:
                raise RenderError(f"header check failed: {name} does not parse back as {sent}")
    return head


def message_bytes(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=POLICY)
