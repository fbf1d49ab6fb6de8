"""The ``maildigest`` command: a thin shell over the library.

Each command parses options, calls one library function and prints the
result. ``MaildigestError`` and its children become one line on stderr and
their exit code (see the README's exit codes); nothing else is done here.
Heavy modules are imported inside the commands, so ``--help`` stays fast.

No ``from __future__ import annotations`` here: Typer reads every command's
annotations on each run, and as strings they would be evaluated again each
time (~7 ms of every command); evaluated once at import they cost nothing.
"""

import datetime as dt
import json
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from maildigest import __version__
from maildigest.errors import MaildigestError

INTERNAL_ERROR = 70
INTERRUPTED = 130


class MaildigestGroup(TyperGroup):
    """The command group: global flags (``-q``, ``-v``, ``--debug``) anywhere on
    the line, and option errors as one line with a pointer to ``--help``."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._globals_first(ctx, args))

    def _globals_first(self, ctx: typer.Context, args: list[str]) -> list[str]:
        """Move the global flags given after the command name in front of it; a
        value of the command's own options (``--subject -q``) stays where it is."""
        flags = {
            opt
            for param in self.params
            if getattr(param, "is_flag", False) and not param.is_eager
            for opt in param.opts
        }
        start = next((i for i, arg in enumerate(args) if not arg.startswith("-")), len(args))
        command = self.get_command(ctx, args[start]) if start < len(args) else None
        if command is None:
            return args
        takes_value = {
            opt
            for param in command.params
            if not getattr(param, "is_flag", True) and not getattr(param, "count", False)
            for opt in param.opts
        }
        moved, kept, rest = [], [], args[start + 1 :]
        index = 0
        while index < len(rest):
            arg = rest[index]
            if arg == "--":
                kept += rest[index:]
                break
            if arg in flags:
                moved.append(arg)
            else:
                kept.append(arg)
                if arg in takes_value and index + 1 < len(rest):
                    index += 1
                    kept.append(rest[index])
            index += 1
        return [*args[:start], *moved, args[start], *kept]

    def main(
        self, args: Sequence[str] | None = None, *, standalone_mode: bool = True, **kwargs: Any
    ) -> Any:
        given = sys.argv[1:] if args is None else args
        if not standalone_mode or not given:  # no arguments: the help, as Click shows it
            return super().main(args, standalone_mode=standalone_mode, **kwargs)
        try:
            status = super().main(args, standalone_mode=False, **kwargs)
        except typer.TyperException as exc:  # Click's usage and parameter errors
            context = getattr(exc, "ctx", None)
            hint = f" (see '{context.command_path} --help')" if context is not None else ""
            typer.echo(f"maildigest: error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("maildigest: aborted", err=True)
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)


app = typer.Typer(
    cls=MaildigestGroup,
    name="maildigest",
    help="Turn news articles into an email newsletter: clean, summarize, render, preview, send.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="\b\nExample: maildigest init my-news && cd my-news && maildigest build sample-article.txt",
)

_state = {"debug": False, "verbose": False, "quiet": False}


def _color() -> bool | None:
    """Colours only on a terminal (click decides), never when NO_COLOR is set (no-color.org)."""
    return False if os.environ.get("NO_COLOR") else None


def info(message: str) -> None:
    """A progress or result line on stdout; ``--quiet`` silences it, errors still show."""
    if not _state["quiet"]:
        typer.echo(message)


def detail(message: str) -> None:
    """An extra line on stderr shown only with ``--verbose``."""
    if _state["verbose"]:
        typer.echo(typer.style(message, dim=True), err=True, color=_color())


def warn(message: str) -> None:
    """A notice on stderr (e.g. the size budget shortened an article); ``--quiet`` keeps it."""
    typer.echo(typer.style(f"maildigest: {message}", fg="yellow"), err=True, color=_color())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"maildigest {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say more: settings file, files written.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only errors and warnings.")
    ] = False,
) -> None:
    if verbose and quiet:
        raise typer.BadParameter("use --verbose or --quiet, not both")
    _state.update(debug=debug, verbose=verbose, quiet=quiet)
    _route_logs(debug=debug, verbose=verbose)


def _route_logs(*, debug: bool, verbose: bool) -> None:
    """stderr carries maildigest's own lines only: its warnings read like the CLI's
    notices, and a failure stays one line. Other libraries' log records (e.g.
    trafilatura's "discarding data: None") and Python warnings show with
    ``--verbose`` (warnings) or ``--debug`` (everything), named by their logger."""
    _log_handler.filters[:] = [
        lambda record: debug or _ours(record) or (verbose and record.levelno >= logging.WARNING)
    ]
    root = logging.getLogger()
    root.addHandler(_log_handler)  # once: a handler already there is not added again
    root.setLevel(logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING)
    logging.captureWarnings(True)


