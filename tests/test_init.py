"""`maildigest init` and the command line a newcomer meets first.

A scaffolded project must build at once (from a wheel install too), never
clobber existing work, and keep its commented settings file in step with
``Settings``; the global options, colours and help examples are checked here.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import typer
from typer.testing import CliRunner

from maildigest.cli import app
from maildigest.config import CONFIG_FILE, Settings, load_settings
from maildigest.scaffold import CONFIG_TEXT, SAMPLE_ARTICLE, init_project
from maildigest.templates import default_template_dir

runner = CliRunner()
SEED_TITLE = "Leica collaboration confirmed: Xiaomi 14 series hits the stage in October"


def run(*args: str, env: dict[str, str] | None = None, color: bool = False):
    return runner.invoke(app, list(args), env=env, color=color)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A freshly initialised project as the current folder, with no MAILDIGEST_* leaking in."""
    for key in list(os.environ):
        if key.startswith("MAILDIGEST_"):
            monkeypatch.delenv(key)
    folder = tmp_path / "news"
    result = run("init", str(folder))
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(folder)
    return folder


def digest(out: Path) -> dict:
    return json.loads((out / "digest.json").read_text("utf-8"))


def test_init_writes_config_templates_and_sample(project: Path, seed: Path) -> None:
    templates = default_template_dir()
    ours = sorted(p.relative_to(templates) for p in templates.rglob("*.j2"))
    copied = sorted(
        p.relative_to(project / "templates") for p in (project / "templates").rglob("*")
    )
    assert [p for p in copied if p.suffix == ".j2"] == ours
    for relative in ours:
        assert (project / "templates" / relative).read_bytes() == (
            templates / relative
        ).read_bytes()
    assert (project / SAMPLE_ARTICLE).read_bytes() == seed.read_bytes()
    settings = load_settings(cwd=project, env={})
    assert settings.template_dir == str(project / "templates")
    assert settings.brand_name == "My Newsletter"
    smtp = urlsplit(settings.smtp_url)
    assert smtp.scheme == "smtp" and smtp.username and smtp.password is None


def test_scaffolded_config_documents_every_setting(tmp_path: Path) -> None:
    """Each Settings key is in the file, set or commented out; uncommented it still loads."""
    uncommented = re.sub(r"(?m)^# (\w+ = )", r"\1", CONFIG_TEXT)
    every = tomllib.loads(uncommented)
    names = {f.name for f in dataclasses.fields(Settings)}
    assert set(every) == names, f"undocumented: {names - set(every)}, unknown: {set(every) - names}"
    path = tmp_path / CONFIG_FILE
    path.write_text(uncommented, "utf-8")
    loaded = load_settings(path, env={})  # the real validator: key names and types
    commented_out = set(every) - set(tomllib.loads(CONFIG_TEXT))
    for key in commented_out - {"template_dir"}:
        assert getattr(loaded, key) == getattr(Settings(), key), (
            f"{key}: shown value is not the default"
        )


def test_init_then_build_uses_the_project_settings_and_templates(project: Path) -> None:
    footer = project / "templates" / "partials" / "footer.mjml.j2"
    footer.write_text(footer.read_text("utf-8") + "<!-- edited by the newcomer -->\n", "utf-8")
    marker = "Your own words in the footer"
    footer.write_text(
        footer.read_text("utf-8").replace(
            "</mj-column>", f"<mj-text>{marker}</mj-text></mj-column>", 1
        ),
        "utf-8",
    )
    result = run("build", SAMPLE_ARTICLE)
    assert result.exit_code == 0, result.output
    assert digest(project / "out")["subject"] == f"My Newsletter: {SEED_TITLE}"
    html = (project / "out" / "newsletter.html").read_text("utf-8")
    assert marker in html
    assert "1 Example Street" in html
    assert "From: My Newsletter <newsletter@example.org>" in (
        project / "out" / "newsletter.eml"
    ).read_text("utf-8")


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text('brand_name = "Mine"\n', "utf-8")
    result = run("init", str(tmp_path))
    assert result.exit_code == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "already exists" in lines[0] and "--force" in lines[0]
    assert str(tmp_path / CONFIG_FILE) in lines[0]
    assert (tmp_path / CONFIG_FILE).read_text("utf-8") == 'brand_name = "Mine"\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == [CONFIG_FILE]  # nothing else written
    forced = run("init", str(tmp_path), "--force")
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / CONFIG_FILE).read_text("utf-8") == CONFIG_TEXT


