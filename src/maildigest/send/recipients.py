"""Who gets the newsletter: ``--to`` addresses or a CSV with an ``email`` column.

Everything is validated before anything is sent, so a bad row is reported
once up front instead of failing mid-run: empty rows, invalid addresses and
duplicates (compared case-insensitively) are skipped with a reason each.
"""

from __future__ import annotations

import csv
import email.utils
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from maildigest.errors import ConfigError, InputError
from maildigest.ingest import reading
from maildigest.message import parse_address
from maildigest.text import single_line

MAX_RECIPIENTS = 1_000_000
_DOMAIN_LABEL = re.compile(r"^(?!-)[^\s.@]{1,63}(?<!-)$")


@dataclass(frozen=True)
class Recipient:
    address: str
    name: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    """Every CSV column (keys lower-cased, spaces as ``_``), for ``{{ recipient.KEY }}``."""

    @property
    def key(self) -> str:
        """Identity for deduplication and the journal: the address, case-insensitively."""
        return self.address.lower()


@dataclass(frozen=True)
class Skipped:
    where: str
    """``line 7`` of the CSV or ``--to``."""
    value: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.where}: {self.value!r}: {self.reason}"


@dataclass(frozen=True)
class RecipientList:
    recipients: tuple[Recipient, ...]
    skipped: tuple[Skipped, ...]


def validate_address(value: str) -> tuple[str, str]:
    """(name, address) or ConfigError: stricter than ``parse_address`` about the domain."""
    name, address = parse_address(value.strip(), "address")
    domain = address.rpartition("@")[2]
    if not all(_DOMAIN_LABEL.match(label) for label in domain.split(".")):
        raise ConfigError(f"address {value!r} has an invalid domain")
    return name, address


def _field_name(column: str) -> str:
    return re.sub(r"\W+", "_", column.strip().lower()).strip("_")


def from_addresses(values: Iterable[str]) -> RecipientList:
    """Recipients given on the command line (``--to``), one address each: a
    list in one value is refused rather than guessed at."""
    values = list(values)
    for value in values:
        if sum("@" in address for _, address in email.utils.getaddresses([value])) > 1:
            raise ConfigError(
                f"--to takes one address per flag, not a list ({value!r}): "
                "repeat --to for each recipient, or use --recipients FILE.csv"
            )
    return _collect(("--to", value, {"email": value}) for value in values)


def choose(to: Iterable[str], csv_file: Path | None) -> RecipientList:
    """The recipients of a send: ``--to`` addresses or a CSV file, exactly one of them."""
    to = list(to)
    if bool(to) == bool(csv_file):
        raise ConfigError("give either --to ADDR (repeatable) or --recipients FILE.csv")
    return load_csv(csv_file) if csv_file else from_addresses(to)


def load_csv(path: Path) -> RecipientList:
    """Recipients from a CSV file with a header row holding an ``email`` column."""
    try:
        with reading(f"recipients file {path}"):
            text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"recipients file {path} is not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        columns = [_field_name(c) for c in header or []]
        if "email" not in columns:
            raise InputError(f"recipients file {path} has no 'email' column in its header row")
        rows = []
        for row in reader:
            values = {col: cell.strip() for col, cell in zip(columns, row, strict=False) if col}
            rows.append((f"line {reader.line_num}", values.get("email", ""), values))
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: not valid CSV: {exc}") from None
    return _collect(rows)


def _collect(rows: Iterable[tuple[str, str, dict[str, str]]]) -> RecipientList:
    recipients: list[Recipient] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    for where, value, values in rows:
        if not any(v.strip() for v in values.values()):
            skipped.append(Skipped(where, "", "empty row"))
            continue
        try:
            name, address = validate_address(value)
        except ConfigError:
            reason = "invalid address" if value.strip() else "no address"
            skipped.append(Skipped(where, value, reason))
            continue
        if address.lower() in seen:
            skipped.append(Skipped(where, value, f"duplicate of {seen[address.lower()]}"))
            continue
        seen[address.lower()] = where
        name = single_line(values.get("name", "") or name)
        fields = {**values, "email": address, "name": name}
        recipients.append(Recipient(address=address, name=name, fields=fields))
        if len(recipients) > MAX_RECIPIENTS:
            raise InputError(f"more than {MAX_RECIPIENTS:,} recipients: split the list")
    return RecipientList(tuple(recipients), tuple(skipped))