def _ours(record: logging.LogRecord) -> bool:
    return record.name == "maildigest" or record.name.startswith("maildigest.")


class _StderrHandler(logging.Handler):
    """Log records as ``maildigest: …`` lines on whatever ``sys.stderr`` is now."""

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        line = f"maildigest: {text}" if _ours(record) else f"maildigest: [{record.name}] {text}"
        try:
            sys.stderr.write(line + "\n")
        except Exception:
            self.handleError(record)


_log_handler = _StderrHandler()


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and the right exit code."""
    try:
        yield
    except MaildigestError as exc:
        if _state["debug"]:
            traceback.print_exc()
        prefix = typer.style("maildigest: error:", fg="red", bold=True)
        typer.echo(f"{prefix} {exc}", err=True, color=_color())
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("maildigest: interrupted", err=True)
        raise typer.Exit(INTERRUPTED) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        if _state["debug"]:
            traceback.print_exc()
        typer.echo(
            f"maildigest: internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
            err=True,
        )
        raise typer.Exit(INTERNAL_ERROR) from None


class CleanFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        metavar="FILE",
        help="Settings file (default: ./maildigest.toml if present).",
        show_default=False,
    ),
]
BulletsOption = Annotated[
    int | None,
    typer.Option(
        "--bullets",
        "-n",
        min=1,
        max=10,
        metavar="N",
        help="Bullets per article [default: 3].",
        show_default=False,
    ),
]
SubjectOption = Annotated[
    str | None,
    typer.Option(
        metavar="TEXT",
        help="Subject line (or a pattern with {title}, {count}).",
        show_default=False,
    ),
]
SenderOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="ADDR",
        help="From address, e.g. 'News <news@example.com>'.",
        show_default=False,
    ),
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        metavar="DIR", help="Folder of templates overriding the built-in ones.", show_default=False
    ),
]
MethodOption = Annotated[
    str | None,
    typer.Option(
        "--method",
        metavar="NAME",
        help="Summary method: extractive, lead or llm [default: extractive].",
        show_default=False,
    ),
]
ImagesOption = Annotated[
    str | None,
    typer.Option(
        "--images",
        metavar="MODE",
        help="Pictures: lead (each story's lead image), all (also figures in the text) or none [default: lead].",
        show_default=False,
    ),
]
RecursiveOption = Annotated[
    bool | None,
    typer.Option(
        "--recursive", "-r", help="Descend into subfolders of folder inputs.", show_default=False
    ),
]
SinceOption = Annotated[
    dt.datetime | None,
    typer.Option(
        formats=["%Y-%m-%d"],
        metavar="DATE",
        help="Only feed entries from DATE (YYYY-MM-DD) on.",
        show_default=False,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        min=0, metavar="N", help="At most N entries per feed (0: all).", show_default=False
    ),
]
NewOnlyOption = Annotated[
    bool | None,
    typer.Option(
        "--new-only",
        help="Leave out feed entries built into an earlier digest.",
        show_default=False,
    ),
]
ConcurrencyOption = Annotated[
    int | None,
    typer.Option(
        min=1, max=32, metavar="N", help="Pages fetched at once [default: 4].", show_default=False
    ),
]


def _source_overrides(
    recursive: bool | None,
    since: dt.datetime | None,
    limit: int | None,
    new_only: bool | None,
    concurrency: int | None,
) -> dict[str, Any]:
    """Settings overrides from the folder/feed/URL options (``None``: not given)."""
    return {
        "recursive": recursive,
        "since": since.date().isoformat() if since else None,
        "limit": limit,
        "new_only": new_only,
        "concurrency": concurrency,
    }


def _settings(config: Path | None, **overrides: Any):  # -> Settings, imported lazily
    from maildigest.config import find_config_file, load_settings

    if _state["verbose"]:
        detail(f"settings file: {config or find_config_file() or 'none (defaults)'}")
    return load_settings(config, **overrides)


@app.command()
def build(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files (.txt, .md, .html), folders, RSS/Atom feeds (files or URLs), article URLs, or - for stdin.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="DIR", help="Folder for the output files.")
    ] = Path("out"),
    subject: SubjectOption = None,
    sender: SenderOption = None,
    bullets: BulletsOption = None,
    template: TemplateOption = None,
    method: MethodOption = None,
    images: ImagesOption = None,
    config: ConfigOption = None,
    recursive: RecursiveOption = None,
    since: SinceOption = None,
    limit: LimitOption = None,
    new_only: NewOnlyOption = None,
    concurrency: ConcurrencyOption = None,
    open_result: Annotated[
        bool, typer.Option("--open", help="Open newsletter.html in the default browser.")
    ] = False,
    digest_from: Annotated[
        int | None,
        typer.Option(
            min=0,
            metavar="N",
            help="Stories become cards (key points, Read more) from N articles on; 0: never [default: 2].",
            show_default=False,
        ),
    ] = None,
    issue: Annotated[
        int | None,
        typer.Option(min=0, metavar="N", help="Issue number for the header.", show_default=False),
    ] = None,
    note: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="Editor's note (Markdown) opening the issue.", show_default=False
        ),
    ] = None,
    web_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="Where web.html will be online: adds 'View in your browser'.",
            show_default=False,
        ),
    ] = None,
    archive: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Also add the issue to this static archive (index.html, feed.xml).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Build a newsletter from one or more articles.

    Writes newsletter.html, newsletter.txt, newsletter.eml, web.html and digest.json.

    Example: maildigest build seeds/xiaomi-14-leica.txt --out out
    """
    with reporting_errors():
        from maildigest.pipeline import build as build_newsletter

        settings = _settings(
            config,
            **_newsletter_overrides(subject, sender, bullets, method, template, images),
            **_source_overrides(recursive, since, limit, new_only, concurrency),
            digest_from=digest_from,
            issue_number=issue,
            editor_note_file=str(note) if note else None,
            web_url=web_url,
        )
        from maildigest.progress import terminal_progress

        result = build_newsletter(
            inputs,
            out_dir=out,
            settings=settings,
            progress=terminal_progress(),
            archive_dir=archive,
        )
        for notice in result.newsletter.notices:
            warn(notice)
        html_kb = len(result.newsletter.html.encode("utf-8")) / 1024
        count = len(result.newsletter.stories)
        for path in [*result.files.values(), *result.archived.values()]:
            detail(f"wrote {path}")
        info(
            f"Built {count} article(s) into {out}/ — newsletter.html ({html_kb:.1f} KB), newsletter.txt, newsletter.eml, web.html, digest.json"
        )
        if archive is not None:
            info(f"Added the issue to the archive in {archive}/ (index.html, feed.xml)")
        info(f"Subject: {result.newsletter.subject}")
        if open_result:
            from maildigest.preview import open_in_browser

            page = result.files["newsletter.html"].resolve().as_uri()
            if not open_in_browser(page):
                warn(f"could not open a browser; open {page} yourself")


