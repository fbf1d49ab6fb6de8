"""``maildigest send`` through Typer's CliRunner: exit codes, messages, dry runs."""

from __future__ import annotations

import email
import email.policy
import io

import pytest
from typer.testing import CliRunner

from maildigest.cli import app
from maildigest.outputs import write_set
from maildigest.send.progress import Progress
from maildigest.send.runner import Event

runner = CliRunner()
UNSUBSCRIBE = "mailto:leave@weekly-news.net"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for key in ("MAILDIGEST_SMTP_URL", "MAILDIGEST_SMTP_PASSWORD", "MAILDIGEST_FOOTER_ADDRESS"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("MAILDIGEST_UNSUBSCRIBE_URL", UNSUBSCRIBE)  # a finished set-up
    monkeypatch.chdir(tmp_path)  # no maildigest.toml around


def send(*args: str):
    return runner.invoke(app, ["send", *args, "--rate", "0", "--retry-delay", "0.01"])


def test_sends_and_prints_one_line_per_recipient_then_a_summary(server, newsletter):
    result = send(str(newsletter), "--to", "a@example.com", "--to", "b@example.com",
                  "--smtp-url", server.url())  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "[1/2] accepted a@example.com" in result.stderr
    assert "[2/2] accepted b@example.com" in result.stderr
    assert result.stdout.startswith("2/2 accepted; journal: ")
    assert sorted(server.sink.received()) == ["a@example.com", "b@example.com"]


def test_permanent_failures_exit_1_and_are_listed(server, newsletter):
    server.sink.rcpt_replies = {"gone@example.com": "550 5.1.1 mailbox unavailable"}
    result = send(str(newsletter), "--to", "a@example.com", "--to", "gone@example.com",
                  "--smtp-url", server.url())  # fmt: skip
    assert result.exit_code == 1
    assert "failed: gone@example.com: 550 5.1.1 mailbox unavailable" in result.stdout


def test_smtp_url_from_environment_and_bad_rows_reported(server, newsletter, tmp_path, monkeypatch):
    monkeypatch.setenv("MAILDIGEST_SMTP_URL", server.url())
    csv = tmp_path / "people.csv"
    csv.write_text("email,name\nann@example.com,Ann\nnope,X\nANN@example.com,Dup\n")
    result = send(str(newsletter / "newsletter.eml"), "--recipients", str(csv))
    assert result.exit_code == 0, result.output
    assert "maildigest: skipped line 3: 'nope': invalid address" in result.stderr
    assert "maildigest: skipped line 4: 'ANN@example.com': duplicate of line 2" in result.stderr
    assert server.sink.received() == ["ann@example.com"]


def test_auth_failure_exits_7_without_leaking_the_password(
    start_server, newsletter, credentials, monkeypatch
):
    server = start_server(auth=True)
    monkeypatch.setenv("MAILDIGEST_SMTP_PASSWORD", "Not-The-Password-42")
    result = send(str(newsletter), "--to", "a@example.com", "--smtp-url",
                  server.url(user=credentials[0]))  # fmt: skip
    assert result.exit_code == 7
    assert "authentication as mailer failed: 535" in result.stderr
    assert "Not-The-Password-42" not in result.output


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        ([], 4, "give either --to ADDR"),
        (["--to", "a@example.com", "--recipients", "x.csv"], 4, "give either --to ADDR"),
        (["--to", "a@example.com"], 4, "no SMTP server"),
        (
            ["--to", "a@example.com", "--smtp-url", "smtp://u:hunter2@h"],
            4,
            "must not contain a password",
        ),
        (
            ["--to", "a@example.com", "--smtp-url", "smtp://u@127.0.0.1:1"],
            4,
            "set MAILDIGEST_SMTP_PASSWORD",
        ),
        (["--to", "nope", "--smtp-url", "smtp://127.0.0.1:1"], 4, "no valid recipients"),
        (["--recipients", "missing.csv"], 3, "no such file: recipients file"),
    ],
)
def test_configuration_errors(newsletter, args, code, fragment):
    result = send(str(newsletter), *args)
    assert result.exit_code == code, result.output
    assert fragment in result.stderr and "hunter2" not in result.output
    assert "Traceback" not in result.output


