"""The project's addresses and install instructions agree everywhere a teacher reads them (no build needed)."""

from __future__ import annotations

import re
from pathlib import Path

from annotated_lessons.cli.starting import init
from annotated_lessons.project import DOCUMENTATION, REPOSITORY

REPO = Path(__file__).resolve().parents[2]


def _urls() -> dict[str, str]:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    block = text[text.index("[project.urls]"):].split("\n\n", 1)[0]
    return dict(re.findall(r'^(\w+) = "([^"]+)"$', block, re.M))


def test_the_package_metadata_uses_the_projects_addresses():
    urls = _urls()
    assert urls["Homepage"] == urls["Source"] == REPOSITORY
    assert urls["Documentation"] == DOCUMENTATION
    assert urls["Issues"].startswith(REPOSITORY + "/")


def test_the_install_instructions_name_the_package_and_the_repository():
    for name in ("README.md", "docs/teachers.md"):
        text = (REPO / name).read_text(encoding="utf-8")
        assert "pip install mkdocs-annotated-lessons" in text, name
        assert f'"mkdocs-annotated-lessons @ git+{REPOSITORY}"' in text, name
        assert "lessons init my-course" in text and "mkdocs serve" in text, name
    teachers = (REPO / "docs" / "teachers.md").read_text(encoding="utf-8")
    assert "pip install ./mkdocs_annotated_lessons-*.whl" in teachers
    assert "Source: GitHub Actions" in teachers  # the one-time Pages setting
    options = {opt for param in init.params for opt in getattr(param, "opts", []) if opt.startswith("--")}
    assert {"--github", "--pre-commit", "--force", "--name"} <= options
    assert all(option in teachers for option in options), options


def test_the_readme_still_starts_with_make_serve_and_make_test():
    head = (REPO / "README.md").read_text(encoding="utf-8")[:400]
    assert head.index("make serve") < head.index("make test")