@app.command()
def check(
    file: Annotated[
        Path, typer.Argument(help="An HTML email, e.g. out/newsletter.html.", show_default=False)
    ],
    json_output: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    budget: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="BYTES",
            help="Size budget in bytes [default: the size_budget setting].",
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Check email HTML before sending: exit 0 pass, 1 on a hard-rule failure.

    Example: maildigest check out/newsletter.html --json
    """
    with reporting_errors():
        from maildigest.check import check_file

        report = check_file(file, budget=budget or _settings(config).size_budget)
        if json_output:
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            typer.echo(report.to_text(), nl=False)
        if not report.ok:
            raise typer.Exit(1)


@app.command()
def clean(
    input: Annotated[
        str,
        typer.Argument(
            help="An article file (.txt, .md, .html) or - for stdin.", show_default=False
        ),
    ],
    format: Annotated[
        CleanFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CleanFormat.text,
    config: ConfigOption = None,
) -> None:
    """Print the clean article: title, date, author, link and paragraphs.

    Example: maildigest clean seeds/xiaomi-14-leica.txt --format json
    """
    with reporting_errors():
        from maildigest.formats import article_as
        from maildigest.pipeline import clean_article

        article = clean_article(input, settings=_settings(config))
        typer.echo(article_as(article, format.value), nl=False)


@app.command()
def summarize(
    input: Annotated[
        str,
        typer.Argument(
            help="An article file (.txt, .md, .html) or - for stdin.", show_default=False
        ),
    ],
    bullets: BulletsOption = None,
    format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SummaryFormat.text,
    method: MethodOption = None,
    config: ConfigOption = None,
) -> None:
    """Print the article's key points as bullets.

    Example: maildigest summarize seeds/xiaomi-14-leica.txt --bullets 3
    """
    with reporting_errors():
        from maildigest.pipeline import clean_article, summarize_article

        settings = _settings(config, bullets=bullets, method=method)
        article = clean_article(input, settings=settings)
        summary = summarize_article(article, settings=settings)
        if format is SummaryFormat.json:
            payload = {"title": article.title, "bullets": summary.texts}
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for text in summary.texts:
                typer.echo(f"- {text}")


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(help="Folder for the new project (created if needed).", metavar="DIR"),
    ] = Path("."),
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files that already exist.")
    ] = False,
) -> None:
    """Start a newsletter project: maildigest.toml, templates/ and a sample article.

    Never overwrites an existing file unless --force is given (exit 4).

    \b
    Example: maildigest init my-news && cd my-news && maildigest build sample-article.txt
    """
    with reporting_errors():
        import shlex

        from maildigest.scaffold import SAMPLE_ARTICLE, init_project

        scaffold = init_project(folder, force=force)
        for path in scaffold.files:
            detail(f"wrote {scaffold.folder / path}")
        info(f"Created a newsletter project in {scaffold.folder}/ ({len(scaffold.files)} files).")
        where = "" if scaffold.folder == Path(".") else f"cd {shlex.quote(str(folder))} && "
        info(f"Next: edit maildigest.toml, then {where}maildigest build {SAMPLE_ARTICLE}")


class TlsChoice(StrEnum):
    auto = "auto"
    starttls = "starttls"
    ssl = "ssl"
    none = "none"


@app.command()
def send(
    source: Annotated[
        Path,
        typer.Argument(
            help="A build folder (newsletter.eml…) or an .eml file.",
            metavar="DIR_OR_EML",
            show_default=False,
        ),
    ],
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            metavar="ADDR",
            help="One recipient per flag (repeat for more).",
            show_default=False,
        ),
    ] = None,
    recipients: Annotated[
        Path | None,
        typer.Option(
            "--recipients",
            metavar="FILE.csv",
            help="CSV with an 'email' column (+ any fields).",
            show_default=False,
        ),
    ] = None,
    smtp_url: Annotated[
        str | None,
        typer.Option(
            "--smtp-url",
            metavar="URL",
            help="smtp[s]://[user@]host[:port] (or MAILDIGEST_SMTP_URL); password only from MAILDIGEST_SMTP_PASSWORD.",
            show_default=False,
        ),
    ] = None,
    tls: Annotated[
        TlsChoice, typer.Option(help="auto: STARTTLS, required off loopback; ssl: port 465.")
    ] = TlsChoice.auto,
    ca_file: Annotated[
        Path | None,
        typer.Option(
            "--ca-file",
            metavar="FILE",
            help="Also trust this CA (PEM), e.g. a private CA.",
            show_default=False,
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ADDR",
            help="From address [default: the built message's].",
            show_default=False,
        ),
    ] = None,
    unsubscribe_url: Annotated[
        str | None,
        typer.Option(
            "--unsubscribe-url",
            metavar="URL",
            help="https URL and/or mailto: for List-Unsubscribe [default: setting unsubscribe_url].",
            show_default=False,
        ),
    ] = None,
    rate: Annotated[
        float, typer.Option(min=0, metavar="N", help="Messages per second (0: unlimited).")
    ] = 10.0,
    concurrency: Annotated[
        int, typer.Option(min=1, max=64, metavar="N", help="Parallel SMTP connections.")
    ] = 1,
    timeout: Annotated[
        float, typer.Option(min=0.1, metavar="SECONDS", help="Seconds to wait for the server.")
    ] = 30.0,
    max_attempts: Annotated[
        int,
        typer.Option(min=1, metavar="N", help="Tries per recipient on 4xx or lost connections."),
    ] = 5,
    retry_delay: Annotated[
        float,
        typer.Option(
            min=0, metavar="SECONDS", help="First back-off in seconds (doubles each try)."
        ),
    ] = 2.0,
    resend_in_doubt: Annotated[
        bool, typer.Option("--resend-in-doubt", help="Send again to recipients left in doubt.")
    ] = False,
    durable: Annotated[
        bool,
        typer.Option("--durable", help="fsync the journal at every message (power-loss safe)."),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Write each recipient's .eml instead of sending (same checks)."
        ),
    ] = False,
    allow_defaults: Annotated[
        bool,
        typer.Option(
            "--allow-defaults",
            help="Send even from an example domain (the default sender) or without an unsubscribe target.",
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Folder for --dry-run files [default: DIR/dry-run].",
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Send the newsletter, one message per recipient, through your SMTP service.

    Re-running the same command resumes from send-journal.sqlite beside the input.

    \b
    Example: MAILDIGEST_SMTP_PASSWORD=… maildigest send out --recipients list.csv --smtp-url smtp://me@smtp.example.com
    """
    with reporting_errors():
        from maildigest.send import dry_run as write_dry_run
        from maildigest.send import send_newsletter, send_options
        from maildigest.send.progress import Progress
        from maildigest.send.recipients import choose
        from maildigest.send.transport import TlsMode

        people = choose(to or [], recipients)
        for skipped in people.skipped:
            warn(str(skipped))
        options = send_options(
            _settings(config),
            smtp_url=smtp_url,
            tls=TlsMode(tls.value),
            ca_file=ca_file,
            sender=sender,
            unsubscribe=unsubscribe_url,
            allow_defaults=allow_defaults,
            rate=rate,
            concurrency=concurrency,
            timeout=timeout,
            max_attempts=max_attempts,
            retry_delay=retry_delay,
            resend_in_doubt=resend_in_doubt,
            durable=durable,
        )
        if dry_run:
            folder = out or (source if source.is_dir() else source.parent) / "dry-run"
            for line in write_dry_run(source, people, options, folder).lines():
                info(line)
            return
        progress = Progress(sys.stderr)
        try:
            report = send_newsletter(source, people, options, on_event=progress)
        finally:
            progress.finish()
        for line in report.lines():
            info(line)
        if report.interrupted:
            typer.echo("maildigest: interrupted; re-run the same command to resume", err=True)
        raise typer.Exit(report.exit_code)


def _newsletter_overrides(
    subject: str | None,
    sender: str | None,
    bullets: int | None,
    method: str | None,
    template: Path | None,
    images: str | None = None,
) -> dict[str, Any]:
    """Settings overrides from the options that shape the newsletter (``None``: not given)."""
    overrides: dict[str, Any] = {
        "sender": sender,
        "bullets": bullets,
        "method": method,
        "images": images,
        "template_dir": str(template) if template else None,
    }
    if subject is not None:
        overrides.update(subject=subject, digest_subject=subject)
    return overrides


@app.command()
def preview(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files (.txt, .md, .html), folders, RSS/Atom feeds (files or URLs) or article URLs.",
            show_default=False,
        ),
    ],
    port: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=65535,
            metavar="N",
            help="Port to listen on (0: any free one) [default: 8765, or a free one if taken].",
            show_default=False,
        ),
    ] = None,
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDR",
            help="Address to listen on; anything but loopback is reachable by others.",
        ),
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the preview in the default browser.")
    ] = True,
    subject: SubjectOption = None,
    sender: SenderOption = None,
    bullets: BulletsOption = None,
    template: TemplateOption = None,
    method: MethodOption = None,
    images: ImagesOption = None,
    config: ConfigOption = None,
    recursive: RecursiveOption = None,
    since: SinceOption = None,
    limit: LimitOption = None,
    new_only: NewOnlyOption = None,
    concurrency: ConcurrencyOption = None,
) -> None:
    """Serve a live preview: rebuilds when an input, template or setting changes.

    Phone/desktop widths, light/dark, plain text, headers and check results;
    the page reloads itself after each rebuild. Ctrl-C stops it.

    Example: maildigest preview seeds/xiaomi-14-leica.txt --template templates
    """
    with reporting_errors():
        from maildigest.preview import PreviewServer, Project, serve

        project = Project(
            inputs,
            config=config,
            overrides={
                **_newsletter_overrides(subject, sender, bullets, method, template, images),
                **_source_overrides(recursive, since, limit, new_only, concurrency),
            },
        )
        server = PreviewServer(
            project, host=host, port=port, log=lambda line: typer.echo(line, err=True)
        )
        serve(server, open_browser=open_browser, echo=info)


def main() -> NoReturn:
    """The process entry point (``maildigest``, ``python -m maildigest``): run the
    command and exit with its status. Call ``app`` instead to stay in-process."""
    status: object = 0
    try:
        try:
            app(prog_name="maildigest")  # standalone mode: ends in SystemExit
        except SystemExit as done:
            status = done.code
        sys.stdout.flush()  # now, while a reader that went away can still be handled
    except BrokenPipeError:  # e.g. `maildigest clean x | head`
        # Python's recipe (signal docs, "Note on SIGPIPE"): stdout goes to devnull so
        # the flush at exit cannot fail again and print a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(status)
