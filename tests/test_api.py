"""The importable library: the same jobs as the CLI, as functions, listed once in ``__all__``."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import maildigest
from maildigest.models import Article, Summary


def test_clean_and_summarize_any_source(seed: Path) -> None:
    article = maildigest.clean_article(seed)
    assert isinstance(article, Article)
    assert article.title.startswith("Leica collaboration confirmed")
    assert maildigest.clean_article(article) is article
    from_article = maildigest.summarize_article(article, bullets=2)
    from_path = maildigest.summarize_article(seed, bullets=2)
    assert isinstance(from_article, Summary) and len(from_article.bullets) == 2
    assert from_article == from_path
    assert all(b.text for b in from_article.bullets)


def test_every_public_name_resolves_and_none_is_a_sub_package() -> None:
    for name in maildigest.__all__:
        assert getattr(maildigest, name) is not None, name
        assert importlib.util.find_spec(f"maildigest.{name}") is None, name
    assert set(maildigest.__all__) <= set(dir(maildigest))


def test_importing_a_stage_package_changes_no_public_name() -> None:
    """The stage packages share a prefix with the functions, never their names."""
    code = (
        "import maildigest\n"
        "before = {name: getattr(maildigest, name) for name in maildigest.__all__}\n"
        "import maildigest.clean, maildigest.summarize, maildigest.sources, maildigest.send\n"
        "after = {name: getattr(maildigest, name) for name in maildigest.__all__}\n"
        "changed = [name for name in before if before[name] is not after[name]]\n"
        "print(changed, callable(maildigest.clean_article), type(maildigest.clean).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[0] == "[] True module"


def test_import_is_lazy() -> None:
    """``import maildigest`` loads no stage: start-up stays fast for the CLI and for users."""
    code = (
        "import sys, maildigest\n"
        "heavy = ('premailer', 'cssutils', 'mjml', 'trafilatura', 'jinja2', 'maildigest.pipeline')\n"
        "print([name for name in heavy if name in sys.modules])\n"
        "maildigest.Article\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[]", "[]"]


def test_the_errors_are_one_tree() -> None:
    for name in maildigest.__all__:
        value = getattr(maildigest, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, maildigest.MaildigestError), name


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        maildigest.no_such_thing  # noqa: B018


def test_the_tree_drawn_in_errors_docstring_is_the_real_one() -> None:
    """Each drawn class's parent is the nearest less-indented line above; codes match."""
    import re

    from maildigest import errors

    tree = (errors.__doc__ or "").split("::\n\n", 1)[1].split("\n\n", 1)[0]
    drawn = tree.splitlines()
    stack: list[tuple[int, type]] = []
    seen = set()
    for line in drawn:
        match = re.search(r"(\w+Error)(?: \((\d+)\))?$", line)
        assert match, line
        depth, cls = match.start(1), getattr(errors, match[1])
        while stack and stack[-1][0] >= depth:
            stack.pop()
        assert cls.__bases__ == ((stack[-1][1],) if stack else (Exception,)), line
        if match[2]:
            assert cls.exit_code == int(match[2]), line
        stack.append((depth, cls))
        seen.add(cls)
    defined = {v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)}
    assert seen == defined
