"""End to end through the library: the seed in, four files out."""

from __future__ import annotations

import email
import email.policy
import io
import json
from pathlib import Path

import pytest

import maildigest
from maildigest.config import Settings
from maildigest.errors import InputError, NoContentError, OutputError

SEED_TITLE = "Leica collaboration confirmed: Xiaomi 14 series hits the stage in October"


@pytest.fixture
def built(seed: Path, tmp_path: Path) -> Path:
    maildigest.build([seed], out_dir=tmp_path / "out", settings=Settings())
    return tmp_path / "out"


def test_build_writes_the_five_outputs_and_their_record_and_nothing_else(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir()) == [
        "build.json",
        "digest.json",
        "newsletter.eml",
        "newsletter.html",
        "newsletter.txt",
        "web.html",
    ]


def test_digest_json_has_the_documented_shape(built: Path) -> None:
    digest = json.loads((built / "digest.json").read_text("utf-8"))
    assert set(digest) == {"subject", "preheader", "articles"}
    (article,) = digest["articles"]
    assert set(article) == {
        "title", "date", "author", "source_url", "paragraphs", "image", "blocks", "bullets"
    }  # fmt: skip
    assert article["title"] == SEED_TITLE
    assert article["date"] == "2023-10-19"
    assert len(article["paragraphs"]) == 8
    assert 2 <= len(article["bullets"]) <= 5
    assert digest["subject"] == SEED_TITLE
    assert digest["preheader"]


def test_eml_is_multipart_alternative_with_required_headers(built: Path) -> None:
    message = email.message_from_bytes(
        (built / "newsletter.eml").read_bytes(), policy=email.policy.default
    )
    for header in ("From", "Subject", "Date", "Message-ID", "MIME-Version"):
        assert message[header], header
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert SEED_TITLE in html and SEED_TITLE in text
    # the .eml uses CRLF line ends, as RFC 5322 requires
    on_disk = (built / "newsletter.html").read_text("utf-8")
    assert html.replace("\r\n", "\n").rstrip("\n") == on_disk.rstrip("\n")


def test_plain_text_is_wrapped_at_78_columns(built: Path) -> None:
    text = (built / "newsletter.txt").read_text("utf-8")
    long_lines = [line for line in text.splitlines() if len(line) > 78 and "://" not in line]
    assert long_lines == []
    assert "2023" in text and "* " in text


def test_same_input_gives_byte_identical_files(seed: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        maildigest.build([seed], out_dir=tmp_path / name, settings=Settings())
    for name in ("newsletter.html", "newsletter.txt", "digest.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_several_inputs_give_one_section_each_in_the_order_given(
    seed: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.md"
    other.write_text(
        "---\ntitle: Harbour ferry returns after winter repairs\ndate: 2024-03-02\n---\n\n"
        "The harbour ferry resumed its crossings on Saturday after three months of repairs to its "
        "hull and engines.\n\nThe operator said timetables would match last summer's, with extra "
        "evening sailings from June.\n",
        "utf-8",
    )
    result = maildigest.build([other, seed], out_dir=tmp_path / "out", settings=Settings())
    titles = [a["title"] for a in result.newsletter.digest()["articles"]]
    assert titles == ["Harbour ferry returns after winter repairs", SEED_TITLE]
    html = result.newsletter.html
    assert html.index("Harbour ferry") < html.index("Leica collaboration")


def test_dash_reads_stdin(seed: Path) -> None:
    article = maildigest.clean_article("-", stdin=io.BytesIO(seed.read_bytes()))
    assert article.title == SEED_TITLE
    assert article.origin == "<stdin>"


def test_no_content_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("Share this article\nSubscribe to our newsletter\n", "utf-8")
    with pytest.raises(NoContentError, match="no article content found in"):
        maildigest.build([junk], out_dir=tmp_path / "out", settings=Settings())
    assert list((tmp_path / "out").iterdir()) == []


def test_missing_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        maildigest.clean_article(tmp_path / "absent.txt")


def test_output_path_that_is_a_file_is_refused_before_any_work(seed: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", "utf-8")
    with pytest.raises(OutputError):
        maildigest.build([seed], out_dir=blocker / "sub", settings=Settings())
    assert blocker.read_text("utf-8") == "not a folder"
