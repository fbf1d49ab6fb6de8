"""Settings and where they come from.

Precedence, highest first: command-line options > ``MAILDIGEST_*`` environment
variables > ``maildigest.toml`` in the current folder (or ``--config``, or
``[tool.maildigest]`` in ``pyproject.toml``) > the defaults below.
"""

from __future__ import annotations

import datetime as dt
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from maildigest.errors import ConfigError

CONFIG_FILE = "maildigest.toml"
ENV_PREFIX = "MAILDIGEST_"
IMAGE_MODES = ("lead", "all", "none")
GMAIL_CLIP_BYTES = 102 * 1024
"""Gmail shows a message with more HTML than this clipped, its unsubscribe link hidden."""
SIZE_BUDGET = 100_000
"""The default ``size_budget``: under ``GMAIL_CLIP_BYTES`` with room to spare."""


@dataclass(frozen=True)
class Settings:
    """Every setting, with its default. Each field is also a ``maildigest.toml`` key."""

    sender: str = "maildigest <digest@example.com>"
    """From address of the newsletter."""
    subject: str = "{title}"
    """Subject pattern for one article: ``{title}``, ``{date}``, ``{brand}``."""
    digest_subject: str = "{brand} digest — {count} stories: {title}"
    """Subject pattern for several articles: also ``{count}`` and ``{titles}``."""
    preheader: str = ""
    """Inbox preview text; empty means the first bullet."""
    brand_name: str = "maildigest"
    logo_url: str = ""
    """Absolute https URL of a logo image (optional)."""
    brand_color: str = "#1d4ed8"
    text_color: str = "#1f2937"
    background_color: str = "#f3f4f6"
    footer_address: str = ""
    """Postal address shown in the footer (required by CAN-SPAM for bulk mail)."""
    unsubscribe_url: str = ""
    """https URL or mailto: used for the footer link and List-Unsubscribe."""
    bullets: int = 3
    method: str = "extractive"
    """Summary method: extractive, lead or llm."""
    full_text: bool = True
    """Include each article's full text under its bullets (budget permitting)."""
    digest_from: int = 2
    """From this many articles on, each story is a card (image, key points, "Read more")
    without its full text; 0: never. A single article keeps its full text by default."""
    issue_number: int = 0
    """Issue number shown in the header (0: none)."""
    issue_date: str = ""
    """Issue date shown in the header, YYYY-MM-DD (empty: today)."""
    editor_note: str = ""
    """An editor's note in Markdown that opens the issue."""
    editor_note_file: str = ""
    """A Markdown file holding the editor's note (wins over ``editor_note``)."""
    web_url: str = ""
    """https URL of this issue's web version, linked as "View in your browser";
    ``{number}`` and ``{date}`` are filled in. Empty with ``archive_url`` set: the archive page."""
    archive_url: str = ""
    """Public https URL of the ``build --archive`` folder: absolute links in its feed.xml."""
    images: str = "lead"
    """Pictures in the email: lead (each story's lead image), all (also the figures
    in the full text) or none. Always remote https images, never embedded."""
    size_budget: int = SIZE_BUDGET
    """Maximum bytes of HTML; Gmail clips messages over about 102 KB."""
    inliner: str = "premailer"
    """CSS inliner: premailer, or css-inline (faster; needs ``pip install css-inline``)."""
    template_dir: str = ""
    """Folder of templates overriding the built-in ones file by file."""
    max_input_mb: int = 20
    max_articles: int = 100
    """Most articles in one newsletter; a folder or feed giving more is refused."""
    recursive: bool = False
    """Descend into the subfolders of folder inputs."""
    since: str = ""
    """Only feed entries published on or after this date (YYYY-MM-DD)."""
    limit: int = 0
    """At most this many entries per feed (0: all)."""
    feed_order: str = "newest"
    """Order of a feed's entries: newest, oldest, or feed (as the feed lists them)."""
    new_only: bool = False
    """Leave out feed entries already built into a digest (recorded in ``state_file``)."""
    state_file: str = ""
    """Seen-entries state for ``new_only``; empty: $XDG_STATE_HOME/maildigest/seen.json."""
    concurrency: int = 4
    """Pages fetched at the same time (1-32)."""
    fetch_timeout: int = 20
    """Seconds per fetched page."""
    fetch_deadline: int = 120
    """Seconds for all the fetching of one build."""
    fetch_max_mb: int = 10
    """Largest page or feed fetched."""
    smtp_url: str = ""
    """smtp[s]://user@host:port (no password: use MAILDIGEST_SMTP_PASSWORD)."""
    llm_url: str = ""
    """Base URL of an OpenAI-compatible API for ``method = "llm"``."""
    llm_model: str = ""
    llm_api_key_env: str = "MAILDIGEST_LLM_API_KEY"
    """Name of the environment variable that holds the LLM API key."""
    llm_timeout: int = 30
    """Seconds to wait for the LLM endpoint before falling back to ``extractive``."""

    def __post_init__(self) -> None:
        if self.images not in IMAGE_MODES:
            raise ConfigError(
                f"images must be one of {', '.join(IMAGE_MODES)}, not {self.images!r}"
            )

    def with_overrides(self, **overrides: Any) -> Settings:
        """Apply CLI options; ``None`` means the option was not given."""
        given = {key: value for key, value in overrides.items() if value is not None}
        return replace(self, **_validated(given, "command line")) if given else self


