"""Recipient lists: CSV with an email column, validation, dedup, empty rows."""

from __future__ import annotations

import pytest

from maildigest.errors import InputError
from maildigest.send.recipients import from_addresses, load_csv


def write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "list.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_csv_rows_become_recipients_with_fields(tmp_path):
    path = write(
        tmp_path,
        "Email,Name,First Name,plan\nann@example.com,Ann Lee,Ann,pro\nbob@example.org,,Bob,free\n",
        encoding="utf-8-sig",
    )
    result = load_csv(path)
    assert [r.address for r in result.recipients] == ["ann@example.com", "bob@example.org"]
    ann = result.recipients[0]
    assert ann.name == "Ann Lee"
    assert ann.fields == {
        "email": "ann@example.com",
        "name": "Ann Lee",
        "first_name": "Ann",
        "plan": "pro",
    }
    assert result.recipients[1].name == "" and result.skipped == ()


def test_invalid_duplicate_and_empty_rows_are_reported_and_skipped(tmp_path):
    path = write(
        tmp_path,
        "email,name\n"
        "ann@example.com,Ann\n"
        "not-an-address,X\n"
        ",\n"
        "ANN@Example.com,Ann again\n"
        ",Nobody\n"
        "a b@example.com,\n"
        '"evil@example.com\r\nBcc: all@example.com",\n'
        "Bcc: all@example.com,\n"
        "x@-bad-.com,\n"
        "bob@example.com,Bob\n",
    )
    result = load_csv(path)
    assert [r.address for r in result.recipients] == ["ann@example.com", "bob@example.com"]
    assert [(s.where, s.reason) for s in result.skipped] == [
        ("line 3", "invalid address"),
        ("line 4", "empty row"),
        ("line 5", "duplicate of line 2"),
        ("line 6", "no address"),
        ("line 7", "invalid address"),
        ("line 9", "invalid address"),
        ("line 10", "invalid address"),
        ("line 11", "invalid address"),
    ]
    assert all("evil" not in r.address for r in result.recipients)


def test_csv_without_email_column(tmp_path):
    with pytest.raises(InputError, match="no 'email' column"):
        load_csv(write(tmp_path, "name,address\nAnn,ann@example.com\n"))


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(InputError, match="no such file: recipients file"):
        load_csv(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="not UTF-8"):
        load_csv(write(tmp_path, "email,name\nz@example.com,Zoë\n", encoding="utf-16"))


def test_to_addresses_with_names_and_duplicates():
    result = from_addresses(["Ann <ann@example.com>", "ann@EXAMPLE.com", "bad"])
    assert [(r.name, r.address) for r in result.recipients] == [("Ann", "ann@example.com")]
    assert [s.reason for s in result.skipped] == ["duplicate of --to", "invalid address"]
