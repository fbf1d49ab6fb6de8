"""The preview's parts on their own: scheme forcing, the file watcher, page state, inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from maildigest.errors import ConfigError, InputError
from maildigest.preview import Project, exposure_warning
from maildigest.preview.page import PageState
from maildigest.preview.scheme import force_color_scheme
from maildigest.preview.watch import changed, snapshot

EMAIL = """<!DOCTYPE html><html><head>
<style>
  .a { color: #111; }
  @media (prefers-color-scheme: dark) { .a { color: #eee !important; } }
  @media screen and (PREFERS-COLOR-SCHEME:light) { .b { color: #000; } }
  @media only screen and (min-width:480px) { .c { width: 100%; } }
</style>
</head><body>
<picture><source srcset="dark.png" media="(prefers-color-scheme: dark)"><img src="light.png" alt="logo"></picture>
<p>Text that mentions @media (prefers-color-scheme: dark) stays as written.</p>
</body></html>"""


def test_dark_variant_makes_dark_rules_unconditional_and_light_ones_dead() -> None:
    dark = force_color_scheme(EMAIL, "dark")
    assert "@media (min-width: 0px) { .a { color: #eee !important; } }" in dark
    assert "@media screen and (max-width: 0px) { .b" in dark
    assert "@media only screen and (min-width:480px) { .c" in dark  # other queries untouched
    assert 'media="(min-width: 0px)"' in dark  # the dark logo is picked
    assert "<p>Text that mentions @media (prefers-color-scheme: dark) stays as written.</p>" in dark
    assert dark.index("color-scheme: dark !important") < dark.index("</head>")


def test_light_variant_is_the_mirror_image() -> None:
    light = force_color_scheme(EMAIL, "light")
    assert "@media (max-width: 0px) { .a" in light
    assert "@media screen and (min-width: 0px) { .b" in light
    assert 'media="(max-width: 0px)"' in light
    assert "color-scheme: light !important" in light


def test_scheme_pin_is_added_even_without_a_head() -> None:
    assert force_color_scheme("<p>hi</p>", "dark").startswith(
        "<html><head><style>:root { color-scheme: dark !important; }</style></head>"
    )


def test_nested_and_commented_conditions_and_css_text_as_written() -> None:
    page = (
        "<!doctype html><html><head><style>.q { content: '}'; }\n"
        "@media screen and ((prefers-color-scheme: /* x */ dark)) { .a { color: #eee; } }"
        "</style></head><body><p>(prefers-color-scheme: dark)</p></body></html>"
    )
    dark = force_color_scheme(page, "dark")
    assert dark.startswith("<!DOCTYPE html>")
    assert "@media screen and ((min-width: 0px)) { .a { color: #eee; } }" in dark
    assert "<p>(prefers-color-scheme: dark)</p>" in dark


def test_watcher_sees_edits_additions_and_removals(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    (folder / "partials").mkdir(parents=True)
    one = folder / "partials" / "one.j2"
    one.write_text("1")
    single = tmp_path / "article.txt"
    single.write_text("a")
    missing = tmp_path / "maildigest.toml"
    roots = [single, folder, missing]
    before = snapshot(roots)
    assert changed(before, snapshot(roots)) == []

    (folder / ".one.j2.swp").write_text("editor noise")
    (folder / "one.j2~").write_text("backup")
    assert changed(before, snapshot(roots)) == []

    one.write_text("22")  # the size changes even if the clock tick does not
    missing.write_text("bullets = 4\n")
    (folder / "two.j2").write_text("2")
    single.unlink()
    assert changed(before, snapshot(roots)) == sorted(
        str(p) for p in (one, missing, folder / "two.j2", single)
    )


def test_watcher_sees_a_same_size_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("aaaa")
    before = snapshot([path])
    path.write_text("bbbb")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert changed(before, snapshot([path])) == [str(path)]


def test_page_state_from_query_and_links() -> None:
    state = PageState.from_query({"width": ["375"], "scheme": ["dark"], "view": ["text"]})
    assert state == PageState(width="375", scheme="dark", view="text")
    assert state.link(width="600") == "/preview?width=600&scheme=dark&view=text"
    assert PageState.from_query({"width": ["1e9"], "scheme": ["<x>"]}) == PageState()


def test_exposure_warning_only_off_loopback() -> None:
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        assert exposure_warning(host) is None
    for host in ("0.0.0.0", "::", "192.168.1.20"):
        warning = exposure_warning(host)
        assert warning is not None and host in warning and "127.0.0.1" in warning


def test_project_refuses_stdin_missing_inputs_and_bad_settings(tmp_path: Path, seed: Path) -> None:
    with pytest.raises(InputError, match="stdin"):
        Project(["-"], cwd=tmp_path)
    with pytest.raises(InputError, match=r"not found: .*nope\.txt"):
        Project([str(seed), str(tmp_path / "nope.txt")], cwd=tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text("bullets = 'many'\n")
    with pytest.raises(ConfigError, match="bullets"):
        Project([str(seed)], config=bad, cwd=tmp_path)


def test_project_watches_inputs_settings_and_both_template_folders(
    tmp_path: Path, seed: Path
) -> None:
    from maildigest.templates import default_template_dir

    templates = tmp_path / "mine"
    templates.mkdir()
    project = Project([str(seed)], overrides={"template_dir": str(templates)}, cwd=tmp_path)
    watched = project.watched()
    assert watched[0] == seed
    assert tmp_path / "maildigest.toml" in watched  # not there yet: creating it counts
    assert templates in watched and default_template_dir() in watched


def test_a_failed_build_carries_the_error_instead_of_raising(tmp_path: Path) -> None:
    article = tmp_path / "empty.txt"
    article.write_text("")
    messages: list[str] = []
    build = Project([str(article)], cwd=tmp_path).build(messages.append)
    assert build.newsletter is None and build.error and "empty" in build.error
    assert messages == [f"maildigest: error: {build.error}"]
