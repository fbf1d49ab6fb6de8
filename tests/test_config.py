"""Settings precedence: CLI > MAILDIGEST_* environment > maildigest.toml > defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from maildigest.config import Settings, load_settings
from maildigest.errors import ConfigError


def write(folder: Path, text: str, name: str = "maildigest.toml") -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    assert load_settings(cwd=tmp_path, env={}) == Settings()


def test_file_then_environment_then_options(tmp_path: Path) -> None:
    write(tmp_path, 'bullets = 4\nbrand_name = "The Weekly"\nsender = "W <w@weekly.example>"\n')
    from_file = load_settings(cwd=tmp_path, env={})
    assert (from_file.bullets, from_file.brand_name) == (4, "The Weekly")
    from_env = load_settings(cwd=tmp_path, env={"MAILDIGEST_BULLETS": "5"})
    assert (from_env.bullets, from_env.brand_name) == (5, "The Weekly")
    from_cli = load_settings(cwd=tmp_path, env={"MAILDIGEST_BULLETS": "5"}, bullets=2, sender=None)
    assert from_cli.bullets == 2
    assert from_cli.sender == "W <w@weekly.example>"  # None means "option not given"


def test_pyproject_tool_table_is_read(tmp_path: Path) -> None:
    write(tmp_path, '[project]\nname = "x"\n[tool.maildigest]\nbullets = 2\n', "pyproject.toml")
    assert load_settings(cwd=tmp_path, env={}).bullets == 2


def test_explicit_config_path_and_relative_template_dir(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    path = write(folder, 'template_dir = "my-templates"\n')
    settings = load_settings(path, env={}, cwd=tmp_path)
    assert settings.template_dir == str(folder / "my-templates")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 'red'\n", "unknown setting 'colour'"),
        ("bullets = 'three'\n", "'bullets' in"),
        ("full_text = 1\n", "'full_text'"),
        ("bullets = [\n", "not valid TOML"),
    ],
)
def test_bad_config_names_key_and_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(cwd=tmp_path, env={})
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bad_environment_value(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'bullets' in environment"):
        load_settings(cwd=tmp_path, env={"MAILDIGEST_BULLETS": "many"})


def test_environment_booleans(tmp_path: Path) -> None:
    assert load_settings(cwd=tmp_path, env={"MAILDIGEST_FULL_TEXT": "no"}).full_text is False


def test_missing_explicit_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.toml", env={})
