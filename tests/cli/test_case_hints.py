"""A wrong-case quote after letters whose case mapping changes length (Turkish İ, ß, ﬁ...).

Lower-casing "İ" gives two characters, so indices into a lower-cased article drift by
one per "İ" before the passage: the case hint was once computed there and then dropped
whenever the article held an "İ". ``lessons check``, ``lessons find`` and a non-strict
build must all give the hint, at the passage's own line and column.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotated_lessons.cli.main import main

ARTICLE = "Başlık\n\n" + "İSTANBUL İZMİR " * 40 + "\nAnkara dedi ki barış yakın. Straße und ﬁnale.\n"
COLUMN = {"ankara dedi": 1, "STRASSE": ARTICLE.split("\n")[3].index("Straße") + 1,
          "FINALE": ARTICLE.split("\n")[3].index("ﬁnale") + 1}


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    (root / "lessons").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Course\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Case\nplugins:\n  - annotated-lessons\n", encoding="utf-8")
    (root / "lessons" / "techniques.yml").write_text(
        "techniques:\n  - {id: framing, name: Framing, summary: One plain sentence.}\n", encoding="utf-8")
    (root / "seeds" / "tr.txt").write_text(ARTICLE, encoding="utf-8")
    items = "".join(f"  - quote: {q}\n    technique: framing\n    note: Wrong case.\n" for q in COLUMN)
    (root / "lessons" / "case.yml").write_text(
        f"title: Case\narticle: seeds/tr.txt\nsummary: Wrong case.\nannotations:\n{items}", encoding="utf-8")
    return root


def test_check_gives_the_case_hint_at_the_passage(course, capsys):
    assert main(["check", str(course)]) == 1
    out = capsys.readouterr().out
    assert out.count("it matches if case is ignored") == len(COLUMN)
    for quote, column in COLUMN.items():
        assert f"line 4, column {column} (" in out, (quote, out)
    assert "[Ankara dedi]" in out and "[Straße]" in out and "[ﬁnale]" in out


@pytest.mark.parametrize("quote", sorted(COLUMN))
def test_find_gives_the_case_hint_at_the_passage(course, capsys, quote):
    assert main(["find", quote, "--article", "seeds/tr.txt", "--course", str(course)]) == 1
    out = capsys.readouterr().out
    assert "it matches if case is ignored" in out and f"line 4, column {COLUMN[quote]} (" in out


@pytest.mark.slow
def test_a_non_strict_build_warns_with_the_hint_and_builds(course):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=course, capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "IndexError" not in result.stderr
    assert result.stderr.count("it matches if case is ignored") == len(COLUMN)
    assert (course / "site" / "index.html").is_file()
