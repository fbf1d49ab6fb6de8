"""The newsletter to send, read back from ``maildigest build``'s output, and
the per-recipient message made from it.

The source is a build folder (``newsletter.eml``, or ``newsletter.html`` +
``newsletter.txt`` + ``digest.json``) or any ``.eml`` with text and/or HTML
parts. Each recipient's copy is rebuilt from those parts: own ``To``,
``Date``, ``Message-ID`` and ``List-Unsubscribe``, placeholders filled.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from maildigest.errors import InputError
from maildigest.ingest import reading
from maildigest.message import (
    compose_message,
    message_bytes,
    readdress,
    split_message,
    unsubscribe_headers,
)
from maildigest.outputs import verified_set
from maildigest.send.personalize import fill_html, fill_text
from maildigest.send.recipients import Recipient


@dataclass(frozen=True)
class Draft:
    subject: str
    text: str
    html: str
    sender: str
    """The built message's From ("" when read from loose files)."""

    @property
    def campaign(self) -> str:
        """Identity of this newsletter in the journal: a hash of what recipients read.

        Rebuilding the same input gives the same campaign (only Date and
        Message-ID change), so a resumed run finds its journal rows; a
        changed newsletter starts a fresh campaign in the same journal.
        """
        digest = hashlib.sha256()
        for part in (self.subject, self.sender, self.text, self.html):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()[:32]

    def message_for(
        self, recipient: Recipient, *, sender: str, unsubscribe: str, message_id: str
    ) -> bytes:
        fields = recipient.fields or {"email": recipient.address, "name": recipient.name}
        headers = unsubscribe_headers(fill_text(unsubscribe, fields)) if unsubscribe else {}
        subject = fill_text(self.subject, fields)
        to = (recipient.name, recipient.address)
        content = (sender, fill_text(self.text, fields), fill_html(self.html, fields))
        last = getattr(_last_built, "entry", None)
        if last is not None and last[0] == content:
            return readdress(
                last[1], last[2], subject, to=to, message_id=message_id, extra_headers=headers
            )
        message = compose_message(
            subject,
            content[1],
            content[2],
            sender=sender,
            to=to,
            message_id=message_id,
            extra_headers=headers,
        )
        raw = message_bytes(message)
        _last_built.entry = (content, message, split_message(raw)[1])
        return raw


_last_built = threading.local()
"""Each send worker's last message, its content and serialised body: the next
recipient with the same body (no per-recipient placeholders in it) only gets
new headers."""


def load_draft(source: Path) -> Draft:
    """The newsletter in a build folder (only when its files are one build) or an .eml file."""
    if source.is_dir():
        files = verified_set(source)
        return (
            _from_eml(files["newsletter.eml"]) if "newsletter.eml" in files else _from_files(files)
        )
    if not source.is_file():
        raise InputError(f"no such file or folder: {source}")
    return _from_eml(source)


def _read(path: Path) -> bytes:
    with reading(str(path)):
        return path.read_bytes()


def _from_eml(path: Path) -> Draft:
    parsed = email.message_from_bytes(_read(path), policy=email.policy.default)
    if not isinstance(parsed, EmailMessage) or not parsed.get("Subject"):
        raise InputError(f"{path} is not an email message with a Subject")
    parts = {}
    for kind in ("plain", "html"):
        body = parsed.get_body(preferencelist=(kind,))
        if body is not None and body.get_content_type() == f"text/{kind}":
            parts[kind] = body.get_content()
    if not parts:
        raise InputError(f"{path} has no text/plain or text/html part")
    return Draft(
        subject=str(parsed["Subject"]),
        text=parts.get("plain", ""),
        html=parts.get("html", ""),
        sender=str(parsed.get("From", "")),
    )


def _from_files(files: dict[str, Path]) -> Draft:
    names = ("newsletter.html", "newsletter.txt", "digest.json")
    if not all(name in files for name in names):
        raise InputError(
            "the build holds no newsletter.eml nor newsletter.html + newsletter.txt + "
            "digest.json: run maildigest build first"
        )
    html_path, text_path, digest_path = (files[name] for name in names)
    folder = html_path.parent
    try:
        subject = json.loads(_read(digest_path))["subject"]
        html = _read(html_path).decode("utf-8")
        text = _read(text_path).decode("utf-8")
    except (ValueError, KeyError, TypeError):
        raise InputError(f"{folder}: digest.json has no subject, or a file is not UTF-8") from None
    return Draft(subject=str(subject), text=text, html=html, sender="")