def test_init_refuses_an_existing_template_copy(tmp_path: Path) -> None:
    (tmp_path / "templates" / "partials").mkdir(parents=True)
    (tmp_path / "templates" / "partials" / "footer.mjml.j2").write_text("mine", "utf-8")
    result = run("init", str(tmp_path))
    assert result.exit_code == 4
    assert "footer.mjml.j2 already exists" in result.stderr
    assert not (tmp_path / CONFIG_FILE).exists()


def test_init_into_a_file_path_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x", "utf-8")
    result = run("init", str(blocker))
    assert result.exit_code == 5, result.output
    assert result.stderr.count("\n") == 1


def test_a_folder_where_a_file_goes_stops_init_even_with_force(tmp_path: Path) -> None:
    (tmp_path / SAMPLE_ARTICLE).mkdir()
    result = run("init", str(tmp_path), "--force")
    assert result.exit_code == 5, result.output
    assert f"cannot write {tmp_path / SAMPLE_ARTICLE}" in result.stderr
    assert not (tmp_path / CONFIG_FILE).exists()


def test_init_api_returns_relative_paths(tmp_path: Path) -> None:
    scaffold = init_project(tmp_path / "p")
    assert Path(CONFIG_FILE) in scaffold.files and Path(SAMPLE_ARTICLE) in scaffold.files
    assert all(not p.is_absolute() and (tmp_path / "p" / p).is_file() for p in scaffold.files)


# --- configuration precedence, through the command line ----------------------------


def _set(project: Path, key: str, value: str) -> None:
    path = project / CONFIG_FILE
    text, count = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", path.read_text("utf-8"))
    assert count == 1, key
    path.write_text(text, "utf-8")


def test_option_beats_environment_beats_file(project: Path) -> None:
    _set(project, "bullets", "4")
    _set(project, "brand_name", '"From The File"')
    assert run("build", SAMPLE_ARTICLE, "-o", "file").exit_code == 0
    assert len(digest(project / "file")["articles"][0]["bullets"]) == 4
    assert digest(project / "file")["subject"].startswith("From The File: ")

    env = {"MAILDIGEST_BULLETS": "2", "MAILDIGEST_BRAND_NAME": "From The Env"}
    assert run("build", SAMPLE_ARTICLE, "-o", "env", env=env).exit_code == 0
    assert len(digest(project / "env")["articles"][0]["bullets"]) == 2
    assert digest(project / "env")["subject"].startswith("From The Env: ")

    result = run("build", SAMPLE_ARTICLE, "-o", "cli", "--bullets", "1", "--subject", "X", env=env)
    assert result.exit_code == 0, result.output
    assert len(digest(project / "cli")["articles"][0]["bullets"]) == 1
    assert digest(project / "cli")["subject"] == "X"


def test_explicit_config_replaces_the_folder_file(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text("bullets = 5\n", "utf-8")
    result = run("build", SAMPLE_ARTICLE, "--config", str(other))
    assert result.exit_code == 0, result.output
    built = digest(project / "out")
    assert len(built["articles"][0]["bullets"]) == 5
    assert built["subject"] == SEED_TITLE  # the folder's brand and subject pattern are not read


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ('brand_colour = "#000000"', "unknown setting 'brand_colour'"),
        ('bullets = "four"', "setting 'bullets'"),
        ("full_text = 1", "setting 'full_text'"),
        ("bullets = ", "not valid TOML"),
    ],
)
def test_bad_config_is_one_line_naming_key_and_file(
    project: Path, line: str, fragment: str
) -> None:
    path = project / CONFIG_FILE
    key = line.split(" = ")[0]
    text = re.sub(rf"(?m)^{key} = .*$", "", path.read_text("utf-8"))
    path.write_text(text + line + "\n", "utf-8")
    result = run("build", SAMPLE_ARTICLE)
    assert result.exit_code == 4, result.output
    (message,) = result.stderr.strip().splitlines()
    assert message.startswith("maildigest: error: ")
    assert fragment in message and str(path) in message
    assert not (project / "out").exists()


