"""Shared fixtures: paths to the project's seed and to ../shared material."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "xiaomi-14-leica.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed() -> Path:
    return SEED


@pytest.fixture
def shared() -> Path:
    """../shared beside the project; tests that need it skip clearly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project (needed for scorers and datasets)")
    return SHARED


@pytest.fixture
def messy_lines(shared: Path) -> list[str]:
    """Every non-blank line of the messy-dev inputs, as written."""
    return [
        line
        for path in sorted((shared / "data" / "messy-dev").glob("dev-*/input.txt"))
        for line in path.read_text("utf-8", errors="replace").splitlines()
        if line.strip()
    ]


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True, capture_output=True)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel, offline (hatchling comes with the test extra)."""
    dist = tmp_path_factory.mktemp("dist")
    _pip("wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT))
    (built,) = dist.glob("maildigest-*.whl")
    return built


@pytest.fixture(scope="session")
def wheel_site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed (not editable) into a folder: put it on PYTHONPATH to use it."""
    target = tmp_path_factory.mktemp("site")
    _pip("install", "--no-deps", "-q", "--target", str(target), str(wheel))
    return target


@pytest.fixture(scope="session")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, Path]]:
    """Make a self-signed certificate with the openssl CLI: ``self_signed("DNS:localhost,
    IP:127.0.0.1")`` -> (cert.pem, key.pem), the first name as its subject."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")

    def make(names: str) -> tuple[Path, Path]:
        folder = tmp_path_factory.mktemp("tls")
        cert, key = folder / "cert.pem", folder / "key.pem"
        subject = names.split(",")[0].partition(":")[2]
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2",
             "-subj", f"/CN={subject}", "-addext", f"subjectAltName={names}"],
            check=True,
            capture_output=True,
        )  # fmt: skip
        return cert, key

    return make
