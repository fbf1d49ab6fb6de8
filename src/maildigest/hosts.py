"""Whether a host is this machine: the one loopback check, for sending (clear text
is allowed only to loopback) and the preview (served to this machine only)."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback IP literal (``[::1]`` too). Only literals count: any
    other DNS name could be pointed anywhere."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
