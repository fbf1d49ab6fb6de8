"""Work skipped for speed must not change results: ftfy is only imported for
text it could change, ``build``'s email-safety gate never loads the Can I
email data yet fails exactly where the full check fails, commands that render
nothing never import the inliner, and the inliner leaves premailer unpatched while
sparing cssutils the @media blocks."""

from __future__ import annotations

import random
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from maildigest.check import check_html, require_email_safe
from maildigest.clean import repair
from maildigest.clean.repair import needs_ftfy, repair_text
from maildigest.errors import RenderError

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = (
    "café déjà vu — “quoted” ‘x’ … à la carte",
    "Привет, мир! Это тест в г. Москве.",
    "Γειά σου Κόσμε",
    "Zażółć gęślą jaźń",
    "日本語のテキスト",
    "emoji 😀 test",
    "İstanbul'da güzel bir gün",
    "½ price: £5, €10, ©2024 ™ ®",
)


def forced(text: str, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(repair, "needs_ftfy", lambda _text: True)
        return repair_text(text)


@pytest.mark.parametrize("encoding", repair._MOJIBAKE_ENCODINGS)
def test_mojibake_in_every_encoding_ftfy_knows_is_sent_to_ftfy(encoding: str) -> None:
    for sample in SAMPLES:
        damaged = sample.encode("utf-8").decode(encoding, errors="replace")
        if damaged != sample:
            assert needs_ftfy(unicodedata.normalize("NFC", damaged)), (encoding, damaged)


@pytest.mark.parametrize(
    "text",
    ["o\ufb03ce", "ＦＵＬＬ width", "red \x1b[31malert\x1b[0m", "line\u2028break", "a\x0bb", "Ã?"],
)
def test_what_ftfy_fixes_besides_mojibake_is_sent_to_ftfy(text: str) -> None:
    assert needs_ftfy(text)


def test_plain_and_ordinary_unicode_text_skips_ftfy() -> None:
    """Most articles: ASCII, typographic punctuation, accents, other scripts. (Some
    clean text still goes to ftfy: Russian "в " and Polish "ół" look like mojibake.)"""
    ordinary = ("Plain ASCII text.", "It’s here — “quoted” … naïve café", SAMPLES[0], SAMPLES[2])
    for text in (*ordinary, *SAMPLES[4:]):
        assert not needs_ftfy(text), text


def test_gate_never_changes_the_repaired_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random strings mixing ASCII, controls, Latin, Greek, Cyrillic, punctuation
    and box drawing: wherever the gate skips ftfy, ftfy would have changed nothing."""
    pool = [
        chr(c)
        for c in (
            *range(0x00, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x3FF), *range(0x400, 0x4FF),
            *range(0x2010, 0x2030), 0x20AC, 0x2122, 0x221A, 0x2248, 0x2500, 0x251C, 0x2588,
            0xFEFF, 0xFFFD, 0x206B, 0x1F600,
        )
    ]  # fmt: skip
    rng = random.Random(11)
    skipped = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 10)))
        if needs_ftfy(unicodedata.normalize("NFC", text).removeprefix("\ufeff")):
            continue
        skipped += 1
        assert repair_text(text) == forced(text, monkeypatch), repr(text)
    assert skipped > 5_000


def test_building_plain_text_imports_no_ftfy_and_loads_no_client_data(tmp_path: Path) -> None:
    code = (
        "import sys, maildigest, maildigest.check as check\n"
        f"maildigest.build([{str(ROOT / 'seeds' / 'xiaomi-14-leica.txt')!r}], out_dir={str(tmp_path)!r})\n"
        "print('ftfy' in sys.modules, check._caniemail.cache_info().currsize)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert result.stdout.split() == ["False", "0"]
    assert (tmp_path / "newsletter.html").is_file()


GOOD = """<!DOCTYPE html><html lang="en"><head><title>Hi</title>
<meta name="viewport" content="width=device-width"><meta name="color-scheme" content="light dark">
<style>.box {{ padding: 8px; }} @media (max-width: 480px) {{ .box {{ padding: 4px{important}; }} }}</style>
</head><body><table role="presentation"><tr><td class="box" style="padding: 8px">{body}
<a href="https://example.com/unsubscribe">Unsubscribe</a></td></tr></table></body></html>"""


@pytest.mark.parametrize(
    "page",
    [
        GOOD.format(important=" !important", body="<p>Hello</p>"),
        GOOD.format(important="", body="<p>Hello</p>"),
        GOOD.format(important=" !important", body='<script>x()</script><img src="a.png">'),
        GOOD.format(important=" !important", body='<a href="/relative">x</a><p onclick="x">'),
    ],
)
def test_gate_fails_exactly_where_the_full_check_fails(page: str) -> None:
    full, gate = check_html(page), check_html(page, scores=False)
    assert gate.failures == full.failures
    assert gate.clients == () and len(full.clients) > 0
    if full.ok:
        assert require_email_safe(page).ok
    else:
        with pytest.raises(RenderError, match=full.failures[0].rule):
            require_email_safe(page)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty compiled-template cache; returns its folder."""
    from maildigest.templates import environment

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    environment.cache_clear()
    yield tmp_path / "cache" / "maildigest" / "templates"
    environment.cache_clear()


def render_user_template(folder: Path, source: str) -> str:
    from maildigest.templates import environment, render_template

    folder.mkdir(exist_ok=True)
    (folder / "newsletter.txt.j2").write_text(source, "utf-8")
    environment.cache_clear()  # a new run
    return render_template("newsletter.txt.j2", str(folder), reader="Ada")


def test_compiled_templates_are_reused_and_never_stale(cache_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    assert render_user_template(folder, "Hello {{ reader }}\n") == "Hello Ada\n"
    entries = sorted(cache_home.iterdir())
    assert entries and oct(cache_home.stat().st_mode & 0o777) == "0o700"
    assert render_user_template(folder, "Bye {{ reader }}\n") == "Bye Ada\n"
    for entry in cache_home.iterdir():  # damaged entries are misses, not errors
        entry.write_bytes(b"\x00garbage")
    assert render_user_template(folder, "Bye {{ reader }}\n") == "Bye Ada\n"


def test_unusable_cache_folders_only_cost_time(cache_home: Path, tmp_path: Path) -> None:
    from maildigest.templates import bytecode_cache

    cache_home.mkdir(parents=True)
    cache_home.chmod(0o777)
    assert bytecode_cache() is None  # others could plant code in it
    cache_home.rmdir()
    cache_home.write_text("not a folder")
    assert bytecode_cache() is None
    assert render_user_template(tmp_path / "mine", "Hi {{ reader }}\n") == "Hi Ada\n"


def test_commands_that_render_nothing_import_no_inliner(seed: Path) -> None:
    """``--help``, ``clean`` and ``summarize`` never load premailer, cssutils or mjml."""
    heavy = ("premailer", "cssutils", "mjml", "css_inline")
    for argv in (["--help"], ["clean", str(seed)], ["summarize", str(seed)]):
        code = (
            "import sys\n"
            "from maildigest.cli import app\n"
            f"try:\n    app({argv!r}, prog_name='maildigest')\n"
            "except SystemExit:\n    pass\n"
            f"print([n for n in {heavy!r} if n in sys.modules], file=sys.stderr)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.stderr.strip().splitlines()[-1] == "[]", (argv, done.stderr)


PREMAILER_MODULES = ("premailer", "premailer.premailer", "premailer.merge_style")


def premailer_functions() -> dict[str, object]:
    """Every module-level name of premailer's modules (a patch would replace one)."""
    import importlib

    return {
        f"{module}.{name}": value
        for module in PREMAILER_MODULES
        for name, value in vars(importlib.import_module(module)).items()
    }


def test_inlining_leaves_premailer_as_its_authors_wrote_it() -> None:
    import premailer

    from maildigest.inline import inline_css

    before = premailer_functions()
    page = GOOD.format(important=" !important", body="<p>Hi</p>")
    inline_css(page)
    assert premailer_functions() == before
    assert premailer.Premailer(keep_style_tags=True).transform(page).count("padding:8px") == 1


def test_cssutils_never_parses_media_blocks_and_they_stay_as_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """@media rules are never inlined: premailer is only handed the plain rules."""
    import cssutils

    from maildigest.inline import inline_css

    page = """<!doctype html><html lang="en"><head><style>
.a { color: #111111; padding: 4px; }
@media (max-width: 480px) { .a { padding: 2px !important; } .b { margin: 0 !important; } }
@media (prefers-color-scheme: dark) { .a { content: "}"; color: #eeeeee !important; } }
.b { margin: 8px; }
</style><style media="print">.a { width: 1px; }</style>
</head><body><p class="a" style="font-size: 14px">A</p><p class="b">B</p></body></html>"""
    parsed: list[str] = []
    original = cssutils.parseString
    with monkeypatch.context() as patch:
        patch.setattr(
            cssutils, "parseString", lambda text, **kw: parsed.append(text) or original(text, **kw)
        )
        result = inline_css(page)
    assert parsed and not any("@media" in text for text in parsed)
    assert result.startswith("<!DOCTYPE html>\n<html")  # premailer alone drops a lowercase one
    assert "@media (max-width: 480px) { .a { padding: 2px !important; }" in result
    assert '<p class="a" style="color:#111; padding:4px; font-size:14px">' in result
    assert '<p class="b" style="margin:8px">' in result  # the print sheet is not inlined
    assert 'content: "}"' in result and "data-premailer" not in result


def test_stylesheet_links_and_imports_are_removed_other_css_kept() -> None:
    from maildigest.inline import inline_css

    page = GOOD.format(important=" !important", body="<p>Hi</p>").replace(
        "<style>",
        '<link rel="Stylesheet" href="https://example.com/a.css">'
        '<link rel="icon" href="https://example.com/i.png">'
        "<style>@import url(https://example.com/b.css);\n@IMPORT 'c.css';\n",
    )
    result = inline_css(page)
    assert "a.css" not in result and "b.css" not in result and "c.css" not in result
    assert 'rel="icon"' in result
    assert "@media (max-width: 480px) { .box { padding: 4px !important; } }" in result


def test_css_inline_is_an_opt_in_inliner_whose_output_passes_the_check() -> None:
    pytest.importorskip("css_inline")
    import maildigest
    from maildigest.config import Settings

    seed = ROOT / "seeds" / "xiaomi-14-leica.txt"
    fast = maildigest.build([seed], settings=Settings(inliner="css-inline")).newsletter
    default = maildigest.build([seed], settings=Settings()).newsletter
    assert check_html(fast.html).ok
    assert fast.html != default.html and fast.text == default.text
    assert "prefers-color-scheme: dark" in fast.html  # @media stays in <style>


def test_unknown_or_missing_inliner_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from maildigest.errors import ConfigError
    from maildigest.inline import inline_css

    page = GOOD.format(important=" !important", body="<p>Hi</p>")
    with pytest.raises(ConfigError, match="premailer, css-inline"):
        inline_css(page, inliner="fastest")
    monkeypatch.setitem(sys.modules, "css_inline", None)  # as if not installed
    with pytest.raises(ConfigError, match="pip install css-inline"):
        inline_css(page, inliner="css-inline")