def test_bad_environment_value_names_the_variable_source(project: Path) -> None:
    result = run("build", SAMPLE_ARTICLE, env={"MAILDIGEST_SIZE_BUDGET": "big"})
    assert result.exit_code == 4
    assert "'size_budget' in environment" in result.stderr


# --- global options, colours and help -------------------------------------------------


def test_quiet_silences_results_and_verbose_names_settings_and_files(project: Path) -> None:
    quiet = run("--quiet", "build", SAMPLE_ARTICLE)
    assert quiet.exit_code == 0 and quiet.stdout == ""
    verbose = run("-v", "build", SAMPLE_ARTICLE)
    assert verbose.exit_code == 0
    assert f"settings file: {project / CONFIG_FILE}" in verbose.stderr
    assert "wrote out/newsletter.html" in verbose.stderr
    assert "Subject:" in verbose.stdout
    assert run("-v", "-q", "build", SAMPLE_ARTICLE).exit_code == 2


def test_errors_are_coloured_only_on_a_terminal_without_no_color(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")
    plain = run("init", str(blocker))  # CliRunner's streams are not terminals
    assert plain.exit_code == 5 and "\x1b[" not in plain.stderr
    terminal = run("init", str(blocker), color=True, env={"NO_COLOR": ""})
    assert "\x1b[31m" in terminal.stderr
    assert re.sub(r"\x1b\[[0-9;]*m", "", terminal.stderr).startswith("maildigest: error: ")
    no_color = run("init", str(blocker), color=True, env={"NO_COLOR": "1"})
    assert no_color.stderr.startswith("maildigest: error: ") and "\x1b[" not in no_color.stderr


def test_shell_completion_script_is_offered() -> None:
    result = run("--show-completion", "bash")
    assert result.exit_code == 0
    assert "_MAILDIGEST_COMPLETE" in result.stdout


def _commands() -> list[str]:
    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_help_ends_with_an_example() -> None:
    commands = _commands()
    assert {"build", "clean", "summarize", "init"} <= set(commands)
    for args in [[], *[[name] for name in commands]]:
        result = run(*args, "--help")
        assert result.exit_code == 0, args
        lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
        examples = [line for line in lines if line.startswith("Example: ")]
        assert examples, f"`maildigest {' '.join(args)} --help` has no example line"
        assert f"maildigest {' '.join(args)}".strip() + " " in examples[-1], examples[-1]


def test_wheel_install_init_then_build_from_another_folder(
    wheel_site: Path, tmp_path: Path, seed: Path
) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MAILDIGEST_") and key != "PYTHONPATH"
    }
    env["PYTHONPATH"] = str(wheel_site)
    source = subprocess.run(
        [sys.executable, "-c", "from maildigest.scaffold import *; print(sample_article_source())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert source.stdout.strip() == str(wheel_site / "maildigest" / "seeds" / seed.name)

    def maildigest(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "maildigest", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        return done

    maildigest("init", "news", cwd=tmp_path)
    project = tmp_path / "news"
    built = maildigest("build", SAMPLE_ARTICLE, cwd=project)
    assert f"Subject: My Newsletter: {SEED_TITLE}" in built.stdout
    assert (project / "out" / "newsletter.html").stat().st_size > 1000
    assert (project / "templates" / "newsletter.mjml.j2").read_bytes() == (
        wheel_site / "maildigest" / "templates" / "newsletter.mjml.j2"
    ).read_bytes()
