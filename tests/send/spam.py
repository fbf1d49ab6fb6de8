"""Score a message with Debian's SpamAssassin, local tests only (``-L``: no DNS
or network rules): shared by the deliverability test and benchmarks/bench_layout.py."""

from __future__ import annotations

import email
import re
import subprocess
from email.policy import default
from pathlib import Path


def spam_score(message: Path, home: Path) -> tuple[float, list[str]]:
    """SpamAssassin's score and the rules it hit, from its X-Spam-Status header.
    ``home`` holds the user preferences file spamassassin creates on first run."""
    done = subprocess.run(
        ["spamassassin", "-t", "-L"],
        input=message.read_bytes(),
        capture_output=True,
        timeout=120,
        check=True,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
    )
    status = email.message_from_bytes(done.stdout, policy=default)["X-Spam-Status"]
    found = re.search(
        r"score=(-?[\d.]+).*?tests=(.*?)(?:\s+autolearn=|$)", " ".join(status.split())
    )
    if found is None:
        raise RuntimeError(f"no score in spamassassin's X-Spam-Status: {status}")
    return float(found[1]), [
        r.strip() for r in found[2].split(",") if r.strip() not in ("", "none")
    ]
