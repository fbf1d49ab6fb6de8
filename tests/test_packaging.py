"""Templates and data must be found from an editable install and from a wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from maildigest.templates import HTML_TEMPLATE, default_template_dir

ROOT = Path(__file__).resolve().parents[1]


def test_editable_install_reads_the_source_tree_templates() -> None:
    assert default_template_dir() == ROOT / "templates"


def test_wheel_ships_templates_and_caniemail_data_with_licence(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert f"maildigest/templates/{HTML_TEMPLATE}" in names
    assert "maildigest/templates/newsletter.txt.j2" in names
    assert "maildigest/data/caniemail.json" in names
    assert "maildigest/data/CANIEMAIL-LICENSE.txt" in names


def test_wheel_install_builds_from_another_folder(
    wheel_site: Path, tmp_path: Path, seed: Path
) -> None:
    target = wheel_site
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import maildigest, sys\n"
        "from maildigest.templates import default_template_dir\n"
        "print(maildigest.__file__)\n"
        "print(default_template_dir())\n"
        f"maildigest.build([{str(seed)!r}], out_dir='out')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr
    module_file, template_dir = completed.stdout.splitlines()[:2]
    assert module_file.startswith(str(target))
    assert template_dir == str(target / "maildigest" / "templates")
    assert (elsewhere / "out" / "newsletter.html").stat().st_size > 1000
