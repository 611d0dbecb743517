"""The Markdown extension alone, under Zensical (Material's successor): no MkDocs plugin involved."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"

CONFIG = """\
site_name: A course built by Zensical
docs_dir: docs
extra_css: [assets/annotated-lessons/lessons.css]
extra_javascript: [assets/annotated-lessons/lessons.js]
markdown_extensions:
  - annotated_lessons.extension:
      course_dir: .
"""


def test_a_page_embeds_a_lesson_when_zensical_builds_it(tmp_path: Path):
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent))
    if zensical is None:
        pytest.skip("Zensical is not installed here (pip install zensical)")
    root = tmp_path / "course"
    for name in ("lessons", "seeds"):
        shutil.copytree(FIXTURE / name, root / name)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        "# Home\n\n[lesson: insider-access]\n\n## One passage\n\n[lesson: insider-access#alarmist]\n", encoding="utf-8")
    from annotated_lessons.cli.main import main

    assert main(["assets", str(root / "docs" / "assets" / "annotated-lessons")]) == 0
    result = subprocess.run([zensical, "build"], cwd=root, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-lesson="insider-access"' in page
    assert page.count('class="al-hl"') >= 6 and 'data-annotations="alarmist"' in page
    assert 'class="al-note-list"' in page and "Claimed insider access" in page
    assert 'class="al-excerpt' in page  # the single-annotation embed
    assert "[lesson:" not in page
    assert "assets/annotated-lessons/lessons.js" in page
    assert (root / "site" / "assets" / "annotated-lessons" / "lessons.css").is_file()
