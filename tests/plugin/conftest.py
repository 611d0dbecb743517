"""Real ``mkdocs build`` runs of the fixture course, copied into a temporary folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    root: Path
    returncode: int
    log: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def copy_course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE, root)
    return root


def build(root: Path, *args: str) -> Build:
    result = subprocess.run([*MKDOCS, "build", *args], cwd=root, capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}, check=False)
    return Build(root, result.returncode, result.stdout + result.stderr)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return copy_course(tmp_path)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture course built once with --strict, shared by the read-only tests."""
    result = build(copy_course(tmp_path_factory.mktemp("built")), "--strict")
    assert result.returncode == 0, result.log
    return result
