"""``maildigest init``: a working newsletter project in one step.

A newcomer gets a commented ``maildigest.toml``, an editable copy of the
built-in templates and a sample article, so ``maildigest build
sample-article.txt`` works at once and every knob is visible in one file.
Existing files are never replaced unless ``force`` is given, and the check
covers every file before any is written: a refusal leaves the folder as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from maildigest.config import CONFIG_FILE, SIZE_BUDGET
from maildigest.errors import ConfigError, InputError, OutputError
from maildigest.ingest import reading
from maildigest.outputs import prepare_folder, write_atomic
from maildigest.templates import default_template_dir

SAMPLE_SEED = "xiaomi-14-leica.txt"
SAMPLE_ARTICLE = "sample-article.txt"
TEMPLATE_FOLDER = "templates"

CONFIG_TEXT = f"""\
# maildigest settings for this newsletter project.
#
# Precedence, highest first: command-line options (e.g. --bullets 4), then
# MAILDIGEST_<KEY> environment variables (e.g. MAILDIGEST_BULLETS=4), then
# this file, then the built-in defaults. An unknown key or a wrong type is an
# error naming the key and this file. Reference: docs/reference/configuration.md.

# --- Who it is from, and what the inbox shows -------------------------------
# From address of every newsletter.
sender = "My Newsletter <newsletter@example.org>"
# Subject pattern for one article: {{title}}, {{date}} and {{brand}} are filled in.
subject = "{{brand}}: {{title}}"
# Subject pattern for several articles: also {{count}} and {{titles}}.
digest_subject = "{{brand}} — {{count}} stories: {{title}}"
# Inbox preview text; empty means the first bullet of the first article.
preheader = ""

# --- Brand ------------------------------------------------------------------
# Name in the header bar (and the logo's alt text).
brand_name = "My Newsletter"
# Absolute https URL of a logo image shown instead of the name; empty for none.
logo_url = ""
# Colours as #rrggbb: header bar and links, body text, page background.
brand_color = "#1d4ed8"
text_color = "#1f2937"
background_color = "#f3f4f6"

# --- Footer (bulk-mail law: a postal address and a way out) -----------------
# Postal address shown in the footer (CAN-SPAM requires one for bulk mail).
footer_address = "My Newsletter, 1 Example Street, Springfield"
# https URL (or mailto:) for the footer link and the List-Unsubscribe header;
# empty means a mailto to the sender.
unsubscribe_url = "https://example.org/unsubscribe"

# --- Content ----------------------------------------------------------------
# Key-point bullets per article (1-10).
bullets = 3
# Summary method: "extractive" (default, offline), "lead" or "llm".
method = "extractive"
# Include each article's full text under its bullets (budget permitting).
full_text = true
# From this many articles on, each story is a card: title, image, date and
# source, its key points and a "Read more" link, without the full text (0: never).
digest_from = 2

# --- The issue --------------------------------------------------------------
# Issue number in the header (0: none) and issue date, YYYY-MM-DD (empty: today).
# issue_number = 0
# issue_date = ""
# An editor's note in Markdown opening the issue, or a Markdown file holding it
# (relative to this file; it wins over editor_note).
# editor_note = ""
# editor_note_file = ""
# Where the issue's web.html will be online ({{number}} and {{date}} are filled
# in): adds "View in your browser" to the email and its text part.
# web_url = ""
# Public https URL of the `build --archive` folder: absolute links in its
# feed.xml, and web_url's default (the issue's archive page).
# archive_url = ""
# Pictures: "lead" (each story's lead image), "all" (also the figures in the
# full text) or "none". Remote https images only, never embedded.
images = "lead"
# Maximum bytes of HTML: Gmail clips messages over about 102 KB. Articles are
# shortened from the last one up to stay under it.
size_budget = {SIZE_BUDGET}
# CSS inliner: "premailer", or "css-inline" (faster; pip install css-inline).
# inliner = "premailer"
# Templates to edit, relative to this file. Delete any file you do not change:
# it then falls back to maildigest's own, which keeps up with upgrades.
template_dir = "{TEMPLATE_FOLDER}"
# Inputs larger than this many megabytes are refused.
max_input_mb = 20
# Most articles in one newsletter; a folder or feed giving more is refused.
max_articles = 100

