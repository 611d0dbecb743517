"""``lessons offline``: what it refuses, and a failed build that leaves no zip (the browser test opens a good one)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from annotated_lessons.cli.main import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "course"


def _course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE, root)
    return root


def test_writes_a_zip_of_html_files_and_refuses_to_replace_it(tmp_path: Path, capsys):
    root, output = _course(tmp_path), tmp_path / "out.zip"
    assert main(["offline", str(root), "-o", str(output)]) == 0
    with zipfile.ZipFile(output) as archive:
        names = set(archive.namelist())
        assert {"out/index.html", "out/lessons/index.html", "out/lessons/insider-access.html",
                "out/search/search_index.js"} <= names  # the offline plugin was added: search inlined
        assert not any(name.endswith("/index.html") and name.count("/") > 2 and "insider-access/" in name
                       for name in names)  # no directory URLs
    before = output.read_bytes()
    assert main(["offline", str(root), "-o", str(output)]) == 1
    assert "pass --force" in capsys.readouterr().err
    assert output.read_bytes() == before
    assert main(["offline", str(root), "-o", str(output), "--force"]) == 0


def test_a_folder_without_mkdocs_yml_is_a_usage_error(tmp_path: Path, capsys):
    assert main(["offline", str(tmp_path), "-o", str(tmp_path / "x.zip")]) == 2
    assert "no mkdocs.yml" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()


def test_a_strict_build_with_a_warning_fails_and_writes_nothing(tmp_path: Path, capsys):
    root = _course(tmp_path)
    (root / "docs" / "broken.md").write_text("# Broken\n\n[lesson: no-such-lesson]\n", encoding="utf-8")
    output = tmp_path / "out.zip"
    assert main(["offline", str(root), "-o", str(output), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "broken embed [lesson: no-such-lesson]" in err and "the site was not built" in err
    assert not output.exists()
    assert list(tmp_path.glob(".offline-*")) == []
