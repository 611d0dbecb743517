"""The fixture course with a changed mkdocs.yml, for builds with other hosts' settings and plugins."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .conftest import Build, build, copy_course

UNITS = ("units:\n  - title: Start here\n    lessons: [unit-1/odd-characters]\n"
         "  - title: Then\n    lessons: [insider-access]\n")


def course_with(tmp_path: Path, change: Callable[[dict[str, Any]], None], order: str | None = None) -> Path:
    """A copy of the fixture course whose mkdocs.yml ``change`` edits (a dict), with ``order`` as course.yml."""
    root = copy_course(tmp_path)
    config_file = root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    change(config)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    if order is not None:
        (root / "lessons" / "course.yml").write_text(order, encoding="utf-8")
    return root


def strict_build(root: Path) -> Build:
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    assert not re.search(r"^WARNING +-", result.log, re.MULTILINE), result.log
    return result


def sidebar_links(html: str) -> list[str]:
    """The hrefs of the primary sidebar's links, in page order."""
    start = html.index('class="md-nav md-nav--primary"')
    end = html.index("</nav>", html.rindex('class="md-nav', start, html.index('class="md-content"')))
    return re.findall(r'<a href="([^"]+)"[^>]*class="md-nav__link', html[start:end])


def plugin_index(config: dict[str, Any]) -> int:
    return next(i for i, p in enumerate(config["plugins"]) if p == "annotated-lessons" or
                (isinstance(p, dict) and "annotated-lessons" in p))


def content(html: str) -> str:
    """The page's content, without the theme's header and sidebars."""
    return html[html.index('class="md-content"'):]
