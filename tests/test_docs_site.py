"""The documentation site's references cannot drift from the code.

``mkdocs build --strict`` (run by ``.ci/run`` with the ``docs`` extra) checks
links and pages; these tests check what MkDocs cannot know: every setting is
in the configuration reference with its real type and default, the command
reference holds the program's current ``--help``, and every page is in the nav.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
import typing
from pathlib import Path

import pytest

from doc_examples import DOCS, ROOT
from maildigest.config import ENV_PREFIX, Settings

TYPE_NAMES = {str: "text", int: "integer", bool: "boolean"}
ROW = re.compile(r"^\| `(\w+)` \| (\w+) \| ([^|]*) \| ([^|]*) \|", re.MULTILINE)


def configuration_rows() -> dict[str, tuple[str, str, str]]:
    text = (DOCS / "reference" / "configuration.md").read_text("utf-8")
    return {
        key: (kind, default.strip(), env.strip()) for key, kind, default, env in ROW.findall(text)
    }


def test_configuration_reference_names_every_setting() -> None:
    rows = configuration_rows()
    names = {field.name for field in dataclasses.fields(Settings)}
    assert names <= set(rows), f"not in the configuration reference: {sorted(names - set(rows))}"
    assert set(rows) <= names, f"documented but unknown: {sorted(set(rows) - names)}"


@pytest.mark.parametrize("field", dataclasses.fields(Settings), ids=lambda f: f.name)
def test_configuration_reference_gives_type_default_and_variable(field: dataclasses.Field) -> None:
    kind, default, env = configuration_rows()[field.name]
    hint = typing.get_type_hints(Settings)[field.name]
    assert kind == TYPE_NAMES[hint], f"{field.name}: type {kind}, code says {hint.__name__}"
    assert env == f"`{ENV_PREFIX}{field.name.upper()}`"
    value = field.default
    if value == "":
        assert default.startswith("empty"), f"{field.name}: default {default!r}, code says empty"
    else:
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        assert default.startswith(f"`{shown}`"), f"{field.name}: {default!r}, code says {shown!r}"


def load_cli_help_script():
    path = DOCS / "cli_help.py"
    spec = importlib.util.spec_from_file_location("maildigest_docs_cli_help", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_cli_reference_holds_the_current_help() -> None:
    script = load_cli_help_script()
    page = script.PAGE.read_text("utf-8")
    assert script.updated(page) == page, "run `python docs/cli_help.py` and commit the page"
    assert "### `maildigest build --help`" in page and "### `maildigest send --help`" in page


def nav_pages() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    nav = text[text.index("\nnav:\n") :]
    return re.findall(r"^\s+- (?:[^:\n]+: )?(\S+\.md)\s*$", nav, re.MULTILINE)


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    listed = nav_pages()
    pages = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))
    assert sorted(listed) == pages
    assert len(listed) == len(set(listed))


def test_nav_has_the_sections_a_reader_looks_for() -> None:
    listed = nav_pages()
    for page in ("index.md", "getting-started.md", "development.md", "dependencies.md"):
        assert page in listed
    assert "reference/configuration.md" in listed and "reference/cli.md" in listed
    assert "reference/api.md" in listed
    assert sum(p.startswith("guides/") for p in listed) >= 8


def test_the_api_reference_is_generated_from_the_package() -> None:
    text = (DOCS / "reference" / "api.md").read_text("utf-8")
    assert re.search(r"^::: maildigest", text, re.MULTILINE)


def test_site_output_is_not_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    assert "site/" in ignored or "/site/" in ignored


def page_paths(page: Path) -> list[str]:
    return re.findall(r"(?<!!)\[[^\]]*\]\(([^)\s#]+\.md)(?:#[^)]*)?\)", page.read_text("utf-8"))


def test_docs_links_between_pages_resolve() -> None:
    """mkdocs --strict checks this too; this keeps it checked where MkDocs is not installed."""
    broken = [
        f"{page.relative_to(ROOT)} -> {target}"
        for page in DOCS.rglob("*.md")
        for target in page_paths(page)
        if not re.match(r"[a-z]+:", target) and not (page.parent / target).resolve().is_file()
    ]
    assert not broken, broken