# --- Folders, feeds and URLs (the defaults, commented out) ------------------
# Descend into the subfolders of folder inputs.
# recursive = false
# Only feed entries published on or after this date (YYYY-MM-DD); empty: all.
# since = ""
# At most this many entries per feed (0: all).
# limit = 0
# Order of a feed's entries: "newest", "oldest" or "feed" (as the feed lists them).
# feed_order = "newest"
# Leave out feed entries already built into a digest (remembered in state_file).
# new_only = false
# Where new_only remembers entries; empty: $XDG_STATE_HOME/maildigest/seen.json.
# state_file = ""
# Pages fetched at the same time (1-32), seconds per page, seconds for all the
# fetching of one build, and the largest page or feed fetched, in megabytes.
# concurrency = 4
# fetch_timeout = 20
# fetch_deadline = 120
# fetch_max_mb = 10

# --- Sending ----------------------------------------------------------------
# Where `maildigest send` delivers: smtp://user@host:587 (STARTTLS) or
# smtps://user@host:465. Never put the password here: set the
# MAILDIGEST_SMTP_PASSWORD environment variable instead.
smtp_url = "smtp://newsletter@smtp.example.org:587"

# --- Summaries by a language model (method = "llm"; defaults) ----------------
# An OpenAI-compatible endpoint and model, e.g. "https://api.openai.com/v1" and
# "gpt-4o-mini"; the API key is read from the variable named by llm_api_key_env.
# llm_url = ""
# llm_model = ""
# llm_api_key_env = "MAILDIGEST_LLM_API_KEY"
# Seconds to wait for the endpoint before falling back to "extractive".
# llm_timeout = 30
"""


@dataclass(frozen=True)
class Scaffold:
    """What ``init`` wrote, relative to ``folder``, so the CLI can list it."""

    folder: Path
    files: tuple[Path, ...]


def sample_article_source() -> Path:
    """The seed ships inside the wheel; an editable install reads the source tree's ``seeds/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds" / SAMPLE_SEED, here.parents[1] / "seeds" / SAMPLE_SEED):
        if candidate.is_file():
            return candidate
    raise InputError("maildigest's sample article is missing: reinstall the package")


def planned_files() -> dict[Path, Path | str]:
    """Every file ``init`` writes (relative path) -> its source file or its text."""
    templates = default_template_dir()
    plan: dict[Path, Path | str] = {
        Path(CONFIG_FILE): CONFIG_TEXT,
        Path(SAMPLE_ARTICLE): sample_article_source(),
    }
    for source in sorted(templates.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            plan[Path(TEMPLATE_FOLDER) / source.relative_to(templates)] = source
    return plan


def init_project(folder: Path | str = ".", *, force: bool = False) -> Scaffold:
    """Write a newsletter project into ``folder`` (created if needed).

    Raises ``ConfigError`` (exit 4) naming the first existing file when any
    file is already there and ``force`` is false, and ``OutputError`` (exit 5)
    when a folder stands where a file goes; nothing is written then.
    """
    root = Path(folder)
    plan = planned_files()
    existing = [path for path in plan if (root / path).exists()]
    blocked = next((path for path in existing if not (root / path).is_file()), None)
    if blocked is not None:
        raise OutputError(f"cannot write {root / blocked}: something other than a file is there")
    if existing and not force:
        more = f" (and {len(existing) - 1} more files)" if len(existing) > 1 else ""
        raise ConfigError(f"{root / existing[0]} already exists{more}; use --force to overwrite")
    contents = {
        relative: source.encode("utf-8") if isinstance(source, str) else _read(source)
        for relative, source in plan.items()
    }
    prepare_folder(root)
    for relative, data in contents.items():
        target = root / relative
        prepare_folder(target.parent)
        write_atomic(target, data)
    return Scaffold(folder=root, files=tuple(plan))


def _read(source: Path) -> bytes:
    with reading(str(source)):
        return source.read_bytes()