def test_missing_input_is_an_input_error(tmp_path):
    result = send(
        str(tmp_path / "nothing"), "--to", "a@example.com", "--smtp-url", "smtp://127.0.0.1:1"
    )
    assert result.exit_code == 3 and "no such file or folder" in result.stderr


def test_dry_run_of_a_real_build_writes_personal_messages(seed, tmp_path, monkeypatch):
    monkeypatch.setenv(
        "MAILDIGEST_UNSUBSCRIBE_URL", "https://example.org/u?e={{ recipient.email }}"
    )
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(seed), "--out", str(out)])
    assert built.exit_code == 0, built.output
    csv = tmp_path / "people.csv"
    csv.write_text("email,name\nann+news@example.com,Ann\nbob@example.org,\n")
    refused = send(str(out), "--recipients", str(csv), "--dry-run")
    assert refused.exit_code == 4 and "digest@example.com is at an example domain" in refused.stderr
    result = send(str(out), "--recipients", str(csv), "--dry-run", "--allow-defaults")
    assert result.exit_code == 0, result.output
    files = sorted((out / "dry-run").glob("*.eml"))
    assert [f.name for f in files] == ["0001-ann_news@example.com.eml", "0002-bob@example.org.eml"]
    ann = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert ann["To"] == "Ann <ann+news@example.com>"
    assert ann["List-Unsubscribe"] == "<https://example.org/u?e=ann%2Bnews@example.com>"
    assert ann["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = ann.get_body(("html",)).get_content()
    assert "https://example.org/u?e=ann%2Bnews@example.com" in html
    assert "recipient." not in html
    assert (
        "https://example.org/u?e=ann%2Bnews@example.com" in ann.get_body(("plain",)).get_content()
    )
    assert not (out / "send-journal.sqlite").exists()


def test_progress_bar_on_a_terminal():
    """The rich bar counts messages; a message not accepted is printed above it."""
    stream = io.StringIO()
    progress = Progress(stream, terminal=True)
    progress(Event("accepted", "a@example.com", todo=2))
    shown = stream.getvalue()
    progress(Event("failed", "b@example.com", "550 no such user", todo=2))
    progress.finish()
    out = stream.getvalue()
    assert "Sending" in shown and "0/2" in shown
    assert "failed: b@example.com: 550 no such user\n" in out
    assert "(1 not accepted)" in out and "2/2" in out
    assert progress.done == 2


def test_progress_lines_in_logs_and_pipes():
    stream = io.StringIO()
    progress = Progress(stream, terminal=False)
    progress(Event("accepted", "a@example.com", todo=2))
    progress(Event("failed", "b@example.com", "550 no such user", todo=2))
    progress.finish()
    assert stream.getvalue() == (
        "[1/2] accepted a@example.com\n[2/2] failed b@example.com: 550 no such user\n"
    )


def test_folder_without_eml_uses_the_html_text_and_digest_files(tmp_path):
    folder = tmp_path / "built"
    files = {
        "newsletter.html": b"<p>Hi {{ recipient.name | default(&quot;you&quot;) }}</p>",
        "newsletter.txt": b"Hi {{ recipient.name }}\n",
        "digest.json": b'{"subject": "Loose files", "articles": []}',
    }
    write_set(folder, files)
    no_sender = send(str(folder), "--to", "Ann <ann@example.com>", "--dry-run")
    assert no_sender.exit_code == 4 and "the input has no From header" in no_sender.stderr
    result = send(str(folder), "--to", "Ann <ann@example.com>", "--dry-run",
                  "--from", "News <news@weekly-news.net>")  # fmt: skip
    assert result.exit_code == 0, result.output
    (eml,) = (folder / "dry-run").glob("*.eml")
    parsed = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert (parsed["Subject"], parsed["From"]) == ("Loose files", "News <news@weekly-news.net>")
    assert parsed.get_body(("html",)).get_content().strip() == "<p>Hi Ann</p>"
    assert parsed.get_body(("plain",)).get_content().strip() == "Hi Ann"


def test_folder_without_a_newsletter(tmp_path):
    result = send(str(tmp_path), "--to", "a@example.com", "--dry-run")
    assert result.exit_code == 3 and "run maildigest build first" in result.stderr


def test_dry_run_fails_where_the_real_send_fails(server, newsletter):
    for mode in (["--dry-run"], ["--smtp-url", server.url()]):
        result = send(str(newsletter), "--to", "not-an-email", *mode)
        assert result.exit_code == 4 and "no valid recipients" in result.stderr, result.output
    assert not (newsletter / "dry-run").exists() and server.sink.received() == []


def test_to_takes_one_address_per_flag_and_says_so(newsletter):
    result = send(str(newsletter), "--to", "a@example.com,b@example.com", "--dry-run")
    assert result.exit_code == 4
    assert "--to takes one address per flag" in result.stderr


def test_dry_run_says_what_it_replaced_and_removed(newsletter):
    first = send(str(newsletter), "--to", "a@example.com", "--to", "b@example.com", "--dry-run")
    assert first.exit_code == 0 and "replaced" not in first.stdout
    (newsletter / "dry-run" / "notes.txt").write_text("mine")
    again = send(str(newsletter), "--to", "a@example.com", "--dry-run")
    assert again.exit_code == 0, again.output
    assert "replaced 1 and removed 1 file(s) of an earlier dry run" in again.stdout
    left = sorted(p.name for p in (newsletter / "dry-run").iterdir())
    assert left == ["0001-a@example.com.eml", "notes.txt"]  # only the dry run's own files go
    other = send(str(newsletter), "--to", "c@example.com", "--dry-run")
    assert "removed 1 file(s) of an earlier dry run" in other.stdout


@pytest.mark.parametrize(
    ("args", "env", "setting"),
    [
        (["--from", "News <news@example.com>"], {}, "setting sender"),
        (["--from", "News <news@lists.example>"], {}, "setting sender"),
        (["--from", "News <news@mail.test>"], {}, "setting sender"),
        ([], {"MAILDIGEST_UNSUBSCRIBE_URL": ""}, "setting unsubscribe_url"),
    ],
)
def test_defaults_are_refused_unless_allowed(server, newsletter, monkeypatch, args, env, setting):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    for mode in (["--dry-run"], ["--smtp-url", server.url()]):
        refused = send(str(newsletter), "--to", "a@example.com", *args, *mode)
        assert refused.exit_code == 4, refused.output
        (line,) = refused.stderr.strip().splitlines()
        assert setting in line and "--allow-defaults" in line
    allowed = send(str(newsletter), "--to", "a@example.com", *args, "--smtp-url", server.url(),
                   "--allow-defaults")  # fmt: skip
    assert allowed.exit_code == 0, allowed.output
    assert server.sink.received() == ["a@example.com"]


def test_a_missing_postal_address_is_a_warning(server, newsletter, monkeypatch):
    result = send(str(newsletter), "--to", "a@example.com", "--smtp-url", server.url())
    assert result.exit_code == 0
    assert "maildigest: no postal address (setting footer_address)" in result.stderr
    monkeypatch.setenv("MAILDIGEST_FOOTER_ADDRESS", "1 Main St, Springfield")
    quiet = send(str(newsletter), "--to", "b@example.com", "--smtp-url", server.url())
    assert "postal address" not in quiet.stderr


def test_a_folder_whose_files_are_not_one_build_is_refused(server, newsletter):
    eml = newsletter / "newsletter.eml"
    eml.write_bytes(eml.read_bytes().replace(b"One point.", b"Edited point."))
    for mode in (["--dry-run"], ["--smtp-url", server.url()]):
        result = send(str(newsletter), "--to", "a@example.com", *mode)
        assert result.exit_code == 3
        assert "newsletter.eml does not belong to the build" in result.stderr
    assert server.sink.received() == []