def _field_types() -> dict[str, type]:
    hints = typing.get_type_hints(Settings)
    return {f.name: hints[f.name] for f in fields(Settings)}


def _validated(values: Mapping[str, Any], where: str) -> dict[str, Any]:
    types_by_name = _field_types()
    result: dict[str, Any] = {}
    for key, value in values.items():
        expected = types_by_name.get(key)
        if expected is None:
            known = ", ".join(sorted(types_by_name))
            raise ConfigError(f"unknown setting {key!r} in {where} (known: {known})")
        result[key] = _coerce(key, value, expected, where)
    return result


def _coerce(key: str, value: Any, expected: type, where: str) -> Any:
    if isinstance(expected, types.UnionType):
        expected = next(t for t in typing.get_args(expected) if t is not type(None))
    if isinstance(value, str) and expected is not str:
        value = _parse_env_value(key, value, expected, where)
    if (expected is int and isinstance(value, bool)) or not isinstance(value, expected):
        raise ConfigError(
            f"setting {key!r} in {where} must be {expected.__name__}, not {type(value).__name__}"
        )
    return value


def _parse_env_value(key: str, value: str, expected: type, where: str) -> Any:
    if expected is bool:
        lowered = value.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
    elif expected is int:
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise ConfigError(f"setting {key!r} in {where} must be {expected.__name__}, not {value!r}")


def date_setting(key: str, value: str, example: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` setting as a date (None when empty), else a one-line ``ConfigError``."""
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"{key} must be a date like {example}, not {value!r}") from None


def read_config_file(path: Path) -> dict[str, Any]:
    import tomllib  # only when there is a file: most runs have none

    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("maildigest", {})
    return data


def find_config_file(cwd: Path | None = None) -> Path | None:
    folder = cwd or Path.cwd()
    own = folder / CONFIG_FILE
    if own.is_file():
        return own
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and read_config_file(pyproject):
        return pyproject
    return None


def load_settings(
    config: Path | str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    **overrides: Any,
) -> Settings:
    """Settings from defaults, the config file, the environment and ``overrides``."""
    settings = Settings()
    path = Path(config) if config else find_config_file(cwd)
    if path is not None:
        settings = replace(settings, **_validated(read_config_file(path), str(path)))
        for key in ("template_dir", "editor_note_file"):
            value = getattr(settings, key)
            if value and not Path(value).is_absolute():
                # a folder or file named in a config file is relative to that file
                settings = replace(settings, **{key: str(path.parent / value)})
    environ = os.environ if env is None else env
    known = {f.name for f in fields(Settings)}
    from_env = {
        key[len(ENV_PREFIX) :].lower(): value
        for key, value in environ.items()
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX) :].lower() in known
    }
    if from_env:
        settings = replace(settings, **_validated(from_env, "environment"))
    return settings.with_overrides(**overrides)
