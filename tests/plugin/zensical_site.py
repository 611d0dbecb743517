"""The fixture course built by Zensical with the stubs of ``lessons stubs``: no MkDocs plugin involved."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"
CONFIG = """\
site_name: A course built by Zensical
docs_dir: docs
theme:
  font: false
extra_css: [assets/annotated-lessons/lessons.css, assets/annotated-lessons/practice.css]
extra_javascript: [assets/annotated-lessons/lessons.js, assets/annotated-lessons/practice.js]
markdown_extensions:
  - annotated_lessons.extension:
      course_dir: .
"""


def zensical() -> str:
    found = shutil.which("zensical", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("Zensical is not installed here (pip install zensical)")
    return found


def build_with_stubs(tmp_path: Path) -> Path:
    """The course with its stubs and assets, built by Zensical; returns the site folder."""
    command = zensical()
    root = tmp_path / "course"
    for name in ("lessons", "seeds", "docs"):
        shutil.copytree(FIXTURE / name, root / name)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    from annotated_lessons.cli.main import main

    assert main(["stubs", str(root)]) == 0
    assert main(["assets", str(root / "docs" / "assets" / "annotated-lessons")]) == 0
    result = subprocess.run([command, "build", "--clean"], cwd=root, capture_output=True, text=True, check=False,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value for name, value in attrs if name in ("href", "src") and value]


def broken_links(site: Path) -> list[tuple[str, str]]:
    """Every relative link of every page (but the 404 page, whose links start at the server's root) to no file."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html" and page.parent == site:
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            if re.match(r"^([a-z][a-z0-9+.-]*:|#|//)", link):
                continue
            target = link.split("#")[0].split("?")[0]
            if not target:
                continue
            path = page.parent / target
            if target.endswith("/") or path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append((page.relative_to(site).as_posix(), link))
    return broken
